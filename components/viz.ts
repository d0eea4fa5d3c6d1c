// The viz extension, reading the organisation's existing Prometheus instead of the bundled one
// (which keeps 6 hours of data), and everything that Prometheus needs to scrape the mesh.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { linkerdChart } from "./charts";
import { InboundPolicy, ScrapeClient, VizSettings } from "./config";
import { additionalScrapeConfigs, linkerdScrapeJobs, scrapeConfigsFragment } from "./scrapeConfig";
import { vizValues } from "./values";
import { WebhookAuthority } from "./webhooks";

export const VIZ_NAMESPACE = "linkerd-viz";

/** Metadata the chart's post-install hook Job would put on the namespace (Pulumi's Chart runs no hooks). */
export function vizNamespaceMetadata(prometheusUrl: string, cniEnabled: boolean) {
    return {
        labels: {
            // `linkerd viz` commands find the extension by this label.
            "linkerd.io/extension": "viz",
            "pod-security.kubernetes.io/enforce": cniEnabled ? "restricted" : "privileged",
        },
        // ...and read the external Prometheus's URL from this annotation.
        annotations: { "viz.linkerd.io/external-prometheus": prometheusUrl },
    };
}

/** Name of the ClusterRole the chart creates for tap access (`linkerd-<viz namespace>-tap-admin`). */
export const TAP_ADMIN_CLUSTER_ROLE = `linkerd-${VIZ_NAMESPACE}-tap-admin`;

export interface VizArgs {
    settings: VizSettings;
    chartRepository: string;
    chartVersion: string;
    highAvailability: boolean;
    linkerdNamespace: pulumi.Input<string>;
    /** The cluster's default inbound policy, kept for everyone but the Prometheus on the admin port. */
    defaultInboundPolicy: InboundPolicy;
    webhookAuthority: WebhookAuthority;
    webhookCertValidityHours: number;
    domains: { clusterDomain: string; identityTrustDomain: string };
    /** With the CNI plugin, the namespace enforces the restricted pod-security level, as upstream does. */
    cniEnabled: boolean;
    /** Installed after these: the control plane (whose injector meshes viz's pods). */
    prerequisites: pulumi.Resource[];
}

export class Viz extends pulumi.ComponentResource {
    public readonly namespace: pulumi.Output<string>;
    /** In-cluster address of the dashboard. */
    public readonly dashboardService: string;
    public readonly prometheusUrl: string;
    /** The scrape jobs as a `scrape_configs:` fragment for prometheus.yml (all modes). */
    public readonly scrapeConfigFragment: string;

    constructor(name: string, args: VizArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:index:Viz", name, {}, opts);
        const viz = args.settings;

        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            { metadata: { name: VIZ_NAMESPACE, ...vizNamespaceMetadata(viz.prometheusUrl, args.cniEnabled) } },
            { parent: this, dependsOn: args.prerequisites },
        );

        let credentialsSecret: k8s.core.v1.Secret | undefined;
        if (viz.credentials) {
            // metrics-api mounts this Secret and reads the files `user` and `password`.
            credentialsSecret = new k8s.core.v1.Secret(
                `${name}-prometheus-credentials`,
                {
                    metadata: { name: "prometheus-credentials", namespace: namespace.metadata.name },
                    type: "Opaque",
                    stringData: { user: viz.credentials.username, password: viz.credentials.password },
                },
                { parent: this },
            );
        }

        const serving = (service: string) => {
            const cert = args.webhookAuthority.issueServingCert(
                `${name}-${service}-tls`,
                { dnsName: `${service}.${VIZ_NAMESPACE}.svc`, validityHours: args.webhookCertValidityHours },
                this,
            );
            return { crtPEM: cert.crtPEM, keyPEM: cert.keyPEM, caBundle: cert.caBundle };
        };

        const chart = linkerdChart(
            `${name}-viz`,
            {
                chart: "linkerd-viz",
                source: { repository: args.chartRepository, version: args.chartVersion },
                namespace: namespace.metadata.name,
                values: vizValues({
                    prometheusUrl: viz.prometheusUrl,
                    prometheusCredsSecret: credentialsSecret?.metadata.name,
                    grafana: viz.grafana,
                    linkerdNamespace: args.linkerdNamespace,
                    tap: serving("tap"),
                    tapInjector: serving("tap-injector"),
                    dashboard: viz.dashboard,
                    highAvailability: args.highAvailability,
                    domains: args.domains,
                }),
            },
            { parent: this, dependsOn: args.prerequisites },
        );

        if (viz.tapAdmins.length > 0) {
            // One binding that this program owns, holding exactly the configured subjects.
            new k8s.rbac.v1.ClusterRoleBinding(
                `${name}-tap-admins`,
                {
                    metadata: { name: "linkerd-fleet-tap-admins" },
                    roleRef: {
                        apiGroup: "rbac.authorization.k8s.io",
                        kind: "ClusterRole",
                        name: TAP_ADMIN_CLUSTER_ROLE,
                    },
                    subjects: viz.tapAdmins.map((admin) =>
                        admin.kind === "ServiceAccount"
                            ? { kind: admin.kind, name: admin.name, namespace: admin.namespace }
                            : { kind: admin.kind, name: admin.name, apiGroup: "rbac.authorization.k8s.io" },
                    ),
                },
                { parent: this, dependsOn: [chart] },
            );
        }

        const jobs = linkerdScrapeJobs({
            linkerdNamespace: "linkerd",
            vizNamespace: VIZ_NAMESPACE,
            interval: viz.scrape.interval,
        });
        this.scrapeConfigFragment = scrapeConfigsFragment(jobs);

        if (viz.scrape.mode === "secret" && viz.scrape.secret) {
            // Prometheus Operator: reference it from the Prometheus resource as
            // additionalScrapeConfigs: {name: <secret>, key: scrape-configs.yaml}.
            new k8s.core.v1.Secret(
                `${name}-scrape-configs`,
                {
                    metadata: { name: viz.scrape.secret.name, namespace: viz.scrape.secret.namespace },
                    type: "Opaque",
                    stringData: { "scrape-configs.yaml": additionalScrapeConfigs(jobs) },
                },
                { parent: this },
            );
        }

        if (viz.scrapeAuthorization) {
            for (const targetNamespace of viz.scrapeAuthorization.namespaces) {
                createScrapeAuthorization(
                    `${name}-scrape-${targetNamespace}`,
                    targetNamespace,
                    viz.scrapeAuthorization.client,
                    args.defaultInboundPolicy,
                    { parent: this, prerequisites: args.prerequisites },
                );
            }
        }

        this.namespace = namespace.metadata.name;
        this.dashboardService = `web.${VIZ_NAMESPACE}.svc.${args.domains.clusterDomain}:8084`;
        this.prometheusUrl = viz.prometheusUrl;
        this.registerOutputs({
            namespace: this.namespace,
            dashboardService: this.dashboardService,
            prometheusUrl: this.prometheusUrl,
            scrapeConfigFragment: this.scrapeConfigFragment,
        });
    }
}

/**
 * Lets the Prometheus, and nothing else new, reach the proxies' admin port in `namespace`: a
 * Server on every pod's `linkerd-admin` port that keeps the cluster's default policy for all other
 * clients, and an AuthorizationPolicy for the Prometheus's ServiceAccount (meshed) or networks
 * (not meshed). With no HTTPRoute on the Server, Linkerd keeps authorizing kubelet probes.
 */
function createScrapeAuthorization(
    name: string,
    namespace: string,
    client: ScrapeClient,
    accessPolicy: InboundPolicy,
    opts: { parent: pulumi.Resource; prerequisites: pulumi.Resource[] },
) {
    const server = new k8s.apiextensions.CustomResource(
        `${name}-server`,
        {
            apiVersion: "policy.linkerd.io/v1beta3",
            kind: "Server",
            metadata: { name: "linkerd-fleet-proxy-admin", namespace },
            spec: { podSelector: {}, port: "linkerd-admin", proxyProtocol: "HTTP/1", accessPolicy },
        },
        { parent: opts.parent, dependsOn: opts.prerequisites },
    );
    const authorizationNeeds: pulumi.Resource[] = [server];
    let authentication: { group?: string; kind: string; name: string; namespace?: string };
    if (client.kind === "serviceAccount") {
        authentication = { kind: "ServiceAccount", name: client.name, namespace: client.namespace };
    } else {
        authorizationNeeds.push(
            new k8s.apiextensions.CustomResource(
                `${name}-networks`,
                {
                    apiVersion: "policy.linkerd.io/v1alpha1",
                    kind: "NetworkAuthentication",
                    metadata: { name: "linkerd-fleet-prometheus", namespace },
                    spec: { networks: client.cidrs.map((cidr) => ({ cidr })) },
                },
                { parent: opts.parent, dependsOn: opts.prerequisites },
            ),
        );
        authentication = {
            group: "policy.linkerd.io",
            kind: "NetworkAuthentication",
            name: "linkerd-fleet-prometheus",
        };
    }
    new k8s.apiextensions.CustomResource(
        `${name}-authorization`,
        {
            apiVersion: "policy.linkerd.io/v1alpha1",
            kind: "AuthorizationPolicy",
            metadata: { name: "linkerd-fleet-prometheus-scrape", namespace },
            spec: {
                targetRef: { group: "policy.linkerd.io", kind: "Server", name: "linkerd-fleet-proxy-admin" },
                requiredAuthenticationRefs: [authentication],
            },
        },
        { parent: opts.parent, dependsOn: authorizationNeeds },
    );
}
