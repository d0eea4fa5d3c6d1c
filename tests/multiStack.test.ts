// The multi-cluster layout: a trust stack that owns the root and signs issuers for two clusters,
// and two cluster stacks that read their trust from it through a StackReference.
import * as assert from "assert";
import { X509Certificate } from "crypto";
import { clusterStackConfig, SECRET_KUBECONFIG, TRUST_STACK } from "./support/fixtures";
import { asStackReference, plaintextStrings, ProgramRun, runProgram } from "./support/harness";
import { verifies } from "./support/openssl";

interface Issued {
    certPem: string;
    privateKeyPem: string;
    notAfter: string;
}

describe("multi-cluster layout: a trust stack and two cluster stacks", () => {
    let trust: ProgramRun;
    let east: ProgramRun;
    let west: ProgramRun;

    before(async () => {
        trust = await runProgram({ stack: "trust", config: { issueFor: ["east", "west"] } });
        const stackReferences = { [TRUST_STACK]: asStackReference(trust) };
        east = await runProgram({
            stack: "east",
            config: clusterStackConfig("east"),
            secretKeys: SECRET_KUBECONFIG,
            stackReferences,
        });
        west = await runProgram({
            stack: "west",
            config: clusterStackConfig("west"),
            secretKeys: SECRET_KUBECONFIG,
            stackReferences,
        });
    });

    it("the trust stack creates the root and one issuer per listed cluster, and nothing in any cluster", () => {
        assert.deepStrictEqual(
            trust
                .summary()
                .filter((s) => s.startsWith("linkerd:"))
                .sort(),
            [
                "linkerd:trust:IdentityIssuer::identity-issuer-east",
                "linkerd:trust:IdentityIssuer::identity-issuer-west",
                "linkerd:trust:TrustRoot::trust-root",
            ],
        );
        assert.ok(trust.registrations.every((r) => !r.type.startsWith("kubernetes:") && !r.type.includes("providers")));
        assert.deepStrictEqual(Object.keys(trust.outputs).sort(), [
            "certificateNotAfter",
            "certificateRenewals",
            "identityIssuers",
            "issuerNotAfter",
            "issuerSignedBy",
            "trustAnchorFingerprints",
            "trustAnchorNotAfter",
            "trustAnchorUrns",
            "trustAnchorsPem",
            "trustRotation",
        ]);
        assert.strictEqual(trust.outputs.identityIssuers.secret, true);
    });

    it("cluster stacks read their trust through a StackReference and create no PKI of the mesh", () => {
        for (const run of [east, west]) {
            const reference = run.get("pulumi:pulumi:StackReference", "trust-stack");
            assert.strictEqual(reference.inputs.name, TRUST_STACK);
            assert.ok(!run.summary().some((s) => s.startsWith("linkerd:trust:")));
            const selfSigned = run.ofType("tls:index/selfSignedCert:SelfSignedCert").map((r) => r.name);
            assert.deepStrictEqual(selfSigned, ["webhook-ca-cert"], "only the cluster's own webhook CA");
        }
    });

    it("each cluster installs the shared bundle and its own issuer, which chains to the bundle", () => {
        const bundle = trust.outputs.trustAnchorsPem.value as string;
        const issuers = trust.outputs.identityIssuers.value as Record<string, Issued>;
        for (const [name, run] of [
            ["east", east],
            ["west", west],
        ] as const) {
            const chart = run.get("kubernetes:helm.sh/v4:Chart", "linkerd-control-plane");
            const values = chart.inputs.values as any;
            assert.strictEqual(values.identityTrustAnchorsPEM, bundle, name);
            assert.strictEqual(values.identity.issuer.tls.crtPEM, issuers[name].certPem, name);
            assert.strictEqual(values.identity.issuer.tls.keyPEM, issuers[name].privateKeyPem, name);
            assert.ok(verifies(bundle, values.identity.issuer.tls.crtPEM), name);
            assert.deepStrictEqual(
                plaintextStrings(chart.rawInputs).filter((s) => s.value.includes("PRIVATE KEY")),
                [],
                "the issuer key stays a secret across stacks",
            );
        }
        assert.notStrictEqual(issuers.east.certPem, issuers.west.certPem);
    });

    it("cluster stacks export the bundle, its fingerprints and their own issuer's not-after, not the issuer", () => {
        const issuers = trust.outputs.identityIssuers.value as Record<string, Issued>;
        assert.strictEqual(east.outputs.trustAnchorsPem.value, trust.outputs.trustAnchorsPem.value);
        assert.deepStrictEqual(east.outputs.trustAnchorFingerprints.value, trust.outputs.trustAnchorFingerprints.value);
        assert.strictEqual(east.outputs.identityIssuerNotAfter.value, issuers.east.notAfter);
        assert.strictEqual(east.outputs.identityIssuerNotAfter.secret, false);
        assert.strictEqual(east.outputs.identityIssuers, undefined);
        assert.strictEqual(
            new Date(new X509Certificate(issuers.west.certPem).validTo).toISOString().replace(".000Z", "Z"),
            west.outputs.identityIssuerNotAfter.value,
        );
    });

    it("a cluster the trust stack does not issue for fails with a message saying how to fix it", async () => {
        await assert.rejects(
            runProgram({
                stack: "north",
                config: clusterStackConfig("north"),
                secretKeys: SECRET_KUBECONFIG,
                stackReferences: { [TRUST_STACK]: asStackReference(trust) },
            }),
            /Trust stack "acme\/linkerd-fleet\/trust" has no identity issuer for cluster "north"\. Add "north" to linkerd-fleet:issueFor in that stack/,
        );
    });
});
