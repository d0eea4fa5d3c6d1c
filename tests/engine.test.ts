// The harness behaves like the engine where plain mocks do not, and the program holds under it:
// a preview with unknown computed values, a failure after a registration counted as such, secret
// outputs of other stacks, unknown stacks, and the trigger rule (lifecycle.test.ts).
import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import {
    clusterStackConfig,
    SECRET_KUBECONFIG,
    singleClusterConfig,
    TRUST_STACK,
    trustStackConfig,
} from "./support/fixtures.ts";
import { Fleet } from "./support/fleet.ts";
import { type RunFailure, runProgram } from "./support/harness.ts";
import { UNKNOWN } from "./support/tlsDouble.ts";

describe("under the engine's rules", function () {
    this.timeout(60_000);

    it("previews a first deployment with every certificate unknown, and refuses nothing", async () => {
        const run = await runProgram({ config: singleClusterConfig(), secretKeys: SECRET_KUBECONFIG, preview: true });
        assert.ok(run.find("kubernetes:helm.sh/v4:Chart", "linkerd-control-plane"));
        assert.strictEqual(run.outputs.linkerdTrust.known, false, "the bundle is unknown until the anchor exists");
        assert.strictEqual(run.outputs.trustAnchorsPem.known, false);
        assert.deepStrictEqual(
            run.logs.filter((l) => l.startsWith("error")),
            [],
        );
    });

    it("keeps every replacement trigger known at preview (an unknown one would show as a replacement)", async () => {
        const fleet = new Fleet();
        await fleet.run("dev", singleClusterConfig());
        const preview = await fleet.run("dev", singleClusterConfig(), { preview: true });
        const triggers = preview.created.map((r) => r.replacementTrigger).filter((t) => t !== undefined);
        assert.ok(triggers.length > 0);
        assert.ok(!triggers.includes(UNKNOWN), "the program's triggers are known at preview: counts, not outputs");
    });

    it("counts a failure after any registration as registered first (the harness catches what the engine would)", async () => {
        const failure = await runProgram({
            config: singleClusterConfig(),
            secretKeys: SECRET_KUBECONFIG,
            main: async () => {
                new pulumi.ComponentResource("test:index:Registered", "first");
                throw new Error("refused too late");
            },
        }).then(
            () => assert.fail("no failure"),
            (e: RunFailure) => e,
        );
        assert.deepStrictEqual(
            failure.registrations.map((r) => r.name),
            ["first"],
        );
    });

    it("reports a trust stack that does not exist by its config key, as the engine's unknown stack", async () => {
        const failure = await runProgram({
            stack: "east",
            config: clusterStackConfig("east"),
            secretKeys: SECRET_KUBECONFIG,
        }).then(
            () => assert.fail("accepted"),
            (e: RunFailure) => e,
        );
        assert.match(failure.message, new RegExp(`linkerd-fleet:trustStack: stack "${TRUST_STACK}" does not exist`));
        assert.deepStrictEqual(failure.registrations, []);
    });

    it("reads other stacks' secret outputs as secrets, and a plain output published as a secret still decodes", async () => {
        const fleet = new Fleet();
        await fleet.run("trust", trustStackConfig(["east"]));
        fleet.stacks[TRUST_STACK].secretOutputNames = ["linkerdTrust"];
        const run = await fleet.run("east", clusterStackConfig("east"));
        const trustReads = run.invocations.filter((i) => i.token === "pulumi:pulumi:readStackOutputs");
        assert.ok(trustReads.some((i) => i.inputs.name === TRUST_STACK));
        assert.ok(run.logs.some((l) => /Requesting an identity issuer/.test(l)));
    });
});
