// The link bundle: what a cluster stack publishes so that other cluster stacks can link to it,
// and what `linkerd multicluster link-gen` would otherwise read from the target cluster. It
// travels as two stack outputs: the bundle (not secret) and the remote-access tokens (secret).

/** Output names. Renaming one breaks every stack that links to this one. */
export const LINK_OUTPUTS = { bundle: "multiclusterLinkBundle", tokens: "multiclusterLinkTokens" } as const;

export const LINK_BUNDLE_FORMAT = 1;

export interface LinkBundle {
    /** Format of this object, for compatibility between program versions in one fleet. */
    format: number;
    clusterName: string;
    /** API server URL reachable from the other clusters' pods, and its CA (base64 PEM, as in a kubeconfig). */
    apiServerUrl: string;
    apiServerCaData: string;
    clusterDomain: string;
    trustDomain: string;
    linkerdNamespace: string;
    /** Linkerd release of the cluster (e.g. edge-26.6.3). */
    linkerdVersion: string;
    trustAnchorsPem: string;
    trustAnchorFingerprints: string[];
    /** Whether other clusters' pods can reach this cluster's pods directly (pod-to-pod links). */
    flatNetwork: boolean;
    /** Clusters allowed to link to this one; each has a token in the secret output. */
    allowedSources: string[];
    gateway: {
        /** Addresses other clusters dial; empty until the gateway's load balancer has one. */
        addresses: string[];
        port: number;
        identity: string;
        probe: { path: string; port: number; periodSeconds: number };
    };
}

/** Remote-access tokens of a cluster, by source cluster name (secret). */
export type LinkTokens = Record<string, string>;

/**
 * Checks that `value` (read from another stack) is a complete bundle. Returns the problems found,
 * each naming the missing or malformed field.
 */
export function linkBundleProblems(value: unknown): string[] {
    if (!value || typeof value !== "object") {
        return ["the bundle is not an object"];
    }
    const b = value as Record<string, unknown>;
    const problems: string[] = [];
    const string = (path: string, v: unknown) => {
        if (typeof v !== "string" || v === "") {
            problems.push(`${path} is missing or not a string`);
        }
    };
    if (b.format !== LINK_BUNDLE_FORMAT) {
        problems.push(`format is ${JSON.stringify(b.format)}, this program reads format ${LINK_BUNDLE_FORMAT}`);
    }
    for (const field of [
        "clusterName",
        "apiServerUrl",
        "apiServerCaData",
        "clusterDomain",
        "trustDomain",
        "linkerdNamespace",
        "linkerdVersion",
        "trustAnchorsPem",
    ]) {
        string(field, b[field]);
    }
    for (const field of ["trustAnchorFingerprints", "allowedSources"]) {
        if (!Array.isArray(b[field]) || !(b[field] as unknown[]).every((x) => typeof x === "string")) {
            problems.push(`${field} is missing or not a list of strings`);
        }
    }
    if (typeof b.flatNetwork !== "boolean") {
        problems.push("flatNetwork is missing or not a boolean");
    }
    const gateway = b.gateway as Record<string, unknown> | undefined;
    if (!gateway || typeof gateway !== "object") {
        problems.push("gateway is missing");
    } else {
        if (!Array.isArray(gateway.addresses)) {
            problems.push("gateway.addresses is missing or not a list");
        }
        if (typeof gateway.port !== "number") {
            problems.push("gateway.port is missing or not a number");
        }
        string("gateway.identity", gateway.identity);
        const probe = gateway.probe as Record<string, unknown> | undefined;
        if (!probe || typeof probe !== "object") {
            problems.push("gateway.probe is missing");
        } else {
            string("gateway.probe.path", probe.path);
            if (typeof probe.port !== "number") {
                problems.push("gateway.probe.port is missing or not a number");
            }
            if (typeof probe.periodSeconds !== "number") {
                problems.push("gateway.probe.periodSeconds is missing or not a number");
            }
        }
    }
    return problems;
}
