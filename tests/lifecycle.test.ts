// Certificate lifecycle: issuer (and webhook certificate) renewal with an injected clock, trust
// anchor rotation across clusters step by step with real X.509, existing PKI and its validation,
// expiry guardrails and alerts.
import * as assert from "assert";
import { execFileSync } from "child_process";
import { X509Certificate } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { ConfigError } from "../components/config";
import { expiryFindings } from "../components/certificates";
import { trustPreflight } from "../components/link";
import { splitPemBundle } from "../components/pem";
import { renewal } from "../components/renewal";
import { clusterStackConfig, SECRET_KUBECONFIG, singleClusterConfig, TRUST_STACK } from "./support/fixtures";
import { asStackReference, ProgramRun, Registration, runProgram, RunOptions } from "./support/harness";
import { verifies } from "./support/openssl";
import { days, makeCert, MadeCert } from "./support/pki";
import { TlsDouble } from "./support/tlsDouble";

type Config = Record<string, string | number | boolean | string[]>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date("2026-12-01T00:00:00Z");
const at = (d: number) => new Date(T0.getTime() + d * DAY);

/** The outputs of a run, as its stack's next run reads them back. */
function outputsOf(run: ProgramRun): Record<string, unknown> {
    return Object.fromEntries(Object.entries(run.outputs).map(([k, v]) => [k, v.value]));
}

/** Runs with a shared tls double (Pulumi state) whose clock is the run's. */
async function runAt(now: Date, tls: TlsDouble, options: Omit<RunOptions, "now" | "tls">): Promise<ProgramRun> {
    tls.now = () => now;
    return runProgram({ ...options, now, tls });
}

/** A single-cluster stack trusting only `anchorPem` and installing an issuer made elsewhere. */
function externalPki(anchorPem: string, issuer: MadeCert, keyPem = issuer.keyPem, secret = true) {
    return {
        config: singleClusterConfig({
            trustAnchorGenerations: [],
            externalTrustAnchorPem: anchorPem,
            identityIssuerCertPem: issuer.certPem,
            identityIssuerKeyPem: keyPem,
        }),
        secretKeys: secret ? [...SECRET_KUBECONFIG, "identityIssuerKeyPem"] : SECRET_KUBECONFIG,
    };
}

const issuerParts = (run: ProgramRun, cluster: string): Registration[] =>
    run.registrations.filter((r) => r.name.startsWith(`identity-issuer-${cluster}-`));

describe("certificate lifecycle", () => {
    describe("the renewal decision (pure, injected clock)", () => {
        const notAfter = "2027-12-01T00:00:00Z";
        it("renews inside the window and only there", () => {
            assert.deepStrictEqual(renewal(0, notAfter, new Date("2027-09-01T23:59:59Z"), 2160), {
                count: 0,
                due: false,
            });
            assert.deepStrictEqual(renewal(0, notAfter, new Date("2027-09-02T00:00:00Z"), 2160), {
                count: 1,
                due: true,
            });
            assert.deepStrictEqual(renewal(3, notAfter, new Date("2027-11-30T00:00:00Z"), 2160), {
                count: 4,
                due: true,
            });
            assert.deepStrictEqual(renewal(undefined, undefined, new Date("2030-01-01"), 2160), {
                count: 0,
                due: false,
            });
        });
    });

    describe("issuer and webhook certificate renewal by a normal pulumi up", () => {
        const tls = new TlsDouble();
        const options = { config: singleClusterConfig(), secretKeys: SECRET_KUBECONFIG };
        let first: ProgramRun;
        let outside: ProgramRun;
        let inside: ProgramRun;
        let settled: ProgramRun;

        before(async () => {
            first = await runAt(T0, tls, options);
            outside = await runAt(at(274), tls, { ...options, previousOutputs: outputsOf(first) });
            inside = await runAt(at(276), tls, { ...options, previousOutputs: outputsOf(first) });
            settled = await runAt(at(277), tls, { ...options, previousOutputs: outputsOf(inside) });
        });

        it("leaves an issuer outside its window alone: same inputs, no replacement trigger", () => {
            for (const [a, b] of issuerParts(outside, "dev").map((r, i) => [r, issuerParts(first, "dev")[i]])) {
                assert.strictEqual(a.replacementTrigger, undefined, a.name);
                assert.deepStrictEqual(a.rawInputs, b.rawInputs, a.name);
            }
            assert.deepStrictEqual((outside.outputs.certificateRenewals.value as any).issuers, { dev: 0 });
        });

        it("plans the replacement of an issuer inside its window (key, request and certificate)", () => {
            const parts = issuerParts(inside, "dev");
            assert.deepStrictEqual(
                parts.map((r) => [r.name, r.replacementTrigger]),
                [
                    ["identity-issuer-dev-key", 1],
                    ["identity-issuer-dev-csr", 1],
                    ["identity-issuer-dev-cert", 1],
                ],
            );
            assert.deepStrictEqual((inside.outputs.certificateRenewals.value as any).issuers, { dev: 1 });
        });

        it("never touches the anchor", () => {
            for (const name of ["trust-root-anchor-1-key", "trust-root-anchor-1-cert"]) {
                const before = first.registrations.find((r) => r.name === name)!;
                const after = inside.registrations.find((r) => r.name === name)!;
                assert.strictEqual(after.replacementTrigger, undefined);
                assert.deepStrictEqual(after.rawInputs, before.rawInputs);
            }
            assert.strictEqual(inside.outputs.trustAnchorsPem.value, first.outputs.trustAnchorsPem.value);
        });

        it("hands the control plane a new issuer, signed by the same anchor, valid from now", () => {
            const values = inside.get("kubernetes:helm.sh/v4:Chart", "linkerd-control-plane").inputs.values as any;
            const oldValues = first.get("kubernetes:helm.sh/v4:Chart", "linkerd-control-plane").inputs.values as any;
            assert.notStrictEqual(values.identity.issuer.tls.crtPEM, oldValues.identity.issuer.tls.crtPEM);
            assert.notStrictEqual(values.identity.issuer.tls.keyPEM, oldValues.identity.issuer.tls.keyPEM);
            assert.ok(verifies(values.identityTrustAnchorsPEM, values.identity.issuer.tls.crtPEM, { atTime: at(276) }));
            const cert = new X509Certificate(values.identity.issuer.tls.crtPEM);
            assert.strictEqual(Date.parse(cert.validFrom), at(276).getTime());
        });

        it("renews the webhook certificates in their window too, not the webhook CA", () => {
            const renewed = inside.registrations.filter((r) => /^linkerd-linkerd-.*-tls-(key|csr|cert)$/.test(r.name));
            assert.strictEqual(renewed.length, 9);
            assert.ok(renewed.every((r) => r.replacementTrigger === 1));
            assert.ok(
                inside.registrations
                    .filter((r) => r.name.startsWith("webhook-ca-"))
                    .every((r) => !r.replacementTrigger),
            );
        });

        it("does not renew again on the next run", () => {
            const same = (r: ProgramRun) =>
                r.registrations
                    .filter((x) => x.type.startsWith("tls:"))
                    .map((x) => [x.name, x.replacementTrigger, x.rawInputs])
                    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
            assert.deepStrictEqual(same(settled), same(inside));
        });

        it("exports every certificate's not-after", () => {
            const expiry = inside.outputs.certificateNotAfter.value as any;
            assert.deepStrictEqual(Object.keys(expiry).sort(), [
                "anchors",
                "identityIssuer",
                "issuers",
                "webhookCa",
                "webhooks",
            ]);
            assert.strictEqual(
                expiry.issuers.dev,
                new Date(at(276).getTime() + 8760 * HOUR).toISOString().replace(".000Z", "Z"),
            );
            assert.deepStrictEqual(Object.keys(expiry.webhooks).sort(), [
                "linkerd-policy-validator.linkerd.svc",
                "linkerd-proxy-injector.linkerd.svc",
                "linkerd-sp-validator.linkerd.svc",
            ]);
        });
    });

    describe("trust anchor rotation across clusters", () => {
        const tls = new TlsDouble();
        const steps: { trust: ProgramRun; east: ProgramRun; west: ProgramRun }[] = [];
        const trustConfig = (generations: string[], signing?: string): Config => ({
            issueFor: ["east", "west"],
            trustAnchorGenerations: generations,
            ...(signing ? { trustAnchorSigningGeneration: signing } : {}),
        });

        async function deploy(step: number, config: Config) {
            const previous = steps[step - 1];
            const trust = await runAt(at(step), tls, {
                stack: "trust",
                config,
                previousOutputs: previous ? outputsOf(previous.trust) : undefined,
            });
            const references = { [TRUST_STACK]: asStackReference(trust) };
            const cluster = (name: string) =>
                runAt(at(step), tls, {
                    stack: name,
                    config: clusterStackConfig(name),
                    secretKeys: SECRET_KUBECONFIG,
                    stackReferences: references,
                    previousOutputs: previous ? outputsOf(previous[name as "east"]) : undefined,
                });
            steps[step] = { trust, east: await cluster("east"), west: await cluster("west") };
        }

        const bundleOf = (run: ProgramRun) => run.outputs.trustAnchorsPem.value as string;
        const issuerOf = (run: ProgramRun) =>
            (run.get("kubernetes:helm.sh/v4:Chart", "linkerd-control-plane").inputs.values as any).identity.issuer.tls
                .crtPEM as string;
        const anchorOf = (run: ProgramRun, generation: string) =>
            run.get("tls:index/selfSignedCert:SelfSignedCert", `trust-root-anchor-${generation}-cert`);

        before(async () => {
            await deploy(0, trustConfig(["1"]));
            await deploy(1, trustConfig(["1", "2"]));
            await deploy(2, trustConfig(["1", "2"], "2"));
            await deploy(3, trustConfig(["2"]));
        });

        it("step 1: every cluster's bundle holds old and new; issuers are unchanged", () => {
            assert.strictEqual(splitPemBundle(bundleOf(steps[1].trust)).length, 2);
            for (const cluster of ["east", "west"] as const) {
                assert.strictEqual(bundleOf(steps[1][cluster]), bundleOf(steps[1].trust));
                assert.strictEqual(issuerOf(steps[1][cluster]), issuerOf(steps[0][cluster]));
                assert.ok(verifies(bundleOf(steps[1][cluster]), issuerOf(steps[1][cluster]), { atTime: at(1) }));
            }
            assert.deepStrictEqual(anchorOf(steps[1].trust, "1").rawInputs, anchorOf(steps[0].trust, "1").rawInputs);
        });

        it("step 2: every issuer is re-signed by the new anchor, still trusted by the bundle", () => {
            const newAnchor = splitPemBundle(bundleOf(steps[2].trust))[1];
            const oldAnchor = splitPemBundle(bundleOf(steps[2].trust))[0];
            for (const cluster of ["east", "west"] as const) {
                const issuer = issuerOf(steps[2][cluster]);
                assert.notStrictEqual(issuer, issuerOf(steps[1][cluster]));
                assert.ok(verifies(newAnchor, issuer, { atTime: at(2) }), `${cluster} issuer signed by the new anchor`);
                assert.ok(!verifies(oldAnchor, issuer, { atTime: at(2) }));
                assert.ok(verifies(bundleOf(steps[2][cluster]), issuer, { atTime: at(2) }));
            }
            assert.deepStrictEqual(steps[2].trust.outputs.issuerSignedBy.value, { east: "2", west: "2" });
        });

        it("step 3: the old anchor leaves the bundle; the issuers still verify", () => {
            const bundle = splitPemBundle(bundleOf(steps[3].trust));
            assert.deepStrictEqual(bundle, [splitPemBundle(bundleOf(steps[2].trust))[1]]);
            for (const cluster of ["east", "west"] as const) {
                assert.ok(verifies(bundleOf(steps[3][cluster]), issuerOf(steps[3][cluster]), { atTime: at(3) }));
            }
            assert.ok(!steps[3].trust.summary().some((s) => s.includes("trust-root-anchor-1-")));
        });

        it("the retirement says how to unprotect the old anchor's resources deliberately", () => {
            const warning = steps[3].trust.logs.find((l) => l.includes('Retiring trust anchor generation "1"'));
            assert.ok(warning);
            assert.match(
                warning!,
                /pulumi state unprotect 'urn:pulumi:trust::linkerd-fleet::linkerd:trust:TrustRoot\$tls:index\/privateKey:PrivateKey::trust-root-anchor-1-key'/,
            );
            assert.match(warning!, /trust-root-anchor-1-cert'/);
        });

        it("linked clusters see overlapping, never disjoint, bundles whichever stack is ahead", () => {
            const view = (run: ProgramRun, name: string) => ({
                clusterName: name,
                trustAnchorsPem: bundleOf(run),
                clusterDomain: "cluster.local",
                trustDomain: "cluster.local",
            });
            for (let step = 1; step <= 3; step++) {
                // east has run this step; west is still at the previous one.
                const findings = trustPreflight(
                    view(steps[step].east, "east"),
                    view(steps[step - 1].west, "west"),
                    "k",
                );
                assert.ok(
                    findings.every((f) => f.level !== "error"),
                    `step ${step}: ${JSON.stringify(findings)}`,
                );
                // Steps 1 and 3 change the bundle (overlapping but different); step 2 only re-signs issuers.
                assert.deepStrictEqual(
                    findings.map((f) => f.level),
                    step === 2 ? [] : ["warning"],
                    `step ${step}`,
                );
                assert.deepStrictEqual(
                    trustPreflight(view(steps[step].east, "east"), view(steps[step].west, "west"), "k"),
                    [],
                    `step ${step}, both done`,
                );
            }
        });

        it("names the step and the restarts it needs in a stack output", () => {
            const rotation = (step: number) => steps[step].trust.outputs.trustRotation.value as any;
            assert.match(rotation(0).step, /^steady/);
            assert.match(rotation(1).step, /^1 of 3/);
            assert.match(rotation(1).restarts, /rollout restart.*trusts both anchors/);
            assert.match(rotation(1).next, /trustAnchorSigningGeneration to 2/);
            assert.match(rotation(2).step, /^2 of 3/);
            assert.match(rotation(2).restarts, /certificate from the new issuer/);
            assert.match(rotation(3).step, /^3 of 3/);
        });

        it("refuses to sign with a generation that is not yet in the deployed bundle (steps 1 and 2 at once)", async () => {
            await assert.rejects(
                runAt(at(1), tls, {
                    stack: "trust",
                    config: trustConfig(["1", "2"], "2"),
                    previousOutputs: outputsOf(steps[0].trust),
                }),
                /generation "2" was not in the bundle of the last pulumi up.*Step 1 first/s,
            );
        });

        it("refuses to retire a generation that still signs issuers (steps 2 and 3 at once)", async () => {
            await assert.rejects(
                runAt(at(2), tls, {
                    stack: "trust",
                    config: trustConfig(["2"]),
                    previousOutputs: outputsOf(steps[1].trust),
                }),
                /generation "1" still signs the issuers of east, west.*Step 2 first/s,
            );
        });
    });

    describe("existing PKI", () => {
        let anchor: MadeCert;
        let issuer: MadeCert;
        before(async () => {
            anchor = await makeCert({ commonName: "root.linkerd.cluster.local", notAfter: days(3650) });
            issuer = await makeCert({
                commonName: "identity.linkerd.cluster.local",
                issuer: anchor,
                notAfter: days(365),
            });
        });

        it("signs issuers with an external anchor and its key", async () => {
            const run = await runProgram({
                stack: "trust",
                config: {
                    issueFor: ["east"],
                    trustAnchorGenerations: [],
                    trustAnchorSigningGeneration: "external",
                    externalTrustAnchorPem: anchor.certPem,
                    externalTrustAnchorKeyPem: anchor.keyPem,
                },
                secretKeys: ["externalTrustAnchorKeyPem"],
            });
            assert.strictEqual(run.outputs.trustAnchorsPem.value, anchor.certPem);
            const east = (run.outputs.identityIssuers.value as any).east;
            assert.ok(verifies(anchor.certPem, east.certPem));
            assert.ok(!run.summary().some((s) => s.includes("trust-root-anchor")), "no generated anchor");
        });

        it("trusts an external anchor beside a generated one (certificate only)", async () => {
            const run = await runProgram({
                stack: "trust",
                config: { issueFor: ["east"], externalTrustAnchorPem: anchor.certPem },
            });
            const bundle = splitPemBundle(run.outputs.trustAnchorsPem.value as string);
            assert.strictEqual(bundle.length, 2);
            assert.strictEqual(bundle[1], anchor.certPem);
            assert.ok(verifies(bundle[0], (run.outputs.identityIssuers.value as any).east.certPem));
        });

        it("installs an external issuer in a cluster", async () => {
            const run = await runProgram(externalPki(anchor.certPem, issuer));
            const values = run.get("kubernetes:helm.sh/v4:Chart", "linkerd-control-plane").inputs.values as any;
            assert.strictEqual(values.identity.issuer.tls.crtPEM, issuer.certPem);
            assert.strictEqual(values.identity.issuer.tls.keyPEM, issuer.keyPem);
            assert.strictEqual(values.identityTrustAnchorsPEM, anchor.certPem);
        });

        describe("bad PKI fails before anything is registered", () => {
            async function rejects(config: Config, secretKeys: string[], pattern: RegExp) {
                try {
                    await runProgram({ config, secretKeys });
                } catch (error) {
                    assert.ok(error instanceof ConfigError, String(error));
                    assert.match((error as Error).message, pattern);
                    assert.deepStrictEqual((error as unknown as { registrations: unknown[] }).registrations, []);
                    return;
                }
                assert.fail("accepted");
            }
            const withIssuer = (cert: MadeCert, key = cert.keyPem) => externalPki(anchor.certPem, cert, key).config;
            const secrets = [...SECRET_KUBECONFIG, "identityIssuerKeyPem"];

            it("an anchor on the wrong curve", async () => {
                const p384 = await makeCert({ commonName: "root", key: "P-384", hash: "SHA-384" });
                await rejects(
                    { issueFor: ["east"], externalTrustAnchorPem: p384.certPem },
                    [],
                    /linkerd-fleet:externalTrustAnchorPem uses curve secp384r1; Linkerd needs ECDSA P-256/,
                );
            });

            it("an anchor signed with SHA-384", async () => {
                const sha384 = await makeCert({ commonName: "root", hash: "SHA-384" });
                await rejects(
                    { issueFor: ["east"], externalTrustAnchorPem: sha384.certPem },
                    [],
                    /linkerd-fleet:externalTrustAnchorPem is not signed with ECDSA-SHA256/,
                );
            });

            it("an RSA issuer", async () => {
                const rsa = await makeCert({ commonName: "identity", key: "RSA", issuer: anchor });
                await rejects(
                    withIssuer(rsa),
                    secrets,
                    /linkerd-fleet:identityIssuerCertPem has a RSA key; Linkerd needs ECDSA P-256/,
                );
            });

            it("a non-CA issuer", async () => {
                const leaf = await makeCert({ commonName: "identity", ca: false, issuer: anchor });
                await rejects(withIssuer(leaf), secrets, /linkerd-fleet:identityIssuerCertPem is not a CA certificate/);
            });

            it("an issuer that does not chain to the bundle", async () => {
                const stranger = await makeCert({ commonName: "other-root" });
                const foreign = await makeCert({ commonName: "identity", issuer: stranger });
                await rejects(
                    withIssuer(foreign),
                    secrets,
                    /linkerd-fleet:identityIssuerCertPem: is not signed by any anchor in the trust bundle/,
                );
            });

            it("an expired anchor", async () => {
                const expired = await makeCert({ commonName: "root", notBefore: days(-400), notAfter: days(-35) });
                await rejects(
                    { issueFor: ["east"], externalTrustAnchorPem: expired.certPem },
                    [],
                    /linkerd-fleet:externalTrustAnchorPem expired on .*; a trust anchor must be valid/,
                );
            });

            it("a malformed PEM", async () => {
                await rejects(
                    {
                        issueFor: ["east"],
                        externalTrustAnchorPem: "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n",
                    },
                    [],
                    /linkerd-fleet:externalTrustAnchorPem: certificate 1 is not a valid PEM certificate/,
                );
                await rejects({ issueFor: ["east"], externalTrustAnchorPem: "hello" }, [], /holds no PEM certificate/);
            });

            it("a key that is not the certificate's, without quoting it", async () => {
                const other = await makeCert({ commonName: "identity", issuer: anchor });
                try {
                    await runProgram({ config: withIssuer(issuer, other.keyPem), secretKeys: secrets });
                    assert.fail("accepted");
                } catch (error) {
                    assert.match(
                        (error as Error).message,
                        /linkerd-fleet:identityIssuerKeyPem does not belong to its certificate/,
                    );
                    assert.doesNotMatch((error as Error).message, /PRIVATE KEY/);
                }
            });

            it("an issuer key in plain text", async () => {
                await rejects(
                    withIssuer(issuer),
                    SECRET_KUBECONFIG,
                    /linkerd-fleet:identityIssuerKeyPem: is stored in plain text/,
                );
            });
        });
    });

    describe("expiry guardrails", () => {
        const base = {
            anchorName: "the anchor",
            issuerName: "the issuer",
            issuerValidityHours: 8760,
            renewBeforeHours: 2160,
            now: T0,
        };

        it("warns when anything expires within 60 days", () => {
            const findings = expiryFindings({ ...base, anchorNotAfter: at(3650), issuerNotAfter: at(59) });
            assert.deepStrictEqual(
                findings.map((f) => f.level),
                ["warning"],
            );
            assert.match(findings[0].message, /the issuer expires on .* within 60 days/);
        });

        it("fails when the issuer outlives its anchor", () => {
            const findings = expiryFindings({ ...base, anchorNotAfter: at(100), issuerNotAfter: at(200) });
            assert.deepStrictEqual(
                findings.map((f) => f.level),
                ["error"],
            );
            assert.match(findings[0].message, /the issuer .* outlives the anchor/);
        });

        it("warns before, and fails at, a renewal the anchor would not cover", () => {
            const later = expiryFindings({ ...base, anchorNotAfter: at(400), issuerNotAfter: at(300) });
            assert.deepStrictEqual(
                later.map((f) => f.level),
                ["warning"],
            );
            assert.match(
                later[0].message,
                /before the issuer that the issuer's next renewal .* would sign expires.*Rotate the trust anchor before/,
            );
            const due = expiryFindings({ ...base, anchorNotAfter: at(300), issuerNotAfter: at(80) });
            assert.deepStrictEqual(
                due.map((f) => f.level),
                ["error"],
            );
            assert.match(due[0].message, /renewal, due now, would sign/);
        });

        it("is quiet for a healthy chain", () => {
            assert.deepStrictEqual(expiryFindings({ ...base, anchorNotAfter: at(3650), issuerNotAfter: at(365) }), []);
        });

        it("stops an update whose installed issuer outlives its anchor", async () => {
            const anchor = await makeCert({ commonName: "root", notAfter: days(100) });
            const issuer = await makeCert({ commonName: "identity", issuer: anchor, notAfter: days(200) });
            await assert.rejects(
                runProgram(externalPki(anchor.certPem, issuer)),
                /the identity issuer of "dev" \(until .*\) outlives the trust anchor/,
            );
        });

        it("refuses a due renewal that the signing anchor would not cover, before anything is created", async () => {
            const tls = new TlsDouble();
            const first = await runAt(T0, tls, { stack: "trust", config: { issueFor: ["east"] } });
            const previous = outputsOf(first);
            // Pretend the anchor (10 years) is almost over when the issuer's renewal comes due.
            previous.trustAnchorNotAfter = { "1": at(300).toISOString() };
            await assert.rejects(
                runAt(at(276), tls, { stack: "trust", config: { issueFor: ["east"] }, previousOutputs: previous }),
                (error: Error & { registrations: Registration[] }) =>
                    /The identity issuer of "east" is due for renewal, but trust anchor generation "1" expires/.test(
                        error.message,
                    ) && error.registrations.every((r) => r.type === "pulumi:pulumi:StackReference"),
            );
        });
    });

    describe("expiry alerts", () => {
        it("creates a PrometheusRule on the issuer TTL metric and the anchor's not-after, valid for promtool", async () => {
            const run = await runProgram({
                config: singleClusterConfig({
                    expiryAlerts: true,
                    expiryAlertsNamespace: "monitoring",
                    expiryAlertsLabels: ["release=kube-prometheus-stack"],
                }),
                secretKeys: SECRET_KUBECONFIG,
            });
            const rule = run.get(
                "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
                "certificate-expiry-alerts-rule",
            );
            assert.deepStrictEqual(rule.inputs.metadata, {
                name: "linkerd-certificate-expiry",
                namespace: "monitoring",
                labels: { release: "kube-prometheus-stack" },
            });
            const groups = (rule.inputs.spec as any).groups;
            const exprs = groups[0].rules.map((r: any) => r.expr).join("\n");
            assert.match(exprs, /issuer_cert_ttl_seconds/);
            const anchorEnd = Math.floor(
                Date.parse(new X509Certificate(run.outputs.trustAnchorsPem.value as string).validTo) / 1000,
            );
            assert.match(exprs, new RegExp(`vector\\(${anchorEnd} - time\\(\\)\\) < 5184000`));
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkerd-fleet-rules-"));
            try {
                const file = path.join(dir, "rules.yml");
                fs.writeFileSync(file, YAML.stringify({ groups }));
                assert.match(
                    execFileSync("promtool", ["check", "rules", file], { encoding: "utf8" }),
                    /SUCCESS: 4 rules found/,
                );
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
            assert.ok(rule.dependencies.includes(run.get("kubernetes:helm.sh/v4:Chart", "linkerd-control-plane").urn));
        });
    });
});
