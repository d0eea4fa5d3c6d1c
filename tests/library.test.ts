// The package as a typed library: lib/ is built from the current sources with declarations, the
// exports map resolves to it, the example host program (examples/library) type-checks against the
// declarations and runs under the engine-faithful harness on its own provider and config namespace.
import * as assert from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import { sourceHash, stampFile } from "../scripts/source-hash.mjs";
import { KUBECONFIG } from "./support/fixtures.ts";
import { type ProgramRun, ROOT, runProgram } from "./support/harness.ts";
import type { ProjectFile } from "./support/cliConfig.ts";

const EXAMPLE = path.join(ROOT, "examples", "library");
const require = createRequire(import.meta.url);

/** Builds lib/ unless it was built from exactly the current sources (as run.mjs decides). */
function freshLib(): void {
    const fresh =
        fs.existsSync(stampFile(ROOT)) && fs.readFileSync(stampFile(ROOT), "utf8").trim() === sourceHash(ROOT);
    if (!fresh) {
        execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-lib.mjs")], { cwd: ROOT, stdio: "pipe" });
    }
}

/** The example resolves "linkerd-fleet" as an installed dependency would: node_modules/linkerd-fleet → the package. */
function linkPackage(): void {
    const link = path.join(EXAMPLE, "node_modules", "linkerd-fleet");
    if (!fs.existsSync(link)) {
        fs.mkdirSync(path.dirname(link), { recursive: true });
        fs.symlinkSync(path.relative(path.dirname(link), ROOT), link, "dir");
    }
}

describe("the component package", function () {
    this.timeout(180_000);
    let run: ProgramRun;

    before(async () => {
        freshLib();
        linkPackage();
    });

    it("builds JavaScript with type declarations, which the exports map points to", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
            exports: { ".": { types: string; default: string } };
            files: string[];
        };
        for (const file of [manifest.exports["."].types, manifest.exports["."].default]) {
            assert.ok(fs.existsSync(path.join(ROOT, file)), file);
        }
        assert.ok(manifest.files.includes("lib/components/"));
        const resolved = createRequire(path.join(EXAMPLE, "index.ts")).resolve("linkerd-fleet");
        assert.strictEqual(fs.realpathSync(resolved), path.join(ROOT, "lib", "components", "index.js"));
        const declarations = fs.readFileSync(path.join(ROOT, "lib", "components", "index.d.ts"), "utf8");
        for (const name of [
            "linkerdProgram",
            "TrustRoot",
            "ControlPlane",
            "Viz",
            "Multicluster",
            "LINK_BUNDLE_OUTPUT",
        ]) {
            assert.match(declarations, new RegExp(`\\b${name}\\b`));
        }
    });

    it("runs the bundled program only when lib/ was built from the current sources (run.mjs)", () => {
        const load = () =>
            spawnSync(process.execPath, ["--input-type=module", "-e", "await import('./run.mjs')"], {
                cwd: ROOT,
                encoding: "utf8",
            }).stderr;
        assert.strictEqual(load(), "", "fresh: the bundle, silently");
        const stamp = fs.readFileSync(stampFile(ROOT), "utf8");
        try {
            fs.writeFileSync(stampFile(ROOT), "0".repeat(64) + "\n");
            assert.match(load(), /lib\/ is missing or older than the sources; running the sources/);
        } finally {
            fs.writeFileSync(stampFile(ROOT), stamp);
        }
    });

    it("type-checks the example host program against the declarations", () => {
        const tsc = require.resolve("typescript/bin/tsc");
        execFileSync(process.execPath, [tsc, "-p", path.join(EXAMPLE, "tsconfig.json")], {
            cwd: EXAMPLE,
            stdio: "pipe",
        });
    });

    it("runs the example: Linkerd on the host's provider, its keys under linkerd:, its outputs at the top", async () => {
        const project = parse(fs.readFileSync(path.join(EXAMPLE, "Pulumi.yaml"), "utf8")) as ProjectFile;
        const stackFile = parse(fs.readFileSync(path.join(EXAMPLE, "Pulumi.dev.yaml"), "utf8")) as {
            config: Record<string, unknown>;
        };
        run = await runProgram({
            project: { name: "platform", file: project },
            config: { ...stackFile.config, kubeconfig: KUBECONFIG },
            secretKeys: ["kubeconfig"],
            main: async () => {
                const example = (await import(pathToFileURL(path.join(EXAMPLE, "index.ts")).href)) as {
                    default: () => Promise<Record<string, unknown>>;
                };
                return example.default();
            },
        });
        const providers = run.ofType("pulumi:providers:kubernetes");
        assert.deepStrictEqual(
            providers.map((p) => p.name),
            ["platform"],
            "no provider of its own",
        );
        const host = `${providers[0].urn}::platform-id`;
        const kubernetes = run.created.filter((r) => r.type.startsWith("kubernetes:"));
        assert.ok(kubernetes.some((r) => r.name === "linkerd-control-plane"));
        for (const r of kubernetes) {
            assert.strictEqual(r.provider, host, `${r.type}::${r.name} uses the host's provider`);
        }
        const values = run.get("kubernetes:helm.sh/v4:Chart", "linkerd-control-plane").inputs.values as Record<
            string,
            unknown
        >;
        assert.strictEqual(values.enablePodAntiAffinity, undefined, "linkerd:highAvailability false is read");
        assert.strictEqual(run.outputs.clusterName.value, "dev");
        assert.ok(run.outputs.linkerdState, "its state is a top-level output, so the next run reads it");
        assert.strictEqual(run.outputs.shopNamespace.value, "shop");
    });

    /** How a host program embedding the package is refused, for its `linkerd:` config. */
    async function hostRefusal(config: Record<string, unknown>): Promise<Error & { registrations: unknown[] }> {
        const project = parse(fs.readFileSync(path.join(EXAMPLE, "Pulumi.yaml"), "utf8")) as ProjectFile;
        const lib = pathToFileURL(path.join(ROOT, "lib", "components", "index.js")).href;
        const { linkerdProgram } = (await import(lib)) as {
            linkerdProgram: (o: object) => Promise<Record<string, unknown>>;
        };
        const k8s = await import("@pulumi/kubernetes");
        return runProgram({
            project: { name: "platform", file: project },
            config: { kubeconfig: KUBECONFIG, "linkerd:clusterName": "dev", ...config },
            secretKeys: ["kubeconfig"],
            main: async () =>
                linkerdProgram({ provider: new k8s.Provider("platform", {}), configNamespace: "linkerd" }),
        }).then(
            () => assert.fail("accepted"),
            (e: Error & { registrations: unknown[] }) => e,
        );
    }

    it("with the host's provider, multicluster needs the API server other clusters reach, set explicitly", async () => {
        const failure = await hostRefusal({ "linkerd:multiclusterEnabled": true });
        assert.match(failure.message, /linkerd:multiclusterApiServerUrl: is not set/);
        assert.match(failure.message, /linkerd:multiclusterApiServerCaData: is not set/);
        assert.deepStrictEqual(
            failure.registrations.map((r) => (r as { name: string }).name),
            ["platform"],
            "nothing but the host's own provider",
        );
    });

    it("refuses cluster-access keys that the host's provider replaces", async () => {
        const failure = await hostRefusal({ "linkerd:kubeContext": "dev-admin" });
        assert.match(
            failure.message,
            /linkerd:kubeContext: does not apply: the host program passes its own Kubernetes provider/,
        );
        assert.deepStrictEqual(
            failure.registrations.map((r) => (r as { name: string }).name),
            ["platform"],
            "nothing but the host's own provider",
        );
    });
});
