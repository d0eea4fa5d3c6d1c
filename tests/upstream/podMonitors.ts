// Facts about PodMonitors, written down by hand as the tests' oracle: what the pinned
// linkerd-control-plane chart's own PodMonitors keep (linkerd/linkerd2 at edge-26.8.3, the same at
// edge-26.6.3), and how Prometheus Operator turns a PodMonitor into a scrape job
// (prometheus-operator/prometheus-operator at v0.93.0). Not used by the program.

/**
 * The first relabeling (the keep rule) of each PodMonitor the control-plane chart renders with
 * podMonitor.enabled (charts/linkerd-control-plane/templates/podmonitor.yaml). The multicluster one
 * keeps by linkerd.io/control-plane-component, a label the multicluster controllers do not carry;
 * the controller one keeps `-admin` ports only, so not viz's `admin` ports.
 */
export const CHART_PODMONITOR_KEEP = {
    "linkerd-controller": {
        sourceLabels: ["__meta_kubernetes_pod_container_port_name"],
        action: "keep",
        regex: ".*-admin$",
    },
    "linkerd-multicluster-controller": {
        sourceLabels: [
            "__meta_kubernetes_pod_label_linkerd_io_control_plane_component",
            "__meta_kubernetes_pod_container_port_name",
        ],
        action: "keep",
        regex: "(linkerd-service-mirror|controller);.*-admin$",
    },
};

/**
 * The relabelings the operator puts before a PodMonitor's own (pkg/prometheus/promcfg.go,
 * generatePodMonitorConfig): the running filter (filterRunning defaults to true), then, for each
 * `selector.matchLabels` key, a keep on that pod label; then label copies (namespace, container,
 * pod, job) that select nothing. With no `port`, `portNumber` or `targetPort` on the endpoint,
 * no port filter is added: every container port is a target until the PodMonitor's relabelings.
 * The discovery namespaces are `namespaceSelector.matchNames`, all with `any: true`, else the
 * PodMonitor's own namespace (getNamespacesFromNamespaceSelector).
 */
export const OPERATOR_RUNNING_FILTER = {
    action: "drop",
    source_labels: ["__meta_kubernetes_pod_phase"],
    regex: "(Failed|Succeeded)",
};

export function operatorSelectorKeep(label: string, value: string) {
    const name = label.replace(/[^a-zA-Z0-9_]/g, "_");
    return {
        action: "keep",
        source_labels: [`__meta_kubernetes_pod_label_${name}`, `__meta_kubernetes_pod_labelpresent_${name}`],
        regex: `(${value});true`,
    };
}

const relabeling = {
    type: "object",
    additionalProperties: false,
    properties: {
        action: {
            type: "string",
            // The CRD's enum, both spellings.
            enum: [
                "replace",
                "Replace",
                "keep",
                "Keep",
                "drop",
                "Drop",
                "hashmod",
                "HashMod",
                "labelmap",
                "LabelMap",
                "labeldrop",
                "LabelDrop",
                "labelkeep",
                "LabelKeep",
                "lowercase",
                "Lowercase",
                "uppercase",
                "Uppercase",
                "keepequal",
                "KeepEqual",
                "dropequal",
                "DropEqual",
            ],
        },
        modulus: { type: "integer", minimum: 0 },
        regex: { type: "string" },
        replacement: { type: "string" },
        separator: { type: "string" },
        sourceLabels: { type: "array", items: { type: "string" } },
        targetLabel: { type: "string" },
    },
};

const duration = "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$";

/**
 * podmonitors.monitoring.coreos.com v1, the fields this program sets, from the CRD's
 * openAPIV3Schema (example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml at
 * v0.93.0). Closed where the program writes, because the API server prunes unknown fields; the
 * CRD has more optional fields than listed here.
 */
export const PODMONITOR_V1 = {
    type: "object",
    required: ["apiVersion", "kind", "metadata", "spec"],
    properties: {
        apiVersion: { const: "monitoring.coreos.com/v1" },
        kind: { const: "PodMonitor" },
        metadata: {
            type: "object",
            required: ["name", "namespace"],
            properties: {
                name: { type: "string", minLength: 1 },
                namespace: { type: "string", minLength: 1 },
                labels: { type: "object", additionalProperties: { type: "string" } },
            },
        },
        spec: {
            type: "object",
            additionalProperties: false,
            required: ["selector"],
            properties: {
                namespaceSelector: {
                    type: "object",
                    additionalProperties: false,
                    properties: { any: { type: "boolean" }, matchNames: { type: "array", items: { type: "string" } } },
                },
                selector: {
                    type: "object",
                    additionalProperties: false,
                    properties: { matchLabels: { type: "object", additionalProperties: { type: "string" } } },
                },
                podMetricsEndpoints: {
                    type: "array",
                    items: {
                        type: "object",
                        additionalProperties: false,
                        properties: {
                            interval: { type: "string", pattern: duration },
                            scrapeTimeout: { type: "string", pattern: duration },
                            honorTimestamps: { type: "boolean" },
                            relabelings: { type: "array", items: relabeling },
                        },
                    },
                },
            },
        },
    },
};
