// A second `pulumi up` with the same configuration changes nothing: two evaluations register
// identical resources with identical inputs and options. The tls double keeps outputs of unchanged
// resources, as Pulumi state does; everything else must come out the same by itself.
import * as assert from "assert";
import { clusterStackConfig, SECRET_KUBECONFIG, singleClusterConfig, TRUST_STACK } from "./support/fixtures";
import { asStackReference, ProgramRun, runProgram } from "./support/harness";
import { TlsDouble } from "./support/tlsDouble";

function snapshot(run: ProgramRun) {
    return {
        resources: run.registrations
            .map((r) => ({
                urn: r.urn,
                inputs: r.rawInputs,
                provider: r.provider,
                protect: r.protect,
                retainOnDelete: r.retainOnDelete,
                dependencies: [...r.dependencies].sort(),
                transforms: r.transforms.length,
            }))
            .sort((a, b) => a.urn.localeCompare(b.urn)),
        outputs: run.outputs,
    };
}

describe("determinism", () => {
    it("the single-cluster stack registers identical inputs on a second evaluation", async () => {
        const tls = new TlsDouble();
        const first = await runProgram({ config: singleClusterConfig(), secretKeys: SECRET_KUBECONFIG, tls });
        const second = await runProgram({ config: singleClusterConfig(), secretKeys: SECRET_KUBECONFIG, tls });
        assert.deepStrictEqual(snapshot(second), snapshot(first));
    });

    it("a cluster stack reading its trust from another stack does too", async () => {
        const tls = new TlsDouble();
        const trust = await runProgram({ stack: "trust", config: { issueFor: ["east"] }, tls });
        const options = {
            stack: "east",
            config: clusterStackConfig("east"),
            secretKeys: SECRET_KUBECONFIG,
            stackReferences: { [TRUST_STACK]: asStackReference(trust) },
            tls,
        };
        const first = await runProgram(options);
        const second = await runProgram(options);
        assert.deepStrictEqual(snapshot(second), snapshot(first));
    });

    it("the comparison is sensitive: fresh certificates (as without state) differ", async () => {
        const first = await runProgram({ config: singleClusterConfig(), secretKeys: SECRET_KUBECONFIG });
        const second = await runProgram({ config: singleClusterConfig(), secretKeys: SECRET_KUBECONFIG });
        assert.notDeepStrictEqual(snapshot(second), snapshot(first));
    });
});
