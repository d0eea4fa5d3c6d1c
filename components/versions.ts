// Every version this program pins, in one place. The chart values written in this program
// (HA values, namespace metadata, scrape jobs, Link fields) were checked against these exact
// versions; the tests assert them, so a bump here is a deliberate, reviewed change.

/** Linkerd's Helm repository. Open-source Linkerd ships edge releases only; `/stable` is frozen at 2.14. */
export const LINKERD_CHART_REPOSITORY = "https://helm.linkerd.io/edge";

/** Chart version of Linkerd 2.20 (tag `edge-26.6.3`). Edge tag `edge-YY.M.N` is chart `20YY.M.N`. */
export const LINKERD_CHART_VERSION = "2026.6.3";

/** The Linkerd release the pinned chart version ships (its `appVersion`). */
export function linkerdReleaseOf(chartVersion: string): string {
    const [year, month, n] = chartVersion.split(".");
    return `edge-${Number(year) - 2000}.${month}.${n}`;
}

/**
 * Gateway API release installed by default. Linkerd 2.20 supports Gateway API 1.2.1 to 1.5.1 and
 * recommends 1.2.1; its own chart would bundle 1.1.1 (too old), so we install the upstream
 * standard channel ourselves.
 */
export const GATEWAY_API_VERSION = "v1.2.1";
export const GATEWAY_API_OLDEST_SUPPORTED = "v1.2.1";
export const GATEWAY_API_NEWEST_SUPPORTED = "v1.5.1";

/** The upstream standard-channel manifest of a Gateway API release (CRDs only). */
export function gatewayApiStandardInstallUrl(version: string): string {
    return `https://github.com/kubernetes-sigs/gateway-api/releases/download/${version}/standard-install.yaml`;
}
