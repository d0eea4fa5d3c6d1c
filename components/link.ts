// A link from this (source) cluster to a target cluster, declared the way Linkerd 2.18+ expects
// it: the objects `linkerd multicluster link-gen` prints for the target (two credential Secrets
// and a Link), applied in the source cluster, plus a `controllers` entry in the source's
// linkerd-multicluster release (see multicluster.ts). Built from the target stack's link bundle
// instead of from a live connection to the target cluster.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { LinkTarget } from "./config";
import { LinkBundle } from "./linkBundle";
import { splitPemBundle } from "./pem";

export const MULTICLUSTER_NAMESPACE = "linkerd-multicluster";

/** Name of the remote-access ServiceAccount (and, with `-token`, its token Secret) for one source cluster. */
export function remoteAccessServiceAccount(sourceCluster: string): string {
    return `linkerd-service-mirror-remote-access-${sourceCluster}`;
}

export function credentialsSecretName(targetCluster: string): string {
    return `cluster-credentials-${targetCluster}`;
}

/** A number of seconds as Go's time.Duration prints it, which is what link-gen writes: 3 → "3s", 90 → "1m30s". */
export function goDuration(seconds: number): string {
    if (seconds === 0) {
        return "0s";
    }
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    if (h > 0) {
        return `${h}h${m}m${s}s`;
    }
    return m > 0 ? `${m}m${s}s` : `${s}s`;
}

/**
 * The Link's spec exactly as link-gen writes it for `bundle`'s cluster: ports and durations as
 * strings, empty exclusion lists omitted, and without the gateway fields (but with an empty
 * probeSpec) for a pod-to-pod link.
 */
export function linkSpec(bundle: LinkBundle, mode: LinkTarget["mode"]): Record<string, unknown> {
    const common = {
        targetClusterName: bundle.clusterName,
        targetClusterDomain: bundle.clusterDomain,
        targetClusterLinkerdNamespace: bundle.linkerdNamespace,
        clusterCredentialsSecret: credentialsSecretName(bundle.clusterName),
    };
    const selectors = {
        remoteDiscoverySelector: { matchLabels: { "mirror.linkerd.io/exported": "remote-discovery" } },
        federatedServiceSelector: { matchLabels: { "mirror.linkerd.io/federated": "member" } },
    };
    if (mode === "pod-to-pod") {
        return { ...common, probeSpec: {}, ...selectors };
    }
    return {
        ...common,
        gatewayAddress: bundle.gateway.addresses.join(","),
        gatewayPort: String(bundle.gateway.port),
        gatewayIdentity: bundle.gateway.identity,
        probeSpec: {
            path: bundle.gateway.probe.path,
            port: String(bundle.gateway.probe.port),
            period: goDuration(bundle.gateway.probe.periodSeconds),
        },
        selector: { matchLabels: { "mirror.linkerd.io/exported": "true" } },
        ...selectors,
    };
}

/**
 * A kubeconfig for the target's API server built from the bundle alone: server URL, inline CA data
 * and the token of this source's remote-access ServiceAccount. No exec plugin and no file path,
 * so it works from inside the source cluster.
 */
export function remoteKubeconfig(bundle: LinkBundle, sourceCluster: string, token: string): string {
    const user = remoteAccessServiceAccount(sourceCluster);
    return YAML.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [
            {
                name: bundle.clusterName,
                cluster: { server: bundle.apiServerUrl, "certificate-authority-data": bundle.apiServerCaData },
            },
        ],
        users: [{ name: user, user: { token } }],
        contexts: [{ name: bundle.clusterName, context: { cluster: bundle.clusterName, user } }],
        "current-context": bundle.clusterName,
    });
}

export interface TrustView {
    clusterName: string;
    trustAnchorsPem: string;
    clusterDomain: string;
    trustDomain: string;
}

export interface PreflightFinding {
    level: "warning" | "error";
    message: string;
}

/**
 * Compares the trust of two clusters before linking them. Identical bundles: fine (what
 * `linkerd multicluster check` requires). Overlapping but different (mid-rotation): a warning.
 * No common anchor: an error, since no proxy of one cluster could verify the other's identities.
 * A different trust or cluster domain is reported as a warning naming both clusters.
 */
export function trustPreflight(source: TrustView, target: TrustView, linkKey: string): PreflightFinding[] {
    const findings: PreflightFinding[] = [];
    const mine = new Set(splitPemBundle(source.trustAnchorsPem));
    const theirs = new Set(splitPemBundle(target.trustAnchorsPem));
    const shared = [...mine].filter((pem) => theirs.has(pem));
    const pair = `clusters "${source.clusterName}" and "${target.clusterName}"`;
    if (shared.length === 0) {
        findings.push({
            level: "error",
            message:
                `${linkKey}: ${pair} share no trust anchor, so neither could verify the other's identities. ` +
                `Make both stacks read their trust from the same trust stack (trustStack), or add the other ` +
                `cluster's anchor to this trust bundle, and run pulumi up on both before linking.`,
        });
    } else if (shared.length !== mine.size || shared.length !== theirs.size) {
        findings.push({
            level: "warning",
            message:
                `${linkKey}: ${pair} have overlapping but different trust bundles (${shared.length} shared anchor(s), ` +
                `${mine.size} here, ${theirs.size} there). That is expected in the middle of an anchor rotation; ` +
                `linkerd multicluster check reports it until every cluster has run pulumi up with the same bundle.`,
        });
    }
    for (const [what, a, b] of [
        ["trust domain", source.trustDomain, target.trustDomain],
        ["cluster domain", source.clusterDomain, target.clusterDomain],
    ] as const) {
        if (a !== b) {
            findings.push({
                level: "warning",
                message:
                    `${linkKey}: ${pair} have different ${what}s ("${a}" and "${b}"). The link uses the target's, ` +
                    `but check that this is intended (identityTrustDomain / clusterDomain).`,
            });
        }
    }
    return findings;
}

export interface ClusterLinkArgs {
    /** This cluster's name: the target issued this source's token under it. */
    sourceCluster: string;
    bundle: LinkBundle;
    /** This source's token on the target (secret). */
    token: pulumi.Input<string>;
    /** The link's spec, once the trust preflight has passed. */
    spec: pulumi.Input<Record<string, unknown>>;
    /** Linkerd release of this (source) cluster, for the Link's created-by annotation as link-gen writes it. */
    linkerdVersion: string;
    linkerdNamespace: pulumi.Input<string>;
    multiclusterNamespace: pulumi.Input<string>;
    /** The multicluster chart: it installs the Link CRD and the controller that reads these objects. */
    prerequisites: pulumi.Resource[];
}

/** The two credential Secrets and the Link for one target, in this (source) cluster. */
export class ClusterLink extends pulumi.ComponentResource {
    public readonly targetCluster: string;

    constructor(name: string, args: ClusterLinkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:multicluster:ClusterLink", name, {}, opts);
        const target = args.bundle.clusterName;
        const kubeconfig = pulumi.secret(
            pulumi
                .output(args.token)
                .apply((token) =>
                    Buffer.from(remoteKubeconfig(args.bundle, args.sourceCluster, token)).toString("base64"),
                ),
        );
        const type = "mirror.linkerd.io/remote-kubeconfig";

        // Read by the service-mirror controller of this link.
        const forController = new k8s.core.v1.Secret(
            `${name}-credentials`,
            {
                metadata: { name: credentialsSecretName(target), namespace: args.multiclusterNamespace },
                type,
                data: { kubeconfig },
            },
            { parent: this, dependsOn: args.prerequisites },
        );
        // Read by the destination controller for pod-to-pod and federated services. It only notices
        // Secrets being added or deleted, not changed, so a new kubeconfig replaces the Secret.
        const forDestination = new k8s.core.v1.Secret(
            `${name}-discovery-credentials`,
            {
                metadata: {
                    name: credentialsSecretName(target),
                    namespace: args.linkerdNamespace,
                    labels: { "multicluster.linkerd.io/cluster-name": target },
                    annotations: {
                        "multicluster.linkerd.io/trust-domain": args.bundle.trustDomain,
                        "multicluster.linkerd.io/cluster-domain": args.bundle.clusterDomain,
                    },
                },
                type,
                data: { kubeconfig },
            },
            {
                parent: this,
                dependsOn: args.prerequisites,
                replaceOnChanges: ["data"],
                deleteBeforeReplace: true,
            },
        );
        new k8s.apiextensions.CustomResource(
            `${name}-link`,
            {
                apiVersion: "multicluster.linkerd.io/v1alpha3",
                kind: "Link",
                metadata: {
                    name: target,
                    namespace: args.multiclusterNamespace,
                    annotations: { "linkerd.io/created-by": `linkerd/cli ${args.linkerdVersion}` },
                },
                spec: args.spec,
            },
            { parent: this, dependsOn: [...args.prerequisites, forController, forDestination] },
        );
        this.targetCluster = target;
        this.registerOutputs({ targetCluster: target });
    }
}
