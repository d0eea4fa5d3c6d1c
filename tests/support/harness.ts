// Runs the whole program under Pulumi's mocks, made to behave like the engine where plain mocks do
// not (pulumi.md §0.13):
// - before the program runs, the project's config schema is applied as the CLI applies it;
// - other stacks are read through the engine's readStackOutputs invoke: a stack that does not exist
//   fails as the engine says ("unknown stack"), and secret outputs arrive as secrets;
// - tls resources keep state per URN, follow the engine's replacementTrigger rule, and in a preview
//   what is created has unknown outputs (tlsDouble.ts);
// - every registration is recorded with the options the engine receives, reads apart, so that a
//   failure after any registration shows as "registered first".
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { linkerdProgram } from "../../components/program/run.ts";
import { applyProjectConfig, type ProjectFile, type StackValue } from "./cliConfig.ts";
import { TlsDouble, UNKNOWN } from "./tlsDouble.ts";

const require = createRequire(import.meta.url);
const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks.js");
const rpc = require("@pulumi/pulumi/runtime/rpc.js");
const settings = require("@pulumi/pulumi/runtime/settings.js");

export const PROJECT = "linkerd-fleet";
export const ORGANIZATION = "acme";
export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const PROJECT_FILE = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as ProjectFile;
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN_ID = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

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
    provider: string;
    protect: boolean;
    retainOnDelete: boolean;
    dependencies: string[];
    ignoreChanges: string[];
    replaceOnChanges: string[];
    deleteBeforeReplace: boolean;
    transforms: pulumi.ResourceTransform[];
    /** The replacementTrigger option (undefined when not set; UNKNOWN when unknown at preview). */
    replacementTrigger?: unknown;
    /** A read (`.get`) rather than a resource the engine would create. */
    read: boolean;
    id?: string;
}

export interface StackFixture {
    outputs: Record<string, unknown>;
    secretOutputNames?: string[];
}

export interface RenderedChild {
    type: string;
    state: Record<string, unknown>;
}

export interface RunOptions {
    stack?: string;
    /** The stack file's config; keys without a namespace are the project's. */
    config: Record<string, unknown>;
    /** Keys (as in `config`) stored encrypted. */
    secretKeys?: string[];
    /** Other stacks by `<organization>/<project>/<stack>`; any other name is an unknown stack. */
    stacks?: Record<string, StackFixture>;
    /** This stack's outputs from its last run (default: none, a new stack). */
    previous?: StackFixture;
    /** What the provider renders for a Chart or ConfigFile, by resource name. */
    renderedChildren?: Record<string, RenderedChild[]>;
    /** Objects in the cluster, by `<type>/<id>`, for live reads. */
    liveObjects?: Record<string, Record<string, unknown>>;
    /** What `helm template` (Chart v3, render mode) returns, by release name. */
    helmTemplate?: Record<string, Record<string, unknown>[]>;
    preview?: boolean;
    /** The Pulumi CLI the engine reports (default: the version the workflow pins). */
    cliVersion?: string;
    /** Another project (a host program using the library): its name and Pulumi.yaml. */
    project?: { name: string; file: ProjectFile };
    /** The program to run (default: this project's). Returns the stack's outputs. */
    main?: (now: Date) => Promise<Record<string, unknown>>;
    tls?: TlsDouble;
    now?: Date;
}

export interface ResolvedOutput {
    value: unknown;
    secret: boolean;
    known: boolean;
}

export interface Invocation {
    token: string;
    inputs: Record<string, unknown>;
}

export class ProgramRun {
    readonly registrations: Registration[];
    readonly outputs: Record<string, ResolvedOutput>;
    readonly logs: string[];
    readonly invocations: Invocation[];

    constructor(
        registrations: Registration[],
        outputs: Record<string, ResolvedOutput>,
        logs: string[],
        invocations: Invocation[],
    ) {
        this.registrations = registrations;
        this.outputs = outputs;
        this.logs = logs;
        this.invocations = invocations;
    }

    /** Resources the engine would create or update (reads left out). */
    get created(): Registration[] {
        return this.registrations.filter((r) => !r.read);
    }

    ofType(type: string): Registration[] {
        return this.created.filter((r) => r.type === type);
    }

    find(type: string, name: string): Registration | undefined {
        return this.registrations.find((r) => r.type === type && r.name === name);
    }

    get(type: string, name: string): Registration {
        const found = this.find(type, name);
        if (!found) {
            throw new Error(`no ${type} named ${name}; registered:\n  ${this.summary().join("\n  ")}`);
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

    summary(): string[] {
        return this.created.map((r) => `${r.type}::${r.name}`);
    }

    /** The outputs as another stack (or this stack's next run) reads them. */
    asStack(): StackFixture {
        return {
            outputs: Object.fromEntries(
                Object.entries(this.outputs)
                    .filter(([, o]) => o.known && o.value !== undefined)
                    .map(([k, o]) => [k, o.value]),
            ),
            secretOutputNames: Object.entries(this.outputs)
                .filter(([, o]) => o.secret)
                .map(([k]) => k),
        };
    }
}

/** A failed run: the error, with what was registered before it (for bad input: nothing). */
export type RunFailure = Error & { registrations: Registration[]; logs: string[] };

let recording: { registrations: Registration[]; pending?: string } | undefined;
let patched = false;

type Request = Record<string, (...args: unknown[]) => unknown>;

function record(
    req: Request,
    read: boolean,
    monitor: { newUrn(p: string, t: string, n: string): string },
): Registration {
    const rawInputs = rpc.deserializeProperties(read ? req.getProperties() : req.getObject()) as Record<
        string,
        unknown
    >;
    const list = (getter: string) => (typeof req[getter] === "function" ? (req[getter]() as string[]) : []);
    const trigger = read
        ? undefined
        : (req.getReplacementTrigger() as { toJavaScript(): unknown } | undefined)?.toJavaScript();
    return {
        urn: monitor.newUrn(req.getParent() as string, req.getType() as string, req.getName() as string),
        type: req.getType() as string,
        name: req.getName() as string,
        custom: read ? true : (req.getCustom() as boolean),
        parent: req.getParent() as string,
        rawInputs,
        inputs: unwrapSecrets(rawInputs) as Record<string, unknown>,
        provider: req.getProvider() as string,
        protect: read ? false : (req.getProtect() as boolean),
        retainOnDelete: read ? false : (req.getRetainondelete() as boolean),
        dependencies: list("getDependenciesList"),
        ignoreChanges: read ? [] : list("getIgnorechangesList"),
        replaceOnChanges: read ? [] : list("getReplaceonchangesList"),
        deleteBeforeReplace: read ? false : (req.getDeletebeforereplace() as boolean),
        transforms: [],
        replacementTrigger: trigger === UNKNOWN_ID ? UNKNOWN : trigger,
        read,
        id: read ? (req.getId() as string) : undefined,
    };
}

function patchMockMonitor(): void {
    if (patched) {
        return;
    }
    patched = true;
    const proto = MockMonitor.prototype as Record<string, (req: Request, cb: unknown) => Promise<void>>;
    for (const [method, read] of [
        ["registerResource", false],
        ["readResource", true],
    ] as const) {
        const original = proto[method];
        proto[method] = function (
            this: { newUrn(p: string, t: string, n: string): string },
            req: Request,
            callback: unknown,
        ) {
            if (recording) {
                const registration = record(req, read, this);
                recording.registrations.push(registration);
                recording.pending = registration.urn;
            }
            return original.call(this, req, callback);
        };
    }
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
export function plaintextStrings(value: unknown, at = ""): { path: string; value: string }[] {
    if (typeof value === "string") {
        return [{ path: at, value }];
    }
    if (Array.isArray(value)) {
        return value.flatMap((v, i) => plaintextStrings(v, `${at}[${i}]`));
    }
    if (value && typeof value === "object") {
        const o = value as Record<string, unknown>;
        if (o[SECRET_SIG] === SECRET_VALUE) {
            return [];
        }
        return Object.entries(o).flatMap(([k, v]) => plaintextStrings(v, at ? `${at}.${k}` : k));
    }
    return [];
}

/** A value as the engine hands it to the program: wrapped as a secret. */
function secretValue(value: unknown): unknown {
    return { [SECRET_SIG]: SECRET_VALUE, value };
}

function mocks(options: RunOptions, tls: TlsDouble, self: string, invocations: Invocation[]): pulumi.runtime.Mocks {
    return {
        async newResource(args) {
            const urn = recording?.pending ?? "";
            const registration = recording?.registrations.find(
                (r) => r.urn === urn && !r.read === (args.id === undefined || args.id === ""),
            );
            if (registration) {
                registration.transforms = (args.transforms ?? []) as pulumi.ResourceTransform[];
            }
            if (args.id !== undefined && args.id !== "" && args.custom) {
                return readLive(args, options);
            }
            if (tls.handles(args.type)) {
                const state = await tls.register(
                    urn,
                    args.type,
                    unwrapSecrets(args.inputs) as Record<string, unknown>,
                    registration?.replacementTrigger,
                    options.preview ?? false,
                );
                return { id: `${args.name}-id`, state };
            }
            if (args.type === "kubernetes:helm.sh/v4:Chart" || args.type === "kubernetes:yaml/v2:ConfigFile") {
                const children = options.preview ? [] : (options.renderedChildren?.[args.name] ?? []);
                return {
                    id: undefined,
                    state: { ...args.inputs, resources: await renderChildren(urn, args.name, children) },
                };
            }
            return { id: args.custom ? `${args.name}-id` : undefined, state: args.inputs };
        },
        call(args) {
            invocations.push({ token: args.token, inputs: args.inputs });
            if (args.token === "pulumi:pulumi:readStackOutputs") {
                return readStackOutputs(args.inputs.name as string, options, self);
            }
            if (args.token === "kubernetes:helm:template") {
                const opts = JSON.parse(args.inputs.jsonOpts as string) as { release_name: string };
                return { result: options.helmTemplate?.[opts.release_name] ?? [] };
            }
            throw new Error(`test: unexpected call to ${args.token}`);
        },
    };
}

/** The engine's builtin readStackOutputs: unknown stacks fail; secret outputs arrive as secrets. */
function readStackOutputs(name: string, options: RunOptions, self: string) {
    const fixture = name === self ? (options.previous ?? { outputs: {} }) : options.stacks?.[name];
    if (!fixture) {
        // As the engine answers over gRPC: the SDK rejects the invoke with the error's details.
        const message = `unknown stack "${name}"`;
        throw Object.assign(new Error(message), { details: message, code: 2 });
    }
    const secret = new Set(fixture.secretOutputNames ?? []);
    const outputs = Object.fromEntries(
        Object.entries(fixture.outputs).map(([k, v]) => [k, secret.has(k) ? secretValue(v) : v]),
    );
    return { name, outputs, secretOutputNames: [...secret] };
}

/** A live read (`.get`): the object as the cluster holds it; an unknown id is not read (a preview). */
function readLive(args: pulumi.runtime.MockResourceArgs, options: RunOptions) {
    if (args.id === UNKNOWN_ID) {
        return { id: args.id, state: {} };
    }
    const object = options.liveObjects?.[`${args.type}/${args.id}`];
    if (!object) {
        throw new Error(`resource '${args.id}' does not exist`);
    }
    return { id: args.id!, state: object };
}

const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** Registers rendered children with the mock monitor and returns resource references to them. */
async function renderChildren(parentUrn: string, name: string, children: RenderedChild[]): Promise<unknown[]> {
    const monitor = settings.getMonitor() as {
        newUrn(p: string, t: string, n: string): string;
        resources: Map<string, unknown>;
    };
    const references: unknown[] = [];
    for (const child of children) {
        const metadata = child.state.metadata as { name: string; namespace?: string };
        const childName = `${name}:${metadata.namespace ? `${metadata.namespace}/` : ""}${metadata.name}`;
        const urn = monitor.newUrn(parentUrn, child.type, childName);
        const id = metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name;
        monitor.resources.set(urn, { urn, id, state: await rpc.serializeProperties("", child.state) });
        references.push({ [SECRET_SIG]: RESOURCE_REFERENCE_SIG, urn, id });
    }
    return references;
}

async function resolve(value: unknown): Promise<ResolvedOutput> {
    if (!pulumi.Output.isInstance(value)) {
        return {
            value: value === undefined ? undefined : JSON.parse(JSON.stringify(value)),
            secret: false,
            known: true,
        };
    }
    const output = value as pulumi.Output<unknown> & { isKnown: Promise<boolean>; isSecret: Promise<boolean> };
    const [known, secret] = await Promise.all([output.isKnown, output.isSecret]);
    if (!known) {
        return { value: undefined, secret, known };
    }
    const resolved = await new Promise<unknown>((r) => output.apply((v) => r(v)));
    return { value: resolved === undefined ? undefined : JSON.parse(JSON.stringify(resolved)), secret, known };
}

/** The stack file's config as the CLI hands it to the program (schema applied). */
export function stackConfig(options: Pick<RunOptions, "config" | "secretKeys" | "stack" | "project">) {
    const project = options.project ?? { name: PROJECT, file: PROJECT_FILE };
    const full = (key: string) => fullKey(key, project.name);
    const secret = new Set((options.secretKeys ?? []).map(full));
    const values: Record<string, StackValue> = {};
    for (const [key, value] of Object.entries(options.config)) {
        values[full(key)] = { value, secure: secret.has(full(key)) };
    }
    return applyProjectConfig(project.file, options.stack ?? "dev", values);
}

export function fullKey(key: string, project = PROJECT): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** Evaluates the program once under fresh mocks; rejects with the program's error (a `RunFailure`). */
export async function runProgram(options: RunOptions): Promise<ProgramRun> {
    patchMockMonitor();
    const stack = options.stack ?? "dev";
    const projectName = options.project?.name ?? PROJECT;
    const self = `${ORGANIZATION}/${projectName}/${stack}`;
    const now = options.now ?? new Date();
    const tls = options.tls ?? new TlsDouble(() => now);
    const registrations: Registration[] = [];
    const invocations: Invocation[] = [];
    const logs: string[] = [];
    const { config, secretKeys } = stackConfig(options);
    await pulumi.runtime.setMocks(
        mocks(options, tls, self, invocations),
        projectName,
        stack,
        options.preview ?? false,
        ORGANIZATION,
    );
    pulumi.runtime.setAllConfig(config, secretKeys);
    const restoreEngine = engineVersion(options.cliVersion ?? CLI_VERSION);
    recording = { registrations };
    const restoreLog = captureLogs(logs);
    try {
        const outputs = await (options.main ?? ((at: Date) => linkerdProgram({ now: at })))(now);
        const resolved: Record<string, ResolvedOutput> = {};
        for (const [key, value] of Object.entries(outputs)) {
            resolved[key] = await resolve(value);
        }
        await (settings as { waitForRPCs(): Promise<void> }).waitForRPCs();
        // An error logged while resources were registered (an input that failed) fails a real update.
        const errors = logs.filter((line) => line.startsWith("error: "));
        if (errors.length > 0) {
            throw new Error(errors.join("\n"));
        }
        assertNoPrivateKeyInTheOpen(registrations, resolved);
        if (!options.preview) {
            tls.prune(stack, new Set(registrations.map((r) => r.urn)));
        }
        return new ProgramRun(registrations, resolved, logs, invocations);
    } catch (error) {
        // Registrations still in flight reach the engine too: wait for them before counting.
        await (settings as { waitForRPCs(): Promise<void> }).waitForRPCs().catch(() => undefined);
        throw Object.assign(error as object, { registrations: registrations.filter((r) => !r.read), logs });
    } finally {
        recording = undefined;
        restoreLog();
        restoreEngine();
    }
}

/** The CLI version the workflow pins, and the first that answers RequirePulumiVersion (3.217.0). */
export const CLI_VERSION = "3.226.0";
const FIRST_WITH_REQUIRE_VERSION = "3.217.0";

function newer(a: string, b: string): boolean {
    const [x, y] = [a, b].map((v) => v.split(".").map(Number));
    for (let i = 0; i < 3; i++) {
        if (x[i] !== y[i]) {
            return x[i] > y[i];
        }
    }
    return false;
}

/**
 * Plain mocks have no engine, so requirePulumiVersion always passes. This one answers as the engine
 * of CLI `version` does: older than 3.217.0 the RPC is unimplemented; else the range is checked (only
 * the `>=x.y.z` form the program uses; anything else fails the test rather than passing it).
 */
function engineVersion(version: string): () => void {
    const saved = settings.requirePulumiVersion;
    settings.requirePulumiVersion = async (range: string) => {
        if (newer(FIRST_WITH_REQUIRE_VERSION, version)) {
            throw new Error(
                "The installed version of the CLI does not support the `RequirePulumiVersion` RPC. Please upgrade the Pulumi CLI.",
            );
        }
        const floor = /^>=(\d+\.\d+\.\d+)$/.exec(range)?.[1];
        if (!floor) {
            throw new Error(`harness: unsupported version range ${range}`);
        }
        if (newer(floor, version)) {
            throw new Error(`Pulumi CLI version ${version} does not satisfy the version range "${range}"`);
        }
    };
    return () => {
        settings.requirePulumiVersion = saved;
    };
}

const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/**
 * Checked on every run of every test: no private key in a plain resource input, and none in any
 * output, secret or not, except the previous version's `identityIssuers` while clusters migrate.
 */
function assertNoPrivateKeyInTheOpen(registrations: Registration[], outputs: Record<string, ResolvedOutput>): void {
    for (const r of registrations) {
        for (const s of plaintextStrings(r.rawInputs)) {
            if (PRIVATE_KEY.test(s.value)) {
                throw new Error(`harness: a private key in plain input ${s.path} of ${r.type}::${r.name}`);
            }
        }
    }
    for (const [name, output] of Object.entries(outputs)) {
        if (name !== "identityIssuers" && PRIVATE_KEY.test(JSON.stringify(output.value ?? null))) {
            throw new Error(`harness: a private key in output ${name}`);
        }
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
