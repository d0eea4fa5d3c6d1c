// The stack's outputs: the contract other stacks (and this stack's next run) read, and a few for
// people (not-after dates, namespaces, the scrape configuration). No output holds a private key,
// but `identityIssuers` while clusters migrate from the previous version (README: migration).
import { X509Certificate } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { LEGACY_ISSUERS_OUTPUT } from "../contract/legacy.ts";
import { LINK_BUNDLE_OUTPUT, LINK_TOKENS_OUTPUT } from "../contract/links.ts";
import { CLUSTER_OUTPUT, type ClusterOutput, TRUST_OUTPUT, type TrustOutput } from "../contract/outputs.ts";
import { STATE_OUTPUT, type StackState } from "../contract/state.ts";
import { rotationStatus } from "../lifecycle/rotationStatus.ts";
import { anchorIds } from "../trust/anchors.ts";
import { sha256Fingerprint, splitPemBundle } from "../trust/pem.ts";
import type { DeployedCluster } from "./deployCluster.ts";
import type { DeployedTrust } from "./deployTrust.ts";
import type { StackPlan } from "./plan.ts";

export type StackOutputs = Record<string, unknown>;

export function stackOutputs(
    plan: StackPlan,
    trust: DeployedTrust | undefined,
    cluster: DeployedCluster | undefined,
): StackOutputs {
    const outputs: StackOutputs = {};
    if (trust) {
        Object.assign(outputs, trustOutputs(plan, trust));
    }
    if (cluster) {
        Object.assign(outputs, clusterOutputs(plan, cluster));
    }
    outputs[STATE_OUTPUT.name] = state(plan, trust, cluster);
    return outputs;
}

function trustOutputs(plan: StackPlan, trust: DeployedTrust): StackOutputs {
    const issuers = pulumi.all(
        [...trust.certificates].map(([cluster, c]) =>
            pulumi.all([c.certificate.certPem, c.certificate.notAfter]).apply(
                ([certificatePem, notAfter]) =>
                    [
                        cluster,
                        {
                            stack: c.stack,
                            slot: c.slot,
                            certificatePem,
                            notAfter,
                            signedBy: plan.trust!.settings.anchors.signer!,
                        },
                    ] as const,
            ),
        ),
    );
    const published: pulumi.Output<TrustOutput> = pulumi
        .all([trust.root.bundlePem, trust.root.anchors, issuers])
        .apply(([bundlePem, anchors, entries]): TrustOutput => ({
            format: 1,
            bundlePem,
            anchors: anchors.map(({ id, fingerprint, notAfter }) => ({ id, fingerprint, notAfter })),
            signer: plan.trust!.settings.anchors.signer,
            issuers: Object.fromEntries(entries),
            issuesFor: plan.trust!.settings.issueFor,
        }));
    const desired = { members: anchorIds(plan.trust!.settings.anchors), signer: plan.trust!.settings.anchors.signer };
    const justRetired = (plan.previous.state?.trust?.anchors ?? []).some((a) => !desired.members.includes(a.id));
    const outputs: StackOutputs = {
        [TRUST_OUTPUT.name]: published,
        trustRotation: rotationStatus(desired, plan.trust!.fleet, plan.namespace, justRetired),
        // For people, and for stacks of the previous version that still read them.
        trustAnchorsPem: trust.root.bundlePem,
        trustAnchorFingerprints: trust.root.bundlePem.apply((b) => splitPemBundle(b).map(sha256Fingerprint)),
    };
    if (trust.legacy.size > 0) {
        outputs[LEGACY_ISSUERS_OUTPUT.name] = pulumi.secret(
            pulumi
                .all(
                    [...trust.legacy].map(([cluster, l]) =>
                        pulumi
                            .all([l.certPem, l.privateKeyPem, l.notAfter])
                            .apply(
                                ([certPem, privateKeyPem, notAfter]) =>
                                    [cluster, { certPem, privateKeyPem, notAfter }] as const,
                            ),
                    ),
                )
                .apply(Object.fromEntries),
        );
    }
    return outputs;
}

function clusterOutputs(plan: StackPlan, cluster: DeployedCluster): StackOutputs {
    const cp = plan.cluster!.settings.controlPlane;
    const slots = plan.cluster!.trust.slots;
    const request =
        slots.requestSlot === undefined
            ? undefined
            : cluster.issuer.requests.get(slots.requestSlot)!.apply((csrPem) => ({ slot: slots.requestSlot!, csrPem }));
    const running = cluster.installed
        ? pulumi
              .all([cluster.installed.bundlePem, cluster.installed.certPem])
              .apply(([bundle, issuerCertificatePem]) => ({
                  bundleFingerprints: splitPemBundle(bundle).map(sha256Fingerprint),
                  issuerCertificatePem,
                  issuerSlot: "slot" in slots.install ? slots.install.slot : undefined,
                  issuerSince: plan.cluster!.trust.issuerSince,
              }))
        : undefined;
    const published: pulumi.Output<ClusterOutput> = pulumi.all([request, running]).apply(([r, run]): ClusterOutput => ({
        format: 1,
        clusterName: cp.clusterName,
        trustStack: plan.cluster!.trustStack,
        request: r,
        running: run,
    }));
    const outputs: StackOutputs = { [CLUSTER_OUTPUT.name]: published, clusterName: cp.clusterName };
    if (!cluster.controlPlane) {
        return outputs;
    }
    const issuerNotAfter = cluster.installed!.certPem.apply((pem) =>
        new Date(new X509Certificate(pem).validTo).toISOString(),
    );
    Object.assign(outputs, {
        linkerdChartVersion: cluster.controlPlane.chartVersion,
        namespaces: pulumi.output({
            controlPlane: cluster.controlPlane.namespace,
            viz: cluster.viz?.namespace,
            multicluster: cluster.multicluster?.component.namespace,
        }),
        identityIssuerNotAfter: issuerNotAfter,
        certificateNotAfter: pulumi.output({
            identityIssuer: issuerNotAfter,
            webhookCa: cluster.webhooks!.notAfter,
            webhooks: cluster
                .webhooks!.servingCerts()
                .apply((w) => Object.fromEntries(Object.entries(w).map(([dns, c]) => [dns, c.notAfter]))),
        }),
    });
    if (cluster.viz) {
        Object.assign(outputs, {
            vizDashboardService: cluster.viz.dashboardService,
            prometheusScrapeConfig: cluster.viz.scrapeConfigFragment,
        });
    }
    if (cluster.multicluster) {
        if (cluster.multicluster.bundle) {
            outputs[LINK_BUNDLE_OUTPUT.name] = cluster.multicluster.bundle;
            outputs[LINK_TOKENS_OUTPUT.name] = cluster.multicluster.tokens;
        }
        outputs.multiclusterLinks = cluster.multicluster.status;
    }
    return outputs;
}

function state(
    plan: StackPlan,
    trust: DeployedTrust | undefined,
    cluster: DeployedCluster | undefined,
): pulumi.Output<StackState> {
    const trustState = trust
        ? pulumi
              .all([
                  trust.root.anchors,
                  pulumi.all(
                      [...trust.certificates].map(([name, c]) =>
                          pulumi.all([c.requestPem, c.certificate.notAfter]).apply(
                              ([csrPem, notAfter]) =>
                                  [
                                      name,
                                      {
                                          stack: c.stack,
                                          slot: c.slot,
                                          csrPem,
                                          signedBy: plan.trust!.settings.anchors.signer!,
                                          notAfter,
                                      },
                                  ] as const,
                          ),
                      ),
                  ),
              ])
              .apply(([anchors, signed]) => ({
                  anchors,
                  signer: plan.trust!.settings.anchors.signer,
                  signed: Object.fromEntries(signed),
                  legacyIssuers: Object.fromEntries(plan.trust!.legacy.map((l) => [l.cluster, l.renewals])),
                  retiring: plan.trust!.retiring,
              }))
        : undefined;
    const slots = plan.cluster?.trust.slots;
    const install = slots?.install;
    const clusterState =
        cluster && slots
            ? pulumi
                  .all([cluster.installed?.certPem, cluster.webhooks?.servingCerts()])
                  .apply(([certificatePem, webhooks]) => ({
                      slots: slots.slots,
                      current:
                          certificatePem && install && install.kind !== "none"
                              ? {
                                    source:
                                        install.kind === "trust" || install.kind === "local"
                                            ? ("slot" as const)
                                            : install.kind,
                                    slot: "slot" in install ? install.slot : undefined,
                                    certificatePem,
                                    since: plan.cluster!.trust.issuerSince,
                                }
                              : undefined,
                      webhooks: webhooks ?? plan.previous.state?.cluster?.webhooks ?? {},
                      links: cluster.multicluster?.links ?? {},
                  }))
            : undefined;
    return pulumi.all([trustState, clusterState]).apply(([t, c]): StackState => ({
        format: 1,
        at: plan.now.toISOString(),
        identity: plan.identity,
        trust: t,
        cluster: c,
    }));
}
