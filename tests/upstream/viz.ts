// Facts about the pinned linkerd-viz chart (linkerd/linkerd2 at edge-26.6.3, viz/charts/linkerd-viz),
// written down by hand as the tests' oracle. Not used by the program.

/** Every value key of linkerd-viz: paths in values.yaml plus `.Values.…` paths read by its templates. */
export const VIZ_KEYS: readonly string[] = [
    "cliVersion",
    "clusterDomain",
    "clusterNetworks",
    "cniEnabled",
    "commonLabels",
    "controller",
    "controller.tracing",
    "controller.tracing.collector",
    "controller.tracing.collector.endpoint",
    "createNamespaceMetadataJob",
    "dashboard",
    "dashboard.GID",
    "dashboard.UID",
    "dashboard.enforcedHostRegexp",
    "dashboard.image",
    "dashboard.image.name",
    "dashboard.image.pullPolicy",
    "dashboard.image.registry",
    "dashboard.image.tag",
    "dashboard.logFormat",
    "dashboard.logLevel",
    "dashboard.proxy",
    "dashboard.replicas",
    "dashboard.resources",
    "dashboard.resources.cpu",
    "dashboard.resources.cpu.limit",
    "dashboard.resources.cpu.request",
    "dashboard.resources.ephemeral-storage",
    "dashboard.resources.ephemeral-storage.limit",
    "dashboard.resources.ephemeral-storage.request",
    "dashboard.resources.memory",
    "dashboard.resources.memory.limit",
    "dashboard.resources.memory.request",
    "dashboard.restrictPrivileges",
    "dashboard.service",
    "dashboard.service.annotations",
    "dashboard.service.labels",
    "debugContainer",
    "debugContainer.image",
    "debugContainer.image.name",
    "debugContainer.image.pullPolicy",
    "debugContainer.image.version",
    "defaultGID",
    "defaultImagePullPolicy",
    "defaultLogFormat",
    "defaultLogLevel",
    "defaultRegistry",
    "defaultUID",
    "disableIPv6",
    "enablePSP",
    "enablePodAntiAffinity",
    "enablePodDisruptionBudget",
    "enablePprof",
    "grafana",
    "grafana.externalUrl",
    "grafana.uidPrefix",
    "grafana.url",
    "identity",
    "identity.serviceAccountTokenProjection",
    "identityTrustAnchorsPEM",
    "identityTrustDomain",
    "image",
    "imagePullPolicy",
    "imagePullSecrets",
    "jaegerUrl",
    "linkerdNamespace",
    "linkerdVersion",
    "metricsAPI",
    "metricsAPI.GID",
    "metricsAPI.UID",
    "metricsAPI.image",
    "metricsAPI.image.name",
    "metricsAPI.image.pullPolicy",
    "metricsAPI.image.registry",
    "metricsAPI.image.tag",
    "metricsAPI.logFormat",
    "metricsAPI.logLevel",
    "metricsAPI.nodeSelector",
    "metricsAPI.nodeSelector.kubernetes.io/os",
    "metricsAPI.proxy",
    "metricsAPI.replicas",
    "metricsAPI.resources",
    "metricsAPI.resources.cpu",
    "metricsAPI.resources.cpu.limit",
    "metricsAPI.resources.cpu.request",
    "metricsAPI.resources.ephemeral-storage",
    "metricsAPI.resources.ephemeral-storage.limit",
    "metricsAPI.resources.ephemeral-storage.request",
    "metricsAPI.resources.memory",
    "metricsAPI.resources.memory.limit",
    "metricsAPI.resources.memory.request",
    "metricsAPI.service",
    "metricsAPI.service.annotations",
    "metricsAPI.tolerations",
    "namespaceMetadata",
    "namespaceMetadata.image",
    "namespaceMetadata.image.name",
    "namespaceMetadata.image.pullPolicy",
    "namespaceMetadata.image.registry",
    "namespaceMetadata.image.tag",
    "namespaceMetadata.nodeSelector",
    "namespaceMetadata.nodeSelector.kubernetes.io/os",
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
    "nodeSelector.kubernetes.io/os",
    "podAnnotations",
    "podLabels",
    "prometheus",
    "prometheus.alertRelabelConfigs",
    "prometheus.alertmanagers",
    "prometheus.args",
    "prometheus.args.config.file",
    "prometheus.args.storage.tsdb.path",
    "prometheus.args.storage.tsdb.retention.time",
    "prometheus.enabled",
    "prometheus.globalConfig",
    "prometheus.globalConfig.evaluation_interval",
    "prometheus.globalConfig.scrape_interval",
    "prometheus.globalConfig.scrape_timeout",
    "prometheus.image",
    "prometheus.image.name",
    "prometheus.image.pullPolicy",
    "prometheus.image.registry",
    "prometheus.image.tag",
    "prometheus.logFormat",
    "prometheus.logLevel",
    "prometheus.metricRelabelConfigs",
    "prometheus.nodeSelector",
    "prometheus.nodeSelector.kubernetes.io/os",
    "prometheus.persistence",
    "prometheus.persistence.accessMode",
    "prometheus.persistence.size",
    "prometheus.persistence.storageClass",
    "prometheus.podAnnotations",
    "prometheus.proxy",
    "prometheus.remoteWrite",
    "prometheus.resources",
    "prometheus.resources.cpu",
    "prometheus.resources.cpu.limit",
    "prometheus.resources.cpu.request",
    "prometheus.resources.ephemeral-storage",
    "prometheus.resources.ephemeral-storage.limit",
    "prometheus.resources.ephemeral-storage.request",
    "prometheus.resources.memory",
    "prometheus.resources.memory.limit",
    "prometheus.resources.memory.request",
    "prometheus.ruleConfigMapMounts",
    "prometheus.scrapeConfigs",
    "prometheus.sidecarContainers",
    "prometheus.tolerations",
    "prometheusCredsSecret",
    "prometheusUrl",
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
    "proxyContainerName",
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
    "revisionHistoryLimit",
    "tap",
    "tap.GID",
    "tap.UID",
    "tap.caBundle",
    "tap.crtPEM",
    "tap.externalSecret",
    "tap.ignoreHeaders",
    "tap.image",
    "tap.image.name",
    "tap.image.pullPolicy",
    "tap.image.registry",
    "tap.image.tag",
    "tap.injectCaFrom",
    "tap.injectCaFromSecret",
    "tap.keyPEM",
    "tap.logFormat",
    "tap.logLevel",
    "tap.proxy",
    "tap.replicas",
    "tap.resources",
    "tap.resources.cpu",
    "tap.resources.cpu.limit",
    "tap.resources.cpu.request",
    "tap.resources.ephemeral-storage",
    "tap.resources.ephemeral-storage.limit",
    "tap.resources.ephemeral-storage.request",
    "tap.resources.memory",
    "tap.resources.memory.limit",
    "tap.resources.memory.request",
    "tap.service",
    "tap.service.annotations",
    "tapInjector",
    "tapInjector.GID",
    "tapInjector.UID",
    "tapInjector.caBundle",
    "tapInjector.crtPEM",
    "tapInjector.externalSecret",
    "tapInjector.failurePolicy",
    "tapInjector.image",
    "tapInjector.image.name",
    "tapInjector.image.pullPolicy",
    "tapInjector.image.registry",
    "tapInjector.image.tag",
    "tapInjector.injectCaFrom",
    "tapInjector.injectCaFromSecret",
    "tapInjector.keyPEM",
    "tapInjector.logFormat",
    "tapInjector.logLevel",
    "tapInjector.namespaceSelector",
    "tapInjector.namespaceSelector.matchExpressions",
    "tapInjector.objectSelector",
    "tapInjector.proxy",
    "tapInjector.replicas",
    "tapInjector.resources",
    "tapInjector.resources.cpu",
    "tapInjector.resources.cpu.limit",
    "tapInjector.resources.cpu.request",
    "tapInjector.resources.ephemeral-storage",
    "tapInjector.resources.ephemeral-storage.limit",
    "tapInjector.resources.ephemeral-storage.request",
    "tapInjector.resources.memory",
    "tapInjector.resources.memory.limit",
    "tapInjector.resources.memory.request",
    "tapInjector.service",
    "tapInjector.service.annotations",
    "tolerations",
];

/** Keys that only exist in values-ha.yaml (`resources` holds a YAML anchor there). */
export const VIZ_HA_ONLY_KEYS: readonly string[] = [
    "resources",
    "resources.cpu.limit",
    "resources.cpu.request",
    "resources.memory.limit",
    "resources.memory.request",
];

/** viz/charts/linkerd-viz/values-ha.yaml, flattened, anchors expanded. */
export const VIZ_HA_VALUES: Readonly<Record<string, unknown>> = {
    enablePodAntiAffinity: true,
    enablePodDisruptionBudget: true,
    "resources.cpu.limit": "",
    "resources.cpu.request": "100m",
    "resources.memory.limit": "250Mi",
    "resources.memory.request": "50Mi",
    "tap.replicas": 3,
    "tap.resources.cpu.limit": "",
    "tap.resources.cpu.request": "100m",
    "tap.resources.memory.limit": "250Mi",
    "tap.resources.memory.request": "50Mi",
    "dashboard.resources.cpu.limit": "",
    "dashboard.resources.cpu.request": "100m",
    "dashboard.resources.memory.limit": "250Mi",
    "dashboard.resources.memory.request": "50Mi",
    "prometheus.resources.cpu.limit": "",
    "prometheus.resources.cpu.request": "300m",
    "prometheus.resources.memory.limit": "8192Mi",
    "prometheus.resources.memory.request": "300Mi",
};

/**
 * The scrape jobs of the chart's own Prometheus (templates/prometheus.yaml, ConfigMap
 * prometheus-config), rendered for linkerdNamespace "linkerd", release namespace "linkerd-viz" and
 * the default proxy container name. The chart's global scrape_interval and scrape_timeout are 10s
 * (prometheus.globalConfig). The `prometheus` self-scrape and the optional cAdvisor job are not
 * needed by viz.
 */
export const CHART_SCRAPE_JOBS_YAML = `
- job_name: 'linkerd-controller'
  kubernetes_sd_configs:
  - role: pod
    namespaces:
      names:
      - 'linkerd'
      - 'linkerd-viz'
  relabel_configs:
  - source_labels:
    - __meta_kubernetes_pod_container_port_name
    action: keep
    regex: .*admin$
  - source_labels:
    - __meta_kubernetes_pod_container_port_name
    action: drop
    regex: linkerd-admin
  - source_labels: [__meta_kubernetes_pod_container_name]
    action: replace
    target_label: component

- job_name: 'linkerd-multicluster-controller'
  kubernetes_sd_configs:
  - role: pod
  relabel_configs:
  - source_labels:
    - __meta_kubernetes_pod_label_component
    - __meta_kubernetes_pod_container_port_name
    action: keep
    regex: (linkerd-service-mirror|controller);.*-admin$
  - source_labels:
    - __meta_kubernetes_pod_container_port_name
    action: drop
    regex: linkerd-admin
  - source_labels: [__meta_kubernetes_pod_container_name]
    action: replace
    target_label: component

- job_name: 'linkerd-proxy'
  kubernetes_sd_configs:
  - role: pod
  relabel_configs:
  - source_labels: [__meta_kubernetes_pod_phase]
    regex: (Pending|Running)
    action: keep
  - source_labels:
    - __meta_kubernetes_pod_container_name
    - __meta_kubernetes_pod_container_port_name
    - __meta_kubernetes_pod_label_linkerd_io_control_plane_ns
    action: keep
    regex: ^linkerd-proxy;linkerd-admin;linkerd$
  - source_labels: [__meta_kubernetes_namespace]
    action: replace
    target_label: namespace
  - source_labels: [__meta_kubernetes_pod_name]
    action: replace
    target_label: pod
  - source_labels: [__meta_kubernetes_pod_label_linkerd_io_proxy_job]
    action: replace
    target_label: k8s_job
  - action: labeldrop
    regex: __meta_kubernetes_pod_label_linkerd_io_proxy_job
  - action: labelmap
    regex: __meta_kubernetes_pod_label_linkerd_io_proxy_(.+)
  - action: labeldrop
    regex: __meta_kubernetes_pod_label_linkerd_io_proxy_(.+)
  - action: labelmap
    regex: __meta_kubernetes_pod_label_linkerd_io_(.+)
  - action: labelmap
    regex: __meta_kubernetes_pod_label_(.+)
    replacement: __tmp_pod_label_$1
  - action: labelmap
    regex: __tmp_pod_label_linkerd_io_(.+)
    replacement:  __tmp_pod_label_$1
  - action: labeldrop
    regex: __tmp_pod_label_linkerd_io_(.+)
  - action: labelmap
    regex: __tmp_pod_label_(.+)
`;

/** Global scrape settings of the chart's own Prometheus (values.yaml prometheus.globalConfig). */
export const CHART_PROMETHEUS_GLOBAL = { scrape_interval: "10s", scrape_timeout: "10s" };

/**
 * Admin port names of the control-plane containers at this version (after linkerd2#14111 renamed
 * them; the external-Prometheus docs page still shows the stale `admin-http`). A scrape job must
 * keep every one of them.
 */
export const CONTROL_PLANE_ADMIN_PORTS = [
    "dest-admin",
    "ident-admin",
    "injector-admin",
    "spval-admin",
    "policy-admin",
    "admin",
];

/** Namespace metadata the chart's namespace-metadata hook Job (and the CLI's template) set. */
export function vizNamespaceMetadataFor(prometheusUrl: string) {
    return {
        labels: { "linkerd.io/extension": "viz", "pod-security.kubernetes.io/enforce": "privileged" },
        annotations: { "viz.linkerd.io/external-prometheus": prometheusUrl },
    };
}

/** ClusterRole the chart creates for `linkerd viz tap` access (templates/tap-rbac.yaml). */
export const TAP_ADMIN_CLUSTER_ROLE = "linkerd-linkerd-viz-tap-admin";

/** Serving certificate DNS names of viz's tap APIService and tap-injector webhook. */
export const VIZ_WEBHOOK_DNS_NAMES = { tap: "tap.linkerd-viz.svc", tapInjector: "tap-injector.linkerd-viz.svc" };
