// The scrape jobs an external Prometheus needs for viz, generated the way the pinned linkerd-viz
// chart configures its own bundled Prometheus (templates/prometheus.yaml). Upstream's docs page
// for external Prometheus is stale (it keeps the old `admin-http` port names, which no longer
// match the control plane's `*-admin` ports), so the chart template is the reference here.
import * as YAML from "yaml";

export interface ScrapeJobsArgs {
    /** Namespace of the control plane (the chart's `linkerdNamespace`). */
    linkerdNamespace: string;
    /** Namespace of viz (the chart's release namespace). */
    vizNamespace: string;
    /** Scrape interval and timeout of every job; the chart's own Prometheus uses 10s for both. */
    interval: string;
    /** Name of the proxy container (the chart's `proxyContainerName`, default `linkerd-proxy`). */
    proxyContainerName?: string;
}

export interface RelabelConfig {
    source_labels?: string[];
    action?: string;
    regex?: string;
    target_label?: string;
    replacement?: string;
}

export interface ScrapeJob {
    job_name: string;
    scrape_interval: string;
    scrape_timeout: string;
    kubernetes_sd_configs: { role: "pod"; namespaces?: { names: string[] } }[];
    relabel_configs: RelabelConfig[];
}

/**
 * The control-plane, multicluster-controller and proxy jobs. The bundled Prometheus's own
 * self-scrape and the optional cAdvisor job (only for a Grafana dashboard) are left out: the
 * organisation's Prometheus has its own.
 */
export function linkerdScrapeJobs(args: ScrapeJobsArgs): ScrapeJob[] {
    const proxyContainer = args.proxyContainerName ?? "linkerd-proxy";
    const timing = { scrape_interval: args.interval, scrape_timeout: args.interval };
    // Every control-plane container's admin port is named `<x>-admin` (or `admin`); the proxies'
    // own `linkerd-admin` port belongs to the proxy job.
    const controllerComponent: RelabelConfig = {
        source_labels: ["__meta_kubernetes_pod_container_name"],
        action: "replace",
        target_label: "component",
    };
    const dropProxyAdmin: RelabelConfig = {
        source_labels: ["__meta_kubernetes_pod_container_port_name"],
        action: "drop",
        regex: "linkerd-admin",
    };
    return [
        {
            job_name: "linkerd-controller",
            ...timing,
            kubernetes_sd_configs: [{ role: "pod", namespaces: { names: [args.linkerdNamespace, args.vizNamespace] } }],
            relabel_configs: [
                { source_labels: ["__meta_kubernetes_pod_container_port_name"], action: "keep", regex: ".*admin$" },
                dropProxyAdmin,
                controllerComponent,
            ],
        },
        {
            job_name: "linkerd-multicluster-controller",
            ...timing,
            kubernetes_sd_configs: [{ role: "pod" }],
            relabel_configs: [
                {
                    source_labels: [
                        "__meta_kubernetes_pod_label_component",
                        "__meta_kubernetes_pod_container_port_name",
                    ],
                    action: "keep",
                    regex: "(linkerd-service-mirror|controller);.*-admin$",
                },
                dropProxyAdmin,
                controllerComponent,
            ],
        },
        {
            job_name: "linkerd-proxy",
            ...timing,
            kubernetes_sd_configs: [{ role: "pod" }],
            relabel_configs: [
                { source_labels: ["__meta_kubernetes_pod_phase"], regex: "(Pending|Running)", action: "keep" },
                {
                    source_labels: [
                        "__meta_kubernetes_pod_container_name",
                        "__meta_kubernetes_pod_container_port_name",
                        "__meta_kubernetes_pod_label_linkerd_io_control_plane_ns",
                    ],
                    action: "keep",
                    regex: `^${proxyContainer};linkerd-admin;${args.linkerdNamespace}$`,
                },
                { source_labels: ["__meta_kubernetes_namespace"], action: "replace", target_label: "namespace" },
                { source_labels: ["__meta_kubernetes_pod_name"], action: "replace", target_label: "pod" },
                // Kubernetes' "job" label becomes k8s_job, so as not to clash with Prometheus's "job".
                {
                    source_labels: ["__meta_kubernetes_pod_label_linkerd_io_proxy_job"],
                    action: "replace",
                    target_label: "k8s_job",
                },
                { action: "labeldrop", regex: "__meta_kubernetes_pod_label_linkerd_io_proxy_job" },
                // linkerd.io/proxy-deployment=foo becomes deployment=foo, and so on.
                { action: "labelmap", regex: "__meta_kubernetes_pod_label_linkerd_io_proxy_(.+)" },
                { action: "labeldrop", regex: "__meta_kubernetes_pod_label_linkerd_io_proxy_(.+)" },
                { action: "labelmap", regex: "__meta_kubernetes_pod_label_linkerd_io_(.+)" },
                // Every pod label, with a linkerd.io/ prefix stripped.
                { action: "labelmap", regex: "__meta_kubernetes_pod_label_(.+)", replacement: "__tmp_pod_label_$1" },
                { action: "labelmap", regex: "__tmp_pod_label_linkerd_io_(.+)", replacement: "__tmp_pod_label_$1" },
                { action: "labeldrop", regex: "__tmp_pod_label_linkerd_io_(.+)" },
                { action: "labelmap", regex: "__tmp_pod_label_(.+)" },
            ],
        },
    ];
}

/** A `scrape_configs:` fragment to paste into a prometheus.yml. */
export function scrapeConfigsFragment(jobs: ScrapeJob[]): string {
    return YAML.stringify({ scrape_configs: jobs }, { lineWidth: 0 });
}

/** The list alone, as Prometheus Operator's `additionalScrapeConfigs` Secret key expects it. */
export function additionalScrapeConfigs(jobs: ScrapeJob[]): string {
    return YAML.stringify(jobs, { lineWidth: 0 });
}
