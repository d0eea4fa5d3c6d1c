// Secrets stay secret wherever their value flows. Every key that may be set with --secret gets a
// distinctive value; that value must never appear in plain text in an output, in a resource input
// the engine receives, or in a log line. Credentials in URLs are refused without being quoted.
// And no stack output, secret or not, holds a private key.
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { ALL_KEYS } from "../components/program/keys.ts";
import { KUBECONFIG, SECRET_KUBECONFIG, singleClusterConfig } from "./support/fixtures.ts";
import {
    plaintextStrings,
    type ProgramRun,
    ROOT,
    type RunFailure,
    runProgram,
    type RunOptions,
    unwrapSecrets,
} from "./support/harness.ts";
import { days, makeCert, type MadeCert } from "./support/pki.ts";
import { linkedFleet, type LinkedFleet } from "./support/scenarios.ts";
import { multiclusterCluster, tokenFor } from "./support/fleet.ts";

const PROMETHEUS = "https://prometheus-marker-1.monitoring.example.com";

/** `value`, and what it decodes to when it is base64 (Secret data). */
function readings(value: string): string[] {
    return /^[A-Za-z0-9+/]{16,}={0,2}$/.test(value) ? [value, Buffer.from(value, "base64").toString("utf8")] : [value];
}

/** Where a marker shows in plain text (or plain base64): outputs not marked secret, plain inputs, logs. */
function leaks(run: ProgramRun, marker: string): string[] {
    const found: string[] = [];
    for (const [name, output] of Object.entries(run.outputs)) {
        if (!output.secret && JSON.stringify(output.value ?? null).includes(marker)) {
            found.push(`output ${name}`);
        }
    }
    for (const r of run.registrations) {
        for (const s of plaintextStrings(r.rawInputs)) {
            if (readings(s.value).some((v) => v.includes(marker))) {
                found.push(`input ${s.path} of ${r.type}::${r.name}`);
            }
        }
    }
    for (const line of run.logs) {
        if (line.includes(marker)) {
            found.push(`log: ${line.slice(0, 80)}`);
        }
    }
    return found;
}

/** Asserts that a marker reaches the engine (so the test is not vacuous) and only inside secrets. */
function assertSecretOnly(run: ProgramRun, marker: string, what: string): void {
    assert.ok(reaches(run, marker), `${what}: the value reaches no resource, so nothing was tested`);
    assert.deepStrictEqual(leaks(run, marker), [], `${what} leaks`);
}

/** Whether a marker reaches any resource input at all (secret or not, base64 or not). */
function reaches(run: ProgramRun, marker: string): boolean {
    return run.registrations.some((r) =>
        plaintextStrings(unwrapSecrets(r.rawInputs)).some((s) => readings(s.value).some((v) => v.includes(marker))),
    );
}

interface SecretCase {
    keys: string[];
    config: Record<string, unknown>;
    markers: string[];
    /** What the provider renders and the cluster holds, where the case needs it. */
    cluster?: Pick<RunOptions, "renderedChildren" | "liveObjects">;
}

function secretCases(pki: { anchor: MadeCert; issuer: MadeCert }): SecretCase[] {
    const keyLine = (pem: string) => pem.split("\n")[1];
    return [
        {
            keys: ["kubeconfig", "kubeContext"],
            config: {},
            markers: ["kubeconfig-fixture-token-0123456789", FIXTURE_SERVER, "dev-admin"],
        },
        {
            keys: ["prometheusUrl", "prometheusUsername", "prometheusPassword", "grafanaUrl"],
            config: {
                vizEnabled: true,
                prometheusUrl: PROMETHEUS,
                prometheusUsername: "marker-user-5",
                prometheusPassword: "marker-pass-6",
                grafanaUrl: "grafana-marker-2.monitoring:3000",
            },
            markers: ["prometheus-marker-1", "marker-user-5", "marker-pass-6", "grafana-marker-2"],
        },
        {
            keys: ["grafanaExternalUrl"],
            config: {
                vizEnabled: true,
                prometheusUrl: "http://prometheus.monitoring.svc:9090",
                grafanaExternalUrl: "https://grafana-marker-3.example.com",
            },
            markers: ["grafana-marker-3"],
        },
        {
            keys: ["vizDashboardEnforcedHost", "vizValues"],
            config: {
                vizEnabled: true,
                prometheusUrl: PROMETHEUS,
                vizDashboardEnforcedHost: "^dashboard-marker-4\\.example\\.com$",
                vizValues: { podLabels: { team: "marker-viz-8" } },
            },
            markers: ["dashboard-marker-4", "marker-viz-8"],
        },
        {
            keys: ["controlPlaneValues", "cniValues"],
            config: {
                cniEnabled: true,
                controlPlaneValues: { podLabels: { team: "marker-cp-9" } },
                cniValues: { podLabels: { team: "marker-cni-10" } },
            },
            markers: ["marker-cp-9", "marker-cni-10"],
        },
        {
            keys: ["multiclusterValues"],
            config: { multiclusterEnabled: true, multiclusterValues: { podLabels: { team: "marker-mc-11" } } },
            markers: ["marker-mc-11"],
            cluster: (({ rendered, live }) => ({ renderedChildren: rendered, liveObjects: live }))(
                multiclusterCluster("dev", { address: "203.0.113.5", sources: [] }),
            ),
        },
        {
            keys: ["linkerdChartRepositoryUsername", "linkerdChartRepositoryPassword"],
            config: {
                linkerdChartRepository: "https://charts.example.com/linkerd",
                linkerdChartRepositoryUsername: "marker-repo-user-12",
                linkerdChartRepositoryPassword: "marker-repo-pass-13",
            },
            markers: ["marker-repo-user-12", "marker-repo-pass-13"],
        },
        {
            keys: ["externalTrustAnchorKeyPem"],
            config: {
                trustAnchorGenerations: [],
                externalTrustAnchorPem: pki.anchor.certPem,
                externalTrustAnchorKeyPem: pki.anchor.keyPem,
                trustAnchorSigningGeneration: "external",
            },
            markers: [keyLine(pki.anchor.keyPem)],
        },
        {
            keys: ["identityIssuerKeyPem"],
            config: {
                externalTrustAnchorPem: pki.anchor.certPem,
                identityIssuerCertPem: pki.issuer.certPem,
                identityIssuerKeyPem: pki.issuer.keyPem,
            },
            markers: [keyLine(pki.issuer.keyPem)],
        },
    ];
}

const FIXTURE_SERVER = "dev.k8s.example.com";

describe("secrets stay secret", function () {
    this.timeout(60_000);
    let pki: { anchor: MadeCert; issuer: MadeCert };
    before(async () => {
        const anchor = await makeCert({ commonName: "root.linkerd.cluster.local", notAfter: days(3650) });
        pki = {
            anchor,
            issuer: await makeCert({ commonName: "identity.linkerd.cluster.local", issuer: anchor, pathLength: 0 }),
        };
    });

    it("covers every key that may be set with --secret", () => {
        const secretKeys = Object.entries(ALL_KEYS)
            .filter(([, spec]) => (spec as { secret?: string }).secret !== undefined)
            .filter(([, spec]) => (spec as { secret?: string }).secret !== "never")
            .map(([key]) => key)
            .sort();
        assert.deepStrictEqual(
            secretCases(pki)
                .flatMap((c) => c.keys)
                .sort(),
            secretKeys,
        );
    });

    it("keeps each such value secret in outputs, resource inputs and logs", async () => {
        for (const c of secretCases(pki)) {
            const run = await runProgram({
                config: singleClusterConfig(c.config),
                secretKeys: [...SECRET_KUBECONFIG, ...c.keys],
                ...c.cluster,
            });
            for (const marker of c.markers) {
                assertSecretOnly(run, marker, `${c.keys.join(", ")}: ${marker}`);
            }
        }
    });

    it("keeps a value set with --secret secret even where the key need not be (prometheusUrl)", async () => {
        const run = await runProgram({
            config: singleClusterConfig({
                vizEnabled: true,
                prometheusUrl: "http://prom-marker-14.monitoring.svc:9090",
            }),
            secretKeys: [...SECRET_KUBECONFIG, "prometheusUrl"],
        });
        assertSecretOnly(run, "prom-marker-14", "prometheusUrl");
        const plain = await runProgram({
            config: singleClusterConfig({
                vizEnabled: true,
                prometheusUrl: "http://prom-marker-14.monitoring.svc:9090",
            }),
            secretKeys: SECRET_KUBECONFIG,
        });
        assert.ok(leaks(plain, "prom-marker-14").length > 0, "in plain text it is plain: the check can fail");
    });

    it("reads only the named context's cluster and user from a kubeconfig file", async () => {
        const home = fs.mkdtempSync(path.join(ROOT, "node_modules", ".home-"));
        fs.mkdirSync(path.join(home, ".kube"));
        fs.writeFileSync(path.join(home, ".kube", "config"), KUBECONFIG);
        const saved = process.env.HOME;
        process.env.HOME = home;
        try {
            const config = singleClusterConfig();
            delete config.kubeconfig;
            const run = await runProgram({ config });
            const provider = run.get("pulumi:providers:kubernetes", "dev");
            const kubeconfig = parse(String(provider.inputs.kubeconfig)) as { users: { name: string }[] };
            assert.deepStrictEqual(
                kubeconfig.users.map((u) => u.name),
                ["admin"],
            );
            for (const other of ["kubeconfig-fixture-other-cluster-token", "kubeconfig-fixture-reader-token"]) {
                assert.ok(!JSON.stringify(run.registrations.map((r) => r.inputs)).includes(other), other);
            }
            assert.ok(typeof provider.rawInputs.kubeconfig === "object", "the context's credentials stay secret");
        } finally {
            process.env.HOME = saved;
            fs.rmSync(home, { recursive: true, force: true });
        }
    });

    it("refuses credentials in URLs without quoting them", async () => {
        const cases: Record<string, unknown>[] = [
            { linkerdChartRepository: "https://admin:hunter2@charts.example.com" },
            { vizEnabled: true, prometheusUrl: "https://admin:hunter2@prometheus.example.com" },
            { vizEnabled: true, prometheusUrl: PROMETHEUS, grafanaUrl: "https://admin:hunter2@grafana.example.com" },
            { multiclusterEnabled: true, multiclusterApiServerUrl: "https://admin:hunter2@k8s.example.com" },
        ];
        for (const overrides of cases) {
            for (const secret of [false, true]) {
                const key = Object.keys(overrides).at(-1)!;
                const failure = await runProgram({
                    config: singleClusterConfig(overrides),
                    secretKeys: [...SECRET_KUBECONFIG, ...(secret ? [key] : [])],
                }).then(
                    () => undefined,
                    (e: RunFailure) => e,
                );
                assert.ok(failure, `${key} with credentials was accepted`);
                assert.match(failure.message, new RegExp(`linkerd-fleet:${key}`));
                assert.doesNotMatch(failure.message, /hunter2/, key);
                assert.deepStrictEqual(failure.registrations, []);
            }
        }
    });

    it("keeps link tokens, read from another stack's secret output, secret in the linking stack", async () => {
        const { last }: LinkedFleet = await linkedFleet();
        const token = tokenFor("west", "east");
        const east = last.east;
        assert.ok(reaches(east, token), "the token reaches the link's Secret");
        assert.deepStrictEqual(leaks(east, token), []);
        assert.deepStrictEqual(leaks(last.west, token), [], "nor in the stack that issued it");
        assert.ok(last.west.outputs.multiclusterLinkTokens.secret);
    });

    it("never puts a private key in any output of any example stack, or of the test fleet", async () => {
        const { last } = await linkedFleet(["east", "west", "north"]);
        const runs: ProgramRun[] = [...Object.values(last)];
        runs.push(await runProgram({ config: singleClusterConfig(), secretKeys: SECRET_KUBECONFIG }));
        const dev = parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as {
            config: Record<string, unknown>;
        };
        const devConfig = Object.fromEntries(
            Object.entries(dev.config).map(([k, v]) => [k.replace(/^linkerd-fleet:/, ""), v]),
        );
        runs.push(
            await runProgram({ config: { ...devConfig, kubeconfig: KUBECONFIG }, secretKeys: SECRET_KUBECONFIG }),
        );
        for (const run of runs) {
            for (const [name, output] of Object.entries(run.outputs)) {
                assert.doesNotMatch(JSON.stringify(output.value ?? null), /PRIVATE KEY/, name);
            }
            for (const r of run.registrations) {
                for (const s of plaintextStrings(r.rawInputs)) {
                    assert.doesNotMatch(s.value, /PRIVATE KEY/, `${r.type}::${r.name} ${s.path}`);
                }
            }
        }
    });
});
