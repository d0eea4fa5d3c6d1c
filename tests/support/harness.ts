// Runs the whole program under Pulumi's mocks and records every resource registration with the
// options the engine would receive (parent, provider, protect, retainOnDelete, dependencies,
// transforms), which the mocks' own `newResource` callback does not expose.
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { loadSettings } from "../../components/config";
import { deployStack } from "../../components/stack";
import { TlsDouble } from "./tlsDouble";

export const PROJECT = "linkerd-fleet";
export const ORGANIZATION = "acme";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

export interface Registration {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** URN of the parent ("" for none). */
    parent: string;
    /** Inputs as the engine receives them: secret values stay wrapped. */
    rawInputs: Record<string, unknown>;
    /** Inputs with secret wrappers removed. */
    inputs: Record<string, unknown>;
    /** Provider reference `<urn>::<id>`, "" for none. */
    provider: string;
    protect: boolean;
    retainOnDelete: boolean;
    /** URNs this resource explicitly depends on (dependsOn, expanded to components' children). */
    dependencies: string[];
    transforms: pulumi.ResourceTransform[];
    /** The `replacementTrigger` option (undefined when not set). */
    replacementTrigger?: unknown;
}

export interface StackReferenceFixture {
    outputs: Record<string, unknown>;
    secretOutputNames?: string[];
}

export interface RunOptions {
    stack?: string;
    /** Config keys without namespace are put in the project's namespace. */
    config: Record<string, string | number | boolean | string[]>;
    /** Keys (as given in `config`) stored as secrets. */
    secretKeys?: string[];
    stackReferences?: Record<string, StackReferenceFixture>;
    /**
     * What the provider would render for a remote component (Chart, ConfigFile) by its resource
     * name: objects the component's `resources` output then refers to, with the state the cluster
     * gave them (a Service's load balancer, a token Secret's data). Without it, none.
     */
    renderedChildren?: Record<string, RenderedChild[]>;
    preview?: boolean;
    tls?: TlsDouble;
    /** The clock of the run (settings and certificates). Default: now. */
    now?: Date;
    /** This stack's outputs from its last deployment, as the program reads them back. Default: none. */
    previousOutputs?: Record<string, unknown>;
}

export interface RenderedChild {
    /** Pulumi type token, e.g. `kubernetes:core/v1:Secret`. */
    type: string;
    /** Kubernetes object as the cluster holds it (metadata, data, status, ...). */
    state: Record<string, unknown>;
}

export interface ResolvedOutput {
    value: unknown;
    secret: boolean;
    known: boolean;
}

export class ProgramRun {
    constructor(
        readonly registrations: Registration[],
        readonly outputs: Record<string, ResolvedOutput>,
        readonly logs: string[],
    ) {}

    ofType(type: string): Registration[] {
        return this.registrations.filter((r) => r.type === type);
    }

    get(type: string, name: string): Registration {
        const found = this.registrations.find((r) => r.type === type && r.name === name);
        if (!found) {
            const names = this.registrations.map((r) => `${r.type}::${r.name}`).join("\n  ");
            throw new Error(`no ${type} named ${name}; registered:\n  ${names}`);
        }
        return found;
    }

    byUrn(urn: string): Registration {
        const found = this.registrations.find((r) => r.urn === urn);
        if (!found) {
            throw new Error(`no resource ${urn}`);
        }
        return found;
    }

    /** Type and name of the registered resources, in registration order. */
    summary(): string[] {
        return this.registrations.map((r) => `${r.type}::${r.name}`);
    }
}

let recording: Registration[] | undefined;
let patched = false;

function patchMockMonitor(): void {
    if (patched) {
        return;
    }
    patched = true;
    type Req = {
        getType(): string;
        getName(): string;
        getParent(): string;
        getCustom(): boolean;
        getProvider(): string;
        getProtect(): boolean;
        getRetainondelete(): boolean;
        getDependenciesList(): string[];
        getObject(): unknown;
        getReplacementTrigger(): { toJavaScript(): unknown } | undefined;
    };
    type ReadReq = Pick<Req, "getType" | "getName" | "getParent" | "getProvider" | "getDependenciesList"> & {
        getProperties(): unknown;
    };
    const proto = MockMonitor.prototype as unknown as {
        registerResource(req: Req, cb: unknown): Promise<void>;
        readResource(req: ReadReq, cb: unknown): Promise<void>;
        newUrn(parent: string, type: string, name: string): string;
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rpc = require("@pulumi/pulumi/runtime/rpc");
    // Reads (StackReference is one) go through readResource, not registerResource.
    const originalRead = proto.readResource;
    proto.readResource = async function (this: typeof proto, req: ReadReq, callback: unknown) {
        if (recording) {
            const rawInputs = rpc.deserializeProperties(req.getProperties()) as Record<string, unknown>;
            recording.push({
                urn: this.newUrn(req.getParent(), req.getType(), req.getName()),
                type: req.getType(),
                name: req.getName(),
                custom: true,
                parent: req.getParent(),
                rawInputs,
                inputs: unwrapSecrets(rawInputs) as Record<string, unknown>,
                provider: req.getProvider(),
                protect: false,
                retainOnDelete: false,
                dependencies: req.getDependenciesList(),
                transforms: [],
            });
        }
        return originalRead.call(this, req, callback);
    };
    const original = proto.registerResource;
    proto.registerResource = async function (this: typeof proto, req: Req, callback: unknown) {
        if (recording) {
            const rawInputs = rpc.deserializeProperties(req.getObject()) as Record<string, unknown>;
            recording.push({
                urn: this.newUrn(req.getParent(), req.getType(), req.getName()),
                type: req.getType(),
                name: req.getName(),
                custom: req.getCustom(),
                parent: req.getParent(),
                rawInputs,
                inputs: unwrapSecrets(rawInputs) as Record<string, unknown>,
                provider: req.getProvider(),
                protect: req.getProtect(),
                retainOnDelete: req.getRetainondelete(),
                dependencies: req.getDependenciesList(),
                transforms: [],
                replacementTrigger: req.getReplacementTrigger()?.toJavaScript(),
            });
        }
        return original.call(this, req, callback);
    };
}

/** Removes Pulumi's secret wrappers, recursively. */
export function unwrapSecrets(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(unwrapSecrets);
    }
    if (value && typeof value === "object") {
        const o = value as Record<string, unknown>;
        if (o[SECRET_SIG] === SECRET_VALUE) {
            return unwrapSecrets(o.value);
        }
        return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, unwrapSecrets(v)]));
    }
    return value;
}

/** Every string in `value` that is not inside a secret wrapper, with its path. */
export function plaintextStrings(value: unknown, path = ""): { path: string; value: string }[] {
    if (typeof value === "string") {
        return [{ path, value }];
    }
    if (Array.isArray(value)) {
        return value.flatMap((v, i) => plaintextStrings(v, `${path}[${i}]`));
    }
    if (value && typeof value === "object") {
        const o = value as Record<string, unknown>;
        if (o[SECRET_SIG] === SECRET_VALUE) {
            return [];
        }
        return Object.entries(o).flatMap(([k, v]) => plaintextStrings(v, path ? `${path}.${k}` : k));
    }
    return [];
}

function mocks(options: RunOptions, tls: TlsDouble, registrations: Registration[]): pulumi.runtime.Mocks {
    return {
        async newResource(args: pulumi.runtime.MockResourceArgs) {
            const record = [...registrations].reverse().find((r) => r.type === args.type && r.name === args.name);
            if (record) {
                record.transforms = (args.transforms ?? []) as pulumi.ResourceTransform[];
            }
            if (tls.handles(args.type)) {
                // A changed replacement trigger replaces the resource: the double then makes a new one.
                const state = await tls.create(
                    args.type,
                    args.name,
                    unwrapSecrets(args.inputs) as Record<string, unknown>,
                    record?.replacementTrigger,
                );
                return { id: `${args.name}-id`, state };
            }
            if (args.type === "pulumi:pulumi:StackReference") {
                const name = args.inputs.name as string;
                const self = `${ORGANIZATION}/${PROJECT}/${options.stack ?? "dev"}`;
                const fixture =
                    options.stackReferences?.[name] ??
                    (name === self ? { outputs: options.previousOutputs ?? {} } : undefined);
                if (!fixture) {
                    throw new Error(`test: no fixture for stack reference ${name}`);
                }
                return {
                    id: name,
                    state: { name, outputs: fixture.outputs, secretOutputNames: fixture.secretOutputNames ?? [] },
                };
            }
            if (args.type === "kubernetes:helm.sh/v4:Chart" || args.type === "kubernetes:yaml/v2:ConfigFile") {
                // Remote components: the provider would render children. Here they are only those a test
                // supplies, registered with the mock monitor so that resource references to them resolve.
                const children = options.renderedChildren?.[args.name] ?? [];
                return { id: undefined, state: { ...args.inputs, resources: await renderChildren(record!, children) } };
            }
            return { id: args.custom ? `${args.name}-id` : undefined, state: args.inputs };
        },
        call(args: pulumi.runtime.MockCallArgs) {
            throw new Error(`test: unexpected call to ${args.token}`);
        },
    };
}

const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** Registers rendered children with the mock monitor and returns resource references to them. */
async function renderChildren(component: Registration, children: RenderedChild[]): Promise<unknown[]> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const settings = require("@pulumi/pulumi/runtime/settings");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rpc = require("@pulumi/pulumi/runtime/rpc");
    const monitor = settings.getMonitor() as {
        newUrn(parent: string, type: string, name: string): string;
        resources: Map<string, unknown>;
    };
    const references: unknown[] = [];
    for (const child of children) {
        const metadata = child.state.metadata as { name: string; namespace?: string };
        const name = `${component.name}:${metadata.namespace ? `${metadata.namespace}/` : ""}${metadata.name}`;
        const urn = monitor.newUrn(component.urn, child.type, name);
        const id = metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name;
        monitor.resources.set(urn, { urn, id, state: await rpc.serializeProperties("", child.state) });
        references.push({ [SPECIAL_SIG_KEY]: RESOURCE_REFERENCE_SIG, urn, id });
    }
    return references;
}

async function resolve(value: unknown): Promise<ResolvedOutput> {
    if (!pulumi.Output.isInstance(value)) {
        return { value, secret: false, known: true };
    }
    const output = value as pulumi.Output<unknown> & { isKnown: Promise<boolean>; isSecret: Promise<boolean> };
    const [known, secret] = await Promise.all([output.isKnown, output.isSecret]);
    if (!known) {
        return { value: undefined, secret, known };
    }
    const resolved = await new Promise<unknown>((resolvePromise) => output.apply((v) => resolvePromise(v)));
    return { value: resolved, secret, known };
}

/**
 * Evaluates the program (config → settings → resources → outputs) once under fresh mocks.
 * Rejects with the program's error if it throws.
 */
export async function runProgram(options: RunOptions): Promise<ProgramRun> {
    patchMockMonitor();
    const registrations: Registration[] = [];
    const now = options.now ?? new Date();
    const tls = options.tls ?? new TlsDouble(() => now);
    const stack = options.stack ?? "dev";
    const logs: string[] = [];
    await pulumi.runtime.setMocks(
        mocks(options, tls, registrations),
        PROJECT,
        stack,
        options.preview ?? false,
        ORGANIZATION,
    );

    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.config)) {
        const full = key.includes(":") ? key : `${PROJECT}:${key}`;
        config[full] = Array.isArray(value) ? JSON.stringify(value) : String(value);
    }
    const secretKeys = (options.secretKeys ?? []).map((k) => (k.includes(":") ? k : `${PROJECT}:${k}`));
    pulumi.runtime.setAllConfig(config, secretKeys);

    recording = registrations;
    const restoreLog = captureLogs(logs);
    try {
        const outputs = await deployStack(loadSettings(now));
        const resolved: Record<string, ResolvedOutput> = {};
        for (const [key, value] of Object.entries(outputs)) {
            resolved[key] = await resolve(value);
        }
        // Let every outstanding registration finish before reading the records.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        await (require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> }).waitForRPCs();
        // An error logged while resources were registered (e.g. an input that failed to resolve)
        // fails a real update; fail the run the same way.
        const errors = logs.filter((line) => line.startsWith("error: "));
        if (errors.length > 0) {
            throw new Error(errors.join("\n"));
        }
        return new ProgramRun(registrations, resolved, logs);
    } catch (error) {
        // Let tests assert what was registered before the failure (for bad config: nothing).
        throw Object.assign(error as object, { registrations });
    } finally {
        recording = undefined;
        restoreLog();
    }
}

function captureLogs(into: string[]): () => void {
    const log = pulumi.log as unknown as Record<string, (msg: string) => Promise<void>>;
    const saved = { warn: log.warn, info: log.info, error: log.error };
    for (const level of ["warn", "info", "error"] as const) {
        log[level] = async (msg: string) => {
            into.push(`${level}: ${msg}`);
        };
    }
    return () => Object.assign(log, saved);
}

/** What a StackReference to `run` returns: its outputs, with the secret ones marked as such. */
export function asStackReference(run: ProgramRun): StackReferenceFixture {
    return {
        outputs: Object.fromEntries(Object.entries(run.outputs).map(([k, v]) => [k, v.value])),
        secretOutputNames: Object.entries(run.outputs)
            .filter(([, v]) => v.secret)
            .map(([k]) => k),
    };
}
