// The scrape jobs as Prometheus Operator PodMonitors (prometheusScrapeConfig podMonitors). The
// control-plane chart has PodMonitors of its own, but its multicluster one keeps targets by the
// label linkerd.io/control-plane-component, which the multicluster controllers do not carry (and
// cannot: the proxy injector skips pods that have it), and its controller one misses viz's `admin`
// ports. The program makes them from its own jobs instead, so every mode scrapes the same targets.
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { RelabelConfig, ScrapeJob } from "./scrapeJobs.ts";

export interface PodMonitorSpec {
    namespaceSelector: { any: true } | { matchNames: string[] };
    selector: { matchLabels: Record<string, never> };
    podMetricsEndpoints: {
        interval: string;
        scrapeTimeout: string;
        honorTimestamps: boolean;
        relabelings: Record<string, unknown>[];
    }[];
}

/** The PodMonitor spec of one scrape job. */
export function podMonitorSpec(job: ScrapeJob): PodMonitorSpec {
    const names = job.kubernetes_sd_configs[0]?.namespaces?.names;
    return {
        namespaceSelector: names ? { matchNames: names } : { any: true },
        selector: { matchLabels: {} },
        podMetricsEndpoints: [
            {
                interval: job.scrape_interval,
                scrapeTimeout: job.scrape_timeout,
                // As the chart's own PodMonitors: Linkerd's proxies do not expose timestamps.
                honorTimestamps: false,
                relabelings: job.relabel_configs.map(relabeling),
            },
        ],
    };
}

function relabeling(config: RelabelConfig): Record<string, unknown> {
    return {
        sourceLabels: config.source_labels,
        action: config.action,
        regex: config.regex,
        targetLabel: config.target_label,
        replacement: config.replacement,
    };
}

/** One PodMonitor per job, in the control plane's namespace (where the chart would put its own). */
export function createPodMonitors(
    name: string,
    args: { jobs: ScrapeJob[]; namespace: string; labels: Record<string, string>; dependsOn: pulumi.Resource[] },
    parent: pulumi.Resource,
): void {
    for (const job of args.jobs) {
        new k8s.apiextensions.CustomResource(
            `${name}-${job.job_name}`,
            {
                apiVersion: "monitoring.coreos.com/v1",
                kind: "PodMonitor",
                metadata: {
                    name: job.job_name,
                    namespace: args.namespace,
                    labels: { "linkerd.io/control-plane-ns": args.namespace, ...args.labels },
                },
                spec: podMonitorSpec(job),
            },
            { parent, dependsOn: args.dependsOn },
        );
    }
}
