// Composes one stack from its validated settings: the trust root and issuers when this stack owns
// them, and Linkerd in this stack's cluster when it has one. `index.ts` calls this and exports
// what it returns as the stack outputs.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { X509Certificate } from "crypto";
import { chainsTo, expiryFindings, parseCertificates } from "./certificates";
import { ClusterSettings, StackSettings } from "./config";
import { LinkerdCni } from "./cni";
import { ExpiryAlerts } from "./expiryAlerts";
import { MeshedNamespaces } from "./meshedNamespaces";
import { readPreviousState, renewal, Renewals, STATE_OUTPUTS } from "./renewal";
import { rotationCheck, rotationStatus } from "./rotation";
import { ControlPlane } from "./controlPlane";
import { GatewayApiCrds } from "./gatewayApi";
import { KubeSystemLabel } from "./kubeSystem";
import { ClusterLink, linkSpec, MULTICLUSTER_NAMESPACE, trustPreflight } from "./link";
import { LINK_BUNDLE_FORMAT, LINK_OUTPUTS, LinkBundle } from "./linkBundle";
import { LinkPlan, planLinks } from "./linkPlan";
import { GATEWAY_NAME, Multicluster } from "./multicluster";
import { IdentityIssuer, TrustRoot } from "./trust";
import { GATEWAY_PROBE } from "./values";
import { LINKERD_CHART_VERSION, linkerdReleaseOf } from "./versions";
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
export async function deployStack(
    settings: StackSettings,
    opts: { parent?: pulumi.Resource } = {},
): Promise<Record<string, pulumi.Output<unknown> | unknown>> {
    const outputs: Record<string, pulumi.Output<unknown> | unknown> = {};
    const parent = opts.parent;
    for (const warning of settings.warnings) {
        void pulumi.log.warn(warning);
    }

    // Links are planned first: a wrong link must fail before anything is created.
    const linkPlan = settings.cluster?.multicluster
        ? await planLinks(settings.stack, pulumi.getProject(), settings.cluster, { parent })
        : undefined;

    // What this stack deployed last time: the basis of certificate renewal and rotation checks.
    const previous = await readPreviousState({ parent });
    const renewals: Renewals = { issuers: {}, webhooks: {} };
    const expiry: Record<string, pulumi.Output<unknown>> = {};

    let trustAnchorsPem: pulumi.Output<string>;
    let issuerForThisCluster: pulumi.Output<IssuedIdentity> | undefined;

    if (settings.trust.kind === "owned") {
        const trust = settings.trust;
        const rotation = rotationCheck(trust, previous, pulumi.getProject());
        const renewalDecisions = trust.issueFor.map((cluster) => ({
            cluster,
            ...renewal(
                previous.renewals.issuers[cluster],
                previous.issuerNotAfter[cluster],
                settings.now,
                settings.renewBeforeHours,
            ),
        }));
        // A renewal due now signs a new issuer valid for issuerValidityHours: refuse to make one that
        // would outlive the anchor signing it. (Known before anything is created, from the last deployment.)
        const signerNotAfter = previous.anchorNotAfter[trust.signingGeneration];
        for (const due of renewalDecisions.filter((d) => d.due)) {
            const renewedUntil = settings.now.getTime() + trust.issuerValidityHours * 3_600_000;
            if (signerNotAfter !== undefined && Date.parse(signerNotAfter) < renewedUntil) {
                rotation.errors.push(
                    `The identity issuer of "${due.cluster}" is due for renewal, but trust anchor generation ` +
                        `"${trust.signingGeneration}" expires on ${signerNotAfter}, before a renewed issuer would ` +
                        `(${new Date(renewedUntil).toISOString()}). Rotate the trust anchor first (README: rotation).`,
                );
            }
        }
        if (rotation.errors.length > 0) {
            throw new pulumi.RunError(
                `Certificate lifecycle of stack "${settings.stack}"; nothing was changed:\n` +
                    rotation.errors.map((e) => `  - ${e}`).join("\n"),
            );
        }
        for (const warning of rotation.warnings) {
            void pulumi.log.warn(warning);
        }

        const root = new TrustRoot(
            "trust-root",
            {
                generations: trust.anchorGenerations,
                validityHours: trust.anchorValidityHours,
                signingGeneration: trust.signingGeneration,
                external: trust.externalAnchor,
            },
            { parent },
        );
        const issuers = renewalDecisions.map(({ cluster, count, due }) => {
            renewals.issuers[cluster] = count;
            if (due) {
                void pulumi.log.info(
                    `Renewing the identity issuer of "${cluster}": it expires on ${previous.issuerNotAfter[cluster]}, ` +
                        `within ${settings.renewBeforeHours} hours.`,
                );
            }
            // Config validation guarantees a signer whenever there is a cluster to issue for.
            const issuer = new IdentityIssuer(
                `identity-issuer-${cluster}`,
                { signer: root.signer!, validityHours: trust.issuerValidityHours, renewals: count },
                { parent },
            );
            return [cluster, issuer] as const;
        });
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
        outputs[STATE_OUTPUTS.anchorNotAfter] = root.notAfter;
        outputs[STATE_OUTPUTS.anchorUrns] = root.urns;
        // One secret output for all clusters: whoever can read a stack's outputs can read them all.
        outputs[TRUST_OUTPUTS.issuers] = pulumi.secret(pulumi.output(issued));
        const issuerNotAfter = pulumi.output(
            Object.fromEntries(issuers.map(([cluster, issuer]) => [cluster, issuer.notAfter])),
        );
        outputs[STATE_OUTPUTS.issuerNotAfter] = issuerNotAfter;
        outputs[STATE_OUTPUTS.issuerSignedBy] = Object.fromEntries(
            trust.issueFor.map((cluster) => [cluster, trust.signingGeneration]),
        );
        outputs.trustRotation = rotationStatus(trust, previous, pulumi.getProject());
        expiry.anchors = root.notAfter;
        // The guardrails run on every issuer against the bundle (known at preview once deployed).
        expiry.issuers = pulumi.all([root.bundlePem, pulumi.output(issued)]).apply(([bundle, all]) => {
            for (const [cluster, issuer] of Object.entries(all)) {
                enforceExpiryGuardrails(bundle, issuer.certPem, `the identity issuer of "${cluster}"`, settings);
            }
            return Object.fromEntries(Object.entries(all).map(([cluster, issuer]) => [cluster, issuer.notAfter]));
        });
    } else {
        const trustStackName = settings.trust.stackName;
        const trustStack = new pulumi.StackReference("trust-stack", { name: trustStackName }, { parent });
        trustAnchorsPem = trustStack.requireOutput(TRUST_OUTPUTS.bundle) as pulumi.Output<string>;
        outputs[TRUST_OUTPUTS.bundle] = trustAnchorsPem;
        outputs[TRUST_OUTPUTS.fingerprints] = trustStack.requireOutput(TRUST_OUTPUTS.fingerprints);
        if (settings.cluster?.externalIssuer) {
            // The external issuer must chain to the bundle; the trust stack's bundle is known now (a read).
            const bundle = await trustStack.getOutputDetails(TRUST_OUTPUTS.bundle);
            if (typeof bundle.value === "string") {
                enforceChain(bundle.value, settings.cluster.externalIssuer.certPem, settings.stack);
            }
        } else if (settings.cluster) {
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

    if (settings.cluster?.externalIssuer) {
        const external = settings.cluster.externalIssuer;
        issuerForThisCluster = pulumi.output({
            certPem: external.certPem,
            privateKeyPem: external.keyPem,
            notAfter: new Date(new X509Certificate(external.certPem).validTo).toISOString(),
        });
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
            cluster.renderYamlTo !== undefined
                ? {
                      // Render mode: write every manifest into the folder; never contact a cluster. An empty
                      // kubeconfig stops the SDK from defaulting to $KUBECONFIG.
                      renderYamlToDirectory: cluster.renderYamlTo,
                      kubeconfig: "",
                      clusterIdentifier: cluster.name,
                  }
                : {
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
        if (cluster.cni) {
            // The plugin must be ready before any pod is meshed without linkerd-init.
            const cni = new LinkerdCni(
                "linkerd-cni",
                {
                    source: { repository: cluster.chartRepository, version: cluster.chartVersion },
                    netDir: cluster.cni.netDir,
                    binDir: cluster.cni.binDir,
                    repairController: cluster.cni.repairController,
                    prerequisites: [...prerequisites],
                },
                { parent, provider },
            );
            prerequisites.push(cni.chart);
        }
        const webhookAuthority = new WebhookAuthority(
            "webhook-ca",
            {
                clusterName: cluster.name,
                validityHours: WEBHOOK_CA_VALIDITY_HOURS,
                renewal: {
                    previousCounts: previous.renewals.webhooks,
                    previousNotAfter: previous.webhookCertNotAfter,
                    now: settings.now,
                    renewBeforeHours: settings.renewBeforeHours,
                },
            },
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
                cniEnabled: cluster.cni !== undefined,
                clockSkewAllowance: cluster.clockSkewAllowance,
                domains: { clusterDomain: cluster.clusterDomain, identityTrustDomain: cluster.identityTrustDomain },
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
                    domains: { clusterDomain: cluster.clusterDomain, identityTrustDomain: cluster.identityTrustDomain },
                    cniEnabled: cluster.cni !== undefined,
                    prerequisites: [controlPlane.chart],
                },
                { parent, provider },
            );
            namespaces.viz = viz.namespace;
            outputs.vizDashboardService = viz.dashboardService;
            outputs.prometheusUrl = viz.prometheusUrl;
            outputs.prometheusScrapeConfig = viz.scrapeConfigFragment;
        }

        if (cluster.multicluster && linkPlan) {
            Object.assign(
                outputs,
                deployMulticluster(cluster, linkPlan, {
                    parent,
                    provider,
                    controlPlane,
                    trustAnchorsPem,
                    trustAnchorFingerprints: outputs[TRUST_OUTPUTS.fingerprints] as pulumi.Output<string[]>,
                    namespaces,
                }),
            );
        }

        if (cluster.meshedNamespaces.length > 0) {
            new MeshedNamespaces(
                "meshed-namespaces",
                { namespaces: cluster.meshedNamespaces, prerequisites: [controlPlane.chart] },
                { parent, provider },
            );
        }

        if (cluster.expiryAlerts) {
            new ExpiryAlerts(
                "certificate-expiry-alerts",
                {
                    namespace: cluster.expiryAlerts.namespace,
                    labels: cluster.expiryAlerts.labels,
                    trustAnchorsPem,
                    prerequisites: [controlPlane.chart],
                },
                { parent, provider },
            );
        }

        outputs.clusterName = cluster.name;
        outputs.linkerdChartVersion = controlPlane.chartVersion;
        outputs.namespaces = pulumi.output(namespaces);
        // Not-after dates are not sensitive, even when they travel inside a secret.
        const issuerNotAfter = pulumi.unsecret(issuer.notAfter);
        outputs.identityIssuerNotAfter = issuerNotAfter;
        outputs.webhookCaNotAfter = webhookAuthority.notAfter;
        outputs[STATE_OUTPUTS.webhookCertNotAfter] = webhookAuthority.servingCertNotAfter();
        renewals.webhooks = webhookAuthority.renewalCounts();
        // This cluster's chain against the bundle it installs (warnings, or an error that stops the update).
        expiry.identityIssuer = pulumi
            .all([trustAnchorsPem, pulumi.unsecret(issuer.certPem)])
            .apply(([bundle, certPem]) => {
                enforceExpiryGuardrails(bundle, certPem, `the identity issuer of "${cluster.name}"`, settings);
                return new Date(new X509Certificate(certPem).validTo).toISOString();
            });
        expiry.webhookCa = webhookAuthority.notAfter;
        expiry.webhooks = outputs[STATE_OUTPUTS.webhookCertNotAfter] as pulumi.Output<unknown>;
    }

    outputs[STATE_OUTPUTS.renewals] = renewals;
    // Every certificate's not-after in one place; the guardrails above run through it.
    outputs.certificateNotAfter = pulumi.output(expiry);
    return outputs;
}

/** Fails the update if `certPem` does not chain to `bundlePem`. */
function enforceChain(bundlePem: string, certPem: string, stack: string): void {
    const anchors = parseCertificates(bundlePem, "the trust bundle");
    if (!chainsTo(new X509Certificate(certPem), anchors)) {
        throw new pulumi.RunError(
            `${pulumi.getProject()}:identityIssuerCertPem of stack "${stack}" is not signed by any anchor in the trust ` +
                `bundle; proxies could not verify the identities it issues. Use an issuer signed by one of the ` +
                `bundle's anchors, or add its anchor to the bundle (externalTrustAnchorPem in the trust stack).`,
        );
    }
}

/**
 * Runs the expiry guardrails for one issuer against the anchor in `bundlePem` that signed it:
 * logs warnings, and throws (failing the update) on errors.
 */
function enforceExpiryGuardrails(bundlePem: string, issuerPem: string, issuerName: string, settings: StackSettings) {
    const issuer = new X509Certificate(issuerPem);
    const anchor = parseCertificates(bundlePem, "the trust bundle").find(
        (a) => issuer.checkIssued(a) && issuer.verify(a.publicKey),
    );
    if (!anchor) {
        throw new pulumi.RunError(
            `${issuerName} is not signed by any anchor in the trust bundle it is installed with.`,
        );
    }
    const findings = expiryFindings({
        anchorNotAfter: new Date(anchor.validTo),
        anchorName: `the trust anchor ${anchor.fingerprint256.slice(0, 23)}…`,
        issuerNotAfter: new Date(issuer.validTo),
        issuerName,
        // A renewed issuer lives as long as this one.
        issuerValidityHours: Math.round((Date.parse(issuer.validTo) - Date.parse(issuer.validFrom)) / 3_600_000),
        renewBeforeHours: settings.renewBeforeHours,
        now: settings.now,
    });
    for (const warning of findings.filter((f) => f.level === "warning")) {
        void pulumi.log.warn(warning.message);
    }
    const errors = findings.filter((f) => f.level === "error");
    if (errors.length > 0) {
        throw new pulumi.RunError(errors.map((f) => f.message).join("\n"));
    }
}

/** One entry of the `multiclusterLinks` output. */
interface LinkState {
    target?: string;
    stack: string;
    mode: string;
    state: string;
}

/**
 * The multicluster extension, this cluster's links to the targets that are ready, and the link
 * bundle other clusters read to link here. Returns the outputs it adds.
 */
function deployMulticluster(
    cluster: ClusterSettings,
    plan: LinkPlan,
    ctx: {
        parent?: pulumi.Resource;
        provider: k8s.Provider;
        controlPlane: ControlPlane;
        trustAnchorsPem: pulumi.Output<string>;
        trustAnchorFingerprints: pulumi.Output<string[]>;
        namespaces: Record<string, pulumi.Output<string>>;
    },
): Record<string, unknown> {
    const mc = cluster.multicluster!;
    const linkerdVersion = linkerdReleaseOf(cluster.chartVersion);
    const multicluster = new Multicluster(
        "linkerd-multicluster",
        {
            settings: mc,
            chartRepository: cluster.chartRepository,
            chartVersion: cluster.chartVersion,
            highAvailability: cluster.highAvailability,
            linkerdNamespace: ctx.controlPlane.namespace,
            identityTrustDomain: cluster.identityTrustDomain,
            cniEnabled: cluster.cni !== undefined,
            links: plan.ready.map((link) => ({
                targetCluster: link.bundle.clusterName,
                mode: link.target.mode,
                probePort: link.bundle.gateway.probe.port,
            })),
            prerequisites: [ctx.controlPlane.chart],
        },
        { parent: ctx.parent, provider: ctx.provider },
    );
    ctx.namespaces.multicluster = multicluster.namespace;

    const linkKey = `${pulumi.getProject()}:multiclusterLinks`;
    const linked: pulumi.Output<LinkState>[] = [];
    for (const link of plan.ready) {
        // The trust preflight runs when this cluster's bundle is known (at preview, except on a trust
        // stack's very first run); an error stops the Link, a warning is logged.
        const spec = ctx.trustAnchorsPem.apply((own) => {
            const findings = trustPreflight(
                {
                    clusterName: cluster.name,
                    trustAnchorsPem: own,
                    clusterDomain: cluster.clusterDomain,
                    trustDomain: cluster.identityTrustDomain,
                },
                link.bundle,
                linkKey,
            );
            for (const finding of findings.filter((f) => f.level === "warning")) {
                void pulumi.log.warn(finding.message);
            }
            const errors = findings.filter((f) => f.level === "error");
            if (errors.length > 0) {
                throw new pulumi.RunError(errors.map((f) => f.message).join("\n"));
            }
            return linkSpec(link.bundle, link.target.mode);
        });
        new ClusterLink(
            `link-${link.bundle.clusterName}`,
            {
                sourceCluster: cluster.name,
                bundle: link.bundle,
                token: link.token,
                spec,
                linkerdVersion,
                linkerdNamespace: ctx.controlPlane.namespace,
                multiclusterNamespace: multicluster.namespace,
                prerequisites: [multicluster.chart],
            },
            { parent: ctx.parent, provider: ctx.provider },
        );
        // Through the spec, a failed preflight also fails this output, so the update reports it.
        linked.push(
            spec.apply((): LinkState => ({
                target: link.bundle.clusterName,
                stack: link.target.stackName,
                mode: link.target.mode,
                state: "linked",
            })),
        );
    }

    const gatewayPort = mc.gateway.serviceType === "NodePort" ? mc.gateway.nodePort! : mc.gateway.port;
    const probePort = mc.gateway.serviceType === "NodePort" ? mc.gateway.probeNodePort! : GATEWAY_PROBE.port;
    const bundle: pulumi.Output<LinkBundle> = pulumi
        .all([ctx.trustAnchorsPem, ctx.trustAnchorFingerprints, multicluster.gatewayAddresses])
        .apply(([trustAnchorsPem, fingerprints, addresses]) => ({
            format: LINK_BUNDLE_FORMAT,
            clusterName: cluster.name,
            apiServerUrl: mc.apiServer.url,
            apiServerCaData: mc.apiServer.caData,
            clusterDomain: cluster.clusterDomain,
            trustDomain: cluster.identityTrustDomain,
            linkerdNamespace: "linkerd",
            linkerdVersion,
            trustAnchorsPem,
            trustAnchorFingerprints: fingerprints,
            flatNetwork: mc.flatNetwork,
            allowedSources: mc.allowedSources,
            gateway: {
                addresses,
                port: gatewayPort,
                // The annotation the chart puts on the gateway Service, which link-gen would read.
                identity: `${GATEWAY_NAME}.${MULTICLUSTER_NAMESPACE}.serviceaccount.identity.linkerd.${cluster.identityTrustDomain}`,
                probe: { path: GATEWAY_PROBE.path, port: probePort, periodSeconds: GATEWAY_PROBE.periodSeconds },
            },
        }));

    return {
        // A rendered cluster is never deployed by this program: nothing can link to it.
        ...(cluster.renderYamlTo === undefined
            ? { [LINK_OUTPUTS.bundle]: bundle, [LINK_OUTPUTS.tokens]: multicluster.tokens }
            : {}),
        multiclusterLinks: pulumi.all([
            ...linked,
            ...plan.waiting.map((waiting): LinkState => ({
                stack: waiting.target.stackName,
                mode: waiting.target.mode,
                state: `waiting: ${waiting.reason}`,
            })),
        ]),
    };
}
