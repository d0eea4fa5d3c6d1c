// Registers what the plan decided for the stack's cluster: its provider, its issuer's keys, the
// prerequisites, the control plane, and the extensions.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { asInput } from "../config/reader.ts";
import type { ClusterAccess } from "../controlPlane/access.ts";
import { LinkerdCni } from "../controlPlane/cni.ts";
import { ControlPlane } from "../controlPlane/controlPlane.ts";
import { GatewayApiCrds } from "../controlPlane/gatewayApi.ts";
import { KubeSystemLabel } from "../controlPlane/kubeSystem.ts";
import { MeshedNamespaces } from "../controlPlane/meshedNamespaces.ts";
import { WEBHOOK_CA_VALIDITY_HOURS, WebhookAuthority } from "../controlPlane/webhooks.ts";
import { ExpiryAlerts } from "../lifecycle/alerts.ts";
import type { IssuerInstall } from "../lifecycle/issuerSlots.ts";
import { ClusterIssuer } from "../trust/clusterIssuer.ts";
import { normalizePem } from "../trust/pem.ts";
import { Viz } from "../viz/viz.ts";
import { type DeployedTrust, signIssuer } from "./deployTrust.ts";
import { deployMulticluster, type DeployedMulticluster } from "./deployMulticluster.ts";
import type { ClusterPlan, StackPlan } from "./plan.ts";

export interface DeployedCluster {
    issuer: ClusterIssuer;
    /** What the control plane runs (absent while the cluster waits for its first certificate). */
    installed?: { bundlePem: pulumi.Output<string>; certPem: pulumi.Output<string> };
    webhooks?: WebhookAuthority;
    controlPlane?: ControlPlane;
    viz?: Viz;
    multicluster?: DeployedMulticluster;
}

export function deployCluster(
    plan: StackPlan,
    trust: DeployedTrust | undefined,
    parent: pulumi.Resource | undefined,
    hostProvider?: k8s.Provider,
): DeployedCluster {
    const cluster = plan.cluster!;
    const cp = cluster.settings.controlPlane;
    const slots = cluster.trust.slots;
    const issuer = new ClusterIssuer("identity-issuer", { slots: slots.slots }, { parent });
    const material = issuerMaterial(slots.install, issuer, plan, trust, parent);
    if (!material) {
        return { issuer };
    }
    const bundlePem = trust ? trust.root.bundlePem : pulumi.output(normalizePem(cluster.trust.bundlePem!));
    const provider =
        cp.access.kind === "host"
            ? hostProvider!
            : new k8s.Provider(cp.clusterName, providerArgs(cp.clusterName, cp.access), { parent });
    const opts = { parent, provider };
    const prerequisites: pulumi.Resource[] = [new KubeSystemLabel("kube-system-label", opts)];
    if (cp.gatewayApi.install) {
        prerequisites.push(new GatewayApiCrds("gateway-api-crds", { version: cp.gatewayApi.version }, opts));
    }
    if (cp.cni) {
        // The plugin must be ready before any pod is meshed without linkerd-init.
        prerequisites.push(
            new LinkerdCni(
                "linkerd-cni",
                { settings: cp.cni, source: cp.chart, renderFor: cp.renderFor, prerequisites: [...prerequisites] },
                opts,
            ).chart,
        );
    }
    const webhooks = new WebhookAuthority(
        "webhook-ca",
        {
            clusterName: cp.clusterName,
            validityHours: WEBHOOK_CA_VALIDITY_HOURS,
            renewal: {
                previous: plan.previous.state?.cluster?.webhooks ?? {},
                now: plan.now,
                renewBeforeHours: plan.settings.lifecycle.renewBeforeHours,
            },
        },
        { parent },
    );
    const controlPlane = new ControlPlane(
        "linkerd",
        {
            source: cp.chart,
            renderFor: cp.renderFor,
            webhookAuthority: webhooks,
            webhookCertValidityHours: cp.webhookCertValidityHours,
            values: {
                trustAnchorsPem: bundlePem,
                issuerCertPem: material.certPem,
                issuerKeyPem: material.keyPem,
                heartbeatSchedule: cp.heartbeatSchedule,
                highAvailability: cp.highAvailability,
                resources: cp.resources,
                defaultInboundPolicy: cp.defaultInboundPolicy,
                cniEnabled: cp.cni !== undefined,
                clockSkewAllowance: cp.clockSkewAllowance,
                domains: cp.domains,
                prometheusUrl: asInput(cluster.settings.prometheusUrl),
                overrides: cp.overrides,
            },
            prerequisites,
        },
        opts,
    );
    const viz = cluster.viz && deployViz(cluster, controlPlane, webhooks, opts);
    const multicluster =
        cluster.settings.multicluster && deployMulticluster(plan, controlPlane, bundlePem, material.certPem, opts);
    if (cp.meshedNamespaces.length > 0) {
        new MeshedNamespaces(
            "meshed-namespaces",
            { namespaces: cp.meshedNamespaces, prerequisites: [controlPlane.chart] },
            opts,
        );
    }
    const alerts = plan.settings.lifecycle.alerts;
    if (alerts) {
        new ExpiryAlerts(
            "certificate-expiry-alerts",
            {
                namespace: alerts.namespace,
                labels: alerts.labels,
                trustAnchorsPem: bundlePem,
                prerequisites: [controlPlane.chart],
            },
            opts,
        );
    }
    return { issuer, installed: { bundlePem, certPem: material.certPem }, webhooks, controlPlane, viz, multicluster };
}

/** The issuer's certificate and key for the control plane, from wherever the plan says they come. */
function issuerMaterial(
    install: IssuerInstall,
    issuer: ClusterIssuer,
    plan: StackPlan,
    trust: DeployedTrust | undefined,
    parent: pulumi.Resource | undefined,
): { certPem: pulumi.Output<string>; keyPem: pulumi.Output<string> } | undefined {
    switch (install.kind) {
        case "trust":
            return {
                certPem: pulumi.output(normalizePem(install.certificatePem)),
                keyPem: issuer.keys.get(install.slot)!,
            };
        case "local": {
            const name = plan.cluster!.settings.controlPlane.clusterName;
            const certificate = signIssuer(name, issuer.requests.get(install.slot)!, plan.trust!, trust!.root, parent);
            trust!.certificates.set(name, {
                certificate,
                stack: plan.self,
                slot: install.slot,
                requestPem: issuer.requests.get(install.slot)!,
            });
            return { certPem: certificate.certPem, keyPem: issuer.keys.get(install.slot)! };
        }
        case "legacy":
        case "external":
            return {
                certPem: pulumi.output(normalizePem(install.certificatePem)),
                keyPem: pulumi.secret(install.keyPem),
            };
        case "none":
            return undefined;
    }
}

function providerArgs(clusterName: string, access: Exclude<ClusterAccess, { kind: "host" }>): k8s.ProviderArgs {
    if (access.kind === "render") {
        // Write every manifest into the folder; never contact a cluster. An empty kubeconfig stops
        // the SDK from defaulting to $KUBECONFIG.
        return { renderYamlToDirectory: access.folder, kubeconfig: "", clusterIdentifier: clusterName };
    }
    return {
        kubeconfig: pulumi.secret(access.kubeconfig),
        context: asInput(access.context),
        // Changing credentials or the kubeconfig's layout must not replace every object.
        clusterIdentifier: clusterName,
        enableServerSideApply: true,
        // Adopting an install made by Helm or the CLI: take over existing objects and their fields.
        ...(access.adopt ? { upsertExistingObjects: true, enablePatchForce: true } : {}),
    };
}

function deployViz(
    cluster: ClusterPlan,
    controlPlane: ControlPlane,
    webhooks: WebhookAuthority,
    opts: pulumi.ComponentResourceOptions,
): Viz {
    const { controlPlane: cp, viz: settings } = {
        controlPlane: cluster.settings.controlPlane,
        viz: cluster.viz!.settings,
    };
    const authorization =
        settings.client && cluster.viz!.authorize.length > 0
            ? {
                  client: settings.client,
                  namespaces: cluster.viz!.authorize,
                  defaultInboundPolicy: cp.defaultInboundPolicy,
              }
            : undefined;
    return new Viz(
        "linkerd-viz",
        {
            source: cp.chart,
            renderFor: cp.renderFor,
            prometheusUrl: asInput(settings.prometheusUrl),
            credentials: settings.credentials && {
                username: asInput(settings.credentials.username),
                password: pulumi.secret(settings.credentials.password),
            },
            grafana:
                settings.grafana &&
                ("url" in settings.grafana
                    ? { url: asInput(settings.grafana.url) }
                    : { externalUrl: asInput(settings.grafana.externalUrl) }),
            dashboard: {
                restrictPrivileges: settings.dashboard.restrictPrivileges,
                enforcedHostRegexp: asInput(settings.dashboard.enforcedHostRegexp),
            },
            highAvailability: cp.highAvailability,
            domains: cp.domains,
            cniEnabled: cp.cni !== undefined,
            tapAdmins: settings.tapAdmins,
            scrape: {
                jobs: cluster.viz!.jobs,
                mode: settings.scrape.mode,
                secret: settings.scrape.secret,
                podMonitorLabels: settings.scrape.podMonitorLabels,
            },
            authorization,
            webhookAuthority: webhooks,
            webhookCertValidityHours: cp.webhookCertValidityHours,
            overrides: settings.overrides,
            prerequisites: [controlPlane.chart],
        },
        opts,
    );
}
