// One benchmark scenario in a fresh process, as `pulumi preview` would evaluate it: Pulumi's mocks
// stand in for the engine (resources echo their inputs; reads return the cluster's objects; other
// stacks come from a state file), and the process reports its CPU time, wall time and peak memory
// since it started (module loading included). Run by bench.ts; not a test.
//   scenario.ts empty               an empty Pulumi program
//   scenario.ts floor <state>       registers the resources listed in <state>, with the same packages, and nothing else
//   scenario.ts program <state>     the program itself (run.mjs, as Pulumi loads it), with <state>'s config and stacks
//   scenario.ts record <state>      the program, and writes what it registered into <state> (for `floor`)
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface Registered {
    type: string;
    name: string;
    custom: boolean;
    parent?: string;
    inputs: Record<string, unknown>;
}

export interface BenchState {
    stack: string;
    config: Record<string, string>;
    secretKeys: string[];
    /** Other stacks' (and this stack's last) outputs, by qualified name. */
    stacks: Record<string, { outputs: Record<string, unknown>; secret: string[] }>;
    /** Live objects by `<type>/<id>`. */
    live: Record<string, Record<string, unknown>>;
    /** What the program registered (written by `record`). */
    registered?: Registered[];
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

function mocks(state: BenchState | undefined, registered: Registered[]): pulumi.runtime.Mocks {
    return {
        newResource(args) {
            if (args.id) {
                return { id: args.id, state: state?.live[`${args.type}/${args.id}`] ?? {} };
            }
            registered.push({ type: args.type, name: args.name, custom: args.custom ?? true, inputs: args.inputs });
            return { id: args.custom ? `${args.name}-id` : undefined, state: args.inputs };
        },
        call(args) {
            if (args.token === "pulumi:pulumi:readStackOutputs") {
                const self = `acme/linkerd-fleet/${state?.stack ?? "dev"}`;
                const stack =
                    state?.stacks[args.inputs.name as string] ??
                    (args.inputs.name === self ? { outputs: {}, secret: [] } : undefined);
                if (!stack) {
                    throw Object.assign(new Error(`unknown stack "${args.inputs.name}"`), { code: 2 });
                }
                const secret = new Set(stack.secret);
                const outputs = Object.fromEntries(
                    Object.entries(stack.outputs).map(([k, v]) => [
                        k,
                        secret.has(k) ? { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value: v } : v,
                    ]),
                );
                return { name: args.inputs.name, outputs, secretOutputNames: [...secret] };
            }
            return {};
        },
    };
}

/** The floor: the same resources, through the same packages' classes, with the same inputs. */
async function floor(state: BenchState): Promise<void> {
    const k8s = await import("@pulumi/kubernetes");
    const tls = await import("@pulumi/tls");
    const classes: Record<string, new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => unknown> = {
        "pulumi:providers:kubernetes": k8s.Provider,
        "kubernetes:core/v1:Namespace": k8s.core.v1.Namespace,
        "kubernetes:core/v1:NamespacePatch": k8s.core.v1.NamespacePatch,
        "kubernetes:core/v1:Secret": k8s.core.v1.Secret,
        "kubernetes:helm.sh/v4:Chart": k8s.helm.v4.Chart,
        "kubernetes:yaml/v2:ConfigFile": k8s.yaml.v2.ConfigFile,
        "tls:index/privateKey:PrivateKey": tls.PrivateKey,
        "tls:index/selfSignedCert:SelfSignedCert": tls.SelfSignedCert,
        "tls:index/certRequest:CertRequest": tls.CertRequest,
        "tls:index/locallySignedCert:LocallySignedCert": tls.LocallySignedCert,
    };
    for (const r of state.registered ?? []) {
        if (!r.custom) {
            new pulumi.ComponentResource(r.type, r.name, {});
            continue;
        }
        const Class = classes[r.type];
        if (!Class) {
            throw new Error(`floor: no class for ${r.type}`);
        }
        new Class(r.name, r.inputs as never);
    }
}

async function main(): Promise<void> {
    const [scenario, stateFile] = process.argv.slice(2);
    const state = stateFile ? (JSON.parse(fs.readFileSync(stateFile, "utf8")) as BenchState) : undefined;
    const registered: Registered[] = [];
    await pulumi.runtime.setMocks(mocks(state, registered), "linkerd-fleet", state?.stack ?? "dev", true, "acme");
    if (state) {
        pulumi.runtime.setAllConfig(state.config, state.secretKeys);
    }
    if (scenario === "program" || scenario === "record") {
        const program = (await import(path.join(ROOT, "run.mjs"))) as { default: () => Promise<unknown> };
        await program.default();
    } else if (scenario === "floor") {
        await floor(state!);
    } else if (scenario !== "empty") {
        throw new Error(`unknown scenario ${scenario}`);
    }
    const settings = require("@pulumi/pulumi/runtime/settings.js") as { waitForRPCs(): Promise<void> };
    await settings.waitForRPCs();
    if (scenario === "record") {
        fs.writeFileSync(stateFile, JSON.stringify({ ...state, registered }));
    }
    const cpu = process.cpuUsage();
    console.log(
        JSON.stringify({
            cpuMs: (cpu.user + cpu.system) / 1000,
            wallMs: performance.now(),
            rssMiB: process.resourceUsage().maxRSS / 1024,
            registered: registered.length,
        }),
    );
}

await main();
