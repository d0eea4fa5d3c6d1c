// Linkerd's CRDs and control plane, installed with Helm: the `linkerd` namespace, the linkerd-crds
// chart and the linkerd-control-plane chart, in that order. Linkerd's CRDs stay in the cluster when
// removed from the program: deleting them would delete every Linkerd custom resource (policies,
// routes) in the cluster.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type LinkerdChart, linkerdChart } from "../charts/chart.ts";
import type { ChartSource } from "../charts/source.ts";
import { retainOnDelete } from "./retain.ts";
import { type ControlPlaneValuesArgs, controlPlaneValues, crdsValues } from "./values.ts";
import type { WebhookAuthority } from "./webhooks.ts";

/** The control plane's namespace. Linkerd's extensions and CLI assume this name. */
export const LINKERD_NAMESPACE = "linkerd";

/** The labels and annotation `linkerd install` puts on the namespace (the chart only does so under the CLI). */
export function linkerdNamespaceMetadata(cniEnabled: boolean) {
    return {
        labels: {
            "linkerd.io/is-control-plane": "true",
            "config.linkerd.io/admission-webhooks": "disabled",
            "linkerd.io/control-plane-ns": LINKERD_NAMESPACE,
            // linkerd-init needs NET_ADMIN and NET_RAW unless the CNI plugin does its work.
            "pod-security.kubernetes.io/enforce": cniEnabled ? "restricted" : "privileged",
        },
        annotations: { "linkerd.io/inject": "disabled" },
    };
}

/** The three webhooks of the control plane: chart values key and Service name. */
export const CONTROL_PLANE_WEBHOOKS = {
    proxyInjector: "linkerd-proxy-injector",
    profileValidator: "linkerd-sp-validator",
    policyValidator: "linkerd-policy-validator",
} as const;

export interface ControlPlaneArgs {
    source: ChartSource;
    /** Render mode: the Kubernetes version the charts render for. */
    renderFor?: string;
    /** Everything in the chart's values but the webhook certificates, which come from `webhookAuthority`. */
    values: Omit<ControlPlaneValuesArgs, "webhooks">;
    webhookAuthority: WebhookAuthority;
    webhookCertValidityHours: number;
    /** Installed before anything of the control plane: Gateway API CRDs, the kube-system label, the CNI plugin. */
    prerequisites: pulumi.Resource[];
}

export class ControlPlane extends pulumi.ComponentResource {
    public readonly namespace: pulumi.Output<string>;
    public readonly chartVersion: string;
    /** The chart; extensions install after it (it completes when all its objects are ready). */
    public readonly chart: LinkerdChart;

    constructor(name: string, args: ControlPlaneArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:index:ControlPlane", name, {}, opts);
        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            { metadata: { name: LINKERD_NAMESPACE, ...linkerdNamespaceMetadata(args.values.cniEnabled) } },
            { parent: this, dependsOn: args.prerequisites },
        );
        const webhooks = Object.fromEntries(
            Object.entries(CONTROL_PLANE_WEBHOOKS).map(([key, service]) => [
                key,
                args.webhookAuthority.issueServingCert(
                    `${name}-${service}-tls`,
                    { dnsName: `${service}.${LINKERD_NAMESPACE}.svc`, validityHours: args.webhookCertValidityHours },
                    this,
                ),
            ]),
        ) as unknown as ControlPlaneValuesArgs["webhooks"];
        const crds = linkerdChart(
            `${name}-crds`,
            {
                chart: "linkerd-crds",
                source: args.source,
                namespace: namespace.metadata.name,
                values: crdsValues(),
                renderFor: args.renderFor,
            },
            { parent: this, dependsOn: args.prerequisites, transforms: [retainOnDelete] },
        );
        this.chart = linkerdChart(
            `${name}-control-plane`,
            {
                chart: "linkerd-control-plane",
                source: args.source,
                namespace: namespace.metadata.name,
                values: controlPlaneValues({ ...args.values, webhooks }),
                renderFor: args.renderFor,
            },
            { parent: this, dependsOn: [crds, ...args.prerequisites] },
        );
        this.namespace = namespace.metadata.name;
        this.chartVersion = args.source.version;
        this.registerOutputs({ namespace: this.namespace, chartVersion: this.chartVersion });
    }
}
