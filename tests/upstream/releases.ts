// What each supported Linkerd release states about the versions around it, read from
// linkerd/linkerd2 at the release's tag. The program keeps the same facts in
// components/charts/releases.ts; the tests keep the two equal.

export interface ReleaseFacts {
    tag: string;
    gatewayApi: { oldest: string; newest: string; recommended: string; sources: string[] };
    kubernetes: { oldest: string; newestTested: string; sources: string[] };
}

export const RELEASE_FACTS: Readonly<Record<string, ReleaseFacts>> = {
    "2026.6.3": {
        tag: "edge-26.6.3",
        gatewayApi: {
            // The oldest tested: the integration matrix pairs the minimum Kubernetes with the minimum Gateway API.
            oldest: "v1.1.1",
            // The newest supported, as upstream states it at the tag.
            newest: "v1.2.1",
            recommended: "v1.2.1",
            sources: [
                '.github/workflows/integration.yml: `include: - k8s: v1.31 gateway-api: version: v1.1.1 channel: standard` ("the Minimum Supported Gateway API version")',
                'commit 779cc7e37 (#15213, in edge-26.5.1): "Replace this version with the maximum supported Gateway API version of v1.2.1"',
                "cli/cmd/install.go: the install hint applies gateway-api releases/download/v1.2.1/standard-install.yaml",
                'Cargo.toml: gateway-api = "0.16" (spec 1.2.1, per #15567\'s message)',
                'testutil/test_helper.go: const GATEWAY_API_VERSION = "v1.2.1"',
            ],
        },
        kubernetes: {
            oldest: "1.31.0",
            newestTested: "1.35.3",
            sources: [
                'charts/*/Chart.yaml, viz/charts/linkerd-viz/Chart.yaml, multicluster/charts/linkerd-multicluster/Chart.yaml: kubeVersion: ">=1.31.0-0"',
                "pkg/k8s/api.go: var minAPIVersion = [3]int{1, 31, 0}",
                "bin/_test-helpers.sh: k8s_version_max='docker.io/rancher/k3s:v1.35.3-k3s1'",
            ],
        },
    },
    "2026.8.3": {
        tag: "edge-26.8.3",
        gatewayApi: {
            oldest: "v1.2.1",
            newest: "v1.5.1",
            recommended: "v1.5.1",
            sources: [
                'commit 2f7472750 (#15567, first in edge-26.8.2): "bumps the gateway api spec support from 1.2.1 to 1.5.1 ... CI now covers v1.2.1/standard as the minimum and v1.5.1/experimental as the maximum"',
                ".github/workflows/integration.yml: minimum `k8s: v1.31 ... version: v1.2.1 channel: standard`, maximum `version: v1.5.1 channel: experimental`",
                "pkg/healthcheck/healthcheck.go: the gateway-api-crd hint applies releases/download/v1.5.1/standard-install.yaml",
                'Cargo.toml: gateway-api = "0.21"',
            ],
        },
        kubernetes: {
            oldest: "1.31.0",
            newestTested: "1.36.3",
            sources: [
                'every chart\'s Chart.yaml: kubeVersion: ">=1.31.0-0" (unchanged)',
                "pkg/k8s/api.go: var minAPIVersion = [3]int{1, 31, 0} (unchanged)",
                "bin/_test-helpers.sh: k8s_version_max='docker.io/rancher/k3s:v1.36.3-k3s1' (commit 57688337b, #15563)",
            ],
        },
    },
};

/**
 * What changed in the charts between the two tags (`git diff edge-26.6.3 edge-26.8.3 -- charts/
 * viz/charts multicluster/charts`): no value key was added or removed, and no values-ha.yaml changed.
 */
export const CHART_CHANGES_26_6_3_TO_26_8_3 = [
    "charts/linkerd2-cni/values.yaml: image.version v1.6.8 -> v1.7.0-alpha.1",
    "viz/charts/linkerd-viz/values.yaml: namespaceMetadata.image.tag v0.1.11 -> v0.1.12",
    "multicluster/charts/linkerd-multicluster/values.yaml: namespaceMetadata.image.tag v0.1.11 -> v0.1.12",
    "charts/partials/templates/_proxy.tpl: LINKERD2_PROXY_TRACE_COLLECTOR_SVC_NAME ends in the trust domain",
];
