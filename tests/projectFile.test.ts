// Pulumi.yaml and the stack files, as the Pulumi CLI reads them before any program runs: every key
// the program reads is declared, none is required by accident, and every example stack file, and
// Pulumi.dev.yaml, passes the CLI's checks and then the program's plan.
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { storedForm } from "../components/config/keys.ts";
import { ALL_KEYS } from "../components/program/keys.ts";
import { applyProjectConfig, CliConfigError, type ProjectFile, type StackValue } from "./support/cliConfig.ts";
import { KUBECONFIG, kubeconfigFor } from "./support/fixtures.ts";
import { PROJECT, PROJECT_FILE, ROOT, runProgram } from "./support/harness.ts";

const declared = PROJECT_FILE.config as Record<
    string,
    { type?: string; default?: unknown; secret?: boolean; description?: string; items?: unknown }
>;

function stackFile(file: string): Record<string, unknown> {
    return (parse(fs.readFileSync(path.join(ROOT, file), "utf8")) as { config: Record<string, unknown> }).config;
}

describe("Pulumi.yaml", () => {
    it("declares exactly the keys the program reads, with their types and defaults", () => {
        assert.strictEqual(PROJECT_FILE.name, PROJECT);
        assert.deepStrictEqual(Object.keys(declared).sort(), Object.keys(ALL_KEYS).sort());
        for (const [key, spec] of Object.entries(ALL_KEYS)) {
            const d = declared[key];
            assert.ok(typeof d.description === "string" && d.description.length > 20, `${key}: description`);
            assert.deepStrictEqual(d.default, spec.default, `${key}: default`);
            if (spec.secret === "required") {
                // A typed secret key cannot have a default (the CLI inserts it as plain text and refuses it).
                assert.strictEqual(d.type, undefined, `${key}: a secret key is declared without a type`);
                assert.strictEqual(d.secret, true, `${key}: secret`);
            } else {
                assert.strictEqual(d.type, spec.type, `${key}: type`);
                assert.strictEqual(d.secret, undefined, `${key}: only credentials are declared secret`);
            }
            if (spec.type === "array") {
                assert.deepStrictEqual(d.items, { type: "string" }, `${key}: items`);
            }
        }
    });

    it("requires no key in any stack (every optional key has a default the CLI copies in)", () => {
        const { config } = applyProjectConfig(PROJECT_FILE, "empty", {});
        for (const [key, spec] of Object.entries(ALL_KEYS)) {
            assert.strictEqual(config[`${PROJECT}:${key}`], storedForm(spec.default), key);
        }
    });

    it("runs the program with TypeScript stripped by Node, through the plain-JavaScript launcher", () => {
        const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as {
            main: string;
            runtime: { options: Record<string, unknown> };
            requiredPulumiVersion: string;
        };
        assert.strictEqual(project.main, "run.mjs");
        assert.strictEqual(project.runtime.options.typescript, false);
        assert.strictEqual(project.requiredPulumiVersion, ">=3.226.0");
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
            type: string;
            engines: { node: string };
        };
        assert.strictEqual(pkg.type, "module");
        assert.strictEqual(pkg.engines.node, ">=22.18.0");
    });
});

describe("the CLI's config checks, as the harness applies them", () => {
    const project = (config: ProjectFile["config"]): ProjectFile => ({ name: "p", config });
    const value = (v: unknown, secure = false): StackValue => ({ value: v, secure });

    it("requires a key of the project declared without a default, typed or not (TestStackConfigErrorsWhenMissingStackValueForConfigTypeWithNoDefault)", () => {
        assert.throws(
            () => applyProjectConfig(project({ values: { type: "array", items: { type: "string" } } }), "dev", {}),
            /^Error: Stack 'dev' is missing configuration value 'values'$/,
        );
        assert.throws(
            () => applyProjectConfig(project({ a: { description: "foo" } }), "dev", {}),
            /missing configuration value 'a'/,
        );
        assert.throws(
            () => applyProjectConfig(project({ a: { type: "string", default: null } }), "dev", {}),
            /missing configuration value 'a'/,
        );
        assert.throws(
            () =>
                applyProjectConfig(
                    project({ a: { type: "string" }, b: { type: "string" }, c: { type: "string" } }),
                    "dev",
                    {},
                ),
            /missing configuration values 'a', 'b' and 'c'/,
        );
        assert.doesNotThrow(() => applyProjectConfig(project({ "other:x": { value: "1" } }), "dev", {}));
    });

    it("checks types on the stored value, and secret keys' encryption", () => {
        assert.throws(
            () => applyProjectConfig(project({ a: { type: "integer" } }), "dev", { "p:a": value("abc") }),
            /must be of type 'integer'/,
        );
        assert.doesNotThrow(() =>
            applyProjectConfig(project({ a: { type: "integer" } }), "dev", { "p:a": value("12") }),
        );
        assert.throws(
            () => applyProjectConfig(project({ a: { type: "boolean" } }), "dev", { "p:a": value("yes") }),
            /must be of type 'boolean'/,
        );
        assert.throws(
            () =>
                applyProjectConfig(project({ a: { type: "array", items: { type: "integer" } } }), "dev", {
                    "p:a": value(["x"]),
                }),
            /must be of type 'array<integer>'/,
        );
        assert.throws(
            () =>
                applyProjectConfig(project({ a: { type: "string", secret: true } }), "dev", { "p:a": value("plain") }),
            /must be encrypted as it's secret/,
        );
        assert.throws(
            () => applyProjectConfig(project({ a: { type: "string", secret: true, default: "" } }), "dev", {}),
            /must be encrypted as it's secret/,
        );
        assert.doesNotThrow(() =>
            applyProjectConfig(project({ a: { secret: true, default: "" } }), "dev", { "p:a": value("plain") }),
        );
    });

    it("refuses a schema the CLI refuses when it loads the project", () => {
        assert.throws(
            () => applyProjectConfig(project({ a: { type: "array" } }), "dev", {}),
            /declares an array but does not specify the underlying type/,
        );
        assert.throws(
            () => applyProjectConfig(project({ a: { type: "integer", default: "x" } }), "dev", {}),
            /default value specified for configuration key 'a' is not of the expected type 'integer'/,
        );
        assert.throws(
            () => applyProjectConfig(project({ "aws:region": { type: "string" } }), "dev", {}),
            /not namespaced by the project and should not define a type/,
        );
        assert.throws(
            () => applyProjectConfig(project({ a: { default: 1, value: 2 } }), "dev", {}),
            /cannot have both a 'default' and 'value'/,
        );
    });

    it("copies defaults in as the program will see them", () => {
        const { config } = applyProjectConfig(
            project({
                a: { type: "integer", default: 0 },
                b: { type: "array", items: { type: "string" }, default: [] },
                c: { type: "object", default: {} },
                d: { type: "boolean", default: false },
            }),
            "dev",
            {},
        );
        assert.deepStrictEqual(config, { "p:a": "0", "p:b": "[]", "p:c": "{}", "p:d": "false" });
    });

    it("is what the old Pulumi.yaml failed on: 27 optional keys without defaults were required", () => {
        const old = {
            ...PROJECT_FILE,
            config: { ...PROJECT_FILE.config, trustStack: { type: "string" as const, description: "x" } },
        };
        assert.throws(
            () => applyProjectConfig(old, "dev", {}),
            (e: Error) => e instanceof CliConfigError && /missing configuration value 'trustStack'/.test(e.message),
        );
    });
});

describe("the stack files", () => {
    it("Pulumi.dev.yaml passes the CLI and plans as a single-cluster stack once its kubeconfig is set", async () => {
        const run = await runProgram({
            config: { ...stackFile("Pulumi.dev.yaml"), kubeconfig: KUBECONFIG },
            secretKeys: ["kubeconfig"],
        });
        assert.strictEqual(run.outputs.clusterName.value, "dev");
        assert.ok(run.summary().includes("kubernetes:helm.sh/v4:Chart::linkerd-control-plane"));
    });

    it("the example trust stack and two cluster stacks pass the CLI and plan", async () => {
        const trust = await runProgram({ stack: "trust", config: stackFile("examples/Pulumi.trust.yaml") });
        assert.ok(trust.summary().includes("linkerd:trust:TrustRoot::trust-root"));
        for (const cluster of ["east", "west"]) {
            const run = await runProgram({
                stack: cluster,
                config: { ...stackFile(`examples/Pulumi.${cluster}.yaml`), kubeconfig: kubeconfigFor(cluster) },
                secretKeys: ["kubeconfig"],
                stacks: { "acme/linkerd-fleet/trust": trust.asStack(), "acme/linkerd-fleet/east": { outputs: {} } },
            });
            assert.strictEqual(run.outputs.clusterName.value, cluster);
        }
    });
});
