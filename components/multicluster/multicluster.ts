// The linkerd-multicluster extension in one cluster: the gateway other clusters reach it through, a
// remote-access ServiceAccount (with a long-lived token) per cluster allowed to link here, and a
// service-mirror controller per link it makes. What other clusters need of it (the gateway's
// addresses, the tokens) is read from the cluster on every run, never from the last run's state.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type LinkerdChart, linkerdChart } from "../charts/chart.ts";
import type { ChartSource } from "../charts/source.ts";
import type { Values } from "../charts/values.ts";
import { retainCrdsOnDelete } from "../controlPlane/retain.ts";
import type { ScrapeClient } from "../viz/config.ts";
import { authorizeOnServers, MULTICLUSTER_ADMIN_SERVERS } from "../viz/scrapeAuthorization.ts";
import type { GatewaySettings } from "./config.ts";
import { GATEWAY_NAME, MULTICLUSTER_NAMESPACE, remoteAccessServiceAccount } from "./linkSpec.ts";
import { type ControllerEntry, multiclusterValues } from "./values.ts";

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
    source: ChartSource;
    renderFor?: string;
    highAvailability: boolean;
    linkerdNamespace: pulumi.Input<string>;
    identityTrustDomain: string;
    cniEnabled: boolean;
    gateway: GatewaySettings;
    allowedSources: string[];
    /** One service-mirror controller per link this cluster makes. */
    controllers: ControllerEntry[];
    /** The organisation's Prometheus, let in on the chart's admin Servers (they admit only viz's bundled one). */
    scrapeClient?: ScrapeClient;
    overrides: Values;
    /** The control plane, whose injector meshes the gateway. */
    prerequisites: pulumi.Resource[];
}

export class Multicluster extends pulumi.ComponentResource {
    public readonly namespace: pulumi.Output<string>;
    public readonly chart: LinkerdChart;
    /** Addresses other clusters dial: configured, or the gateway load balancer's, read live. */
    public readonly gatewayAddresses: pulumi.Output<string[]>;
    /** Remote-access tokens by source cluster (secret), read live. */
    public readonly tokens: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: MulticlusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:index:Multicluster", name, {}, opts);
        // Kept when the extension is turned off: Links (ours are removed explicitly first; others'
        // are not ours to delete) live in it, and deleting a namespace deletes everything in it.
        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            { metadata: { name: MULTICLUSTER_NAMESPACE, ...multiclusterNamespaceMetadata(args.cniEnabled) } },
            { parent: this, dependsOn: args.prerequisites, retainOnDelete: true },
        );
        this.chart = linkerdChart(
            `${name}-multicluster`,
            {
                chart: "linkerd-multicluster",
                source: args.source,
                namespace: namespace.metadata.name,
                renderFor: args.renderFor,
                values: multiclusterValues({
                    linkerdNamespace: args.linkerdNamespace,
                    identityTrustDomain: args.identityTrustDomain,
                    gateway: args.gateway,
                    remoteAccessServiceAccounts: args.allowedSources.map(remoteAccessServiceAccount),
                    controllers: args.controllers,
                    highAvailability: args.highAvailability,
                    overrides: args.overrides,
                }),
            },
            // The Link CRD stays when the extension goes: deleting it would delete every Link in the cluster.
            { parent: this, dependsOn: args.prerequisites, transforms: [retainCrdsOnDelete] },
        );
        if (args.scrapeClient) {
            authorizeOnServers(
                `${name}-scrape`,
                {
                    namespace: MULTICLUSTER_NAMESPACE,
                    servers: MULTICLUSTER_ADMIN_SERVERS,
                    client: args.scrapeClient,
                    accessPolicy: "deny",
                    dependsOn: [this.chart],
                },
                this,
            );
        }
        const live = args.renderFor === undefined && this.chart instanceof k8s.helm.v4.Chart;
        this.gatewayAddresses =
            args.gateway.addresses.length > 0 || !live
                ? pulumi.output(args.gateway.addresses)
                : liveGatewayAddresses(name, this.chart as k8s.helm.v4.Chart, this);
        this.tokens = pulumi.secret(
            live
                ? liveTokens(name, this.chart as k8s.helm.v4.Chart, args.allowedSources, this)
                : pulumi.output<Record<string, string>>({}),
        );
        this.namespace = namespace.metadata.name;
        this.registerOutputs({ namespace: this.namespace, gatewayAddresses: this.gatewayAddresses });
    }
}

/**
 * The id of the chart's object `name` (of `kind`) for a live read, once the chart has created it:
 * it follows that object's uid, which is unknown while the object is being created. In a preview
 * where the chart has not rendered the object at all (a first install) the id is unknown too. An
 * unknown id is not read, so such a preview reads nothing, rather than failing on an object that
 * does not exist yet. In an update the object is always read (a chart without it is a failure).
 */
function liveId(
    chart: k8s.helm.v4.Chart,
    kind: typeof k8s.core.v1.Service | typeof k8s.core.v1.Secret,
    name: string,
): pulumi.Output<string> {
    const id = `${MULTICLUSTER_NAMESPACE}/${name}`;
    return chart.resources.apply((resources: pulumi.Resource[]) => {
        const candidates = (resources ?? []).filter((r) => kind.isInstance(r)) as (
            k8s.core.v1.Service | k8s.core.v1.Secret
        )[];
        // Only this object's uid counts: another object being created must not hold this read back.
        return pulumi.all(candidates.map((c) => c.metadata.name)).apply((names): pulumi.Output<string> => {
            const object = candidates[names.indexOf(name)];
            if (object) {
                return object.metadata.uid.apply(() => id);
            }
            return pulumi.runtime.isDryRun()
                ? (pulumi.output(pulumi.unknown) as pulumi.Output<string>)
                : pulumi.output(id);
        });
    });
}

function liveGatewayAddresses(
    name: string,
    chart: k8s.helm.v4.Chart,
    parent: pulumi.Resource,
): pulumi.Output<string[]> {
    const service = k8s.core.v1.Service.get(`${name}-gateway-live`, liveId(chart, k8s.core.v1.Service, GATEWAY_NAME), {
        parent,
        dependsOn: [chart],
    });
    return service.status.apply((status) =>
        (status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname).filter((a): a is string => !!a),
    );
}

function liveTokens(
    name: string,
    chart: k8s.helm.v4.Chart,
    sources: string[],
    parent: pulumi.Resource,
): pulumi.Output<Record<string, string>> {
    const entries = sources.map((source) => {
        const secretName = `${remoteAccessServiceAccount(source)}-token`;
        const secret = k8s.core.v1.Secret.get(
            `${name}-token-${source}`,
            liveId(chart, k8s.core.v1.Secret, secretName),
            { parent, dependsOn: [chart] },
        );
        return secret.data.apply(
            (data) => [source, data?.token ? Buffer.from(data.token, "base64").toString("utf8") : ""] as const,
        );
    });
    return pulumi.all(entries).apply((pairs) => Object.fromEntries(pairs.filter(([, token]) => token !== "")));
}
