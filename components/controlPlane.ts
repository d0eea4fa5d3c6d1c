// Linkerd's CRDs and control plane, installed with Helm through Pulumi's Chart v4 so that a
// preview shows the diff of every Kubernetes object.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { linkerdChart } from "./charts";
import { retainOnDelete } from "./options";
import { ControlPlaneValuesArgs, controlPlaneValues, crdsValues, ResourceOverrides } from "./values";
import { WebhookAuthority } from "./webhooks";

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
    chartRepository: string;
    chartVersion: string;
    /** The trust anchor bundle (PEM). */
    trustAnchorsPem: pulumi.Input<string>;
    /** This cluster's identity issuer; the key must be a secret. */
    issuer: { certPem: pulumi.Input<string>; privateKeyPem: pulumi.Input<string> };
    /** Signs the webhooks' serving certificates. */
    webhookAuthority: WebhookAuthority;
    webhookCertValidityHours: number;
    highAvailability: boolean;
    resources: ResourceOverrides;
    heartbeatSchedule: string;
    defaultInboundPolicy: string;
    /** Whether the linkerd2-cni plugin does the pods' traffic redirection (then no linkerd-init). */
    cniEnabled: boolean;
    /** The identity issuer's clock-skew allowance. */
    clockSkewAllowance: string;
    domains: { clusterDomain: string; identityTrustDomain: string };
    /** PodMonitors for an external Prometheus Operator (viz's "podMonitors" scrape mode). */
    podMonitor?: { labels: Record<string, string>; interval: string };
    /** Installed before anything of the control plane: Gateway API CRDs, the kube-system label. */
    prerequisites: pulumi.Resource[];
}

/**
 * The `linkerd` namespace, the linkerd-crds chart and the linkerd-control-plane chart, in that
 * order. Linkerd's CRDs stay in the cluster when removed from the program: deleting them would
 * delete every Linkerd custom resource (policies, routes, links) in the cluster.
 */
export class ControlPlane extends pulumi.ComponentResource {
    public readonly namespace: pulumi.Output<string>;
    public readonly chartVersion: string;
    /** The chart component; extensions install after it (it resolves when all its objects are ready). */
    public readonly chart: k8s.helm.v4.Chart;

    constructor(name: string, args: ControlPlaneArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:index:ControlPlane", name, {}, opts);

        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            { metadata: { name: LINKERD_NAMESPACE, ...linkerdNamespaceMetadata(args.cniEnabled) } },
            { parent: this, dependsOn: args.prerequisites },
        );

        const webhooks = {} as ControlPlaneValuesArgs["webhooks"];
        for (const [valuesKey, service] of Object.entries(CONTROL_PLANE_WEBHOOKS)) {
            const cert = args.webhookAuthority.issueServingCert(
                `${name}-${service}-tls`,
                { dnsName: `${service}.${LINKERD_NAMESPACE}.svc`, validityHours: args.webhookCertValidityHours },
                this,
            );
            webhooks[valuesKey as keyof typeof CONTROL_PLANE_WEBHOOKS] = {
                crtPEM: cert.crtPEM,
                keyPEM: cert.keyPEM,
                caBundle: cert.caBundle,
            };
        }

        const source = { repository: args.chartRepository, version: args.chartVersion };
        const crds = linkerdChart(
            `${name}-crds`,
            { chart: "linkerd-crds", source, namespace: namespace.metadata.name, values: crdsValues() },
            { parent: this, dependsOn: args.prerequisites, transforms: [retainOnDelete] },
        );

        this.chart = linkerdChart(
            `${name}-control-plane`,
            {
                chart: "linkerd-control-plane",
                source,
                namespace: namespace.metadata.name,
                values: controlPlaneValues({
                    trustAnchorsPem: args.trustAnchorsPem,
                    issuerCertPem: args.issuer.certPem,
                    issuerKeyPem: args.issuer.privateKeyPem,
                    webhooks,
                    heartbeatSchedule: args.heartbeatSchedule,
                    highAvailability: args.highAvailability,
                    resources: args.resources,
                    defaultInboundPolicy: args.defaultInboundPolicy,
                    cniEnabled: args.cniEnabled,
                    clockSkewAllowance: args.clockSkewAllowance,
                    domains: args.domains,
                    podMonitor: args.podMonitor,
                }),
            },
            { parent: this, dependsOn: [crds, ...args.prerequisites] },
        );

        this.namespace = namespace.metadata.name;
        this.chartVersion = args.chartVersion;
        this.registerOutputs({ namespace: this.namespace, chartVersion: this.chartVersion });
    }
}
