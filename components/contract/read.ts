// Reading another stack's outputs (or this stack's own, from its last run). Through the engine's
// builtin `pulumi:pulumi:readStackOutputs` invoke, the same call a StackReference makes, rather
// than a StackReference resource: a read resource that fails (a stack that does not exist yet)
// fails the whole update before the program can say which config key named it, while a failed
// invoke is an error the plan can report, or tolerate, like any other problem. Secret outputs
// arrive unwrapped; `secretNames` says which they were, and the reader wraps them again.
import * as pulumi from "@pulumi/pulumi";

export const READ_STACK_OUTPUTS = "pulumi:pulumi:readStackOutputs";

export interface StackOutputs {
    /** `<organization>/<project>/<stack>` */
    name: string;
    outputs: Readonly<Record<string, unknown>>;
    secretNames: ReadonlySet<string>;
}

export type StackRead =
    { found: true; stack: StackOutputs } | { found: false; name: string; missing: boolean; message: string };

/** Reads every output of stack `name`; never throws. */
export async function readStack(name: string): Promise<StackRead> {
    try {
        const result = (await pulumi.runtime.invoke(READ_STACK_OUTPUTS, { name })) as {
            outputs?: Record<string, unknown>;
            secretOutputNames?: string[];
        };
        return {
            found: true,
            stack: { name, outputs: result?.outputs ?? {}, secretNames: new Set(result?.secretOutputNames ?? []) },
        };
    } catch (error) {
        const message = (error as Error).message ?? String(error);
        return { found: false, name, missing: /unknown stack/i.test(message), message: firstLine(message) };
    }
}

function firstLine(message: string): string {
    return message.split("\n")[0].slice(0, 300);
}
