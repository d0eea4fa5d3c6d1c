// The production checklist of the control plane (GitHub issues 10 and 11): chart values against the
// pinned charts (HA key by key, resources, only keys the charts have), the CNI plugin, meshed
// namespaces, clock skew, kube-system, webhook certificates, the supported-version windows, render
// mode, chart sources, the per-chart escape hatch, adoption, upgrading between the pinned releases,
// and determinism. Everything is checked through what the engine and the provider receive.
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { isChartKey } from "../components/charts/keys.ts";
import { LINKERD_RELEASES } from "../components/charts/releases.ts";
import { CNI_CHART_KEYS, CONTROL_PLANE_CHART_KEYS, CRDS_CHART_KEYS } from "../components/controlPlane/chartKeys.ts";
import { highAvailabilityValues } from "../components/controlPlane/values.ts";
import {
    clusterStackConfig,
    type Config,
    FIXTURE_CA_DATA,
    SECRET_KUBECONFIG,
    singleClusterConfig,
    trustStackConfig,
} from "./support/fixtures.ts";
import { Fleet } from "./support/fleet.ts";
import { flatten } from "./support/flatten.ts";
import {
    plaintextStrings,
    type ProgramRun,
    type Registration,
    type RunFailure,
    runProgram,
    type RunOptions,
} from "./support/harness.ts";
import { certificateText, publicKeyOfCertificate, publicKeyOfPrivateKey, verifies } from "./support/openssl.ts";
import { TlsDouble } from "./support/tlsDouble.ts";
import { CNI_NAMESPACE_METADATA } from "./upstream/cni.ts";
import {
    CHART_KUBE_VERSION,
    CONTROL_PLANE_DEFAULTS,
    CONTROL_PLANE_PROGRAM_KEYS,
    CONTROL_PLANE_RESOURCE_MAPS,
    WEBHOOK_EXCLUSION_LABEL,
} from "./upstream/controlPlaneChart.ts";
import {
    CONTROL_PLANE_HA_VALUES,
    CONTROL_PLANE_WEBHOOK_DNS_NAMES,
    LINKERD_NAMESPACE_METADATA,
} from "./upstream/linkerd.ts";
import { CHART_V3_JSON_KEYS, FETCH_OPTS_JSON_KEYS } from "./upstream/pulumiKubernetes.ts";
import { RELEASE_FACTS } from "./upstream/releases.ts";

const T = {
    provider: "pulumi:providers:kubernetes",
    namespace: "kubernetes:core/v1:Namespace",
    namespacePatch: "kubernetes:core/v1:NamespacePatch",
    chart: "kubernetes:helm.sh/v4:Chart",
    chartV3: "kubernetes:helm.sh/v3:Chart",
    configFile: "kubernetes:yaml/v2:ConfigFile",
    signed: "tls:index/locallySignedCert:LocallySignedCert",
};

type Values = Record<string, unknown>;
const PINNED = Object.keys(RELEASE_FACTS);
const CA_PEM = Buffer.from(FIXTURE_CA_DATA, "base64").toString("utf8");
const PROMETHEUS = "http://prometheus.monitoring.svc.cluster.local:9090";

/** The single-cluster stack with `overrides`; `secret` lists more keys set with --secret. */
function run(overrides: Config = {}, secret: string[] = [], options: Partial<RunOptions> = {}): Promise<ProgramRun> {
    return runProgram({
        config: singleClusterConfig(overrides),
        secretKeys: [...SECRET_KUBECONFIG, ...secret],
        ...options,
    });
}

/** A render-mode stack: a folder, no kubeconfig, no strict mode. */
function renderConfig(overrides: Config = {}): Config {
    return { clusterName: "dev", renderYamlTo: "rendered/dev", ...overrides };
}

const chartOf = (r: ProgramRun, name = "linkerd-control-plane") => r.get(T.chart, name);
const valuesOf = (r: ProgramRun, name = "linkerd-control-plane") => chartOf(r, name).inputs.values as Values;
const flatValues = (r: ProgramRun, name = "linkerd-control-plane") => flatten(valuesOf(r, name));
const psa = (r: Registration) =>
    (r.inputs.metadata as { labels: Record<string, string> }).labels["pod-security.kubernetes.io/enforce"];

/** Runs `options` and returns the plan's refusal, checking that nothing was registered. */
async function refused(options: RunOptions): Promise<RunFailure> {
    try {
        await runProgram(options);
    } catch (error) {
        const failure = error as RunFailure;
        assert.strictEqual(failure.name, "PlanError", String(failure.stack));
        assert.deepStrictEqual(
            failure.registrations.map((r) => `${r.type}::${r.name}`),
            [],
            "registered before refusing",
        );
        return failure;
    }
    throw new assert.AssertionError({ message: `accepted: ${JSON.stringify(options.config)}` });
}

/** The `kubernetes:helm:template` invokes (Chart v3), their jsonOpts parsed, by release name. */
function templates(r: ProgramRun): Record<string, Record<string, unknown>> {
    const parsed = r.invocations
        .filter((i) => i.token === "kubernetes:helm:template")
        .map((i) => JSON.parse(i.inputs.jsonOpts as string) as Record<string, unknown>);
    return Object.fromEntries(parsed.map((o) => [o[CHART_V3_JSON_KEYS.releaseName] as string, o]));
}

/** Whether `version` satisfies a chart's `>=X.Y.Z-0` kubeVersion constraint (the only form pinned). */
function satisfiesKubeVersion(version: string, constraint: string): boolean {
    const floor = /^>=(\d+)\.(\d+)\.(\d+)-0$/.exec(constraint)?.slice(1).map(Number);
    const v = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(version)?.slice(1).map(Number);
    assert.ok(floor && v, `cannot compare ${version} with ${constraint}`);
    return (v[0] - floor[0] || v[1] - floor[1] || v[2] - floor[2]) >= 0;
}

/** The asset in a raw input (secret wrappers kept: unwrapping would turn it into a plain object). */
function assetIn(raw: unknown): pulumi.asset.Asset | undefined {
    if (pulumi.asset.Asset.isInstance(raw)) {
        return raw;
    }
    return raw && typeof raw === "object" ? Object.values(raw).map(assetIn).find(Boolean) : undefined;
}

/** Keys the program owns in linkerd-control-plane whatever the HA setting. */
const ALWAYS_SET =
    /^(identityTrustAnchorsPEM|identity\.|proxyInjector\.|profileValidator\.|policyValidator\.|heartbeatSchedule$|proxy\.defaultInboundPolicy$)/;

/** A key of values-ha.yaml, one the program writes itself, or a bound of a resource map (upstream facts). */
function isUpstreamControlPlaneKey(key: string): boolean {
    return (
        key in CONTROL_PLANE_HA_VALUES ||
        CONTROL_PLANE_PROGRAM_KEYS.includes(key) ||
        CONTROL_PLANE_RESOURCE_MAPS.some((map) =>
            new RegExp(`^${map.replace(/\./g, "\\.")}\\.(cpu|memory|ephemeral-storage)\\.(request|limit)$`).test(key),
        )
    );
}

describe("production checklist: the control plane", () => {
    describe("linkerd-control-plane values", () => {
        it("are upstream's values-ha.yaml in the program's own HA values, key by key", () => {
            assert.deepStrictEqual(flatten(highAvailabilityValues()), CONTROL_PLANE_HA_VALUES);
        });

        it("in HA mode (the default) equal values-ha.yaml key by key, plus only identity, webhooks, heartbeat and the inbound policy", async () => {
            const values = flatValues(await run());
            const haPart = Object.fromEntries(Object.entries(values).filter(([k]) => !ALWAYS_SET.test(k)));
            assert.deepStrictEqual(haPart, CONTROL_PLANE_HA_VALUES);
        });

        it("without HA set none of values-ha.yaml's keys: the chart's defaults apply", async () => {
            const values = flatValues(await run({ highAvailability: false }));
            assert.deepStrictEqual(
                Object.keys(values).filter((k) => !ALWAYS_SET.test(k)),
                [],
            );
            for (const key of Object.keys(CONTROL_PLANE_HA_VALUES)) {
                assert.strictEqual(values[key], undefined, key);
            }
            assert.strictEqual(values.webhookFailurePolicy, undefined, "the chart's Ignore applies");
        });

        it("set identity, webhook, heartbeat and inbound-policy keys in both modes", async () => {
            for (const highAvailability of [true, false]) {
                const values = flatValues(await run({ highAvailability }));
                assert.deepStrictEqual(
                    Object.keys(values)
                        .filter((k) => ALWAYS_SET.test(k))
                        .sort(),
                    [
                        "heartbeatSchedule",
                        "identity.issuer.scheme",
                        "identity.issuer.tls.crtPEM",
                        "identity.issuer.tls.keyPEM",
                        "identityTrustAnchorsPEM",
                        "policyValidator.caBundle",
                        "policyValidator.crtPEM",
                        "policyValidator.externalSecret",
                        "policyValidator.keyPEM",
                        "profileValidator.caBundle",
                        "profileValidator.crtPEM",
                        "profileValidator.externalSecret",
                        "profileValidator.keyPEM",
                        "proxy.defaultInboundPolicy",
                        "proxyInjector.caBundle",
                        "proxyInjector.crtPEM",
                        "proxyInjector.externalSecret",
                        "proxyInjector.keyPEM",
                    ],
                    `highAvailability ${highAvailability}`,
                );
                assert.strictEqual(values["identity.issuer.scheme"], "linkerd.io/tls");
                assert.strictEqual(values["proxy.defaultInboundPolicy"], "all-unauthenticated");
            }
        });

        it("use only keys that the pinned chart has, whatever the settings", async () => {
            const configs: Config[] = [
                {},
                { highAvailability: false },
                {
                    controlPlaneResources: [
                        "destination.memory.limit=1Gi",
                        "identity.cpu.limit=1",
                        "policyController.memory.request=64Mi",
                        "heartbeat.ephemeral-storage.limit=100Mi",
                        "proxyInjector.cpu.request=200m",
                        "spValidator.memory.limit=",
                    ],
                    proxyResources: ["cpu.limit=1", "ephemeral-storage.request=10Mi"],
                },
                { cniEnabled: true, identityClockSkewAllowance: "1m", defaultInboundPolicy: "all-authenticated" },
                { clusterDomain: "cluster.example", identityTrustDomain: "mesh.example", prometheusUrl: PROMETHEUS },
                { linkerdChartVersion: "2026.6.3" },
            ];
            for (const config of configs) {
                const r = await run(config);
                const keys = Object.keys(flatValues(r));
                assert.deepStrictEqual(
                    keys.filter((k) => !isUpstreamControlPlaneKey(k)),
                    [],
                    `not in upstream's chart: ${JSON.stringify(config)}`,
                );
                assert.deepStrictEqual(
                    keys.filter((k) => !(k in CONTROL_PLANE_HA_VALUES) && !isChartKey(CONTROL_PLANE_CHART_KEYS, k)),
                    [],
                    `not in the program's keys of the chart: ${JSON.stringify(config)}`,
                );
            }
        });

        it("apply resource overrides on top of the HA resources, leaving the rest of values-ha intact", async () => {
            const values = flatValues(
                await run({
                    controlPlaneResources: [
                        "destination.memory.limit=1Gi",
                        "destination.cpu.limit=2",
                        "identity.memory.request=",
                        "policyController.memory.request=64Mi",
                    ],
                }),
            );
            assert.strictEqual(values["destinationResources.memory.limit"], "1Gi");
            assert.strictEqual(values["destinationResources.cpu.limit"], "2");
            assert.strictEqual(values["destinationResources.memory.request"], "50Mi", "HA value kept");
            assert.strictEqual(values["identityResources.memory.request"], "", "an empty override removes the bound");
            assert.strictEqual(values["policyController.resources.memory.request"], "64Mi");
            for (const [key, expected] of Object.entries(CONTROL_PLANE_HA_VALUES)) {
                if (!/^(destinationResources\.(memory|cpu)\.limit|identityResources\.memory\.request)$/.test(key)) {
                    assert.deepStrictEqual(values[key], expected, key);
                }
            }
        });

        it("apply resource overrides without HA too", async () => {
            const values = flatValues(
                await run({ highAvailability: false, controlPlaneResources: ["destination.memory.limit=1Gi"] }),
            );
            assert.strictEqual(values["destinationResources.memory.limit"], "1Gi");
            assert.strictEqual(values["destinationResources.memory.request"], undefined);
            assert.strictEqual(values.controllerReplicas, undefined);
        });

        it("give every injected proxy the resources set, over the HA defaults key by key", async () => {
            const ha = valuesOf(
                await run({ proxyResources: ["cpu.limit=1", "memory.request=64Mi", "memory.limit=512Mi"] }),
            );
            assert.deepStrictEqual((ha.proxy as Values).resources, {
                cpu: { request: CONTROL_PLANE_HA_VALUES["proxy.resources.cpu.request"], limit: "1" },
                memory: { limit: "512Mi", request: "64Mi" },
            });
            const plain = valuesOf(await run({ highAvailability: false, proxyResources: ["cpu.request=200m"] }));
            assert.deepStrictEqual((plain.proxy as Values).resources, { cpu: { request: "200m" } });
        });

        it("apply the documented defaults: the newest pinned release from Linkerd's edge repository, HA, no overrides", async () => {
            const r = await run();
            for (const name of ["linkerd-crds", "linkerd-control-plane"]) {
                assert.strictEqual(chartOf(r, name).inputs.version, "2026.8.3", name);
                assert.deepStrictEqual(chartOf(r, name).inputs.repositoryOpts, {
                    repo: "https://helm.linkerd.io/edge",
                });
            }
            assert.strictEqual(flatValues(r).highAvailability, true);
            assert.match(String(r.get(T.configFile, "gateway-api-crds-standard").inputs.file), /\/v1\.5\.1\//);
            for (const dns of Object.values(CONTROL_PLANE_WEBHOOK_DNS_NAMES)) {
                const service = dns.split(".")[0];
                assert.strictEqual(r.get(T.signed, `linkerd-${service}-tls-cert`).inputs.validityPeriodHours, 8760);
            }
        });
    });

    describe("linkerd-crds values", () => {
        it("use only keys the chart has, and leave Gateway API to the program", async () => {
            const values = flatValues(await run(), "linkerd-crds");
            assert.deepStrictEqual(values, { installGatewayAPI: false });
            assert.ok(isChartKey(CRDS_CHART_KEYS, "installGatewayAPI"));
        });
    });

    describe("the CNI plugin instead of NET_ADMIN", () => {
        let cni: ProgramRun;
        before(async () => {
            cni = await run({
                cniEnabled: true,
                cniRepairController: true,
                vizEnabled: true,
                prometheusUrl: PROMETHEUS,
                multiclusterEnabled: true,
                multiclusterGatewayAddresses: ["gateway.dev.example.com"],
            });
        });

        it("installs linkerd2-cni in its own namespace, with the CLI's metadata", () => {
            const chart = chartOf(cni, "linkerd-cni-cni");
            assert.strictEqual(chart.inputs.chart, "linkerd2-cni");
            assert.strictEqual(chart.inputs.name, "linkerd-cni", "the Helm release name");
            assert.strictEqual(chart.inputs.version, "2026.8.3");
            assert.strictEqual(chart.inputs.namespace, "linkerd-cni");
            assert.deepStrictEqual(chart.inputs.repositoryOpts, { repo: "https://helm.linkerd.io/edge" });
            const namespace = cni.get(T.namespace, "linkerd-cni-namespace");
            assert.deepStrictEqual(namespace.inputs.metadata, { name: "linkerd-cni", ...CNI_NAMESPACE_METADATA });
            assert.ok(chart.dependencies.includes(namespace.urn));
            assert.deepStrictEqual(chart.inputs.values, {
                destCNINetDir: "/etc/cni/net.d",
                destCNIBinDir: "/opt/cni/bin",
                repairController: { enabled: true },
            });
            assert.deepStrictEqual(
                Object.keys(flatten(chart.inputs.values)).filter((k) => !isChartKey(CNI_CHART_KEYS, k)),
                [],
            );
        });

        it("installs it after the kube-system label and Gateway API, before the control plane, which sets cniEnabled", () => {
            const plugin = chartOf(cni, "linkerd-cni-cni").urn;
            assert.ok(chartOf(cni, "linkerd-crds").dependencies.includes(plugin));
            assert.ok(chartOf(cni, "linkerd-control-plane").dependencies.includes(plugin));
            assert.ok(cni.get(T.namespace, "linkerd-namespace").dependencies.includes(plugin));
            const namespace = cni.get(T.namespace, "linkerd-cni-namespace").dependencies;
            assert.ok(namespace.includes(cni.get(T.namespacePatch, "kube-system-label-patch").urn));
            assert.ok(namespace.includes(cni.get(T.configFile, "gateway-api-crds-standard").urn));
            assert.strictEqual(valuesOf(cni).cniEnabled, true);
        });

        it("lets Linkerd's namespaces enforce the restricted pod-security level, as upstream's templates do", () => {
            assert.deepStrictEqual(cni.get(T.namespace, "linkerd-namespace").inputs.metadata, {
                name: "linkerd",
                labels: { ...LINKERD_NAMESPACE_METADATA.labels, "pod-security.kubernetes.io/enforce": "restricted" },
                annotations: LINKERD_NAMESPACE_METADATA.annotations,
            });
            for (const name of ["linkerd-viz-namespace", "linkerd-multicluster-namespace"]) {
                assert.strictEqual(psa(cni.get(T.namespace, name)), "restricted", name);
            }
            assert.strictEqual(psa(cni.get(T.namespace, "linkerd-cni-namespace")), "privileged", "the plugin's own");
        });

        it("takes the node's CNI directories from the stack", async () => {
            const r = await run({
                cniEnabled: true,
                cniNetDir: "/var/lib/cni/net.d",
                cniBinDir: "/home/kubernetes/bin",
            });
            assert.deepStrictEqual(valuesOf(r, "linkerd-cni-cni"), {
                destCNINetDir: "/var/lib/cni/net.d",
                destCNIBinDir: "/home/kubernetes/bin",
                repairController: { enabled: false },
            });
        });

        it("without CNI: no plugin, linkerd-init, privileged namespaces", async () => {
            const plain = await run();
            assert.ok(!plain.summary().some((s) => s.includes("cni")), plain.summary().join("\n"));
            assert.strictEqual(valuesOf(plain).cniEnabled, undefined);
            assert.strictEqual(psa(plain.get(T.namespace, "linkerd-namespace")), "privileged");
        });
    });

    describe("meshed namespaces (ingress)", () => {
        it("annotates each namespace with a server-side-apply patch after the control plane, never owning it", async () => {
            const r = await run({ meshedNamespaces: ["ingress-nginx", "emissary=ingress", "legacy=disabled"] });
            const patches = r.created.filter((x) => x.name.startsWith("meshed-namespaces-"));
            assert.deepStrictEqual(
                patches.map((p) => [p.type, p.inputs.metadata]),
                [
                    [T.namespacePatch, { name: "ingress-nginx", annotations: { "linkerd.io/inject": "enabled" } }],
                    [T.namespacePatch, { name: "emissary", annotations: { "linkerd.io/inject": "ingress" } }],
                    [T.namespacePatch, { name: "legacy", annotations: { "linkerd.io/inject": "disabled" } }],
                ],
            );
            const controlPlane = chartOf(r).urn;
            for (const patch of patches) {
                assert.ok(patch.dependencies.includes(controlPlane), patch.name);
                assert.ok(!patch.retainOnDelete, "on destroy only the annotation goes");
                assert.ok(!patch.protect);
                assert.strictEqual(r.byUrn(patch.parent).type, "linkerd:index:MeshedNamespaces");
            }
            assert.deepStrictEqual(
                r.ofType(T.namespace).map((n) => (n.inputs.metadata as { name: string }).name),
                ["linkerd"],
            );
        });

        it("registers nothing for meshed namespaces when none is listed", async () => {
            const r = await run();
            assert.ok(!r.summary().some((s) => s.includes("meshed-namespaces")));
        });
    });

    describe("clock skew", () => {
        it("sets the identity issuer's allowance only when it differs from the chart's 20s", async () => {
            assert.strictEqual(CONTROL_PLANE_DEFAULTS["identity.issuer.clockSkewAllowance"], "20s");
            assert.strictEqual(flatValues(await run())["identity.issuer.clockSkewAllowance"], undefined);
            assert.strictEqual(
                flatValues(await run({ identityClockSkewAllowance: "20s" }))["identity.issuer.clockSkewAllowance"],
                undefined,
            );
            for (const allowance of ["1m", "1m30s", "45s"]) {
                assert.strictEqual(
                    flatValues(await run({ identityClockSkewAllowance: allowance }))[
                        "identity.issuer.clockSkewAllowance"
                    ],
                    allowance,
                );
            }
        });
    });

    describe("kube-system", () => {
        it("gets the label every control-plane webhook's namespaceSelector skips, before anything of Linkerd", async () => {
            const r = await run({ cniEnabled: true });
            const patch = r.get(T.namespacePatch, "kube-system-label-patch");
            assert.deepStrictEqual(patch.inputs.metadata, {
                name: "kube-system",
                labels: { [WEBHOOK_EXCLUSION_LABEL.key]: WEBHOOK_EXCLUSION_LABEL.value },
            });
            for (const [type, name] of [
                [T.namespace, "linkerd-cni-namespace"],
                [T.namespace, "linkerd-namespace"],
                [T.chart, "linkerd-crds"],
                [T.chart, "linkerd-control-plane"],
            ]) {
                assert.ok(r.get(type, name).dependencies.includes(patch.urn), name);
            }
            assert.ok(
                !r.ofType(T.namespace).some((n) => (n.inputs.metadata as { name: string }).name === "kube-system"),
            );
        });
    });

    describe("webhook certificates", () => {
        let values: Values;
        before(async () => {
            values = valuesOf(await run());
        });

        it("are signed by the cluster's webhook CA for the Service the API server dials, and verify with OpenSSL", () => {
            const bundles = new Set<string>();
            for (const [webhook, dns] of Object.entries(CONTROL_PLANE_WEBHOOK_DNS_NAMES)) {
                const tls = values[webhook] as {
                    crtPEM: string;
                    keyPEM: string;
                    caBundle: string;
                    externalSecret: boolean;
                };
                assert.strictEqual(tls.externalSecret, false, webhook);
                assert.ok(verifies(tls.caBundle, tls.crtPEM, { purpose: "sslserver" }), `${webhook} does not verify`);
                const text = certificateText(tls.crtPEM);
                assert.match(text, new RegExp(`DNS:${dns.replace(/\./g, "\\.")}(\\s|,|$)`), webhook);
                assert.match(text, /Issuer: .*CN\s*=\s*webhook-ca\.dev\.linkerd/, webhook);
                assert.match(tls.keyPEM, /^-----BEGIN PRIVATE KEY-----/, "PKCS#8, which the policy validator needs");
                assert.strictEqual(publicKeyOfPrivateKey(tls.keyPEM), publicKeyOfCertificate(tls.crtPEM), webhook);
                bundles.add(tls.caBundle);
            }
            assert.strictEqual(bundles.size, 1, "one CA per cluster for all three webhooks");
            assert.match(certificateText([...bundles][0]), /CA:TRUE/);
        });

        it("are a chain of their own, apart from the mesh identity", () => {
            const anchors = values.identityTrustAnchorsPEM as string;
            const injector = values.proxyInjector as { crtPEM: string; caBundle: string };
            assert.ok(!verifies(anchors, injector.crtPEM), "a webhook certificate verifies against the trust anchors");
            assert.notStrictEqual(injector.caBundle, anchors);
        });
    });
});

describe("production checklist: supported versions", () => {
    it("are upstream's, in the program, for every pinned release", () => {
        assert.deepStrictEqual(Object.keys(LINKERD_RELEASES).sort(), PINNED.sort());
        for (const version of PINNED) {
            const facts = RELEASE_FACTS[version];
            assert.deepStrictEqual(
                LINKERD_RELEASES[version],
                {
                    tag: facts.tag,
                    gatewayApi: {
                        oldest: facts.gatewayApi.oldest,
                        newest: facts.gatewayApi.newest,
                        recommended: facts.gatewayApi.recommended,
                    },
                    kubernetes: { oldest: facts.kubernetes.oldest, newestTested: facts.kubernetes.newestTested },
                },
                version,
            );
            assert.ok(facts.gatewayApi.sources.length > 0 && facts.kubernetes.sources.length > 0, version);
        }
    });

    for (const version of PINNED) {
        const { gatewayApi, kubernetes, tag } = RELEASE_FACTS[version];

        it(`${version} (${tag}): installs its charts and, by default, the Gateway API release it recommends`, async () => {
            const r = await run({ linkerdChartVersion: version, cniEnabled: true });
            for (const name of ["linkerd-crds", "linkerd-control-plane", "linkerd-cni-cni"]) {
                assert.strictEqual(chartOf(r, name).inputs.version, version, name);
            }
            assert.strictEqual(
                r.get(T.configFile, "gateway-api-crds-standard").inputs.file,
                `https://github.com/kubernetes-sigs/gateway-api/releases/download/${gatewayApi.recommended}/standard-install.yaml`,
            );
            assert.strictEqual(r.outputs.linkerdChartVersion.value, version);
        });

        it(`${version}: accepts Gateway API exactly from ${gatewayApi.oldest} to ${gatewayApi.newest}`, async () => {
            for (const accepted of [gatewayApi.oldest, gatewayApi.newest, gatewayApi.recommended]) {
                const r = await run({ linkerdChartVersion: version, gatewayApiVersion: accepted });
                assert.match(
                    String(r.get(T.configFile, "gateway-api-crds-standard").inputs.file),
                    new RegExp(`/download/${accepted.replace(/\./g, "\\.")}/standard-install\\.yaml$`),
                );
            }
            const [major, minor, patch] = gatewayApi.oldest.slice(1).split(".").map(Number);
            const below = patch > 0 ? `v${major}.${minor}.${patch - 1}` : `v${major}.${minor - 1}.9`;
            const [nMajor, nMinor, nPatch] = gatewayApi.newest.slice(1).split(".").map(Number);
            for (const outside of [below, `v${nMajor}.${nMinor}.${nPatch + 1}`, `v${nMajor}.${nMinor + 1}.0`]) {
                const failure = await refused({
                    config: singleClusterConfig({ linkerdChartVersion: version, gatewayApiVersion: outside }),
                    secretKeys: SECRET_KUBECONFIG,
                });
                assert.match(
                    failure.message,
                    new RegExp(
                        `linkerd-fleet:gatewayApiVersion: "${outside}" is not a Gateway API release that Linkerd ${tag} supports \\(${gatewayApi.oldest} to ${gatewayApi.newest}`,
                    ),
                );
            }
        });

        it(`${version}: renders, by default, for Kubernetes ${kubernetes.oldest}, the charts' floor`, async () => {
            assert.strictEqual(kubernetes.oldest, "1.31.0");
            assert.ok(satisfiesKubeVersion(kubernetes.oldest, CHART_KUBE_VERSION));
            const r = await runProgram({ config: renderConfig({ linkerdChartVersion: version }) });
            for (const [release, opts] of Object.entries(templates(r))) {
                assert.strictEqual(opts[CHART_V3_JSON_KEYS.kubeVersion], kubernetes.oldest, release);
                assert.strictEqual(opts.version, version, release);
            }
        });
    }
});

describe("production checklist: render mode", () => {
    let rendered: ProgramRun;
    before(async () => {
        rendered = await runProgram({
            config: renderConfig({
                cniEnabled: true,
                multiclusterEnabled: true,
                multiclusterGatewayAddresses: ["gateway.dev.example.com"],
            }),
            helmTemplate: {
                "linkerd-control-plane": [
                    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "linkerd-config", namespace: "linkerd" } },
                ],
            },
        });
    });

    it("points the provider at the folder, with no cluster access and no ambient kubeconfig", () => {
        const provider = rendered.get(T.provider, "dev");
        assert.deepStrictEqual(provider.inputs, {
            renderYamlToDirectory: "rendered/dev",
            kubeconfig: "",
            clusterIdentifier: "dev",
        });
        assert.deepStrictEqual(
            rendered.registrations.filter((r) => r.read).map((r) => r.name),
            [],
            "nothing is read from a cluster",
        );
        assert.deepStrictEqual([...new Set(rendered.invocations.map((i) => i.token))].sort(), [
            "kubernetes:helm:template",
            "pulumi:pulumi:readStackOutputs",
        ]);
    });

    it("renders every chart with Chart v3 for the stated Kubernetes version, through the provider's inputs", () => {
        assert.deepStrictEqual(rendered.ofType(T.chart), [], "no Chart v4: it would render for Kubernetes v1.20.0");
        const charts = rendered.ofType(T.chartV3);
        assert.deepStrictEqual(charts.map((c) => c.name).sort(), [
            "linkerd-cni",
            "linkerd-control-plane",
            "linkerd-crds",
            "linkerd-multicluster",
        ]);
        const invoked = templates(rendered);
        for (const chart of charts) {
            assert.strictEqual(chart.inputs.kubeVersion, "1.31.0", chart.name);
            assert.ok(satisfiesKubeVersion(String(chart.inputs.kubeVersion), CHART_KUBE_VERSION));
            assert.strictEqual(chart.inputs.version, "2026.8.3", chart.name);
            const opts = invoked[chart.name];
            assert.ok(opts, `no helm template for ${chart.name}`);
            assert.strictEqual(opts[CHART_V3_JSON_KEYS.kubeVersion], "1.31.0", chart.name);
            assert.deepStrictEqual(opts[CHART_V3_JSON_KEYS.fetchOpts], { repo: "https://helm.linkerd.io/edge" });
            assert.strictEqual(opts.chart, chart.inputs.chart);
            assert.strictEqual(opts.namespace, chart.inputs.namespace);
            assert.strictEqual(chart.provider, "", "a component; its children take the provider");
        }
        assert.strictEqual(rendered.get(T.chartV3, "linkerd-cni").inputs.chart, "linkerd2-cni");
        assert.strictEqual(Object.keys(invoked).length, charts.length);
    });

    it("renders the charts' objects through the render provider, under their chart", () => {
        const config = rendered.get("kubernetes:core/v1:ConfigMap", "linkerd/linkerd-config");
        const provider = rendered.get(T.provider, "dev");
        assert.strictEqual(config.provider, `${provider.urn}::dev-id`);
        assert.strictEqual(config.parent, rendered.get(T.chartV3, "linkerd-control-plane").urn);
    });

    it("keeps the CRDs in the cluster when they leave the program, as in live mode", async () => {
        const crds = rendered.get(T.chartV3, "linkerd-crds");
        assert.ok(crds.transforms.length > 0);
        let opts = {};
        for (const transform of crds.transforms) {
            const result = await transform({
                custom: true,
                type: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
                name: "child",
                props: {},
                opts,
            });
            opts = result?.opts ?? opts;
        }
        assert.strictEqual((opts as { retainOnDelete?: boolean }).retainOnDelete, true);
    });

    it("renders for the Kubernetes version a stack states", async () => {
        for (const [stated, sent] of [
            ["1.34.2", "1.34.2"],
            ["v1.33.0", "1.33.0"],
            ["1.31.0", "1.31.0"],
        ]) {
            const r = await runProgram({ config: renderConfig({ renderKubernetesVersion: stated }) });
            for (const chart of r.ofType(T.chartV3)) {
                assert.strictEqual(chart.inputs.kubeVersion, sent, `${stated}: ${chart.name}`);
                assert.strictEqual(templates(r)[chart.name][CHART_V3_JSON_KEYS.kubeVersion], sent);
            }
        }
    });

    it("gives the charts the same values as a live install", async () => {
        const tls = new TlsDouble();
        const live = await run({}, [], { tls });
        const r = await runProgram({ config: renderConfig(), tls });
        const renderedValues = flatten(r.get(T.chartV3, "linkerd-control-plane").inputs.values);
        const liveValues = flatValues(live);
        assert.deepStrictEqual(Object.keys(renderedValues).sort(), Object.keys(liveValues).sort());
        for (const [key, value] of Object.entries(liveValues)) {
            if (!/PEM$|caBundle$/.test(key)) {
                assert.deepStrictEqual(renderedValues[key], value, key);
            }
        }
        assert.deepStrictEqual(r.get(T.chartV3, "linkerd-crds").inputs.values, { installGatewayAPI: false });
    });

    it("installs multicluster without publishing a link bundle nothing could use", () => {
        assert.ok(rendered.get(T.chartV3, "linkerd-multicluster"));
        assert.strictEqual(rendered.outputs.multiclusterLinkBundle, undefined);
    });
});

describe("production checklist: chart sources", () => {
    let archives: string;
    before(() => {
        archives = fs.mkdtempSync(path.join(os.tmpdir(), "linkerd-fleet-charts-"));
        for (const chart of ["linkerd-crds", "linkerd-control-plane", "linkerd2-cni"]) {
            fs.writeFileSync(path.join(archives, `${chart}-2026.8.3.tgz`), "");
        }
    });
    after(() => fs.rmSync(archives, { recursive: true, force: true }));

    it("installs from an https Helm repository: the chart by name, the version, repositoryOpts.repo", async () => {
        const r = await run({ linkerdChartRepository: "https://charts.example.com/linkerd/", cniEnabled: true });
        for (const [name, chart] of [
            ["linkerd-crds", "linkerd-crds"],
            ["linkerd-control-plane", "linkerd-control-plane"],
            ["linkerd-cni-cni", "linkerd2-cni"],
        ]) {
            const inputs = chartOf(r, name).inputs;
            assert.strictEqual(inputs.chart, chart);
            assert.strictEqual(inputs.version, "2026.8.3");
            assert.deepStrictEqual(inputs.repositoryOpts, { repo: "https://charts.example.com/linkerd" });
        }
    });

    it("installs from an OCI registry: the chart's full reference, the version, and no repository", async () => {
        const r = await run({ linkerdChartRepository: "oci://registry.example.com/linkerd", cniEnabled: true });
        for (const [name, chart] of [
            ["linkerd-crds", "linkerd-crds"],
            ["linkerd-control-plane", "linkerd-control-plane"],
            ["linkerd-cni-cni", "linkerd2-cni"],
        ]) {
            const inputs = chartOf(r, name).inputs;
            assert.strictEqual(inputs.chart, `oci://registry.example.com/linkerd/${chart}`);
            assert.strictEqual(inputs.version, "2026.8.3");
            assert.strictEqual((inputs.repositoryOpts as Values | undefined)?.repo, undefined);
        }
    });

    it("installs from a folder of chart archives: the path to each .tgz, and no version or repository", async () => {
        const r = await run({ linkerdChartRepository: archives, cniEnabled: true });
        for (const [name, chart] of [
            ["linkerd-crds", "linkerd-crds"],
            ["linkerd-control-plane", "linkerd-control-plane"],
            ["linkerd-cni-cni", "linkerd2-cni"],
        ]) {
            const inputs = chartOf(r, name).inputs;
            assert.strictEqual(inputs.chart, path.join(archives, `${chart}-2026.8.3.tgz`));
            assert.strictEqual(inputs.version, undefined);
            assert.strictEqual(inputs.repositoryOpts, undefined);
        }
        const rendered = await runProgram({ config: renderConfig({ linkerdChartRepository: `file://${archives}` }) });
        const opts = templates(rendered)["linkerd-control-plane"];
        assert.strictEqual(opts.path, path.join(archives, "linkerd-control-plane-2026.8.3.tgz"));
        assert.strictEqual(opts.chart, undefined);
    });

    it("refuses a folder that lacks an archive, naming each, before anything is registered", async () => {
        const failure = await refused({
            config: singleClusterConfig({ linkerdChartRepository: archives, linkerdChartVersion: "2026.6.3" }),
            secretKeys: SECRET_KUBECONFIG,
        });
        for (const chart of ["linkerd-crds", "linkerd-control-plane"]) {
            assert.ok(
                failure.message.includes(
                    `linkerd-fleet:linkerdChartRepository: the chart archive ${path.join(archives, `${chart}-2026.6.3.tgz`)} does not exist (fetch it with helm pull --version 2026.6.3)`,
                ),
                failure.message,
            );
        }
        fs.rmSync(path.join(archives, "linkerd2-cni-2026.8.3.tgz"));
        try {
            const missingCni = await refused({
                config: singleClusterConfig({ linkerdChartRepository: archives, cniEnabled: true }),
                secretKeys: SECRET_KUBECONFIG,
            });
            assert.match(missingCni.message, /\(1 problem\)/);
            assert.match(missingCni.message, /linkerd2-cni-2026\.8\.3\.tgz does not exist/);
        } finally {
            fs.writeFileSync(path.join(archives, "linkerd2-cni-2026.8.3.tgz"), "");
        }
    });

    it("logs into a repository with a secret password, and trusts its CA (a file asset)", async () => {
        const secret = ["linkerdChartRepositoryPassword"];
        const login = {
            linkerdChartRepository: "https://charts.example.com/linkerd",
            linkerdChartRepositoryUsername: "fleet-bot",
            linkerdChartRepositoryPassword: "repository-password-marker",
            linkerdChartRepositoryCaPem: CA_PEM,
        };
        for (const [repository, repo] of [
            ["https://charts.example.com/linkerd", "https://charts.example.com/linkerd"],
            ["oci://registry.example.com/linkerd", undefined],
        ]) {
            const r = await run({ ...login, linkerdChartRepository: repository }, secret);
            for (const name of ["linkerd-crds", "linkerd-control-plane"]) {
                const chart = chartOf(r, name);
                const opts = chart.inputs.repositoryOpts as Values;
                assert.strictEqual(opts.repo, repo);
                assert.strictEqual(opts.username, "fleet-bot");
                assert.strictEqual(opts.password, "repository-password-marker");
                const caFile = assetIn(chart.rawInputs.repositoryOpts);
                assert.ok(caFile instanceof pulumi.asset.StringAsset, `${name}: caFile is not a file asset`);
                assert.strictEqual(await caFile.text, CA_PEM);
                assert.ok(
                    !plaintextStrings(chart.rawInputs).some((s) => s.value.includes("repository-password-marker")),
                    `${name}: the password reaches the engine in plain text`,
                );
            }
        }
    });

    it("hands the CA and the login to the provider's helm pull in render mode too", async () => {
        const r = await runProgram({
            config: renderConfig({
                linkerdChartRepository: "https://charts.example.com/linkerd",
                linkerdChartRepositoryUsername: "fleet-bot",
                linkerdChartRepositoryPassword: "repository-password-marker",
                linkerdChartRepositoryCaPem: CA_PEM,
            }),
            secretKeys: ["linkerdChartRepositoryPassword"],
        });
        for (const [release, opts] of Object.entries(templates(r))) {
            const fetch = opts[CHART_V3_JSON_KEYS.fetchOpts] as Record<string, string>;
            assert.strictEqual(fetch[FETCH_OPTS_JSON_KEYS.repo], "https://charts.example.com/linkerd", release);
            assert.strictEqual(fetch[FETCH_OPTS_JSON_KEYS.username], "fleet-bot", release);
            assert.strictEqual(fetch[FETCH_OPTS_JSON_KEYS.password], "repository-password-marker", release);
            const caFile = fetch[FETCH_OPTS_JSON_KEYS.caFile];
            assert.ok(caFile, `${release}: the provider reads no CA (it reads ${FETCH_OPTS_JSON_KEYS.caFile} only)`);
            assert.strictEqual(fs.readFileSync(caFile, "utf8"), CA_PEM, release);
            assert.strictEqual(fs.statSync(path.dirname(caFile)).mode & 0o022, 0, "a folder only this user writes");
        }
        for (const chart of r.ofType(T.chartV3)) {
            assert.ok(
                !plaintextStrings(chart.rawInputs).some((s) => s.value.includes("repository-password-marker")),
                `${chart.name}: the password reaches the engine in plain text`,
            );
        }
    });
});

describe("production checklist: the escape hatch (controlPlaneValues, cniValues)", () => {
    it("merges controlPlaneValues last, over what the program computed, when the key is not the program's", async () => {
        const r = await run({
            controlPlaneValues: {
                controllerReplicas: 5,
                webhookFailurePolicy: CONTROL_PLANE_DEFAULTS.webhookFailurePolicy,
                tolerations: [{ key: "dedicated", operator: "Equal", value: "mesh", effect: "NoSchedule" }],
                nodeSelector: { "node-role.example.com/mesh": "true" },
                priorityClassName: "system-cluster-critical",
                controllerImage: "registry.example.com/linkerd/controller",
                proxy: {
                    image: { name: "registry.example.com/linkerd/proxy" },
                    resources: { memory: { limit: "1Gi" } },
                },
                debugContainer: { image: { name: "registry.example.com/linkerd/debug" } },
                proxyInjector: { namespaceSelector: { matchExpressions: [] } },
            },
        });
        const values = valuesOf(r);
        const flat = flatten(values);
        assert.strictEqual(flat.controllerReplicas, 5, "over values-ha's 3");
        assert.strictEqual(flat.webhookFailurePolicy, "Ignore", "the chart's default, over values-ha's Fail");
        assert.deepStrictEqual(values.tolerations, [
            { key: "dedicated", operator: "Equal", value: "mesh", effect: "NoSchedule" },
        ]);
        assert.deepStrictEqual(values.nodeSelector, { "node-role.example.com/mesh": "true" });
        assert.strictEqual(values.priorityClassName, "system-cluster-critical");
        assert.strictEqual(values.controllerImage, "registry.example.com/linkerd/controller");
        assert.strictEqual(flat["proxy.image.name"], "registry.example.com/linkerd/proxy");
        assert.strictEqual(flat["debugContainer.image.name"], "registry.example.com/linkerd/debug");
        assert.strictEqual(flat["proxy.resources.memory.limit"], "1Gi", "over values-ha's 250Mi");
        // Objects merge key by key: what the override does not name stays.
        assert.strictEqual(flat["proxy.resources.memory.request"], "20Mi");
        assert.strictEqual(flat["proxy.defaultInboundPolicy"], "all-unauthenticated");
        assert.deepStrictEqual(flat["proxyInjector.namespaceSelector.matchExpressions"], []);
        assert.match(String(flat["proxyInjector.crtPEM"]), /BEGIN CERTIFICATE/);
        assert.strictEqual(flat.enablePodAntiAffinity, true);
    });

    it("keeps the dots of label keys in free-form maps, and nests dotted chart paths as helm --set does", async () => {
        const r = await run({
            controlPlaneValues: {
                nodeSelector: { "kubernetes.io/os": "linux", "node-role.kubernetes.io/infra": "" },
                "podLabels.app.kubernetes.io/part-of": "mesh",
                "proxy.image.name": "registry.example.com/linkerd/proxy",
            },
            cniEnabled: true,
            cniValues: { podLabels: { "app.kubernetes.io/part-of": "mesh" } },
        });
        const values = valuesOf(r);
        assert.deepStrictEqual(values.nodeSelector, {
            "kubernetes.io/os": "linux",
            "node-role.kubernetes.io/infra": "",
        });
        assert.deepStrictEqual(values.podLabels, { "app.kubernetes.io/part-of": "mesh" });
        assert.strictEqual(((values.proxy as Values).image as Values).name, "registry.example.com/linkerd/proxy");
        assert.strictEqual((values.proxy as Values).defaultInboundPolicy, "all-unauthenticated");
        assert.deepStrictEqual(valuesOf(r, "linkerd-cni-cni").podLabels, { "app.kubernetes.io/part-of": "mesh" });
    });

    it("merges cniValues last, beside what the program sets", async () => {
        const r = await run({
            cniEnabled: true,
            cniRepairController: true,
            cniValues: {
                image: { name: "registry.example.com/linkerd/cni-plugin" },
                tolerations: [{ operator: "Exists" }],
                priorityClassName: "system-node-critical",
                repairController: { resources: { memory: { limit: "64Mi" } } },
            },
        });
        assert.deepStrictEqual(valuesOf(r, "linkerd-cni-cni"), {
            destCNINetDir: "/etc/cni/net.d",
            destCNIBinDir: "/opt/cni/bin",
            repairController: { enabled: true, resources: { memory: { limit: "64Mi" } } },
            image: { name: "registry.example.com/linkerd/cni-plugin" },
            tolerations: [{ operator: "Exists" }],
            priorityClassName: "system-node-critical",
        });
        assert.strictEqual(valuesOf(r).priorityClassName, undefined, "cniValues stay in their chart");
    });

    it("refuses a key the pinned chart does not have, naming it, the chart, and the nearest key it has", async () => {
        const failure = await refused({
            config: singleClusterConfig({
                controlPlaneValues: { nodeSelektor: { a: "b" }, proxy: { imag: { name: "x" } } },
                cniEnabled: true,
                cniValues: { imageName: "x" },
            }),
            secretKeys: SECRET_KUBECONFIG,
        });
        assert.match(
            failure.message,
            /linkerd-fleet:controlPlaneValues: "nodeSelektor\.a" is not a value of the linkerd-control-plane chart at the pinned version, so Helm would ignore it\./,
        );
        assert.match(
            failure.message,
            /linkerd-fleet:controlPlaneValues: "proxy\.imag\.name" is not a value of the linkerd-control-plane chart .*\(proxy is; check the keys below it/,
        );
        assert.match(failure.message, /linkerd-fleet:cniValues: "imageName" is not a value of the linkerd2-cni chart/);
        assert.match(failure.message, /\(3 problems\)/);
    });

    it("refuses a key the program owns, with the setting to use instead", async () => {
        const failure = await refused({
            config: singleClusterConfig({
                controlPlaneValues: {
                    identityTrustAnchorsPEM: "x",
                    proxyInjector: { crtPEM: "x" },
                    heartbeatSchedule: "0 0 * * *",
                    cniEnabled: true,
                    proxy: { defaultInboundPolicy: "deny" },
                },
                cniEnabled: true,
                cniValues: { destCNINetDir: "/etc/cni", repairController: { enabled: true } },
            }),
            secretKeys: SECRET_KUBECONFIG,
        });
        for (const expected of [
            /controlPlaneValues: "identityTrustAnchorsPEM" is set by this program \(identityTrustAnchorsPEM\); the trust bundle comes from the trust root\./,
            /controlPlaneValues: "proxyInjector\.crtPEM" is set by this program .*webhook CA/,
            /controlPlaneValues: "heartbeatSchedule" is set by this program .*use heartbeatSchedule/,
            /controlPlaneValues: "cniEnabled" is set by this program .*use cniEnabled/,
            /controlPlaneValues: "proxy\.defaultInboundPolicy" is set by this program .*use defaultInboundPolicy/,
            /cniValues: "destCNINetDir" is set by this program .*use cniNetDir/,
            /cniValues: "repairController\.enabled" is set by this program .*use cniRepairController/,
        ]) {
            assert.match(failure.message, expected);
        }
        assert.match(failure.message, /\(7 problems\)/);
    });

    it("keeps the merged values secret when the stack set them as a secret", async () => {
        const secretCni = await run({ cniEnabled: true, cniValues: { priorityClassName: "secret-priority-marker" } }, [
            "cniValues",
        ]);
        const chart = chartOf(secretCni, "linkerd-cni-cni");
        assert.strictEqual((chart.inputs.values as Values).priorityClassName, "secret-priority-marker");
        assert.deepStrictEqual(plaintextStrings(chart.rawInputs.values), [], "the values reach the engine as a secret");
        const plainCni = await run({ cniEnabled: true, cniValues: { priorityClassName: "plain-priority-marker" } });
        assert.ok(
            plaintextStrings(chartOf(plainCni, "linkerd-cni-cni").rawInputs.values).some(
                (s) => s.value === "plain-priority-marker",
            ),
            "without --secret the values are plain (so the check above is not vacuous)",
        );
        const secretCp = await run({ controlPlaneValues: { priorityClassName: "secret-cp-marker" } }, [
            "controlPlaneValues",
        ]);
        const cp = chartOf(secretCp);
        assert.strictEqual((cp.inputs.values as Values).priorityClassName, "secret-cp-marker");
        assert.ok(!plaintextStrings(cp.rawInputs).some((s) => s.value === "secret-cp-marker"));
        const rendered = await runProgram({
            config: renderConfig({ controlPlaneValues: { priorityClassName: "secret-render-marker" } }),
            secretKeys: ["controlPlaneValues"],
        });
        const v3 = rendered.get(T.chartV3, "linkerd-control-plane");
        assert.strictEqual((v3.inputs.values as Values).priorityClassName, "secret-render-marker");
        assert.ok(!plaintextStrings(v3.rawInputs).some((s) => s.value === "secret-render-marker"));
    });
});

describe("production checklist: adopting an existing install", () => {
    it("lets the provider take over existing objects and their fields only when asked", async () => {
        const tls = new TlsDouble();
        const adopting = await run({ adoptExistingObjects: true }, [], { tls });
        const plain = await run({}, [], { tls });
        const provider = (r: ProgramRun) => r.get(T.provider, "dev").inputs;
        assert.strictEqual(provider(adopting).upsertExistingObjects, "true");
        assert.strictEqual(provider(adopting).enablePatchForce, "true");
        assert.strictEqual(provider(plain).upsertExistingObjects, undefined);
        assert.strictEqual(provider(plain).enablePatchForce, undefined);
        const adoption = new Set(["upsertExistingObjects", "enablePatchForce"]);
        const rest = (r: ProgramRun) => Object.entries(provider(r)).filter(([key]) => !adoption.has(key));
        assert.deepStrictEqual(rest(adopting), rest(plain), "nothing else about the provider changes");
        assert.deepStrictEqual(adopting.summary().sort(), plain.summary().sort(), "nor what is registered");
    });
});

describe("production checklist: upgrading from 2026.6.3 to 2026.8.3", () => {
    /** An existing stack at 2026.6.3 at rest (two runs), then the same stack with `upgraded`. */
    async function upgrade(before: Config, upgraded: Config) {
        const fleet = new Fleet();
        await fleet.run("dev", singleClusterConfig({ linkerdChartVersion: "2026.6.3", cniEnabled: true, ...before }));
        const atRest = await fleet.run(
            "dev",
            singleClusterConfig({ linkerdChartVersion: "2026.6.3", cniEnabled: true, ...before }),
        );
        const after = await fleet.run("dev", singleClusterConfig({ cniEnabled: true, ...upgraded }));
        return { atRest, after };
    }

    it("upgrades every chart and Gateway API to the release's, changing nothing else and logging nothing", async () => {
        const { atRest, after } = await upgrade({}, { linkerdChartVersion: "2026.8.3" });
        assert.deepStrictEqual(after.logs, [], "the code neither warns nor informs about an upgrade");
        assert.strictEqual(atRest.outputs.linkerdChartVersion.value, "2026.6.3");
        assert.strictEqual(after.outputs.linkerdChartVersion.value, "2026.8.3");
        const changed = after.created
            .filter((r) => JSON.stringify(r.rawInputs) !== JSON.stringify(atRest.byUrn(r.urn).rawInputs))
            .map((r) => r.name)
            .sort();
        assert.deepStrictEqual(changed, [
            "gateway-api-crds-standard",
            "linkerd-cni-cni",
            "linkerd-control-plane",
            "linkerd-crds",
        ]);
        assert.deepStrictEqual(after.summary().sort(), atRest.summary().sort(), "no resource added or removed");
        for (const name of ["linkerd-crds", "linkerd-control-plane", "linkerd-cni-cni"]) {
            const { version: was, ...wasRest } = chartOf(atRest, name).inputs;
            const { version: now, ...nowRest } = chartOf(after, name).inputs;
            assert.deepStrictEqual([was, now], ["2026.6.3", "2026.8.3"], name);
            assert.deepStrictEqual(nowRest, wasRest, `${name}: only the version changes`);
        }
        assert.match(String(atRest.get(T.configFile, "gateway-api-crds-standard").inputs.file), /\/v1\.2\.1\//);
        assert.match(String(after.get(T.configFile, "gateway-api-crds-standard").inputs.file), /\/v1\.5\.1\//);
        // The CRDs (Gateway API's, then Linkerd's) upgrade before the control plane.
        const controlPlane = chartOf(after).dependencies;
        assert.ok(controlPlane.includes(after.get(T.configFile, "gateway-api-crds-standard").urn));
        assert.ok(controlPlane.includes(chartOf(after, "linkerd-crds").urn));
    });

    it("keeps a Gateway API release the stack pinned, when the new release supports it", async () => {
        const { after } = await upgrade({ gatewayApiVersion: "v1.2.1" }, { gatewayApiVersion: "v1.2.1" });
        assert.match(String(after.get(T.configFile, "gateway-api-crds-standard").inputs.file), /\/v1\.2\.1\//);
        assert.strictEqual(chartOf(after).inputs.version, "2026.8.3");
    });

    it("refuses the upgrade, before anything is registered, while the stack pins a Gateway API the new release does not support", async () => {
        const fleet = new Fleet();
        const pinned = { linkerdChartVersion: "2026.6.3", gatewayApiVersion: "v1.1.1" };
        await fleet.run("dev", singleClusterConfig(pinned));
        const failure = await refused({
            config: singleClusterConfig({ gatewayApiVersion: "v1.1.1" }),
            secretKeys: SECRET_KUBECONFIG,
            tls: fleet.tls,
            now: fleet.now,
            previous: fleet.stacks[Fleet.qualified("dev")],
        });
        assert.match(
            failure.message,
            /linkerd-fleet:gatewayApiVersion: "v1\.1\.1" is not a Gateway API release that Linkerd edge-26\.8\.3 supports \(v1\.2\.1 to v1\.5\.1.*pulumi config set linkerd-fleet:gatewayApiVersion v1\.5\.1/,
        );
    });
});

describe("production checklist: determinism", () => {
    /** What the engine would compare between two runs, by URN. */
    function snapshot(r: ProgramRun) {
        return {
            resources: r.registrations
                .map((x) => ({
                    urn: x.urn,
                    inputs: x.rawInputs,
                    provider: x.provider,
                    parent: x.parent,
                    protect: x.protect,
                    retainOnDelete: x.retainOnDelete,
                    dependencies: [...x.dependencies].sort(),
                    ignoreChanges: x.ignoreChanges,
                    replacementTrigger: x.replacementTrigger,
                    transforms: x.transforms.length,
                    read: x.read,
                }))
                .sort((a, b) => a.urn.localeCompare(b.urn)),
            outputs: r.outputs,
        };
    }

    it("the single-cluster stack registers identical inputs on a second evaluation", async () => {
        const tls = new TlsDouble();
        const now = new Date("2026-12-01T00:00:00Z");
        const config = { cniEnabled: true, meshedNamespaces: ["ingress-nginx"] };
        const first = await run(config, [], { tls, now });
        const second = await run(config, [], { tls, now });
        assert.deepStrictEqual(snapshot(second), snapshot(first));
    });

    it("a rendered stack does too", async () => {
        const tls = new TlsDouble();
        const now = new Date("2026-12-01T00:00:00Z");
        const options = { config: renderConfig({ linkerdChartRepositoryCaPem: CA_PEM }), tls, now };
        const first = await runProgram(options);
        const second = await runProgram(options);
        assert.deepStrictEqual(snapshot(second), snapshot(first));
        assert.deepStrictEqual(second.invocations, first.invocations, "and the provider renders the same charts");
    });

    it("a cluster stack reading its trust from another stack does too", async () => {
        const fleet = new Fleet();
        const east = clusterStackConfig("east");
        for (const [stack, config] of [
            ["trust", trustStackConfig(["east"])],
            ["east", east],
            ["trust", trustStackConfig(["east"])],
            ["east", east],
        ] as const) {
            await fleet.run(stack, config);
        }
        const options: RunOptions = {
            stack: "east",
            config: east,
            secretKeys: SECRET_KUBECONFIG,
            tls: fleet.tls,
            now: fleet.now,
            previous: structuredClone(fleet.stacks[Fleet.qualified("east")]),
            stacks: structuredClone(fleet.stacks),
        };
        const first = await runProgram(options);
        assert.ok(first.find(T.chart, "linkerd-control-plane"), "east installs Linkerd");
        const second = await runProgram(options);
        assert.deepStrictEqual(snapshot(second), snapshot(first));
    });

    it("the comparison is sensitive: fresh certificates (as without state) differ", async () => {
        const first = await run();
        const second = await run();
        assert.notDeepStrictEqual(snapshot(second), snapshot(first));
    });

    it("fixes the heartbeat schedule per cluster: the same on every run, whatever the time or the stack", async () => {
        const schedule = async (stack: string, clusterName: string, now: Date) =>
            valuesOf(await run({ clusterName }, [], { stack, now })).heartbeatSchedule;
        const first = await schedule("dev", "dev", new Date("2026-12-01T00:00:00Z"));
        assert.match(String(first), /^\d{1,2} \d{1,2} \* \* \*$/);
        assert.strictEqual(await schedule("dev", "dev", new Date("2026-12-01T09:17:00Z")), first);
        assert.strictEqual(await schedule("dev", "dev", new Date("2027-03-15T23:59:00Z")), first);
        assert.strictEqual(await schedule("dev-copy", "dev", new Date("2026-12-02T00:00:00Z")), first);
        assert.notStrictEqual(await schedule("prod", "prod", new Date("2026-12-01T00:00:00Z")), first);
    });
});
