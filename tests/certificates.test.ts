// The certificates are real X.509, built from the exact arguments the program passes to
// @pulumi/tls (see support/tlsDouble.ts), and checked here with OpenSSL and Node's X509Certificate.
import * as assert from "assert";
import { X509Certificate } from "crypto";
import { KUBECONFIG, SECRET_KUBECONFIG, singleClusterConfig } from "./support/fixtures";
import { ProgramRun, runProgram } from "./support/harness";
import {
    certificateText,
    publicKeyOfCertificate,
    publicKeyOfPrivateKey,
    sha256FingerprintOf,
    signCertificate,
    verifies,
} from "./support/openssl";
import { CONTROL_PLANE_WEBHOOK_DNS_NAMES } from "./upstream/linkerd";

const HOUR = 3600_000;

interface Issued {
    certPem: string;
    privateKeyPem: string;
    notAfter: string;
}

function chartValues(run: ProgramRun): Record<string, any> {
    return run.get("kubernetes:helm.sh/v4:Chart", "linkerd-control-plane").inputs.values as Record<string, any>;
}

function lifetimeHours(pem: string): number {
    const cert = new X509Certificate(pem);
    return (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / HOUR;
}

describe("certificates", () => {
    const now = new Date();
    let run: ProgramRun;
    let bundle: string;
    let issuer: Issued;

    before(async () => {
        run = await runProgram({
            config: singleClusterConfig({ issueFor: ["east", "west"] }),
            secretKeys: SECRET_KUBECONFIG,
        });
        bundle = run.outputs.trustAnchorsPem.value as string;
        issuer = (run.outputs.identityIssuers.value as Record<string, Issued>).dev;
    });

    describe("trust anchor", () => {
        it("is a self-signed ECDSA P-256 CA for root.linkerd.cluster.local, pathlen 1, cert and CRL signing only", () => {
            const anchor = new X509Certificate(bundle);
            assert.strictEqual(anchor.subject, "CN=root.linkerd.cluster.local");
            assert.strictEqual(anchor.issuer, anchor.subject);
            assert.strictEqual(anchor.ca, true);
            assert.ok(anchor.verify(anchor.publicKey), "self-signed");
            assert.strictEqual(anchor.publicKey.asymmetricKeyType, "ec");
            assert.strictEqual(anchor.publicKey.asymmetricKeyDetails?.namedCurve, "prime256v1");

            const text = certificateText(bundle);
            assert.match(text, /Signature Algorithm: ecdsa-with-SHA256/);
            assert.match(text, /X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:1/);
            assert.match(text, /X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign\s/);
            assert.doesNotMatch(text, /Extended Key Usage/, "Linkerd's anchors carry no EKU");
            assert.match(text, /X509v3 Subject Key Identifier/);
        });

        it("is valid for ten years by default, starting now", () => {
            const anchor = new X509Certificate(bundle);
            assert.strictEqual(lifetimeHours(bundle), 87600);
            assert.ok(Math.abs(Date.parse(anchor.validFrom) - now.getTime()) < 5 * 60_000);
        });

        it("is published as a normalised bundle with its SHA-256 fingerprint", () => {
            assert.ok(bundle.endsWith("-----END CERTIFICATE-----\n") && !bundle.endsWith("\n\n"));
            assert.deepStrictEqual(run.outputs.trustAnchorFingerprints.value, [sha256FingerprintOf(bundle)]);
            assert.deepStrictEqual(run.outputs.trustAnchorNotAfter.value, {
                "1": new Date(new X509Certificate(bundle).validTo).toISOString().replace(".000Z", "Z"),
            });
        });
    });

    describe("identity issuers", () => {
        it("are issued for every listed cluster and for the stack's own cluster", () => {
            assert.deepStrictEqual(Object.keys(run.outputs.identityIssuers.value as object).sort(), [
                "dev",
                "east",
                "west",
            ]);
        });

        it("are ECDSA P-256 CAs for identity.linkerd.cluster.local, signed by the anchor, valid one year", () => {
            for (const [cluster, issued] of Object.entries(
                run.outputs.identityIssuers.value as Record<string, Issued>,
            )) {
                const cert = new X509Certificate(issued.certPem);
                assert.strictEqual(cert.subject, "CN=identity.linkerd.cluster.local", cluster);
                assert.strictEqual(cert.issuer, "CN=root.linkerd.cluster.local", cluster);
                assert.strictEqual(cert.ca, true, cluster);
                assert.strictEqual(cert.publicKey.asymmetricKeyDetails?.namedCurve, "prime256v1", cluster);
                assert.ok(cert.checkIssued(new X509Certificate(bundle)), cluster);
                assert.ok(verifies(bundle, issued.certPem), `${cluster} issuer verifies against the trust bundle`);
                assert.strictEqual(lifetimeHours(issued.certPem), 8760, cluster);

                const text = certificateText(issued.certPem);
                assert.match(text, /Signature Algorithm: ecdsa-with-SHA256/);
                assert.match(text, /X509v3 Basic Constraints: critical\s+CA:TRUE\s/);
                assert.match(text, /X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign\s/);
                assert.doesNotMatch(text, /Extended Key Usage/);
                assert.match(text, /X509v3 Authority Key Identifier/);
                assert.strictEqual(
                    issued.notAfter,
                    new Date(cert.validTo).toISOString().replace(".000Z", "Z"),
                    "the notAfter output is the certificate's",
                );
            }
        });

        it("each have their own key, which matches their certificate", () => {
            const issuers = Object.values(run.outputs.identityIssuers.value as Record<string, Issued>);
            assert.strictEqual(new Set(issuers.map((i) => i.privateKeyPem)).size, issuers.length);
            for (const issued of issuers) {
                assert.strictEqual(publicKeyOfPrivateKey(issued.privateKeyPem), publicKeyOfCertificate(issued.certPem));
            }
        });

        it("end well before the anchor", () => {
            const anchorEnd = Date.parse(new X509Certificate(bundle).validTo);
            for (const issued of Object.values(run.outputs.identityIssuers.value as Record<string, Issued>)) {
                assert.ok(Date.parse(new X509Certificate(issued.certPem).validTo) < anchorEnd - 365 * 24 * HOUR);
            }
        });

        it("sign workload certificates that verify against the bundle, as a peer proxy checks them", () => {
            const identity = "default.emojivoto.serviceaccount.identity.linkerd.cluster.local";
            const leaf = signCertificate(issuer.certPem, issuer.privateKeyPem, identity).certPem;
            assert.ok(verifies(bundle, leaf, { untrusted: issuer.certPem }));
            assert.ok(!verifies(bundle, leaf), "the issuer is needed in the chain: the anchor did not sign the leaf");
        });

        it("cannot extend the chain with a further CA (the anchor's pathlen 1 stops it)", () => {
            const subCa = signCertificate(issuer.certPem, issuer.privateKeyPem, "rogue-ca", { ca: true });
            const leaf = signCertificate(subCa.certPem, subCa.keyPem, "rogue.example.com").certPem;
            assert.ok(
                !verifies(bundle, leaf, { untrusted: issuer.certPem + subCa.certPem }),
                "a chain anchor → issuer → sub-CA → leaf must be rejected",
            );
        });
    });

    describe("the chart's identity values", () => {
        it("carry the bundle, and the issuer certificate with its own key", () => {
            const values = chartValues(run);
            assert.strictEqual(values.identityTrustAnchorsPEM, bundle);
            assert.strictEqual(values.identity.issuer.scheme, "linkerd.io/tls");
            assert.strictEqual(values.identity.issuer.tls.crtPEM, issuer.certPem);
            assert.strictEqual(values.identity.issuer.tls.keyPEM, issuer.privateKeyPem);
            assert.ok(verifies(values.identityTrustAnchorsPEM, values.identity.issuer.tls.crtPEM));
        });
    });

    describe("webhook certificates", () => {
        for (const [valuesKey, dnsName] of Object.entries(CONTROL_PLANE_WEBHOOK_DNS_NAMES)) {
            it(`${valuesKey}: serving certificate for ${dnsName}, signed by the caBundle, not by the mesh anchor`, () => {
                const webhook = chartValues(run)[valuesKey];
                assert.strictEqual(webhook.externalSecret, false);
                const cert = new X509Certificate(webhook.crtPEM);
                assert.strictEqual(cert.subjectAltName, `DNS:${dnsName}`);
                assert.strictEqual(cert.ca, false);
                assert.deepStrictEqual(cert.keyUsage, ["1.3.6.1.5.5.7.3.1"], "server auth only");
                assert.strictEqual(cert.publicKey.asymmetricKeyDetails?.namedCurve, "prime256v1");
                assert.ok(verifies(webhook.caBundle, webhook.crtPEM, { purpose: "sslserver" }));
                assert.ok(!verifies(bundle, webhook.crtPEM), "separate from the mesh identity chain");
                assert.ok(new X509Certificate(webhook.caBundle).ca);
                assert.match(webhook.keyPEM, /^-----BEGIN PRIVATE KEY-----\n/, "PKCS#8, as the policy validator needs");
                assert.strictEqual(publicKeyOfPrivateKey(webhook.keyPEM), publicKeyOfCertificate(webhook.crtPEM));
                assert.strictEqual(lifetimeHours(webhook.crtPEM), 8760);
            });
        }

        it("share one per-cluster webhook CA", () => {
            const values = chartValues(run);
            const bundles = new Set(Object.keys(CONTROL_PLANE_WEBHOOK_DNS_NAMES).map((k) => values[k].caBundle));
            assert.strictEqual(bundles.size, 1);
            assert.notStrictEqual([...bundles][0], bundle);
        });
    });

    it("validity settings flow into the certificates", async () => {
        const custom = await runProgram({
            config: singleClusterConfig({
                trustAnchorValidityHours: 43800,
                issuerValidityHours: 4380,
                webhookCertValidityHours: 4380,
                kubeconfig: KUBECONFIG,
            }),
            secretKeys: SECRET_KUBECONFIG,
        });
        assert.strictEqual(lifetimeHours(custom.outputs.trustAnchorsPem.value as string), 43800);
        const issued = (custom.outputs.identityIssuers.value as Record<string, Issued>).dev;
        assert.strictEqual(lifetimeHours(issued.certPem), 4380);
        assert.strictEqual(lifetimeHours(chartValues(custom).proxyInjector.crtPEM), 4380);
    });
});
