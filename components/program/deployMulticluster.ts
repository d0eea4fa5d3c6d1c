// Registers the multicluster extension and the links the plan decided on, and makes the link
// bundle other clusters read to link here.
import * as pulumi from "@pulumi/pulumi";
import type { LinkBundle, LinkTokens } from "../contract/links.ts";
import type { KeptLink } from "../contract/state.ts";
import type { ControlPlane } from "../controlPlane/controlPlane.ts";
import { LINKERD_RELEASES } from "../charts/releases.ts";
import { ClusterLink } from "../multicluster/link.ts";
import { GATEWAY_NAME, MULTICLUSTER_NAMESPACE, remoteKubeconfig } from "../multicluster/linkSpec.ts";
import { Multicluster } from "../multicluster/multicluster.ts";
import { GATEWAY_PROBE } from "../multicluster/values.ts";
import type { StackPlan } from "./plan.ts";

export interface DeployedMulticluster {
    component: Multicluster;
    /** What other clusters read to link here (absent in render mode: nothing links to a rendered cluster). */
    bundle?: pulumi.Output<LinkBundle>;
    tokens?: pulumi.Output<LinkTokens>;
    /** The last good configuration of every link made or kept, by target stack (for the next run). */
    links: Record<string, KeptLink>;
    status: Record<string, string>;
}

export function deployMulticluster(
    plan: StackPlan,
    controlPlane: ControlPlane,
    bundlePem: pulumi.Output<string>,
    issuerCertPem: pulumi.Output<string>,
    opts: pulumi.ComponentResourceOptions,
): DeployedMulticluster {
    const cluster = plan.cluster!;
    const cp = cluster.settings.controlPlane;
    const mc = cluster.settings.multicluster!;
    const linkerdVersion = LINKERD_RELEASES[cp.chart.version].tag;
    const made = cluster.links.flatMap((d) => (d.kind === "waiting" ? [] : [{ decision: d, record: d.record }]));
    const component = new Multicluster(
        "linkerd-multicluster",
        {
            source: cp.chart,
            renderFor: cp.renderFor,
            highAvailability: cp.highAvailability,
            linkerdNamespace: controlPlane.namespace,
            identityTrustDomain: cp.domains.identityTrustDomain,
            cniEnabled: cp.cni !== undefined,
            gateway: mc.gateway,
            allowedSources: mc.allowedSources,
            controllers: made.map(({ record }) => ({
                link: { ref: { name: record.clusterName } },
                gateway:
                    record.mode === "gateway"
                        ? { enabled: true, probe: { port: record.probePort } }
                        : { enabled: false },
            })),
            scrapeClient: cluster.viz?.multicluster === "scrape" ? cluster.viz.settings.client : undefined,
            overrides: mc.overrides,
            prerequisites: [controlPlane.chart],
        },
        opts,
    );
    for (const { decision, record } of made) {
        new ClusterLink(
            `link-${record.clusterName}`,
            {
                targetCluster: record.clusterName,
                credentials:
                    decision.kind === "fresh"
                        ? {
                              kind: "fresh",
                              kubeconfig: Buffer.from(
                                  remoteKubeconfig(decision.bundle, cp.clusterName, decision.token),
                              ).toString("base64"),
                          }
                        : { kind: "kept" },
                spec: record.spec,
                trustDomain: record.trustDomain,
                clusterDomain: record.clusterDomain,
                linkerdVersion,
                linkerdNamespace: controlPlane.namespace,
                multiclusterNamespace: component.namespace,
                prerequisites: [component.chart],
            },
            opts,
        );
    }
    const status = Object.fromEntries(
        cluster.links.map((d) => [
            d.target.stack,
            d.kind === "fresh"
                ? `linked to ${d.record.clusterName} (${d.target.mode})`
                : d.kind === "kept"
                  ? `kept as last applied: ${d.reason}`
                  : `waiting: ${d.reason}`,
        ]),
    );
    const live = cp.access.kind !== "render";
    return {
        component,
        bundle: live
            ? linkBundle(plan, bundlePem, issuerCertPem, component.gatewayAddresses, linkerdVersion)
            : undefined,
        tokens: live
            ? pulumi.secret(component.tokens.apply((tokens): LinkTokens => ({ format: 2, tokens })))
            : undefined,
        links: Object.fromEntries(made.map(({ decision, record }) => [decision.target.stack, record])),
        status,
    };
}

function linkBundle(
    plan: StackPlan,
    bundlePem: pulumi.Output<string>,
    issuerCertPem: pulumi.Output<string>,
    addresses: pulumi.Output<string[]>,
    linkerdVersion: string,
): pulumi.Output<LinkBundle> {
    const cp = plan.cluster!.settings.controlPlane;
    const mc = plan.cluster!.settings.multicluster!;
    const nodePort = mc.gateway.serviceType === "NodePort";
    return pulumi
        .all([bundlePem, issuerCertPem, addresses])
        .apply(([trustAnchorsPem, issuerCertificatePem, gatewayAddresses]): LinkBundle => ({
            format: 2,
            clusterName: cp.clusterName,
            apiServerUrl: mc.apiServer!.url,
            apiServerCaData: mc.apiServer!.caData,
            clusterDomain: cp.domains.clusterDomain,
            trustDomain: cp.domains.identityTrustDomain,
            linkerdNamespace: "linkerd",
            linkerdVersion,
            trustAnchorsPem,
            issuerCertificatePem,
            flatNetwork: mc.flatNetwork,
            allowedSources: mc.allowedSources,
            gateway: {
                addresses: gatewayAddresses,
                port: nodePort ? mc.gateway.nodePort! : mc.gateway.port,
                // The annotation the chart puts on the gateway Service, which link-gen would read.
                identity: `${GATEWAY_NAME}.${MULTICLUSTER_NAMESPACE}.serviceaccount.identity.linkerd.${cp.domains.identityTrustDomain}`,
                probe: {
                    path: GATEWAY_PROBE.path,
                    port: nodePort ? mc.gateway.probeNodePort! : GATEWAY_PROBE.port,
                    periodSeconds: GATEWAY_PROBE.periodSeconds,
                },
            },
        }));
}
