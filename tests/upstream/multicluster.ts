// Facts about the pinned linkerd-multicluster chart and `linkerd multicluster link-gen`
// (linkerd/linkerd2 at edge-26.6.3: multicluster/charts/linkerd-multicluster, multicluster/cmd/link-gen.go),
// written down by hand as the tests' oracle. Not used by the program.

/** multicluster/charts/linkerd-multicluster/values-ha.yaml, flattened (the whole file). */
export const MULTICLUSTER_HA_VALUES: Readonly<Record<string, unknown>> = {
    "gateway.replicas": 3,
    enablePodAntiAffinity: true,
};

/** Namespace metadata the chart's namespace-metadata hook Job (and the CLI's template) set (no CNI). */
export const MULTICLUSTER_NAMESPACE_METADATA = {
    labels: { "linkerd.io/extension": "multicluster", "pod-security.kubernetes.io/enforce": "privileged" },
};

/** The gateway Service's identity annotation for the chart defaults (gateway.name, release namespace, linkerd, cluster.local). */
export const DEFAULT_GATEWAY_IDENTITY =
    "linkerd-gateway.linkerd-multicluster.serviceaccount.identity.linkerd.cluster.local";

/**
 * What `linkerd multicluster link-gen --cluster-name west` (CLI edge-26.6.3) prints for a target
 * cluster `west` installed with the chart defaults (LoadBalancer gateway with ingress IP
 * 203.0.113.10, port 4143, probe /ready on 4191 every 3 seconds, cluster.local), except the
 * Secrets' data and the Link's `status: {}`: three objects, in this order.
 */
export const LINK_GEN_WEST_YAML = `
apiVersion: v1
kind: Secret
type: mirror.linkerd.io/remote-kubeconfig
metadata:
  name: cluster-credentials-west
  namespace: linkerd-multicluster
---
apiVersion: v1
kind: Secret
type: mirror.linkerd.io/remote-kubeconfig
metadata:
  name: cluster-credentials-west
  namespace: linkerd
  labels:
    multicluster.linkerd.io/cluster-name: west
  annotations:
    multicluster.linkerd.io/trust-domain: cluster.local
    multicluster.linkerd.io/cluster-domain: cluster.local
---
apiVersion: multicluster.linkerd.io/v1alpha3
kind: Link
metadata:
  name: west
  namespace: linkerd-multicluster
  annotations:
    linkerd.io/created-by: linkerd/cli edge-26.6.3
spec:
  targetClusterName: west
  targetClusterDomain: cluster.local
  targetClusterLinkerdNamespace: linkerd
  clusterCredentialsSecret: cluster-credentials-west
  gatewayAddress: 203.0.113.10
  gatewayPort: "4143"
  gatewayIdentity: linkerd-gateway.linkerd-multicluster.serviceaccount.identity.linkerd.cluster.local
  probeSpec:
    path: /ready
    port: "4191"
    period: 3s
  selector:
    matchLabels:
      mirror.linkerd.io/exported: "true"
  remoteDiscoverySelector:
    matchLabels:
      mirror.linkerd.io/exported: remote-discovery
  federatedServiceSelector:
    matchLabels:
      mirror.linkerd.io/federated: member
`;

/** The Link spec `link-gen --gateway=false` prints for the same target: no gateway fields, an empty probeSpec. */
export const LINK_GEN_WEST_POD_TO_POD_SPEC_YAML = `
targetClusterName: west
targetClusterDomain: cluster.local
targetClusterLinkerdNamespace: linkerd
clusterCredentialsSecret: cluster-credentials-west
probeSpec: {}
remoteDiscoverySelector:
  matchLabels:
    mirror.linkerd.io/exported: remote-discovery
federatedServiceSelector:
  matchLabels:
    mirror.linkerd.io/federated: member
`;

/** Go's time.Duration strings for whole seconds, as link-gen converts the probe-period annotation. */
export const GO_DURATIONS: Readonly<Record<number, string>> = {
    3: "3s",
    60: "1m0s",
    90: "1m30s",
    3600: "1h0m0s",
    3661: "1h1m1s",
};
