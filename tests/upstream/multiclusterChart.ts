// More facts about the pinned linkerd-multicluster chart and `linkerd multicluster link-gen`, read
// from linkerd/linkerd2 at edge-26.8.3 (and checked unchanged since edge-26.6.3), for the
// multicluster tests. Written down by hand, with the file each comes from. Not used by the program.

/**
 * `git diff edge-26.6.3 edge-26.8.3 -- multicluster/cmd/link-gen.go pkg/k8s/labels.go
 * controller/gen/apis/link multicluster/charts/linkerd-multicluster/templates` is empty: link-gen,
 * the Link type and the chart's templates are the same at both tags, so what link-gen prints
 * (upstream/multicluster.ts LINK_GEN_WEST_YAML) holds for both, but for the one line below.
 */
export const LINK_GEN_UNCHANGED_BETWEEN = ["edge-26.6.3", "edge-26.8.3"] as const;

/**
 * The Link's `linkerd.io/created-by` annotation names the CLI release that generated it:
 * pkg/k8s/labels.go `CreatedByAnnotationValue()` returns `fmt.Sprintf("linkerd/cli %s", version.Version)`,
 * and multicluster/cmd/link-gen.go getLink sets it. LINK_GEN_WEST_YAML was printed by CLI edge-26.6.3.
 */
export function linkGenCreatedBy(release: string): string {
    return `linkerd/cli ${release}`;
}

/**
 * The keys one `controllers` entry may have: every `dig` path the per-link templates read from the
 * entry (`dig "<key>" $.Values.controllerDefaults.<key> .`), and `link.ref.name`
 * (multicluster/charts/linkerd-multicluster/templates/controller/{deployment,pdb,probe-svc,rbac}.yaml).
 * pdb.yaml defaults `enablePodAntiAffinity` from the top-level value, the others from controllerDefaults.
 */
export const CONTROLLER_ENTRY_KEYS: readonly string[] = [
    "link.ref.name",
    "GID",
    "UID",
    "enableHeadlessServices",
    "enablePodAntiAffinity",
    "enablePprof",
    "gateway.enabled",
    "gateway.probe.port",
    "image.name",
    "image.version",
    "logFormat",
    "logLevel",
    "nodeAffinity",
    "nodeSelector",
    "replicas",
    "resources",
    "retryLimit",
    "tolerations",
];

/**
 * templates/controller/probe-svc.yaml: for each controller with a gateway, a Service named
 * `probe-{{.link.ref.name}}`, and the label `mirror.linkerd.io/cluster-name: {{.link.ref.name}}`
 * (unquoted). A Service name is a DNS-1035 label, at most 63 characters.
 */
export const PROBE_SERVICE_PREFIX = "probe-";
export const SERVICE_NAME_MAX = 63;

/**
 * templates/remote-access-service-mirror-rbac.yaml: for each name in remoteMirrorServiceAccountName
 * (a list, or a comma-separated string), a ClusterRole, a ServiceAccount `{{.}}` in the release
 * namespace, a ClusterRoleBinding, and a Secret `{{.}}-token` of this type with this annotation,
 * which Kubernetes fills with a long-lived token (key `token`) for that ServiceAccount.
 */
export const REMOTE_ACCESS_TOKEN_SECRET = {
    nameSuffix: "-token",
    type: "kubernetes.io/service-account-token",
    annotation: "kubernetes.io/service-account.name",
    dataKey: "token",
} as const;

/**
 * templates/namespace.yaml (rendered only by the CLI): `pod-security.kubernetes.io/enforce` is
 * `restricted` when cniEnabled, else `privileged` (upstream/multicluster.ts MULTICLUSTER_NAMESPACE_METADATA).
 */
export const MULTICLUSTER_NAMESPACE_METADATA_CNI = {
    labels: { "linkerd.io/extension": "multicluster", "pod-security.kubernetes.io/enforce": "restricted" },
};

/** templates/link-crd.yaml: the Link CRD the chart installs (served v1alpha1..3, stored v1alpha3). */
export const LINK_CRD_NAME = "links.multicluster.linkerd.io";

/**
 * multicluster/cmd/link-gen.go getLink: the gateway address is each load-balancer ingress's `ip`,
 * else its `hostname` (entries with neither are skipped), joined with ","; none at all is an error
 * ("gateway ... has no ingress addresses"). pkg/k8s/labels.go ConfigKeyName: the credentials
 * Secrets hold the kubeconfig under `kubeconfig`.
 */
export const LINK_GEN_CREDENTIALS_KEY = "kubeconfig";
