// Facts about the pinned linkerd-viz chart (linkerd/linkerd2 at edge-26.6.3 and edge-26.8.3,
// viz/charts/linkerd-viz; the two differ only in an image tag),
// written down by hand as the tests' oracle. Not used by the program.

/** Keys that only exist in values-ha.yaml (`resources` holds a YAML anchor there). */
export const VIZ_HA_ONLY_KEYS: readonly string[] = [
    "resources",
    "resources.cpu.limit",
    "resources.cpu.request",
    "resources.memory.limit",
    "resources.memory.request",
];

/** viz/charts/linkerd-viz/values-ha.yaml, flattened, anchors expanded. */
export const VIZ_HA_VALUES: Readonly<Record<string, unknown>> = {
    enablePodAntiAffinity: true,
    enablePodDisruptionBudget: true,
    "resources.cpu.limit": "",
    "resources.cpu.request": "100m",
    "resources.memory.limit": "250Mi",
    "resources.memory.request": "50Mi",
    "tap.replicas": 3,
    "tap.resources.cpu.limit": "",
    "tap.resources.cpu.request": "100m",
    "tap.resources.memory.limit": "250Mi",
    "tap.resources.memory.request": "50Mi",
    "dashboard.resources.cpu.limit": "",
    "dashboard.resources.cpu.request": "100m",
    "dashboard.resources.memory.limit": "250Mi",
    "dashboard.resources.memory.request": "50Mi",
    "prometheus.resources.cpu.limit": "",
    "prometheus.resources.cpu.request": "300m",
    "prometheus.resources.memory.limit": "8192Mi",
    "prometheus.resources.memory.request": "300Mi",
};

/**
 * The scrape jobs of the chart's own Prometheus (templates/prometheus.yaml, ConfigMap
 * prometheus-config), rendered for linkerdNamespace "linkerd", release namespace "linkerd-viz" and
 * the default proxy container name. The chart's global scrape_interval and scrape_timeout are 10s
 * (prometheus.globalConfig). The `prometheus` self-scrape and the optional cAdvisor job are not
 * needed by viz.
 */
export const CHART_SCRAPE_JOBS_YAML = `
- job_name: 'linkerd-controller'
  kubernetes_sd_configs:
  - role: pod
    namespaces:
      names:
      - 'linkerd'
      - 'linkerd-viz'
  relabel_configs:
  - source_labels:
    - __meta_kubernetes_pod_container_port_name
    action: keep
    regex: .*admin$
  - source_labels:
    - __meta_kubernetes_pod_container_port_name
    action: drop
    regex: linkerd-admin
  - source_labels: [__meta_kubernetes_pod_container_name]
    action: replace
    target_label: component

- job_name: 'linkerd-multicluster-controller'
  kubernetes_sd_configs:
  - role: pod
  relabel_configs:
  - source_labels:
    - __meta_kubernetes_pod_label_component
    - __meta_kubernetes_pod_container_port_name
    action: keep
    regex: (linkerd-service-mirror|controller);.*-admin$
  - source_labels:
    - __meta_kubernetes_pod_container_port_name
    action: drop
    regex: linkerd-admin
  - source_labels: [__meta_kubernetes_pod_container_name]
    action: replace
    target_label: component

- job_name: 'linkerd-proxy'
  kubernetes_sd_configs:
  - role: pod
  relabel_configs:
  - source_labels: [__meta_kubernetes_pod_phase]
    regex: (Pending|Running)
    action: keep
  - source_labels:
    - __meta_kubernetes_pod_container_name
    - __meta_kubernetes_pod_container_port_name
    - __meta_kubernetes_pod_label_linkerd_io_control_plane_ns
    action: keep
    regex: ^linkerd-proxy;linkerd-admin;linkerd$
  - source_labels: [__meta_kubernetes_namespace]
    action: replace
    target_label: namespace
  - source_labels: [__meta_kubernetes_pod_name]
    action: replace
    target_label: pod
  - source_labels: [__meta_kubernetes_pod_label_linkerd_io_proxy_job]
    action: replace
    target_label: k8s_job
  - action: labeldrop
    regex: __meta_kubernetes_pod_label_linkerd_io_proxy_job
  - action: labelmap
    regex: __meta_kubernetes_pod_label_linkerd_io_proxy_(.+)
  - action: labeldrop
    regex: __meta_kubernetes_pod_label_linkerd_io_proxy_(.+)
  - action: labelmap
    regex: __meta_kubernetes_pod_label_linkerd_io_(.+)
  - action: labelmap
    regex: __meta_kubernetes_pod_label_(.+)
    replacement: __tmp_pod_label_$1
  - action: labelmap
    regex: __tmp_pod_label_linkerd_io_(.+)
    replacement:  __tmp_pod_label_$1
  - action: labeldrop
    regex: __tmp_pod_label_linkerd_io_(.+)
  - action: labelmap
    regex: __tmp_pod_label_(.+)
`;

/** Global scrape settings of the chart's own Prometheus (values.yaml prometheus.globalConfig). */
export const CHART_PROMETHEUS_GLOBAL = { scrape_interval: "10s", scrape_timeout: "10s" };

/**
 * Admin port names of the control-plane containers at this version (after linkerd2#14111 renamed
 * them; the external-Prometheus docs page still shows the stale `admin-http`). A scrape job must
 * keep every one of them.
 */
export const CONTROL_PLANE_ADMIN_PORTS = [
    "dest-admin",
    "ident-admin",
    "injector-admin",
    "spval-admin",
    "policy-admin",
    "admin",
];

/** Namespace metadata the chart's namespace-metadata hook Job (and the CLI's template) set. */
export function vizNamespaceMetadataFor(prometheusUrl: string) {
    return {
        labels: { "linkerd.io/extension": "viz", "pod-security.kubernetes.io/enforce": "privileged" },
        annotations: { "viz.linkerd.io/external-prometheus": prometheusUrl },
    };
}

/** ClusterRole the chart creates for `linkerd viz tap` access (templates/tap-rbac.yaml). */
export const TAP_ADMIN_CLUSTER_ROLE = "linkerd-linkerd-viz-tap-admin";

/** Serving certificate DNS names of viz's tap APIService and tap-injector webhook. */
export const VIZ_WEBHOOK_DNS_NAMES = { tap: "tap.linkerd-viz.svc", tapInjector: "tap-injector.linkerd-viz.svc" };
