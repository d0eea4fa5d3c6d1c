// The linkerd-multicluster extension in one cluster: the gateway other clusters reach this one
// through, a remote-access ServiceAccount (with a long-lived token) per cluster allowed to link
// here, and one service-mirror controller per link this cluster makes.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { linkerdChart } from "./charts";
import { LinkTarget, MulticlusterSettings } from "./config";
import { MULTICLUSTER_NAMESPACE, remoteAccessServiceAccount } from "./link";
import { multiclusterValues } from "./values";

/** The gateway as the chart names it (`gateway.name`, left at its default). */
export const GATEWAY_NAME = "linkerd-gateway";

/** Metadata the chart's post-install hook Job would put on the namespace (Pulumi's Chart runs no hooks). */
export function multiclusterNamespaceMetadata(cniEnabled: boolean) {
    return {
        labels: {
            "linkerd.io/extension": "multicluster",
            "pod-security.kubernetes.io/enforce": cniEnabled ? "restricted" : "privileged",
        },
    };
}

export interface MulticlusterArgs {
    settings: MulticlusterSettings;
    chartRepository: string;
    chartVersion: string;
    highAvailability: boolean;
    linkerdNamespace: pulumi.Input<string>;
    identityTrustDomain: string;
    /** With the CNI plugin, the namespace enforces the restricted pod-security level, as upstream does. */
    cniEnabled: boolean;
    /** Links this cluster makes (to targets whose bundles are available): one controller each. */
    links: { targetCluster: string; mode: LinkTarget["mode"]; probePort: number }[];
    /** Installed after these: the control plane (whose injector meshes the gateway). */
    prerequisites: pulumi.Resource[];
}

export class Multicluster extends pulumi.ComponentResource {
    public readonly namespace: pulumi.Output<string>;
    public readonly chart: k8s.helm.v4.Chart;
    /** Addresses other clusters dial: configured, or the gateway load balancer's once it has them. */
    public readonly gatewayAddresses: pulumi.Output<string[]>;
    /** Remote-access tokens by source cluster (secret), once the cluster has issued them. */
    public readonly tokens: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: MulticlusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:index:Multicluster", name, {}, opts);
        const mc = args.settings;

        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            { metadata: { name: MULTICLUSTER_NAMESPACE, ...multiclusterNamespaceMetadata(args.cniEnabled) } },
            { parent: this, dependsOn: args.prerequisites },
        );

        this.chart = linkerdChart(
            `${name}-multicluster`,
            {
                chart: "linkerd-multicluster",
                source: { repository: args.chartRepository, version: args.chartVersion },
                namespace: namespace.metadata.name,
                values: multiclusterValues({
                    linkerdNamespace: args.linkerdNamespace,
                    identityTrustDomain: args.identityTrustDomain,
                    gateway: mc.gateway,
                    remoteAccessServiceAccounts: mc.allowedSources.map(remoteAccessServiceAccount),
                    controllers: args.links.map((link) => ({
                        link: { ref: { name: link.targetCluster } },
                        gateway:
                            link.mode === "gateway"
                                ? { enabled: true, probe: { port: link.probePort } }
                                : { enabled: false },
                    })),
                    highAvailability: args.highAvailability,
                }),
            },
            { parent: this, dependsOn: args.prerequisites },
        );

        // The chart renders the gateway Service and the token Secrets; read what the cluster filled in.
        const rendered = this.chart.resources;
        this.gatewayAddresses =
            mc.gateway.addresses.length > 0
                ? pulumi.output(mc.gateway.addresses)
                : gatewayServiceAddresses(rendered as pulumi.Output<pulumi.Resource[]>);
        this.tokens = pulumi.secret(
            remoteAccessTokens(rendered as pulumi.Output<pulumi.Resource[]>, mc.allowedSources),
        );
        this.namespace = namespace.metadata.name;
        this.registerOutputs({ namespace: this.namespace, gatewayAddresses: this.gatewayAddresses });
    }
}

/** Load-balancer ingress addresses (IPs, else hostnames) of the rendered gateway Service. */
export function gatewayServiceAddresses(resources: pulumi.Output<pulumi.Resource[]>): pulumi.Output<string[]> {
    return resources.apply((all) => {
        const services = (all ?? []).filter((r): r is k8s.core.v1.Service => k8s.core.v1.Service.isInstance(r));
        return pulumi.all(services.map((s) => pulumi.all([s.metadata, s.status]))).apply((pairs) => {
            const gateway = pairs.find(
                ([metadata]) => metadata?.name === GATEWAY_NAME && metadata?.namespace === MULTICLUSTER_NAMESPACE,
            );
            const ingress = gateway?.[1]?.loadBalancer?.ingress ?? [];
            return ingress.map((i) => i.ip || i.hostname).filter((a): a is string => !!a);
        });
    });
}

/** The `token` of each source's remote-access token Secret, decoded, once the cluster has filled it in. */
export function remoteAccessTokens(
    resources: pulumi.Output<pulumi.Resource[]>,
    sources: string[],
): pulumi.Output<Record<string, string>> {
    return resources.apply((all) => {
        const secrets = (all ?? []).filter((r): r is k8s.core.v1.Secret => k8s.core.v1.Secret.isInstance(r));
        return pulumi.all(secrets.map((s) => pulumi.all([s.metadata, s.data]))).apply((pairs) => {
            const tokens: Record<string, string> = {};
            for (const source of sources) {
                const found = pairs.find(
                    ([metadata]) =>
                        metadata?.name === `${remoteAccessServiceAccount(source)}-token` &&
                        metadata?.namespace === MULTICLUSTER_NAMESPACE,
                );
                const token = found?.[1]?.token;
                if (token) {
                    tokens[source] = Buffer.from(token, "base64").toString("utf8");
                }
            }
            return tokens;
        });
    });
}
