// The stack's configuration as the Pulumi runtime hands it over: every value as Pulumi stores it
// (strings; arrays and objects as JSON) and which keys were set with --secret. Read once, at the
// start of a run; everything else works on this snapshot, so that planning is a pure function.
import * as pulumi from "@pulumi/pulumi";

export interface StackIdentity {
    organization: string;
    project: string;
    stack: string;
}

export interface ConfigSnapshot extends StackIdentity {
    /** The namespace of the program's keys: the project's, or the one a host program chose. */
    namespace: string;
    /** Whether a host program passes its own Kubernetes provider (the library's embedding). */
    hostProvider: boolean;
    /** Every value, keyed `<namespace>:<key>`. */
    values: Readonly<Record<string, string>>;
    /** Full keys whose values are stored encrypted. */
    secretKeys: ReadonlySet<string>;
}

/** `<organization>/<project>/<stack>`, the name other stacks use for this one. */
export function qualifiedStackName(id: StackIdentity): string {
    return `${id.organization}/${id.project}/${id.stack}`;
}

/** Reads the configuration the runtime was started with. */
export function readRuntimeConfig(options: { namespace?: string; hostProvider?: boolean } = {}): ConfigSnapshot {
    const values = pulumi.runtime.allConfig();
    // The runtime knows which keys are secret (PULUMI_CONFIG_SECRET_KEYS) but exports that only
    // as an untyped internal function; without it a --secret value would be treated as plain text.
    const runtime = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };
    const isSecret = runtime.isConfigSecret ?? (() => false);
    return {
        organization: pulumi.getOrganization(),
        project: pulumi.getProject(),
        stack: pulumi.getStack(),
        namespace: options.namespace ?? pulumi.getProject(),
        hostProvider: options.hostProvider ?? false,
        values,
        secretKeys: new Set(Object.keys(values).filter((key) => isSecret(key))),
    };
}
