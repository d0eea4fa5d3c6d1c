// The certificate lifecycle under the engine's rules: renewal on the run that announces it, the
// issuer-request flow across stacks (bring-up, renewal, a lagging cluster), the ways out of a
// renewal the anchor cannot cover, expired anchors, and the minimum CLI.
import * as assert from "node:assert";
import { X509Certificate } from "node:crypto";
import { clusterStackConfig, SECRET_KUBECONFIG, singleClusterConfig, trustStackConfig } from "./support/fixtures.ts";
import { Fleet } from "./support/fleet.ts";
import { type RunFailure, runProgram } from "./support/harness.ts";
import { chainsTo, mutualTrust, running } from "./support/mesh.ts";
import { publicKeyOfCertificate, publicKeyOfPrivateKey, verifies } from "./support/openssl.ts";
import { days, type MadeCert, makeCert } from "./support/pki.ts";
import { shouldTriggerReplace, UNKNOWN } from "./support/tlsDouble.ts";

const names = (urns: string[]) => urns.map((u) => u.split("::").at(-1)!).sort();

/** Runs `stack` and returns the tls resources the engine created (or replaced) in that run. */
async function tlsCreated(fleet: Fleet, stack: string, config: Record<string, unknown>) {
    const before = fleet.tls.created.length;
    const run = await fleet.run(stack, config);
    return { run, created: names(fleet.tls.created.slice(before)) };
}

async function refusal(promise: Promise<unknown>): Promise<RunFailure> {
    return promise.then(
        () => assert.fail("the run was not refused"),
        (e: RunFailure) => e,
    );
}

describe("the harness follows the engine's replacementTrigger rule", () => {
    it("replaces only when the old and the new trigger are both set and differ (step_generator.go)", () => {
        assert.strictEqual(shouldTriggerReplace(1, undefined), false, "null → 1: no replacement");
        assert.strictEqual(shouldTriggerReplace(undefined, 1), false);
        assert.strictEqual(shouldTriggerReplace(0, 0), false);
        assert.strictEqual(shouldTriggerReplace(1, 0), true);
        assert.strictEqual(shouldTriggerReplace(UNKNOWN, 0), true, "an unknown trigger at preview shows a replacement");
    });
});

describe("renewal, on the run that announces it", function () {
    this.timeout(60_000);
    const config = singleClusterConfig();
    const webhookCerts = [
        "linkerd-linkerd-policy-validator-tls-cert",
        "linkerd-linkerd-proxy-injector-tls-cert",
        "linkerd-linkerd-sp-validator-tls-cert",
    ];

    it("outside the window nothing changes; inside it the announcing run replaces; the next run replaces nothing", async () => {
        const fleet = new Fleet();
        const first = await fleet.run("dev", config);
        const installed = running(first)!;
        fleet.advance(30);
        const quiet = await tlsCreated(fleet, "dev", config);
        assert.deepStrictEqual(quiet.created, [], "outside the window");
        assert.ok(!quiet.run.logs.some((l) => l.includes("Renewing")));

        fleet.advance(250); // 280 days in: inside the 90-day window of the 365-day certificates
        const announcing = await tlsCreated(fleet, "dev", config);
        assert.ok(announcing.run.logs.some((l) => /Renewing the identity issuer/.test(l)));
        for (const cert of webhookCerts) {
            assert.ok(announcing.created.includes(cert), `${cert} is replaced on the announcing run`);
        }
        assert.ok(announcing.created.includes("identity-issuer-key-1"), "a new issuer key (slot 1)");
        assert.ok(announcing.created.includes("issuer-certificate-dev-cert"), "signed in the same run: one stack");
        const renewed = running(announcing.run)!;
        assert.notStrictEqual(renewed.issuer.fingerprint256, installed.issuer.fingerprint256);
        assert.ok(Date.parse(renewed.issuer.validTo) > Date.parse(installed.issuer.validTo));
        assert.ok(chainsTo(renewed.issuer, renewed.bundle));
        assert.strictEqual(
            publicKeyOfPrivateKey(renewed.issuerKeyPem),
            publicKeyOfCertificate(renewed.issuer.toString()),
        );

        const after = await tlsCreated(fleet, "dev", config);
        assert.deepStrictEqual(after.created, [], "the next run replaces nothing");
        assert.ok(!after.run.logs.some((l) => l.includes("Renewing")));
        assert.ok(!after.run.find("tls:index/privateKey:PrivateKey", "identity-issuer-key-0"), "slot 0 is gone");
    });

    it("upgrades a stack deployed without triggers quietly, and its first renewal then happens on time", async () => {
        const fleet = new Fleet();
        await fleet.run("dev", config);
        // As the previous version left state: no replacementTrigger on any certificate yet.
        for (const state of fleet.tls.state.values()) {
            state.trigger = undefined;
        }
        const upgrade = await tlsCreated(fleet, "dev", config);
        assert.deepStrictEqual(upgrade.created, [], "unset → 0 replaces nothing (the engine's rule)");
        fleet.advance(280);
        const renewal = await tlsCreated(fleet, "dev", config);
        for (const cert of webhookCerts) {
            assert.ok(renewal.created.includes(cert), `${cert} renews on the run that announces it (0 → 1)`);
        }
    });

    it("keeps an anchor's validity when trustAnchorValidityHours changes: it applies to new generations", async () => {
        const fleet = new Fleet();
        await fleet.run("dev", config);
        const changed = { ...config, trustAnchorValidityHours: 43800 };
        const { created, run } = await tlsCreated(fleet, "dev", changed);
        assert.ok(!created.some((n) => n.startsWith("trust-root")), created.join(", "));
        assert.ok(run.logs.some((l) => /trust anchor "1" keeps the validity it was made with \(87600 hours\)/.test(l)));
        const added = await tlsCreated(fleet, "dev", { ...changed, trustAnchorGenerations: ["1", "2"] });
        assert.deepStrictEqual(
            added.created.filter((n) => n.startsWith("trust-root")),
            ["trust-root-anchor-2-cert", "trust-root-anchor-2-key"],
        );
        const anchor2 = added.run.get("tls:index/selfSignedCert:SelfSignedCert", "trust-root-anchor-2-cert");
        assert.strictEqual(anchor2.inputs.validityPeriodHours, 43800);
    });

    it("never renews the trust anchor: it is protected and has no trigger", async () => {
        const fleet = new Fleet();
        await fleet.run("dev", config);
        fleet.advance(3000);
        const { created, run } = await tlsCreated(fleet, "dev", config);
        assert.ok(!created.some((n) => n.startsWith("trust-root")), created.join(", "));
        assert.ok(run.get("tls:index/selfSignedCert:SelfSignedCert", "trust-root-anchor-1-cert").protect);
    });
});

describe("issuer requests across stacks", function () {
    this.timeout(60_000);
    const configs: Record<string, Record<string, unknown>> = {
        trust: trustStackConfig(["east", "west"]),
        east: clusterStackConfig("east"),
        west: clusterStackConfig("west"),
    };

    async function broughtUp(): Promise<Fleet> {
        const fleet = new Fleet();
        for (const stack of ["trust", "east", "west", "trust", "east", "west"]) {
            await fleet.run(stack, configs[stack]);
        }
        return fleet;
    }

    it("brings a cluster up in trust, cluster, trust, cluster; its key never leaves its stack", async () => {
        const fleet = new Fleet();
        const trust1 = await fleet.run("trust", configs.trust);
        assert.ok(trust1.logs.some((l) => /issueFor: stack "acme\/linkerd-fleet\/east" does not exist/.test(l)));
        const east1 = await fleet.run("east", configs.east);
        assert.strictEqual(running(east1), undefined, "nothing is installed before the trust stack signs");
        assert.ok(east1.logs.some((l) => /Requesting an identity issuer \(slot 0\)/.test(l)));
        const request = (east1.outputs.linkerdCluster.value as { request: { csrPem: string } }).request;
        assert.match(request.csrPem, /^-----BEGIN CERTIFICATE REQUEST-----/);
        const trust2 = await fleet.run("trust", configs.trust);
        const issued = (trust2.outputs.linkerdTrust.value as { issuers: Record<string, { certificatePem: string }> })
            .issuers.east;
        assert.ok(issued, "the trust stack signed east's request");
        assert.ok(!trust2.find("tls:index/privateKey:PrivateKey", "identity-issuer-key-0"), "no issuer key in trust");
        const east2 = await fleet.run("east", configs.east);
        const installed = running(east2)!;
        assert.strictEqual(installed.issuer.fingerprint256, new X509Certificate(issued.certificatePem).fingerprint256);
        assert.ok(verifies(installed.bundle.map((c) => c.toString()).join("\n"), installed.issuer.toString()));
        assert.strictEqual(
            publicKeyOfPrivateKey(installed.issuerKeyPem),
            publicKeyOfCertificate(installed.issuer.toString()),
            "east runs the key it generated, with the certificate the trust stack signed",
        );
        const east3 = await tlsCreated(fleet, "east", configs.east);
        assert.deepStrictEqual(east3.created, [], "then it is at rest");
    });

    it("renews in cluster, trust, cluster: the cluster keeps its current issuer until the new certificate arrives", async () => {
        const fleet = await broughtUp();
        const before = running(await fleet.run("east", configs.east))!;
        fleet.advance(280);
        const asking = await fleet.run("east", configs.east);
        assert.ok(asking.logs.some((l) => /requesting a certificate for a new key \(slot 1\)/.test(l)));
        assert.strictEqual(running(asking)!.issuer.fingerprint256, before.issuer.fingerprint256, "keeps slot 0");
        assert.strictEqual(running(asking)!.issuerKeyPem, before.issuerKeyPem);
        const signing = await tlsCreated(fleet, "trust", configs.trust);
        assert.deepStrictEqual(signing.created, ["issuer-certificate-east-cert"]);
        const installing = await fleet.run("east", configs.east);
        const after = running(installing)!;
        assert.notStrictEqual(after.issuer.fingerprint256, before.issuer.fingerprint256);
        assert.strictEqual(publicKeyOfPrivateKey(after.issuerKeyPem), publicKeyOfCertificate(after.issuer.toString()));
        assert.strictEqual(mutualTrust(after, running(await fleet.run("west", configs.west))!), undefined);
    });

    it("lets a cluster lag: the others renew, the lagging one keeps its certificate and catches up later", async () => {
        const fleet = await broughtUp();
        fleet.advance(280);
        for (const stack of ["east", "trust", "east"]) {
            await fleet.run(stack, configs[stack]);
        }
        const trust = await fleet.run("trust", configs.trust);
        const status = trust.outputs.trustRotation.value as { clusters: Record<string, string> };
        assert.match(status.clusters.west, /runs this step/);
        const westLate = await fleet.run("west", configs.west);
        assert.ok(westLate.logs.some((l) => /slot 1/.test(l)));
        await fleet.run("trust", configs.trust);
        const west = running(await fleet.run("west", configs.west))!;
        const east = running(await fleet.run("east", configs.east))!;
        assert.strictEqual(mutualTrust(east, west), undefined);
        assert.ok(Date.parse(west.issuer.validTo) > fleet.now.getTime() + 300 * 86_400_000);
    });
});

describe("a renewal the anchor cannot cover", function () {
    this.timeout(60_000);
    // An anchor of 20000 hours (833 days) and issuers of 8760: the second renewal, at day 555, would
    // outlive the anchor.
    const base = singleClusterConfig({ trustAnchorValidityHours: 20000 });

    async function atDeadlock(): Promise<{ fleet: Fleet; message: string }> {
        const fleet = new Fleet();
        await fleet.run("dev", base);
        fleet.advance(280);
        await fleet.run("dev", base);
        fleet.advance(280);
        const failure = await refusal(fleet.run("dev", base));
        assert.deepStrictEqual(failure.registrations, []);
        return { fleet, message: failure.message };
    }

    it("is refused with both ways out spelt out", async () => {
        const { message } = await atDeadlock();
        assert.match(message, /Either start a rotation: add a generation to linkerd-fleet:trustAnchorGenerations/);
        assert.match(message, /or issue a shorter-lived issuer: set linkerd-fleet:issuerValidityHours to \d+ or less/);
    });

    it("goes ahead with a shorter-lived issuer", async () => {
        const { fleet, message } = await atDeadlock();
        const hours = Number(/issuerValidityHours to (\d+) or less/.exec(message)![1]);
        const run = await fleet.run("dev", { ...base, issuerValidityHours: hours });
        const installed = running(run)!;
        const anchorEnd = Date.parse(installed.bundle[0].validTo);
        assert.ok(Date.parse(installed.issuer.validTo) <= anchorEnd);
    });

    it("goes ahead by starting a rotation: the cluster keeps its issuer, and the new anchor signs at step 2", async () => {
        const { fleet } = await atDeadlock();
        const step1 = await fleet.run("dev", { ...base, trustAnchorGenerations: ["1", "2"] });
        assert.strictEqual(running(step1)!.bundle.length, 2);
        const step2 = await fleet.run("dev", {
            ...base,
            trustAnchorGenerations: ["1", "2"],
            trustAnchorSigningGeneration: "2",
        });
        const installed = running(step2)!;
        const second = installed.bundle.find((a) => chainsTo(installed.issuer, [a]))!;
        assert.ok(Date.parse(second.validTo) > Date.parse(installed.issuer.validTo));
    });
});

describe("a shorter-lived issuer below twice the renewal window", function () {
    this.timeout(60_000);
    it("names both settings to change, and goes through with them", async () => {
        // Anchor 10000 hours, issuers 5000: the second renewal (day 238) leaves the anchor 4288 hours,
        // less than twice the default 2160-hour renewal window.
        const config = singleClusterConfig({ trustAnchorValidityHours: 10000, issuerValidityHours: 5000 });
        const fleet = new Fleet();
        await fleet.run("dev", config);
        fleet.advance(119);
        await fleet.run("dev", config);
        fleet.advance(119);
        const failure = await refusal(fleet.run("dev", config));
        const match =
            /set linkerd-fleet:issuerValidityHours to (\d+) or less, and linkerd-fleet:certificateRenewBeforeHours to (\d+) or less \(at least 1464\)/.exec(
                failure.message,
            );
        assert.ok(match, failure.message);
        const run = await fleet.run("dev", {
            ...config,
            issuerValidityHours: Number(match[1]),
            certificateRenewBeforeHours: Number(match[2]),
        });
        const installed = running(run)!;
        assert.ok(Date.parse(installed.issuer.validTo) <= Date.parse(installed.bundle[0].validTo));
    });
});

describe("a cluster signed for before that can no longer be read", function () {
    this.timeout(60_000);
    it("blocks the next rotation step, naming it (deleted and unreadable stacks look the same)", async () => {
        const fleet = new Fleet();
        const trust = trustStackConfig(["east", "west"]);
        for (const stack of ["trust", "east", "west", "trust", "east", "west"]) {
            await fleet.run(stack, stack === "trust" ? trust : clusterStackConfig(stack));
        }
        delete fleet.stacks[Fleet.qualified("west")];
        const failure = await refusal(fleet.run("trust", { ...trust, trustAnchorGenerations: ["1", "2"] }));
        assert.match(failure.message, /cluster "acme\/linkerd-fleet\/west" .*could not be read/);
        const run = await fleet.run("trust", trust);
        assert.ok(
            run.logs.some((l) => /This stack signed its issuer before, so the cluster may still run Linkerd/.test(l)),
        );
    });
});

describe("validity is checked at plan time", function () {
    this.timeout(60_000);
    it("refuses a deployed anchor that has expired, and rotates it out", async () => {
        // An anchor of 250 days, and a stack nobody ran for 251 days.
        const config = singleClusterConfig({
            trustAnchorValidityHours: 6000,
            issuerValidityHours: 2928,
            certificateRenewBeforeHours: 1464,
        });
        const fleet = new Fleet();
        await fleet.run("dev", config);
        fleet.advance(251);
        const failure = await refusal(fleet.run("dev", config));
        assert.match(failure.message, /linkerd-fleet:trustAnchorGenerations: [^\n]*trust anchor "1"[^\n]*expired/);
        assert.deepStrictEqual(failure.registrations, []);
        // The way out: a new generation that signs, and the expired one removed, in one edit (it trusts nothing now).
        const replaced = await fleet.run("dev", { ...config, trustAnchorGenerations: ["2"] });
        const installed = running(replaced)!;
        assert.strictEqual(installed.bundle.length, 1);
        assert.ok(Date.parse(installed.bundle[0].validTo) > fleet.now.getTime());
        assert.ok(chainsTo(installed.issuer, installed.bundle));
    });
});

describe("the Pulumi CLI", () => {
    it("is refused before anything is read when older than 3.226.0, with the reason", async () => {
        for (const cliVersion of ["3.225.0", "3.210.0"]) {
            const failure = await refusal(
                runProgram({ config: singleClusterConfig(), secretKeys: SECRET_KUBECONFIG, cliVersion }),
            );
            assert.match(
                failure.message,
                /needs Pulumi CLI 3\.226\.0 or newer: older engines ignore the replacementTrigger/,
            );
            assert.deepStrictEqual(failure.registrations, []);
        }
        await runProgram({ config: singleClusterConfig(), secretKeys: SECRET_KUBECONFIG, cliVersion: "3.226.0" });
    });
});

describe("external anchors rotate through the same steps", function () {
    this.timeout(60_000);
    let external: MadeCert;
    let other: MadeCert;
    before(async () => {
        external = await makeCert({ commonName: "root.linkerd.cluster.local", notAfter: days(3650) });
        other = await makeCert({ commonName: "other-root.example", notAfter: days(3650) });
    });
    const east = clusterStackConfig("east");
    const externalOnly = () =>
        trustStackConfig(["east"], {
            trustAnchorGenerations: [],
            externalTrustAnchorPem: external.certPem,
            externalTrustAnchorKeyPem: external.keyPem,
            trustAnchorSigningGeneration: "external",
        });
    const run = (fleet: Fleet, stack: string, config: Record<string, unknown>) =>
        fleet.run(stack, config, {
            secretKeys: [
                ...(stack === "trust" ? ["externalTrustAnchorKeyPem"] : []),
                ...(typeof config.kubeconfig === "string" ? ["kubeconfig"] : []),
            ],
        });

    async function externalFleet(): Promise<Fleet> {
        const fleet = new Fleet();
        for (const stack of ["trust", "east", "trust", "east"]) {
            await run(fleet, stack, stack === "trust" ? externalOnly() : east);
        }
        assert.ok(chainsTo(running(await run(fleet, "east", east))!.issuer, [new X509Certificate(external.certPem)]));
        return fleet;
    }

    it("from an external anchor to a generated one: one step per edit, each gated on the fleet", async () => {
        const fleet = await externalFleet();
        const both = { ...externalOnly(), trustAnchorGenerations: ["1"] };
        const jump = await refusal(run(fleet, "trust", { ...both, trustAnchorSigningGeneration: "1" }));
        assert.match(jump.message, /more than one rotation step at once \(adds 1, signs with 1\)/);

        await run(fleet, "trust", both); // step 1: the bundle holds both
        const early = await refusal(run(fleet, "trust", { ...both, trustAnchorSigningGeneration: "1" }));
        assert.match(
            early.message,
            /cluster "east" \(stack acme\/linkerd-fleet\/east\) still runs bundle external-[0-9a-f]+ /,
        );

        assert.strictEqual(running(await run(fleet, "east", east))!.bundle.length, 2);
        await run(fleet, "trust", { ...both, trustAnchorSigningGeneration: "1" }); // step 2
        await run(fleet, "east", east); // requests and installs the issuer the new anchor signs
        await run(fleet, "trust", { ...both, trustAnchorSigningGeneration: "1" });
        const signedByNew = running(await run(fleet, "east", east))!;
        assert.ok(
            !chainsTo(signedByNew.issuer, [new X509Certificate(external.certPem)]),
            "the issuer is signed by the generated anchor",
        );
        fleet.advance(2);
        await run(fleet, "trust", trustStackConfig(["east"])); // step 3: the external anchor leaves
        const done = running(await run(fleet, "east", east))!;
        assert.strictEqual(done.bundle.length, 1);
        assert.ok(!done.bundle.some((a) => a.fingerprint256 === new X509Certificate(external.certPem).fingerprint256));
        assert.ok(chainsTo(done.issuer, done.bundle));
    });

    it("from a generated anchor, adding an external one and signing with it in one edit is refused", async () => {
        const fleet = new Fleet();
        for (const stack of ["trust", "east", "trust", "east"]) {
            await run(fleet, stack, stack === "trust" ? trustStackConfig(["east"]) : east);
        }
        const failure = await refusal(
            run(
                fleet,
                "trust",
                trustStackConfig(["east"], {
                    externalTrustAnchorPem: other.certPem,
                    externalTrustAnchorKeyPem: other.keyPem,
                    trustAnchorSigningGeneration: "external",
                }),
            ),
        );
        assert.match(failure.message, /more than one rotation step at once/);
        assert.deepStrictEqual(failure.registrations, []);
    });
});
