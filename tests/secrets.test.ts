// Secrets stay secret: no private key, kubeconfig or token reaches a non-secret input or a stack
// output in plain text, and the trust anchor's key never leaves the trust stack's own resources.
import * as assert from "assert";
import { clusterStackConfig, SECRET_KUBECONFIG, singleClusterConfig, TRUST_STACK } from "./support/fixtures";
import { asStackReference, plaintextStrings, ProgramRun, runProgram, unwrapSecrets } from "./support/harness";

const SENSITIVE = [/PRIVATE KEY/, /kubeconfig-fixture-token/, /current-context:/];

function assertNoPlaintextSecrets(run: ProgramRun, label: string) {
    for (const r of run.registrations) {
        for (const { path, value } of plaintextStrings(r.rawInputs)) {
            for (const pattern of SENSITIVE) {
                assert.doesNotMatch(value, pattern, `${label}: ${r.type}::${r.name} input ${path} is plain text`);
            }
        }
    }
    for (const [name, output] of Object.entries(run.outputs)) {
        if (!output.secret) {
            for (const pattern of SENSITIVE) {
                assert.doesNotMatch(JSON.stringify(output.value) ?? "", pattern, `${label}: output ${name}`);
            }
        }
    }
}

describe("secrets", () => {
    let single: ProgramRun;
    let trust: ProgramRun;
    let east: ProgramRun;

    before(async () => {
        single = await runProgram({
            config: singleClusterConfig({ issueFor: ["east"] }),
            secretKeys: SECRET_KUBECONFIG,
        });
        trust = await runProgram({ stack: "trust", config: { issueFor: ["east"] } });
        east = await runProgram({
            stack: "east",
            config: clusterStackConfig("east"),
            secretKeys: SECRET_KUBECONFIG,
            stackReferences: { [TRUST_STACK]: asStackReference(trust) },
        });
    });

    it("no private key, kubeconfig or token is plain text in any input or non-secret output", () => {
        assertNoPlaintextSecrets(single, "single-cluster stack");
        assertNoPlaintextSecrets(trust, "trust stack");
        assertNoPlaintextSecrets(east, "cluster stack");
    });

    it("the check above would catch a leak", () => {
        const leaky = new ProgramRun(
            [{ ...single.registrations[0], rawInputs: { note: "-----BEGIN EC PRIVATE KEY-----" } }],
            {},
            [],
        );
        assert.throws(() => assertNoPlaintextSecrets(leaky, "leaky"), /is plain text/);
    });

    it("the issuers output is secret, and so are the private keys in chart values", () => {
        for (const run of [single, trust]) {
            assert.strictEqual(run.outputs.identityIssuers.secret, true);
        }
        for (const run of [single, east]) {
            const values = run.get("kubernetes:helm.sh/v4:Chart", "linkerd-control-plane").inputs.values as any;
            for (const key of [
                values.identity.issuer.tls.keyPEM,
                values.proxyInjector.keyPEM,
                values.policyValidator.keyPEM,
            ]) {
                assert.match(key, /PRIVATE KEY/, "the key is there, but only inside a secret");
            }
        }
    });

    it("the trust anchor's private key appears nowhere but in the anchor's and the issuers' signing inputs", () => {
        for (const run of [single, trust]) {
            const anchorCert = run.get("tls:index/selfSignedCert:SelfSignedCert", "trust-root-anchor-1-cert");
            const anchorKey = anchorCert.inputs.privateKeyPem as string;
            assert.match(anchorKey, /PRIVATE KEY/);
            const carriers = run.registrations
                .filter((r) => JSON.stringify(r.inputs).includes(JSON.stringify(anchorKey).slice(1, -1)))
                .map((r) => r.name)
                .sort();
            assert.deepStrictEqual(
                carriers,
                [
                    ...Object.keys(run.outputs.identityIssuers.value as object).map((c) => `identity-issuer-${c}-cert`),
                    "trust-root-anchor-1-cert",
                ].sort(),
            );
            const everyOutput = JSON.stringify(Object.values(run.outputs).map((o) => unwrapSecrets(o.value)));
            assert.ok(!everyOutput.includes(JSON.stringify(anchorKey).slice(1, -1)), "not even in a secret output");
        }
    });

    it("a cluster stack never sees the trust anchor's key", () => {
        assert.ok(!JSON.stringify(east.registrations.map((r) => r.inputs)).includes("trust-root-anchor"));
        const anchorKey = trust.get("tls:index/selfSignedCert:SelfSignedCert", "trust-root-anchor-1-cert").inputs
            .privateKeyPem as string;
        const stackReference = JSON.stringify(asStackReference(trust));
        assert.ok(!stackReference.includes(JSON.stringify(anchorKey).slice(1, -1)));
    });
});
