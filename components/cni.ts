// The linkerd2-cni plugin: it sets up each meshed pod's traffic redirection from the node, so
// that pods no longer need the NET_ADMIN and NET_RAW capabilities of the linkerd-init container
// (which many security teams refuse) and their namespaces can enforce the restricted pod-security
// level.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ChartSource, linkerdChart } from "./charts";

export const CNI_NAMESPACE = "linkerd-cni";

/** The metadata `linkerd install-cni` gives its namespace (the chart creates none under Helm). */
export const CNI_NAMESPACE_METADATA = {
    labels: {
        "linkerd.io/cni-resource": "true",
        "config.linkerd.io/admission-webhooks": "disabled",
        // The plugin's DaemonSet writes to the nodes' CNI directories.
        "pod-security.kubernetes.io/enforce": "privileged",
    },
};

export interface LinkerdCniArgs {
    source: ChartSource;
    /** The nodes' CNI configuration and binary directories. */
    netDir: string;
    binDir: string;
    /** Restart pods whose network validation failed (the plugin was not ready when they started). */
    repairController: boolean;
    prerequisites: pulumi.Resource[];
}

/** The `linkerd-cni` namespace and the linkerd2-cni chart; install it before the control plane. */
export class LinkerdCni extends pulumi.ComponentResource {
    public readonly chart: k8s.helm.v4.Chart;

    constructor(name: string, args: LinkerdCniArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:index:LinkerdCni", name, {}, opts);
        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            { metadata: { name: CNI_NAMESPACE, ...CNI_NAMESPACE_METADATA } },
            { parent: this, dependsOn: args.prerequisites },
        );
        // Chart v4 waits for the plugin's DaemonSet to be ready, so meshed pods start after it.
        this.chart = linkerdChart(
            `${name}-cni`,
            {
                chart: "linkerd2-cni",
                release: "linkerd-cni",
                source: args.source,
                namespace: namespace.metadata.name,
                values: {
                    destCNINetDir: args.netDir,
                    destCNIBinDir: args.binDir,
                    repairController: { enabled: args.repairController },
                },
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
