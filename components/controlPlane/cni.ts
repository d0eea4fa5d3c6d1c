// The linkerd2-cni plugin: it sets up each meshed pod's traffic redirection from the node, so that
// pods no longer need the NET_ADMIN and NET_RAW capabilities of the linkerd-init container (which
// many security teams refuse) and their namespaces can enforce the restricted pod-security level.
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { type LinkerdChart, linkerdChart } from "../charts/chart.ts";
import type { OwnedKeys } from "../charts/overrides.ts";
import type { ChartSource } from "../charts/source.ts";
import { deepMerge, type Values } from "../charts/values.ts";

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

export interface CniSettings {
    netDir: string;
    binDir: string;
    /** Restart pods whose network validation failed (the plugin was not ready when they started). */
    repairController: boolean;
    /** The stack's overrides (cniValues), merged last. */
    overrides: Values;
}

export const CNI_OWNED: OwnedKeys = {
    destCNINetDir: "use cniNetDir",
    destCNIBinDir: "use cniBinDir",
    "repairController.enabled": "use cniRepairController",
};

export function cniValues(settings: CniSettings): Values {
    return deepMerge(
        {
            destCNINetDir: settings.netDir,
            destCNIBinDir: settings.binDir,
            repairController: { enabled: settings.repairController },
        },
        settings.overrides,
    );
}

export interface LinkerdCniArgs {
    settings: CniSettings;
    source: ChartSource;
    renderFor?: string;
    prerequisites: pulumi.Resource[];
}

/** The `linkerd-cni` namespace and the linkerd2-cni chart; installed before the control plane. */
export class LinkerdCni extends pulumi.ComponentResource {
    public readonly chart: LinkerdChart;

    constructor(name: string, args: LinkerdCniArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:index:LinkerdCni", name, {}, opts);
        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            { metadata: { name: CNI_NAMESPACE, ...CNI_NAMESPACE_METADATA } },
            { parent: this, dependsOn: args.prerequisites },
        );
        // The chart waits for the plugin's DaemonSet, so meshed pods start after it.
        this.chart = linkerdChart(
            `${name}-cni`,
            {
                chart: "linkerd2-cni",
                release: "linkerd-cni",
                source: args.source,
                namespace: namespace.metadata.name,
                values: cniValues(args.settings),
                renderFor: args.renderFor,
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
