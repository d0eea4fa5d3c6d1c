// Composes one stack from its validated settings: the trust root and issuers when this stack owns
// them, and Linkerd in this stack's cluster when it has one. `index.ts` calls this and exports
// what it returns as the stack outputs.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { StackSettings } from "./config";
import { ControlPlane } from "./controlPlane";
import { GatewayApiCrds } from "./gatewayApi";
import { KubeSystemLabel } from "./kubeSystem";
import { IdentityIssuer, TrustRoot } from "./trust";
import { LINKERD_CHART_VERSION } from "./versions";
import { Viz } from "./viz";
import { WebhookAuthority } from "./webhooks";

/** Validity of each cluster's webhook CA: ten years; the serving certificates it signs are short-lived. */
export const WEBHOOK_CA_VALIDITY_HOURS = 87600;

/** What a cluster stack receives from the stack that owns the trust root. */
export interface IssuedIdentity {
    certPem: string;
    privateKeyPem: string;
    notAfter: string;
}

/** Names of the stack outputs that cross stacks. Renaming one breaks every stack that reads it. */
export const TRUST_OUTPUTS = {
    bundle: "trustAnchorsPem",
    fingerprints: "trustAnchorFingerprints",
    issuers: "identityIssuers",
} as const;

/**
 * Creates this stack's resources and returns its outputs. `opts.parent` lets tests root the whole
 * program under one component; a real stack leaves it unset.
 */
export function deployStack(
    settings: StackSettings,
    opts: { parent?: pulumi.Resource } = {},
): Record<string, pulumi.Output<unknown> | unknown> {
    const outputs: Record<string, pulumi.Output<unknown> | unknown> = {};
    const parent = opts.parent;
    for (const warning of settings.warnings) {
        void pulumi.log.warn(warning);
    }

    let trustAnchorsPem: pulumi.Output<string>;
    let issuerForThisCluster: pulumi.Output<IssuedIdentity> | undefined;

    if (settings.trust.kind === "owned") {
        const trust = settings.trust;
        const root = new TrustRoot(
            "trust-root",
            { generation: trust.anchorGeneration, validityHours: trust.anchorValidityHours },
            { parent },
        );
        const issuers = trust.issueFor.map(
            (cluster) =>
                [
                    cluster,
                    new IdentityIssuer(
                        `identity-issuer-${cluster}`,
                        { signer: root.signer, validityHours: trust.issuerValidityHours },
                        { parent },
                    ),
                ] as const,
        );
        const issued = Object.fromEntries(
            issuers.map(([cluster, issuer]) => [
                cluster,
                pulumi.output({
                    certPem: issuer.certPem,
                    privateKeyPem: issuer.privateKeyPem,
                    notAfter: issuer.notAfter,
                }),
            ]),
        );
        trustAnchorsPem = root.bundlePem;
        if (settings.cluster) {
            issuerForThisCluster = issued[settings.cluster.name];
        }
        outputs[TRUST_OUTPUTS.bundle] = root.bundlePem;
        outputs[TRUST_OUTPUTS.fingerprints] = root.fingerprints;
        outputs.trustAnchorNotAfter = root.notAfter;
        // One secret output for all clusters: whoever can read a stack's outputs can read them all.
        outputs[TRUST_OUTPUTS.issuers] = pulumi.secret(pulumi.output(issued));
        outputs.issuerNotAfter = pulumi.output(
            Object.fromEntries(issuers.map(([cluster, issuer]) => [cluster, issuer.notAfter])),
        );
    } else {
        const trustStackName = settings.trust.stackName;
        const trustStack = new pulumi.StackReference("trust-stack", { name: trustStackName }, { parent });
        trustAnchorsPem = trustStack.requireOutput(TRUST_OUTPUTS.bundle) as pulumi.Output<string>;
        outputs[TRUST_OUTPUTS.bundle] = trustAnchorsPem;
        outputs[TRUST_OUTPUTS.fingerprints] = trustStack.requireOutput(TRUST_OUTPUTS.fingerprints);
        if (settings.cluster) {
            const clusterName = settings.cluster.name;
            issuerForThisCluster = pulumi.secret(
                trustStack.requireOutput(TRUST_OUTPUTS.issuers).apply((all: Record<string, IssuedIdentity>) => {
                    const mine = all?.[clusterName];
                    if (!mine) {
                        throw new pulumi.RunError(
                            `Trust stack "${trustStackName}" has no identity issuer for cluster "${clusterName}". ` +
                                `Add "${clusterName}" to ${pulumi.getProject()}:issueFor in that stack, run pulumi up ` +
                                `there, then run this stack again.`,
                        );
                    }
                    return mine;
                }),
            );
        }
    }

    if (settings.cluster && issuerForThisCluster) {
        const cluster = settings.cluster;
        if (cluster.chartVersion !== LINKERD_CHART_VERSION) {
            void pulumi.log.warn(
                `Installing Linkerd chart ${cluster.chartVersion}: this program's HA values, namespace metadata and ` +
                    `value keys were verified against chart ${LINKERD_CHART_VERSION}. Check the chart's values and ` +
                    `values-ha.yaml for changes before rolling this version out.`,
            );
        }
        const provider = new k8s.Provider(
            cluster.name,
            {
                kubeconfig: cluster.kubeconfig,
                context: cluster.context,
                // Changing credentials or the kubeconfig's layout must not replace every object.
                clusterIdentifier: cluster.name,
                enableServerSideApply: true,
            },
            { parent },
        );

        const kubeSystem = new KubeSystemLabel("kube-system-label", { parent, provider });
        const prerequisites: pulumi.Resource[] = [kubeSystem];
        if (cluster.gatewayApi.install) {
            prerequisites.push(
                new GatewayApiCrds("gateway-api-crds", { version: cluster.gatewayApi.version }, { parent, provider }),
            );
        }
        const webhookAuthority = new WebhookAuthority(
            "webhook-ca",
            { clusterName: cluster.name, validityHours: WEBHOOK_CA_VALIDITY_HOURS },
            { parent },
        );
        const issuer = issuerForThisCluster;
        const controlPlane = new ControlPlane(
            "linkerd",
            {
                chartRepository: cluster.chartRepository,
                chartVersion: cluster.chartVersion,
                trustAnchorsPem,
                issuer: { certPem: issuer.certPem, privateKeyPem: pulumi.secret(issuer.privateKeyPem) },
                webhookAuthority,
                webhookCertValidityHours: cluster.webhookCertValidityHours,
                highAvailability: cluster.highAvailability,
                resources: cluster.controlPlaneResources,
                heartbeatSchedule: cluster.heartbeatSchedule,
                defaultInboundPolicy: cluster.defaultInboundPolicy,
                podMonitor:
                    cluster.viz?.scrape.mode === "podMonitors"
                        ? { labels: cluster.viz.scrape.podMonitorLabels, interval: cluster.viz.scrape.interval }
                        : undefined,
                prerequisites,
            },
            { parent, provider },
        );
        const namespaces: Record<string, pulumi.Output<string>> = { controlPlane: controlPlane.namespace };

        if (cluster.viz) {
            const viz = new Viz(
                "linkerd-viz",
                {
                    settings: cluster.viz,
                    chartRepository: cluster.chartRepository,
                    chartVersion: cluster.chartVersion,
                    highAvailability: cluster.highAvailability,
                    linkerdNamespace: controlPlane.namespace,
                    defaultInboundPolicy: cluster.defaultInboundPolicy,
                    webhookAuthority,
                    webhookCertValidityHours: cluster.webhookCertValidityHours,
                    prerequisites: [controlPlane.chart],
                },
                { parent, provider },
            );
            namespaces.viz = viz.namespace;
            outputs.vizDashboardService = viz.dashboardService;
            outputs.prometheusUrl = viz.prometheusUrl;
            outputs.prometheusScrapeConfig = viz.scrapeConfigFragment;
        }

        outputs.clusterName = cluster.name;
        outputs.linkerdChartVersion = controlPlane.chartVersion;
        outputs.namespaces = pulumi.output(namespaces);
        // Not-after dates are not sensitive, even when they travel inside a secret.
        outputs.identityIssuerNotAfter = pulumi.unsecret(issuer.notAfter);
        outputs.webhookCaNotAfter = webhookAuthority.notAfter;
    }

    return outputs;
}
