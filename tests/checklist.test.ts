// The rest of the production checklist: the CNI plugin instead of NET_ADMIN, cluster-wide proxy
// resources, meshed (ingress) namespaces, clock skew, and render mode.
import * as assert from "assert";
import { ConfigError } from "../components/config";
import { SECRET_KUBECONFIG, singleClusterConfig } from "./support/fixtures";
import { flatten } from "./support/flatten";
import { ProgramRun, Registration, runProgram } from "./support/harness";
import { CNI_KEYS, CNI_NAMESPACE_METADATA } from "./upstream/cni";
import { CONTROL_PLANE_HA_VALUES } from "./upstream/linkerd";

type Config = Record<string, string | number | boolean | string[]>;
const CHART = "kubernetes:helm.sh/v4:Chart";
const NAMESPACE = "kubernetes:core/v1:Namespace";

const run = (config: Config, secretKeys = SECRET_KUBECONFIG) =>
    runProgram({ config: singleClusterConfig(config), secretKeys });
const values = (r: ProgramRun) => r.get(CHART, "linkerd-control-plane").inputs.values as any;
const psa = (r: Registration) => (r.inputs.metadata as any).labels["pod-security.kubernetes.io/enforce"];

async function configError(config: Config, secretKeys = SECRET_KUBECONFIG): Promise<ConfigError> {
    try {
        await runProgram({ config, secretKeys });
    } catch (error) {
        assert.ok(error instanceof ConfigError, String(error));
        assert.deepStrictEqual((error as unknown as { registrations: unknown[] }).registrations, []);
        return error;
    }
    throw new assert.AssertionError({ message: "accepted" });
}

describe("production checklist", () => {
    describe("the CNI plugin instead of NET_ADMIN", () => {
        let cni: ProgramRun;
        before(async () => {
            cni = await run({
                cniEnabled: true,
                cniRepairController: true,
                vizEnabled: true,
                prometheusUrl: "http://prometheus.monitoring:9090",
                multiclusterEnabled: true,
            });
        });

        it("installs linkerd2-cni in its own namespace, with the CLI's metadata", () => {
            const chart = cni.get(CHART, "linkerd-cni-cni");
            assert.strictEqual(chart.inputs.chart, "linkerd2-cni");
            assert.strictEqual(chart.inputs.name, "linkerd-cni");
            assert.strictEqual(chart.inputs.version, "2026.6.3");
            assert.strictEqual(chart.inputs.namespace, "linkerd-cni");
            const ns = cni.get(NAMESPACE, "linkerd-cni-namespace");
            assert.deepStrictEqual(ns.inputs.metadata, { name: "linkerd-cni", ...CNI_NAMESPACE_METADATA });
            assert.deepStrictEqual(chart.inputs.values, {
                destCNINetDir: "/etc/cni/net.d",
                destCNIBinDir: "/opt/cni/bin",
                repairController: { enabled: true },
            });
            assert.deepStrictEqual(
                Object.keys(flatten(chart.inputs.values)).filter((k) => !CNI_KEYS.includes(k)),
                [],
            );
        });

        it("installs it before the control plane, which sets cniEnabled", () => {
            const cniChart = cni.get(CHART, "linkerd-cni-cni").urn;
            assert.ok(cni.get(CHART, "linkerd-crds").dependencies.includes(cniChart));
            assert.ok(cni.get(CHART, "linkerd-control-plane").dependencies.includes(cniChart));
            assert.ok(cni.get(NAMESPACE, "linkerd-namespace").dependencies.includes(cniChart));
            assert.strictEqual(values(cni).cniEnabled, true);
        });

        it("lets Linkerd's namespaces enforce the restricted pod-security level, as upstream does", () => {
            for (const name of ["linkerd-namespace", "linkerd-viz-namespace", "linkerd-multicluster-namespace"]) {
                assert.strictEqual(psa(cni.get(NAMESPACE, name)), "restricted", name);
            }
        });

        it("without CNI: no plugin, linkerd-init, privileged namespaces", async () => {
            const plain = await run({});
            assert.ok(!plain.summary().some((s) => s.includes("linkerd-cni")));
            assert.strictEqual(values(plain).cniEnabled, undefined);
            assert.strictEqual(psa(plain.get(NAMESPACE, "linkerd-namespace")), "privileged");
        });

        it("rejects CNI options without CNI", async () => {
            const error = await configError(singleClusterConfig({ cniRepairController: true, cniNetDir: "/etc/cni" }));
            assert.match(
                error.message,
                /linkerd-fleet:cniNetDir: a CNI option, but linkerd-fleet:cniEnabled is not true/,
            );
            assert.match(error.message, /linkerd-fleet:cniRepairController: a CNI option/);
        });

        it("rejects a relative CNI directory", async () => {
            const error = await configError(singleClusterConfig({ cniEnabled: true, cniBinDir: "opt/cni/bin" }));
            assert.match(error.message, /linkerd-fleet:cniBinDir: "opt\/cni\/bin" is not an absolute path/);
        });
    });

    describe("proxy resources for every injected proxy", () => {
        it("override the HA defaults key by key", async () => {
            const r = await run({ proxyResources: ["cpu.limit=1", "memory.request=64Mi", "memory.limit=512Mi"] });
            assert.deepStrictEqual(values(r).proxy.resources, {
                cpu: { request: CONTROL_PLANE_HA_VALUES["proxy.resources.cpu.request"], limit: "1" },
                memory: { limit: "512Mi", request: "64Mi" },
            });
        });

        it("apply without HA too", async () => {
            const r = await run({ highAvailability: false, proxyResources: ["cpu.request=200m"] });
            assert.deepStrictEqual(values(r).proxy.resources, { cpu: { request: "200m" } });
        });

        it("reject negative or malformed quantities and unknown resources, naming the key", async () => {
            const error = await configError(
                singleClusterConfig({
                    proxyResources: ["cpu.request=-1", "memory.limit=lots", "gpu.limit=1", "cpu=1"],
                }),
            );
            assert.match(
                error.message,
                /linkerd-fleet:proxyResources: "-1" in "cpu.request=-1" is not a non-negative Kubernetes quantity/,
            );
            assert.match(error.message, /"lots" in "memory.limit=lots"/);
            assert.match(
                error.message,
                /linkerd-fleet:proxyResources: "gpu.limit=1" is not of the form <cpu\|memory\|ephemeral-storage>/,
            );
            assert.match(error.message, /"cpu=1" is not of the form/);
        });

        it("reject a request above the (HA) limit", async () => {
            const error = await configError(singleClusterConfig({ proxyResources: ["memory.request=1Gi"] }));
            assert.match(
                error.message,
                /proxy.memory would request 1Gi but be limited to 250Mi \(HA defaults included\)/,
            );
        });
    });

    describe("meshed namespaces (ingress)", () => {
        it("annotates each namespace with a server-side-apply patch after the control plane, never owning it", async () => {
            const r = await run({ meshedNamespaces: ["ingress-nginx", "emissary=ingress", "legacy=disabled"] });
            const patches = r.registrations.filter((x) => x.name.startsWith("meshed-namespaces-"));
            assert.deepStrictEqual(
                patches.map((p) => [p.type, p.inputs.metadata]),
                [
                    [
                        "kubernetes:core/v1:NamespacePatch",
                        { name: "ingress-nginx", annotations: { "linkerd.io/inject": "enabled" } },
                    ],
                    [
                        "kubernetes:core/v1:NamespacePatch",
                        { name: "emissary", annotations: { "linkerd.io/inject": "ingress" } },
                    ],
                    [
                        "kubernetes:core/v1:NamespacePatch",
                        { name: "legacy", annotations: { "linkerd.io/inject": "disabled" } },
                    ],
                ],
            );
            for (const patch of patches) {
                assert.ok(patch.dependencies.includes(r.get(CHART, "linkerd-control-plane").urn));
                assert.ok(!patch.retainOnDelete);
            }
            assert.ok(!r.ofType(NAMESPACE).some((n) => (n.inputs.metadata as any).name === "ingress-nginx"));
        });

        it("rejects an unknown injection mode and namespaces Linkerd never injects", async () => {
            const error = await configError(
                singleClusterConfig({ meshedNamespaces: ["web=auto", "kube-system", "a", "a"] }),
            );
            assert.match(
                error.message,
                /linkerd-fleet:meshedNamespaces: "auto" in "web=auto" is not an injection mode \(enabled, ingress, disabled\)/,
            );
            assert.match(error.message, /"kube-system" is never injected/);
            assert.match(error.message, /"a" is listed twice/);
        });
    });

    describe("clock skew", () => {
        it("sets the identity issuer's allowance when it differs from the chart's 20s", async () => {
            assert.strictEqual(values(await run({})).identity.issuer.clockSkewAllowance, undefined);
            assert.strictEqual(
                values(await run({ identityClockSkewAllowance: "1m" })).identity.issuer.clockSkewAllowance,
                "1m",
            );
        });

        it("rejects a malformed or excessive allowance", async () => {
            assert.match(
                (await configError(singleClusterConfig({ identityClockSkewAllowance: "20" }))).message,
                /"20" is not a duration/,
            );
            assert.match(
                (await configError(singleClusterConfig({ identityClockSkewAllowance: "2h" }))).message,
                /more than an hour.*NTP/,
            );
        });
    });

    describe("render mode", () => {
        const renderConfig = (overrides: Config = {}): Config => ({
            clusterName: "dev",
            renderYamlTo: "rendered/dev",
            ...overrides,
        });

        it("points the provider at the folder, with no cluster access and no ambient kubeconfig", async () => {
            const r = await runProgram({ config: renderConfig() });
            const provider = r.get("pulumi:providers:kubernetes", "dev");
            assert.strictEqual(provider.inputs.renderYamlToDirectory, "rendered/dev");
            assert.strictEqual(
                provider.inputs.kubeconfig,
                "",
                "an empty kubeconfig: the SDK would default to $KUBECONFIG",
            );
            assert.strictEqual(provider.inputs.context, undefined);
            assert.ok(r.get(CHART, "linkerd-control-plane"));
        });

        it("installs multicluster without publishing a bundle nothing could use", async () => {
            const r = await runProgram({
                config: renderConfig({ multiclusterEnabled: true, multiclusterGatewayAddresses: ["gw.example.com"] }),
            });
            assert.ok(r.get(CHART, "linkerd-multicluster-multicluster"));
            assert.strictEqual(r.outputs.multiclusterLinkBundle, undefined);
        });

        it("rejects settings that need a live cluster", async () => {
            const error = await configError(
                renderConfig({
                    "kubernetes:strictMode": "true",
                    kubeContext: "dev-admin",
                    multiclusterEnabled: true,
                    multiclusterLinks: ["acme/linkerd-fleet/west"],
                    multiclusterAllowedSources: ["west"],
                }),
            );
            assert.match(
                error.message,
                /kubernetes:strictMode: strict mode requires a kubeconfig and a context, which render mode/,
            );
            assert.match(error.message, /linkerd-fleet:kubeContext: render mode .* does not contact a cluster/);
            assert.match(error.message, /linkerd-fleet:multiclusterLinks: links need live clusters/);
            assert.match(error.message, /linkerd-fleet:multiclusterAllowedSources: links need live clusters/);
        });
    });
});
