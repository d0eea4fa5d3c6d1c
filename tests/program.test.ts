// The single-cluster stack end to end: what is registered, under which parent and provider, in
// which order, with which options and inputs; and the settings that change what is installed.
import * as assert from "node:assert";
import { SECRET_KUBECONFIG, singleClusterConfig } from "./support/fixtures.ts";
import { type ProgramRun, type Registration, runProgram } from "./support/harness.ts";
import { LINKERD_NAMESPACE_METADATA } from "./upstream/linkerd.ts";

export const T = {
    provider: "pulumi:providers:kubernetes",
    namespace: "kubernetes:core/v1:Namespace",
    namespacePatch: "kubernetes:core/v1:NamespacePatch",
    chart: "kubernetes:helm.sh/v4:Chart",
    configFile: "kubernetes:yaml/v2:ConfigFile",
    secret: "kubernetes:core/v1:Secret",
    custom: "kubernetes:apiextensions.k8s.io:CustomResource",
    privateKey: "tls:index/privateKey:PrivateKey",
    selfSigned: "tls:index/selfSignedCert:SelfSignedCert",
    csr: "tls:index/certRequest:CertRequest",
    signed: "tls:index/locallySignedCert:LocallySignedCert",
};

const urnOf = (run: ProgramRun, type: string, name: string) => run.get(type, name).urn;

describe("single-cluster stack (Pulumi.dev.yaml)", () => {
    let run: ProgramRun;
    before(async () => {
        run = await runProgram({ config: singleClusterConfig(), secretKeys: SECRET_KUBECONFIG });
    });

    it("registers exactly the trust root, the cluster's issuer key and certificate, the webhook CA and Linkerd", () => {
        assert.deepStrictEqual(run.summary().sort(), [
            "kubernetes:core/v1:Namespace::linkerd-namespace",
            "kubernetes:core/v1:NamespacePatch::kube-system-label-patch",
            "kubernetes:helm.sh/v4:Chart::linkerd-control-plane",
            "kubernetes:helm.sh/v4:Chart::linkerd-crds",
            "kubernetes:yaml/v2:ConfigFile::gateway-api-crds-standard",
            "linkerd:index:ControlPlane::linkerd",
            "linkerd:index:GatewayApiCrds::gateway-api-crds",
            "linkerd:index:KubeSystemLabel::kube-system-label",
            "linkerd:pki:WebhookAuthority::webhook-ca",
            "linkerd:trust:ClusterIssuer::identity-issuer",
            "linkerd:trust:IssuerCertificate::issuer-certificate-dev",
            "linkerd:trust:TrustRoot::trust-root",
            "pulumi:providers:kubernetes::dev",
            "tls:index/certRequest:CertRequest::identity-issuer-request-0",
            "tls:index/certRequest:CertRequest::linkerd-linkerd-policy-validator-tls-csr",
            "tls:index/certRequest:CertRequest::linkerd-linkerd-proxy-injector-tls-csr",
            "tls:index/certRequest:CertRequest::linkerd-linkerd-sp-validator-tls-csr",
            "tls:index/locallySignedCert:LocallySignedCert::issuer-certificate-dev-cert",
            "tls:index/locallySignedCert:LocallySignedCert::linkerd-linkerd-policy-validator-tls-cert",
            "tls:index/locallySignedCert:LocallySignedCert::linkerd-linkerd-proxy-injector-tls-cert",
            "tls:index/locallySignedCert:LocallySignedCert::linkerd-linkerd-sp-validator-tls-cert",
            "tls:index/privateKey:PrivateKey::identity-issuer-key-0",
            "tls:index/privateKey:PrivateKey::linkerd-linkerd-policy-validator-tls-key",
            "tls:index/privateKey:PrivateKey::linkerd-linkerd-proxy-injector-tls-key",
            "tls:index/privateKey:PrivateKey::linkerd-linkerd-sp-validator-tls-key",
            "tls:index/privateKey:PrivateKey::trust-root-anchor-1-key",
            "tls:index/privateKey:PrivateKey::webhook-ca-key",
            "tls:index/selfSignedCert:SelfSignedCert::trust-root-anchor-1-cert",
            "tls:index/selfSignedCert:SelfSignedCert::webhook-ca-cert",
        ]);
        assert.deepStrictEqual(
            run.registrations.filter((r) => r.read),
            [],
            "a stack without links reads nothing live",
        );
    });

    it("parents every child to the component that owns it", () => {
        const parentOf = (type: string, name: string) => {
            const parent = run.get(type, name).parent;
            return parent ? run.byUrn(parent).name : "";
        };
        const expected: [string, string, string][] = [
            [T.privateKey, "trust-root-anchor-1-key", "trust-root"],
            [T.selfSigned, "trust-root-anchor-1-cert", "trust-root"],
            [T.privateKey, "identity-issuer-key-0", "identity-issuer"],
            [T.csr, "identity-issuer-request-0", "identity-issuer"],
            [T.signed, "issuer-certificate-dev-cert", "issuer-certificate-dev"],
            [T.privateKey, "webhook-ca-key", "webhook-ca"],
            [T.selfSigned, "webhook-ca-cert", "webhook-ca"],
            [T.namespacePatch, "kube-system-label-patch", "kube-system-label"],
            [T.configFile, "gateway-api-crds-standard", "gateway-api-crds"],
            [T.namespace, "linkerd-namespace", "linkerd"],
            [T.chart, "linkerd-crds", "linkerd"],
            [T.chart, "linkerd-control-plane", "linkerd"],
            [T.signed, "linkerd-linkerd-proxy-injector-tls-cert", "linkerd"],
            [T.privateKey, "linkerd-linkerd-policy-validator-tls-key", "linkerd"],
        ];
        for (const [type, name, parent] of expected) {
            assert.strictEqual(parentOf(type, name), parent, `${type}::${name}`);
        }
        for (const top of ["trust-root", "identity-issuer", "issuer-certificate-dev", "webhook-ca", "dev", "linkerd"]) {
            assert.strictEqual(run.created.find((r) => r.name === top)?.parent, "", `${top} is top level`);
        }
    });

    it("sends every Kubernetes object through the cluster's explicit provider, and nothing else", () => {
        const provider = run.get(T.provider, "dev");
        const reference = `${provider.urn}::dev-id`;
        const kubernetes = run.created.filter((r) => r.type.startsWith("kubernetes:"));
        assert.strictEqual(kubernetes.length, 5);
        for (const r of kubernetes) {
            assert.strictEqual(r.provider, reference, `${r.type}::${r.name}`);
        }
        for (const r of run.created.filter((r) => r.type.startsWith("tls:"))) {
            assert.ok(!r.provider.includes("kubernetes"), r.name);
        }
    });

    it("configures the provider explicitly: a secret kubeconfig reduced to the context, a fixed cluster identifier", () => {
        const provider = run.get(T.provider, "dev");
        assert.strictEqual(provider.inputs.context, "dev-admin");
        assert.strictEqual(provider.inputs.clusterIdentifier, "dev");
        assert.strictEqual(provider.inputs.enableServerSideApply, "true");
        const kubeconfig = String(provider.inputs.kubeconfig);
        assert.match(kubeconfig, /current-context: dev-admin/);
        assert.doesNotMatch(
            kubeconfig,
            /other-cluster-token|reader-token|dev-readonly/,
            "other contexts, clusters and users are not kept",
        );
        assert.ok(typeof provider.rawInputs.kubeconfig === "object", "the kubeconfig reaches the engine as a secret");
        assert.strictEqual(provider.inputs.upsertExistingObjects, undefined);
    });

    it("protects the trust anchor's key and certificate, and nothing else; nothing renews them early", () => {
        assert.ok(run.get(T.privateKey, "trust-root-anchor-1-key").protect);
        const anchor = run.get(T.selfSigned, "trust-root-anchor-1-cert");
        assert.ok(anchor.protect);
        assert.strictEqual(anchor.inputs.earlyRenewalHours, undefined);
        assert.deepStrictEqual(
            run.created
                .filter((r) => r.protect)
                .map((r) => r.name)
                .sort(),
            ["trust-root-anchor-1-cert", "trust-root-anchor-1-key"],
        );
    });

    it("sets a replacement trigger from the first deployment on, on every certificate that renews in place", () => {
        for (const r of run.created.filter((r) => /^linkerd-linkerd-.*-tls-(key|csr|cert)$/.test(r.name))) {
            assert.strictEqual(r.replacementTrigger, 0, r.name);
        }
    });

    it("creates the linkerd namespace with the CLI's metadata, under its fixed name", () => {
        assert.deepStrictEqual(run.get(T.namespace, "linkerd-namespace").inputs.metadata, {
            name: "linkerd",
            ...LINKERD_NAMESPACE_METADATA,
        });
    });

    it("labels kube-system with a server-side-apply patch and never declares the namespace", () => {
        const patch = run.get(T.namespacePatch, "kube-system-label-patch");
        assert.deepStrictEqual(patch.inputs.metadata, {
            name: "kube-system",
            labels: { "config.linkerd.io/admission-webhooks": "disabled" },
        });
        assert.ok(!patch.retainOnDelete, "on destroy the patch releases the label");
        assert.deepStrictEqual(
            run.ofType(T.namespace).map((r) => (r.inputs.metadata as { name: string }).name),
            ["linkerd"],
        );
    });

    it("installs the Gateway API release the pinned Linkerd recommends, and keeps it when the program goes", async () => {
        const crds = run.get(T.configFile, "gateway-api-crds-standard");
        assert.strictEqual(
            crds.inputs.file,
            "https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.5.1/standard-install.yaml",
        );
        await assertRetainedOnDelete(crds);
    });

    it("installs linkerd-crds and linkerd-control-plane from the edge repository at the pinned version", () => {
        for (const name of ["linkerd-crds", "linkerd-control-plane"]) {
            const release = run.get(T.chart, name);
            assert.strictEqual(release.inputs.chart, name);
            assert.strictEqual(release.inputs.name, name, "the Helm release name");
            assert.strictEqual(release.inputs.version, "2026.8.3");
            assert.deepStrictEqual(release.inputs.repositoryOpts, { repo: "https://helm.linkerd.io/edge" });
            assert.strictEqual(release.inputs.namespace, "linkerd");
        }
        assert.deepStrictEqual(run.get(T.chart, "linkerd-crds").inputs.values, { installGatewayAPI: false });
    });

    it("keeps Linkerd's CRDs in the cluster when they leave the program, but not the control plane", async () => {
        await assertRetainedOnDelete(run.get(T.chart, "linkerd-crds"));
        assert.deepStrictEqual(run.get(T.chart, "linkerd-control-plane").transforms, []);
    });

    it("orders the kube-system label and Gateway API before the namespace and the CRDs, the CRDs before the control plane", () => {
        const deps = (type: string, name: string) => run.get(type, name).dependencies;
        const label = urnOf(run, T.namespacePatch, "kube-system-label-patch");
        const gatewayApi = urnOf(run, T.configFile, "gateway-api-crds-standard");
        for (const prerequisite of [label, gatewayApi]) {
            assert.ok(deps(T.namespace, "linkerd-namespace").includes(prerequisite));
            assert.ok(deps(T.chart, "linkerd-crds").includes(prerequisite));
            assert.ok(deps(T.chart, "linkerd-control-plane").includes(prerequisite));
        }
        assert.ok(deps(T.chart, "linkerd-crds").includes(urnOf(run, T.namespace, "linkerd-namespace")));
        assert.ok(deps(T.chart, "linkerd-control-plane").includes(urnOf(run, T.chart, "linkerd-crds")));
        assert.ok(deps(T.chart, "linkerd-control-plane").includes(urnOf(run, T.signed, "issuer-certificate-dev-cert")));
        assert.ok(deps(T.chart, "linkerd-control-plane").includes(urnOf(run, T.privateKey, "identity-issuer-key-0")));
    });

    it("fixes the heartbeat schedule per cluster, so renders are identical", () => {
        const values = run.get(T.chart, "linkerd-control-plane").inputs.values as Record<string, unknown>;
        assert.match(String(values.heartbeatSchedule), /^\d{1,2} \d{1,2} \* \* \*$/);
    });

    it("exports the contract outputs and a few for people", () => {
        assert.deepStrictEqual(Object.keys(run.outputs).sort(), [
            "certificateNotAfter",
            "clusterName",
            "identityIssuerNotAfter",
            "linkerdChartVersion",
            "linkerdCluster",
            "linkerdState",
            "linkerdTrust",
            "namespaces",
            "trustAnchorFingerprints",
            "trustAnchorsPem",
            "trustRotation",
        ]);
        assert.strictEqual(run.outputs.clusterName.value, "dev");
        assert.strictEqual(run.outputs.linkerdChartVersion.value, "2026.8.3");
        assert.deepStrictEqual(run.outputs.namespaces.value, { controlPlane: "linkerd" });
        assert.match(String(run.outputs.identityIssuerNotAfter.value), /^\d{4}-\d\d-\d\dT/);
        for (const [name, output] of Object.entries(run.outputs)) {
            assert.strictEqual(output.secret, false, `${name} is not secret: it holds no key`);
        }
    });
});

describe("settings that change what is installed", () => {
    it("skips the Gateway API CRDs when the cluster already has them", async () => {
        const run = await runProgram({
            config: singleClusterConfig({ gatewayApiCrds: "preinstalled" }),
            secretKeys: SECRET_KUBECONFIG,
        });
        assert.deepStrictEqual(run.ofType(T.configFile), []);
        assert.deepStrictEqual(run.get(T.chart, "linkerd-crds").dependencies, [
            urnOf(run, T.namespacePatch, "kube-system-label-patch"),
            urnOf(run, T.namespace, "linkerd-namespace"),
        ]);
    });

    it("installs another supported Gateway API release when asked, and pins 2.20's with chart 2026.6.3", async () => {
        const older = await runProgram({
            config: singleClusterConfig({ gatewayApiVersion: "v1.3.0" }),
            secretKeys: SECRET_KUBECONFIG,
        });
        assert.match(
            String(older.get(T.configFile, "gateway-api-crds-standard").inputs.file),
            /\/v1\.3\.0\/standard-install\.yaml$/,
        );
        const v220 = await runProgram({
            config: singleClusterConfig({ linkerdChartVersion: "2026.6.3" }),
            secretKeys: SECRET_KUBECONFIG,
        });
        assert.match(
            String(v220.get(T.configFile, "gateway-api-crds-standard").inputs.file),
            /\/v1\.2\.1\/standard-install\.yaml$/,
        );
        assert.strictEqual(v220.get(T.chart, "linkerd-control-plane").inputs.version, "2026.6.3");
    });

    it("uses the repository and heartbeat schedule a stack sets", async () => {
        const run = await runProgram({
            config: singleClusterConfig({
                linkerdChartRepository: "https://charts.example.com/linkerd",
                heartbeatSchedule: "30 2 * * *",
            }),
            secretKeys: SECRET_KUBECONFIG,
        });
        for (const name of ["linkerd-crds", "linkerd-control-plane"]) {
            assert.deepStrictEqual(run.get(T.chart, name).inputs.repositoryOpts, {
                repo: "https://charts.example.com/linkerd",
            });
        }
        assert.strictEqual(
            (run.get(T.chart, "linkerd-control-plane").inputs.values as Record<string, unknown>).heartbeatSchedule,
            "30 2 * * *",
        );
    });

    it("spreads default heartbeat schedules across clusters", async () => {
        const schedules = new Set<unknown>();
        for (const clusterName of ["dev", "east", "west", "prod-eu-1"]) {
            const run = await runProgram({
                config: singleClusterConfig({ clusterName }),
                secretKeys: SECRET_KUBECONFIG,
                stack: clusterName,
            });
            schedules.add(
                (run.get(T.chart, "linkerd-control-plane").inputs.values as Record<string, unknown>).heartbeatSchedule,
            );
        }
        assert.strictEqual(schedules.size, 4);
    });
});

/** Runs a resource's transforms on a sample CRD child and checks they set retainOnDelete. */
export async function assertRetainedOnDelete(
    resource: Registration,
    type = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
) {
    assert.ok(resource.transforms.length > 0, `${resource.name} has no transforms`);
    let opts = {};
    for (const transform of resource.transforms) {
        const result = await transform({ custom: true, type, name: "child", props: {}, opts });
        opts = result?.opts ?? opts;
    }
    assert.strictEqual((opts as { retainOnDelete?: boolean }).retainOnDelete, true, resource.name);
}
