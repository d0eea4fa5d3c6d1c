// Facts about the pinned linkerd-multicluster chart and `linkerd multicluster link-gen`
// (linkerd/linkerd2 at edge-26.6.3: multicluster/charts/linkerd-multicluster, multicluster/cmd/link-gen.go),
// written down by hand as the tests' oracle. Not used by the program.

/** Every value key of linkerd-multicluster: paths in values.yaml plus `.Values.…` paths read by its templates. */
export const MULTICLUSTER_KEYS: readonly string[] = [
    "cliVersion",
    "clusterDomain",
    "clusterNetworks",
    "cniEnabled",
    "commonLabels",
    "controller",
    "controller.tracing",
    "controller.tracing.collector",
    "controller.tracing.collector.endpoint",
    "controllerDefaults",
    "controllerDefaults.GID",
    "controllerDefaults.UID",
    "controllerDefaults.enableHeadlessServices",
    "controllerDefaults.enablePodAntiAffinity",
    "controllerDefaults.enablePprof",
    "controllerDefaults.gateway",
    "controllerDefaults.gateway.enabled",
    "controllerDefaults.gateway.probe",
    "controllerDefaults.gateway.probe.port",
    "controllerDefaults.image",
    "controllerDefaults.image.name",
    "controllerDefaults.image.pullPolicy",
    "controllerDefaults.image.version",
    "controllerDefaults.logFormat",
    "controllerDefaults.logLevel",
    "controllerDefaults.nodeAffinity",
    "controllerDefaults.nodeSelector",
    "controllerDefaults.replicas",
    "controllerDefaults.resources",
    "controllerDefaults.retryLimit",
    "controllerDefaults.tolerations",
    "controllers",
    "createNamespaceMetadataJob",
    "debugContainer",
    "debugContainer.image",
    "debugContainer.image.name",
    "debugContainer.image.pullPolicy",
    "debugContainer.image.version",
    "disableIPv6",
    "enableNamespaceCreation",
    "enablePSP",
    "enablePodAntiAffinity",
    "gateway",
    "gateway.GID",
    "gateway.UID",
    "gateway.deploymentAnnotations",
    "gateway.enabled",
    "gateway.healthCheckNodePort",
    "gateway.loadBalancerClass",
    "gateway.loadBalancerIP",
    "gateway.loadBalancerSourceRanges",
    "gateway.name",
    "gateway.nodePort",
    "gateway.nodeSelector",
    "gateway.pauseImage",
    "gateway.port",
    "gateway.probe",
    "gateway.probe.nodePort",
    "gateway.probe.path",
    "gateway.probe.port",
    "gateway.probe.seconds",
    "gateway.replicas",
    "gateway.serviceAnnotations",
    "gateway.serviceExternalTrafficPolicy",
    "gateway.serviceType",
    "gateway.terminationGracePeriodSeconds",
    "gateway.tolerations",
    "identity",
    "identity.serviceAccountTokenProjection",
    "identityTrustAnchorsPEM",
    "identityTrustDomain",
    "image",
    "imagePullPolicy",
    "imagePullSecrets",
    "linkerdNamespace",
    "linkerdVersion",
    "localServiceMirror",
    "localServiceMirror.GID",
    "localServiceMirror.UID",
    "localServiceMirror.additionalEnv",
    "localServiceMirror.enablePprof",
    "localServiceMirror.excludedAnnotations",
    "localServiceMirror.excludedLabels",
    "localServiceMirror.experimentalEnv",
    "localServiceMirror.federatedServiceSelector",
    "localServiceMirror.image",
    "localServiceMirror.image.name",
    "localServiceMirror.image.pullPolicy",
    "localServiceMirror.image.version",
    "localServiceMirror.logFormat",
    "localServiceMirror.logLevel",
    "localServiceMirror.replicas",
    "localServiceMirror.resources",
    "localServiceMirror.serviceMirrorRetryLimit",
    "namespaceMetadata",
    "namespaceMetadata.image",
    "namespaceMetadata.image.name",
    "namespaceMetadata.image.pullPolicy",
    "namespaceMetadata.image.registry",
    "namespaceMetadata.image.tag",
    "namespaceMetadata.nodeSelector",
    "namespaceMetadata.tolerations",
    "networkValidator",
    "networkValidator.connectAddr",
    "networkValidator.enableSecurityContext",
    "networkValidator.listenAddr",
    "networkValidator.logFormat",
    "networkValidator.logLevel",
    "networkValidator.securityContext",
    "networkValidator.timeout",
    "nodeAffinity",
    "nodeSelector",
    "podAnnotations",
    "podLabels",
    "proxy",
    "proxy.accessLog",
    "proxy.additionalEnv",
    "proxy.await",
    "proxy.capabilities",
    "proxy.capabilities.add",
    "proxy.capabilities.drop",
    "proxy.component",
    "proxy.control",
    "proxy.cores",
    "proxy.defaultInboundPolicy",
    "proxy.disableInboundProtocolDetectTimeout",
    "proxy.disableOutboundProtocolDetectTimeout",
    "proxy.enableExternalProfiles",
    "proxy.enableShutdownEndpoint",
    "proxy.experimentalEnv",
    "proxy.gid",
    "proxy.image",
    "proxy.image.name",
    "proxy.image.pullPolicy",
    "proxy.image.version",
    "proxy.inbound",
    "proxy.inboundConnectTimeout",
    "proxy.inboundDiscoveryCacheUnusedTimeout",
    "proxy.isGateway",
    "proxy.isIngress",
    "proxy.livenessProbe",
    "proxy.livenessProbe.initialDelaySeconds",
    "proxy.livenessProbe.timeoutSeconds",
    "proxy.loadTrustBundleFromConfigMap",
    "proxy.logFormat",
    "proxy.logHTTPHeaders",
    "proxy.logLevel",
    "proxy.metrics",
    "proxy.metrics.hostnameLabels",
    "proxy.nativeSidecar",
    "proxy.opaquePorts",
    "proxy.outbound",
    "proxy.outboundConnectTimeout",
    "proxy.outboundDiscoveryCacheUnusedTimeout",
    "proxy.podInboundPorts",
    "proxy.ports",
    "proxy.ports.admin",
    "proxy.ports.control",
    "proxy.ports.inbound",
    "proxy.ports.outbound",
    "proxy.readinessProbe",
    "proxy.readinessProbe.initialDelaySeconds",
    "proxy.readinessProbe.timeoutSeconds",
    "proxy.requireIdentityOnInboundPorts",
    "proxy.requireTLSOnInboundPorts",
    "proxy.resources",
    "proxy.runtime",
    "proxy.saMountPath",
    "proxy.saMountPath.mountPath",
    "proxy.saMountPath.name",
    "proxy.saMountPath.readOnly",
    "proxy.securityContext",
    "proxy.shutdownGracePeriod",
    "proxy.startupProbe",
    "proxy.startupProbe.failureThreshold",
    "proxy.startupProbe.initialDelaySeconds",
    "proxy.startupProbe.periodSeconds",
    "proxy.tracing",
    "proxy.tracing.collector",
    "proxy.tracing.collector.endpoint",
    "proxy.tracing.collector.meshIdentity",
    "proxy.tracing.collector.meshIdentity.namespace",
    "proxy.tracing.collector.meshIdentity.serviceAccountName",
    "proxy.tracing.labels",
    "proxy.tracing.protocol",
    "proxy.tracing.traceServiceName",
    "proxy.uid",
    "proxy.waitBeforeExitSeconds",
    "proxyInit",
    "proxyInit.capabilities",
    "proxyInit.capabilities.add",
    "proxyInit.capabilities.drop",
    "proxyInit.closeWaitTimeoutSecs",
    "proxyInit.ignoreInboundPorts",
    "proxyInit.ignoreOutboundPorts",
    "proxyInit.iptablesMode",
    "proxyInit.logFormat",
    "proxyInit.logLevel",
    "proxyInit.privileged",
    "proxyInit.runAsGroup",
    "proxyInit.runAsRoot",
    "proxyInit.runAsUser",
    "proxyInit.saMountPath",
    "proxyInit.saMountPath.mountPath",
    "proxyInit.saMountPath.name",
    "proxyInit.saMountPath.readOnly",
    "proxyInit.skipSubnets",
    "proxyInit.xtMountPath",
    "proxyInit.xtMountPath.mountPath",
    "proxyInit.xtMountPath.name",
    "proxyOutboundPort",
    "remoteMirrorServiceAccount",
    "remoteMirrorServiceAccountName",
    "revisionHistoryLimit",
    "serviceMirrorAdditionalEnv",
    "serviceMirrorExperimentalEnv",
    "tolerations",
];

/**
 * Keys a `controllers` entry may carry: `link.ref.name` (required) and, read with `dig`, any
 * `controllerDefaults` key.
 */
export const CONTROLLER_ENTRY_KEYS: readonly string[] = [
    "link.ref.name",
    ...MULTICLUSTER_KEYS.filter((k) => k.startsWith("controllerDefaults.")).map((k) =>
        k.slice("controllerDefaults.".length),
    ),
];

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
