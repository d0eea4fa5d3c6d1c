// Migration from the previous version, whose trust stack published every cluster's issuer key in
// the secret `identityIssuers` output. The stacks' last outputs are written in the previous
// version's shapes (no format fields, no linkerdState); the anchor resources are the ones the trust
// stack already holds (same names, same inputs). What the double cannot show: the previous
// version's issuer resources already in state; here the first upgraded run creates them (README).
import * as assert from "node:assert";
import { X509Certificate } from "node:crypto";
import { clusterStackConfig, trustStackConfig } from "./support/fixtures.ts";
import { Fleet } from "./support/fleet.ts";
import { running } from "./support/mesh.ts";
import { publicKeyOfCertificate, publicKeyOfPrivateKey } from "./support/openssl.ts";

const TRUST = Fleet.qualified("trust");
const EAST = Fleet.qualified("east");

/** The outputs the previous version's trust stack published, around the anchor it holds. */
function previousTrustOutputs(bundlePem: string): Record<string, unknown> {
    const anchor = new X509Certificate(bundlePem);
    return {
        trustAnchorsPem: bundlePem,
        trustAnchorNotAfter: { "1": new Date(anchor.validTo).toISOString() },
        trustAnchorFingerprints: [anchor.fingerprint256],
        trustAnchorUrns: {},
        certificateRenewals: { issuers: { east: 0 } },
        issuerSignedBy: { east: "1" },
    };
}

describe("migration from the identityIssuers output", function () {
    this.timeout(60_000);

    it("moves each cluster to its own key in trust, cluster, trust, cluster, trust, then drops every key from the outputs", async () => {
        const fleet = new Fleet();
        const trustConfig = trustStackConfig(["east"]);
        const east = clusterStackConfig("east");
        // The anchor as the trust stack already holds it; then its outputs as the previous version left them.
        const seeded = await fleet.run("trust", trustConfig);
        const bundlePem = (seeded.outputs.linkerdTrust.value as { bundlePem: string }).bundlePem;
        fleet.stacks[TRUST] = { outputs: previousTrustOutputs(bundlePem) };
        fleet.stacks[EAST] = {
            outputs: { clusterName: "east", certificateRenewals: { webhooks: {} }, webhookCertNotAfter: {} },
        };

        // 1. The trust stack upgrades: it keeps east's issuer where it was, and publishes it for the migration.
        const trust1 = await fleet.run("trust", trustConfig);
        assert.strictEqual(
            (trust1.outputs.linkerdTrust.value as { bundlePem: string }).bundlePem,
            bundlePem,
            "same anchor",
        );
        assert.ok(trust1.find("linkerd:trust:IdentityIssuer", "identity-issuer-east"), trust1.summary().join("\n"));
        assert.strictEqual(trust1.outputs.identityIssuers.secret, true);
        const legacy = (trust1.outputs.identityIssuers.value as Record<string, { certPem: string }>).east;

        // 2. east upgrades: it keeps running the issuer it had, and asks for one of its own.
        const east1 = await fleet.run("east", east);
        const migrating = running(east1)!;
        assert.strictEqual(migrating.issuer.fingerprint256, new X509Certificate(legacy.certPem).fingerprint256);
        assert.match(
            (east1.outputs.linkerdCluster.value as { request: { csrPem: string } }).request.csrPem,
            /CERTIFICATE REQUEST/,
        );

        // 3. The trust stack signs east's request, and still publishes the old issuer while east runs it.
        const trust2 = await fleet.run("trust", trustConfig);
        assert.ok(trust2.outputs.identityIssuers, "east still runs the old issuer");

        // 4. east installs its own issuer.
        const own = running(await fleet.run("east", east))!;
        assert.notStrictEqual(own.issuer.fingerprint256, migrating.issuer.fingerprint256);
        assert.strictEqual(publicKeyOfPrivateKey(own.issuerKeyPem), publicKeyOfCertificate(own.issuer.toString()));

        // 5. The trust stack sees east run its own key: the old issuer, and every key in the outputs, go.
        const trust3 = await fleet.run("trust", trustConfig);
        assert.strictEqual(trust3.outputs.identityIssuers, undefined);
        assert.strictEqual(trust3.find("linkerd:trust:IdentityIssuer", "identity-issuer-east"), undefined);
        for (const [name, output] of Object.entries(trust3.outputs)) {
            assert.doesNotMatch(JSON.stringify(output.value ?? null), /PRIVATE KEY/, name);
        }
        const settled = running(await fleet.run("east", east))!;
        assert.strictEqual(settled.issuer.fingerprint256, own.issuer.fingerprint256);
    });
});
