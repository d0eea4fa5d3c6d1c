// Configuration from a Pulumi ESC environment (examples/esc): its pulumiConfig becomes the stack's
// configuration, secrets included, and passes the CLI's schema check like a stack file. The
// environment is evaluated here for the two features the example uses: fn::secret and ${path}
// references (whole values). Anything else in an example fails the test rather than passing it.
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { trustStackConfig } from "./support/fixtures.ts";
import { Fleet } from "./support/fleet.ts";
import { ROOT, type RunFailure } from "./support/harness.ts";

interface Evaluated {
    value: unknown;
    secret: boolean;
}

function evaluate(node: unknown, root: Record<string, unknown>): Evaluated {
    if (typeof node === "string") {
        const reference = /^\$\{([A-Za-z0-9_.]+)\}$/.exec(node);
        if (reference) {
            const target = reference[1].split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], root);
            assert.ok(target !== undefined, `\${${reference[1]}} refers to nothing`);
            return evaluate(target, root);
        }
        assert.ok(!node.includes("${"), `interpolation inside a string is not evaluated here: ${node}`);
        return { value: node, secret: false };
    }
    if (node && typeof node === "object" && !Array.isArray(node)) {
        const entries = Object.entries(node as Record<string, unknown>);
        if (entries.length === 1 && entries[0][0] === "fn::secret") {
            return { value: evaluate(entries[0][1], root).value, secret: true };
        }
        assert.ok(!entries.some(([k]) => k.startsWith("fn::")), `unsupported ESC function in ${JSON.stringify(node)}`);
        const evaluated = entries.map(([k, v]) => [k, evaluate(v, root)] as const);
        return {
            value: Object.fromEntries(evaluated.map(([k, e]) => [k, e.value])),
            secret: evaluated.some(([, e]) => e.secret),
        };
    }
    return { value: node, secret: false };
}

/** The stack configuration an environment's pulumiConfig gives: values, and the keys that are secret. */
function pulumiConfigOf(file: string): { config: Record<string, unknown>; secretKeys: string[] } {
    const environment = parse(fs.readFileSync(file, "utf8")) as { values: Record<string, unknown> };
    const pulumiConfig = environment.values.pulumiConfig as Record<string, unknown>;
    const config: Record<string, unknown> = {};
    const secretKeys: string[] = [];
    for (const [key, node] of Object.entries(pulumiConfig)) {
        const { value, secret } = evaluate(node, environment.values);
        config[key] = value;
        if (secret) {
            secretKeys.push(key);
        }
    }
    return { config, secretKeys };
}

const ESC = path.join(ROOT, "examples", "esc");

describe("configuration from a Pulumi ESC environment", function () {
    this.timeout(60_000);

    it("the example stack file imports the example environment", () => {
        const stackFile = parse(fs.readFileSync(path.join(ESC, "Pulumi.east.yaml"), "utf8")) as {
            environment: string[];
        };
        assert.deepStrictEqual(stackFile.environment, ["linkerd/east"]);
    });

    it("feeds the kubeconfig through pulumiConfig as a secret, and the stack runs on it", async () => {
        const { config, secretKeys } = pulumiConfigOf(path.join(ESC, "linkerd-east.env.yaml"));
        assert.deepStrictEqual(secretKeys, ["kubernetes:kubeconfig"]);
        const fleet = new Fleet();
        await fleet.run("trust", trustStackConfig(["east"]));
        await fleet.run("east", config, { secretKeys });
        await fleet.run("trust", trustStackConfig(["east"]));
        const run = await fleet.run("east", config, { secretKeys });
        const provider = run.get("pulumi:providers:kubernetes", "east");
        assert.match(String(provider.inputs.kubeconfig), /server: https:\/\/east\.k8s\.example\.com:6443/);
        assert.strictEqual(provider.inputs.context, "east-admin");
        assert.ok(typeof provider.rawInputs.kubeconfig === "object", "the kubeconfig reaches the provider as a secret");
        assert.ok(run.find("kubernetes:helm.sh/v4:Chart", "linkerd-control-plane"), "Linkerd is installed");
    });

    it("refuses a kubernetes:kubeconfig the environment does not mark secret, saying how to fix it", async () => {
        const { config } = pulumiConfigOf(path.join(ESC, "linkerd-east.env.yaml"));
        const fleet = new Fleet();
        await fleet.run("trust", trustStackConfig(["east"]));
        const failure = await fleet.run("east", config, { secretKeys: [] }).then(
            () => assert.fail("accepted"),
            (e: RunFailure) => e,
        );
        assert.match(failure.message, /kubernetes:kubeconfig: is in plain text; .*\(in ESC: fn::secret\)/);
        assert.deepStrictEqual(failure.registrations, []);
        assert.doesNotMatch(failure.message, /replace-with-a-real-token/);
    });
});
