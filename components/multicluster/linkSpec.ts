// What a link is made of, exactly as `linkerd multicluster link-gen` writes it for a target
// (multicluster/cmd/link-gen.go): two credential Secrets and a Link, built here from the target
// stack's link bundle instead of a live connection to the target cluster.
import { stringify } from "yaml";
import type { LinkBundle } from "../contract/links.ts";
import type { LinkTarget } from "./config.ts";

export const MULTICLUSTER_NAMESPACE = "linkerd-multicluster";
/** The gateway as the chart names it (`gateway.name`, left at its default). */
export const GATEWAY_NAME = "linkerd-gateway";

/** The remote-access ServiceAccount (and, with `-token`, its token Secret) for one source cluster. */
export function remoteAccessServiceAccount(sourceCluster: string): string {
    return `linkerd-service-mirror-remote-access-${sourceCluster}`;
}

export function credentialsSecretName(targetCluster: string): string {
    return `cluster-credentials-${targetCluster}`;
}

/** Seconds as Go's time.Duration prints them, which is what link-gen writes: 3 → "3s", 90 → "1m30s". */
export function goDuration(seconds: number): string {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    if (h > 0) {
        return `${h}h${m}m${s}s`;
    }
    return m > 0 ? `${m}m${s}s` : `${s}s`;
}

/**
 * The Link's spec as link-gen writes it: ports and durations as strings, empty exclusion lists
 * omitted, and for a pod-to-pod link no gateway fields (but an empty probeSpec).
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
 * A kubeconfig for the target's API server from the bundle alone: server URL, inline CA data and
 * this source's token. No exec plugin and no file path, so it works from inside the source cluster.
 */
export function remoteKubeconfig(bundle: LinkBundle, sourceCluster: string, token: string): string {
    const user = remoteAccessServiceAccount(sourceCluster);
    return stringify({
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
