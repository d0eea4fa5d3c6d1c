// The viz extension, reading the organisation's existing Prometheus instead of the bundled one
// (which keeps 6 hours of data), and everything that Prometheus needs to scrape the mesh.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type LinkerdChart, linkerdChart } from "../charts/chart.ts";
import type { ChartSource } from "../charts/source.ts";
import type { Values } from "../charts/values.ts";
import type { InboundPolicy } from "../controlPlane/config.ts";
import { LINKERD_NAMESPACE } from "../controlPlane/controlPlane.ts";
import type { Domains } from "../controlPlane/values.ts";
import type { WebhookAuthority } from "../controlPlane/webhooks.ts";
import type { ScrapeClient } from "./config.ts";
import { VIZ_NAMESPACE } from "./plan.ts";
import { createPodMonitors } from "./podMonitors.ts";
import { authorizeNamespace, type ScrapedNamespace } from "./scrapeAuthorization.ts";
import { additionalScrapeConfigs, type ScrapeJob, scrapeConfigsFragment } from "./scrapeJobs.ts";
import type { TapAdmin } from "./tapAdmins.ts";
import { vizValues } from "./values.ts";

/** Name of the ClusterRole the chart creates for tap access (`linkerd-<viz namespace>-tap-admin`). */
export const TAP_ADMIN_CLUSTER_ROLE = `linkerd-${VIZ_NAMESPACE}-tap-admin`;

/** Metadata the chart's post-install hook Job would put on the namespace (Pulumi's Chart runs no hooks). */
export function vizNamespaceMetadata(prometheusUrl: pulumi.Input<string>, cniEnabled: boolean) {
    return {
        // `linkerd viz` commands find the extension by this label, and the Prometheus by the annotation.
        labels: {
            "linkerd.io/extension": "viz",
            "pod-security.kubernetes.io/enforce": cniEnabled ? "restricted" : "privileged",
        },
        annotations: { "viz.linkerd.io/external-prometheus": prometheusUrl },
    };
}

export interface VizArgs {
    source: ChartSource;
    renderFor?: string;
    prometheusUrl: pulumi.Input<string>;
    /** Basic-auth credentials for the Prometheus (secret wherever they land). */
    credentials?: { username: pulumi.Input<string>; password: pulumi.Input<string> };
    grafana?: { url: pulumi.Input<string> } | { externalUrl: pulumi.Input<string> };
    dashboard: { restrictPrivileges: boolean; enforcedHostRegexp?: pulumi.Input<string> };
    highAvailability: boolean;
    domains: Domains;
    cniEnabled: boolean;
    tapAdmins: TapAdmin[];
    /** The scrape jobs, and how the Prometheus gets them. */
    scrape: {
        jobs: ScrapeJob[];
        mode: "fragment" | "secret" | "podMonitors";
        secret?: { namespace: string; name: string };
        podMonitorLabels: Record<string, string>;
    };
    /** Namespaces where the Prometheus is let in, under `defaultInboundPolicy`, by `client`. */
    authorization?: { client: ScrapeClient; namespaces: ScrapedNamespace[]; defaultInboundPolicy: InboundPolicy };
    webhookAuthority: WebhookAuthority;
    webhookCertValidityHours: number;
    overrides: Values;
    /** The control plane, whose injector meshes viz's pods. */
    prerequisites: pulumi.Resource[];
}

export class Viz extends pulumi.ComponentResource {
    public readonly namespace: pulumi.Output<string>;
    public readonly chart: LinkerdChart;
    /** In-cluster address of the dashboard. */
    public readonly dashboardService: string;
    /** The scrape jobs as a `scrape_configs:` fragment for prometheus.yml (whatever the mode). */
    public readonly scrapeConfigFragment: string;

    constructor(name: string, args: VizArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:index:Viz", name, {}, opts);
        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            { metadata: { name: VIZ_NAMESPACE, ...vizNamespaceMetadata(args.prometheusUrl, args.cniEnabled) } },
            { parent: this, dependsOn: args.prerequisites },
        );
        const credentials = args.credentials && this.credentialsSecret(name, namespace, args.credentials);
        const serving = (service: string) =>
            args.webhookAuthority.issueServingCert(
                `${name}-${service}-tls`,
                { dnsName: `${service}.${VIZ_NAMESPACE}.svc`, validityHours: args.webhookCertValidityHours },
                this,
            );
        this.chart = linkerdChart(
            `${name}-viz`,
            {
                chart: "linkerd-viz",
                source: args.source,
                namespace: namespace.metadata.name,
                renderFor: args.renderFor,
                values: vizValues({
                    prometheusUrl: args.prometheusUrl,
                    prometheusCredsSecret: credentials?.metadata.name,
                    grafana: args.grafana,
                    linkerdNamespace: LINKERD_NAMESPACE,
                    tap: serving("tap"),
                    tapInjector: serving("tap-injector"),
                    dashboard: args.dashboard,
                    highAvailability: args.highAvailability,
                    domains: args.domains,
                    overrides: args.overrides,
                }),
            },
            { parent: this, dependsOn: args.prerequisites },
        );
        this.bindTapAdmins(name, args.tapAdmins);
        this.publishScrapeJobs(name, args);
        for (const target of args.authorization?.namespaces ?? []) {
            authorizeNamespace(
                `${name}-scrape-${target.namespace}`,
                target,
                {
                    client: args.authorization!.client,
                    accessPolicy: args.authorization!.defaultInboundPolicy,
                    dependsOn: [...args.prerequisites, namespace],
                },
                this,
            );
        }
        this.namespace = namespace.metadata.name;
        this.dashboardService = `web.${VIZ_NAMESPACE}.svc.${args.domains.clusterDomain}:8084`;
        this.scrapeConfigFragment = scrapeConfigsFragment(args.scrape.jobs);
        this.registerOutputs({
            namespace: this.namespace,
            dashboardService: this.dashboardService,
            scrapeConfigFragment: this.scrapeConfigFragment,
        });
    }

    /** metrics-api mounts this Secret and reads the files `user` and `password`. */
    private credentialsSecret(
        name: string,
        namespace: k8s.core.v1.Namespace,
        credentials: NonNullable<VizArgs["credentials"]>,
    ) {
        return new k8s.core.v1.Secret(
            `${name}-prometheus-credentials`,
            {
                metadata: { name: "prometheus-credentials", namespace: namespace.metadata.name },
                type: "Opaque",
                stringData: {
                    user: pulumi.secret(credentials.username),
                    password: pulumi.secret(credentials.password),
                },
            },
            { parent: this },
        );
    }

    /** One binding that this program owns, holding exactly the configured subjects. */
    private bindTapAdmins(name: string, admins: TapAdmin[]): void {
        if (admins.length === 0) {
            return;
        }
        new k8s.rbac.v1.ClusterRoleBinding(
            `${name}-tap-admins`,
            {
                metadata: { name: "linkerd-fleet-tap-admins" },
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: TAP_ADMIN_CLUSTER_ROLE },
                subjects: admins.map((admin) =>
                    admin.kind === "ServiceAccount"
                        ? { kind: admin.kind, name: admin.name, namespace: admin.namespace }
                        : { kind: admin.kind, name: admin.name, apiGroup: "rbac.authorization.k8s.io" },
                ),
            },
            { parent: this, dependsOn: [this.chart] },
        );
    }

    private publishScrapeJobs(name: string, args: VizArgs): void {
        if (args.scrape.mode === "secret" && args.scrape.secret) {
            // Prometheus Operator reads it through additionalScrapeConfigs: {name, key: scrape-configs.yaml}.
            // A Prometheus still referencing a deleted Secret stops reconciling, so it stays when viz (or this mode) goes.
            new k8s.core.v1.Secret(
                `${name}-scrape-configs`,
                {
                    metadata: { name: args.scrape.secret.name, namespace: args.scrape.secret.namespace },
                    type: "Opaque",
                    stringData: { "scrape-configs.yaml": additionalScrapeConfigs(args.scrape.jobs) },
                },
                { parent: this, retainOnDelete: true },
            );
        } else if (args.scrape.mode === "podMonitors") {
            createPodMonitors(
                `${name}-podmonitor`,
                {
                    jobs: args.scrape.jobs,
                    namespace: LINKERD_NAMESPACE,
                    labels: args.scrape.podMonitorLabels,
                    dependsOn: args.prerequisites,
                },
                this,
            );
        }
    }
}
