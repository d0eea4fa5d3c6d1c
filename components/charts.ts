// Linkerd's Helm charts, installed with Chart v4 so that a preview shows every object they render.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** Where Linkerd's charts come from: the pinned repository and version (see versions.ts). */
export interface ChartSource {
    repository: string;
    version: string;
}

/**
 * One release of a Linkerd chart. The Helm release is named as Linkerd's docs install it (after the
 * chart, except the CNI plugin's), and the version is always pinned (unpinned, Chart v4 would resolve the newest chart
 * on every preview).
 */
export function linkerdChart(
    resourceName: string,
    args: {
        chart: "linkerd-crds" | "linkerd-control-plane" | "linkerd-viz" | "linkerd-multicluster" | "linkerd2-cni";
        /** Helm release name; default: the chart's name. */
        release?: string;
        source: ChartSource;
        namespace: pulumi.Input<string>;
        values: Record<string, unknown>;
    },
    opts: pulumi.ComponentResourceOptions,
): k8s.helm.v4.Chart {
    return new k8s.helm.v4.Chart(
        resourceName,
        {
            name: args.release ?? args.chart,
            chart: args.chart,
            version: args.source.version,
            repositoryOpts: { repo: args.source.repository },
            namespace: args.namespace,
            values: args.values,
        },
        opts,
    );
}
