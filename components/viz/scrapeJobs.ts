// The scrape jobs an external Prometheus needs for viz, generated the way the linkerd-viz chart
// configures its own bundled Prometheus (viz/charts/linkerd-viz/templates/prometheus.yaml). The
// docs page for external Prometheus is stale (it keeps the old `admin-http` port names), so the
// chart template is the reference. The same jobs become PodMonitors for Prometheus Operator
// (podMonitors.ts): the control-plane chart's own PodMonitors select no multicluster controller
// (they keep on a label those pods do not carry) and miss viz's `admin` ports.
import { stringify } from "yaml";

export interface ScrapeJobsArgs {
    linkerdNamespace: string;
    vizNamespace: string;
    /** Scrape interval and timeout of every job; the chart's own Prometheus uses 10s for both. */
    interval: string;
    /**
     * Multicluster: `scrape` its controllers; `unauthorized` when the Prometheus may not scrape the
     * multicluster namespace (its Servers admit only viz's own Prometheus), whose pods then stay out
     * of every job; `absent` without the extension.
     */
    multicluster: "scrape" | "unauthorized" | "absent";
    multiclusterNamespace: string;
    /** The chart's `proxyContainerName` (default `linkerd-proxy`). */
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

const CONTAINER_COMPONENT: RelabelConfig = {
    source_labels: ["__meta_kubernetes_pod_container_name"],
    action: "replace",
    target_label: "component",
};
const DROP_PROXY_ADMIN: RelabelConfig = {
    source_labels: ["__meta_kubernetes_pod_container_port_name"],
    action: "drop",
    regex: "linkerd-admin",
};

/** The control-plane, multicluster-controller and proxy jobs (not the bundled Prometheus's self-scrape or cAdvisor). */
export function linkerdScrapeJobs(args: ScrapeJobsArgs): ScrapeJob[] {
    const timing = { scrape_interval: args.interval, scrape_timeout: args.interval };
    const jobs: ScrapeJob[] = [
        {
            job_name: "linkerd-controller",
            ...timing,
            kubernetes_sd_configs: [{ role: "pod", namespaces: { names: [args.linkerdNamespace, args.vizNamespace] } }],
            relabel_configs: [
                { source_labels: ["__meta_kubernetes_pod_container_port_name"], action: "keep", regex: ".*admin$" },
                DROP_PROXY_ADMIN,
                CONTAINER_COMPONENT,
            ],
        },
    ];
    if (args.multicluster === "scrape") {
        jobs.push({
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
                DROP_PROXY_ADMIN,
                CONTAINER_COMPONENT,
            ],
        });
    }
    jobs.push(proxyJob(args, timing));
    return jobs;
}

function proxyJob(args: ScrapeJobsArgs, timing: Pick<ScrapeJob, "scrape_interval" | "scrape_timeout">): ScrapeJob {
    const container = args.proxyContainerName ?? "linkerd-proxy";
    const skipMulticluster: RelabelConfig[] =
        args.multicluster === "unauthorized"
            ? [{ source_labels: ["__meta_kubernetes_namespace"], action: "drop", regex: args.multiclusterNamespace }]
            : [];
    return {
        job_name: "linkerd-proxy",
        ...timing,
        kubernetes_sd_configs: [{ role: "pod" }],
        relabel_configs: [
            { source_labels: ["__meta_kubernetes_pod_phase"], regex: "(Pending|Running)", action: "keep" },
            ...skipMulticluster,
            {
                source_labels: [
                    "__meta_kubernetes_pod_container_name",
                    "__meta_kubernetes_pod_container_port_name",
                    "__meta_kubernetes_pod_label_linkerd_io_control_plane_ns",
                ],
                action: "keep",
                regex: `^${container};linkerd-admin;${args.linkerdNamespace}$`,
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
    };
}

// Jobs share relabel rules (the same objects); written out, each job must stand alone, without YAML
// anchors and aliases: a job copied on its own, or merged into another list, would otherwise refer
// to an anchor left behind.
const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false };

/** A `scrape_configs:` fragment to paste into a prometheus.yml. */
export function scrapeConfigsFragment(jobs: ScrapeJob[]): string {
    return stringify({ scrape_configs: jobs }, YAML_OPTIONS);
}

/** The list alone, as Prometheus Operator's `additionalScrapeConfigs` Secret key expects it. */
export function additionalScrapeConfigs(jobs: ScrapeJob[]): string {
    return stringify(jobs, YAML_OPTIONS);
}
