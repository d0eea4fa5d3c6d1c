// The Linkerd releases this program supports, with what each release itself states about the
// versions around it. Every value and window here was read from linkerd/linkerd2 at the release's
// tag; tests/upstream/releases.ts records the same facts with their source paths, and the tests
// keep the two equal. Supporting a new release means reading its charts again (README: upgrading).

export interface LinkerdRelease {
    /** The edge tag, also the charts' appVersion and image tag. */
    tag: string;
    /** The Gateway API releases the release supports: `[oldest, newest]`, and the one installed by default. */
    gatewayApi: { oldest: string; newest: string; recommended: string };
    /** Kubernetes: the charts' kubeVersion floor, and the newest version upstream tests the release with. */
    kubernetes: { oldest: string; newestTested: string };
}

/** By chart version (`20YY.M.N` for tag `edge-YY.M.N`). */
export const LINKERD_RELEASES: Readonly<Record<string, LinkerdRelease>> = {
    // Linkerd 2.20.
    "2026.6.3": {
        tag: "edge-26.6.3",
        gatewayApi: { oldest: "v1.1.1", newest: "v1.2.1", recommended: "v1.2.1" },
        kubernetes: { oldest: "1.31.0", newestTested: "1.35.3" },
    },
    "2026.8.3": {
        tag: "edge-26.8.3",
        gatewayApi: { oldest: "v1.2.1", newest: "v1.5.1", recommended: "v1.5.1" },
        kubernetes: { oldest: "1.31.0", newestTested: "1.36.3" },
    },
};

/** The release installed by default: the newest one whose facts are recorded. */
export const DEFAULT_CHART_VERSION = "2026.8.3";

/** Linkerd's Helm repository. Open-source Linkerd ships edge releases only; `/stable` is frozen at 2.14. */
export const LINKERD_EDGE_REPOSITORY = "https://helm.linkerd.io/edge";

/** Compares `vX.Y.Z` / `X.Y.Z` versions; undefined when either is not of that form. */
export function compareVersions(a: string, b: string): number | undefined {
    const parse = (v: string) => /^v?(\d+)\.(\d+)\.(\d+)$/.exec(v)?.slice(1).map(Number);
    const [x, y] = [parse(a), parse(b)];
    if (!x || !y) {
        return undefined;
    }
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** Whether `version` is within `[oldest, newest]`. */
export function withinWindow(version: string, oldest: string, newest: string): boolean {
    const low = compareVersions(version, oldest);
    const high = compareVersions(version, newest);
    return low !== undefined && high !== undefined && low >= 0 && high <= 0;
}

/** The standard-channel manifest of a Gateway API release (CRDs only). */
export function gatewayApiStandardInstallUrl(version: string): string {
    return `https://github.com/kubernetes-sigs/gateway-api/releases/download/${version}/standard-install.yaml`;
}
