// Value keys of the pinned linkerd-viz chart (viz/charts/linkerd-viz and charts/partials), the same at edge-26.6.3 and
// edge-26.8.3: the paths of values.yaml and every `.Values` path the chart's templates read, with
// the partials they include. Maps and lists (annotations, selectors, tolerations, resources) are
// free-form: anything below them is the user's. See charts/keys.ts.
import { chartKeys } from "../charts/keys.ts";

export const VIZ_CHART_KEYS = chartKeys(
    "linkerd-viz",
    `
cliVersion clusterDomain cniEnabled commonLabels createNamespaceMetadataJob
dashboard.GID dashboard.UID dashboard.enforcedHostRegexp dashboard.image.name dashboard.image.pullPolicy dashboard.image.registry dashboard.image.tag dashboard.logFormat dashboard.logLevel dashboard.proxy dashboard.replicas dashboard.resources.cpu.limit dashboard.resources.cpu.request dashboard.resources.ephemeral-storage.limit dashboard.resources.ephemeral-storage.request dashboard.resources.memory.limit dashboard.resources.memory.request dashboard.restrictPrivileges dashboard.service.annotations dashboard.service.labels
defaultGID defaultImagePullPolicy defaultLogFormat defaultLogLevel defaultRegistry defaultUID
enablePodAntiAffinity enablePodDisruptionBudget enablePprof enablePSP
grafana.externalUrl grafana.uidPrefix grafana.url identityTrustDomain image imagePullSecrets jaegerUrl
linkerdNamespace linkerdVersion
metricsAPI.GID metricsAPI.UID metricsAPI.image.name metricsAPI.image.pullPolicy metricsAPI.image.registry metricsAPI.image.tag metricsAPI.logFormat metricsAPI.logLevel metricsAPI.nodeSelector metricsAPI.proxy metricsAPI.replicas metricsAPI.resources.cpu.limit metricsAPI.resources.cpu.request metricsAPI.resources.ephemeral-storage.limit metricsAPI.resources.ephemeral-storage.request metricsAPI.resources.memory.limit metricsAPI.resources.memory.request metricsAPI.service.annotations metricsAPI.tolerations
namespaceMetadata.image.name namespaceMetadata.image.pullPolicy namespaceMetadata.image.registry namespaceMetadata.image.tag namespaceMetadata.nodeSelector namespaceMetadata.tolerations
nodeAffinity nodeSelector podAnnotations podLabels
prometheus.alertRelabelConfigs prometheus.alertmanagers prometheus.args.config.file prometheus.args.storage.tsdb.path prometheus.args.storage.tsdb.retention.time prometheus.enabled prometheus.globalConfig.evaluation_interval prometheus.globalConfig.scrape_interval prometheus.globalConfig.scrape_timeout prometheus.image.name prometheus.image.pullPolicy prometheus.image.registry prometheus.image.tag prometheus.logFormat prometheus.logLevel prometheus.metricRelabelConfigs prometheus.nodeSelector prometheus.persistence.accessMode prometheus.persistence.size prometheus.persistence.storageClass prometheus.podAnnotations prometheus.proxy prometheus.remoteWrite prometheus.resources.cpu.limit prometheus.resources.cpu.request prometheus.resources.ephemeral-storage.limit prometheus.resources.ephemeral-storage.request prometheus.resources.memory.limit prometheus.resources.memory.request prometheus.ruleConfigMapMounts prometheus.scrapeConfigs prometheus.sidecarContainers prometheus.tolerations
prometheusCredsSecret prometheusUrl proxyContainerName revisionHistoryLimit
tap.GID tap.UID tap.caBundle tap.crtPEM tap.externalSecret tap.ignoreHeaders tap.image.name tap.image.pullPolicy tap.image.registry tap.image.tag tap.injectCaFrom tap.injectCaFromSecret tap.keyPEM tap.logFormat tap.logLevel tap.proxy tap.replicas tap.resources.cpu.limit tap.resources.cpu.request tap.resources.ephemeral-storage.limit tap.resources.ephemeral-storage.request tap.resources.memory.limit tap.resources.memory.request tap.service.annotations
tapInjector.GID tapInjector.UID tapInjector.caBundle tapInjector.crtPEM tapInjector.externalSecret tapInjector.failurePolicy tapInjector.image.name tapInjector.image.pullPolicy tapInjector.image.registry tapInjector.image.tag tapInjector.injectCaFrom tapInjector.injectCaFromSecret tapInjector.keyPEM tapInjector.logFormat tapInjector.logLevel tapInjector.namespaceSelector.matchExpressions tapInjector.objectSelector tapInjector.proxy tapInjector.replicas tapInjector.resources.cpu.limit tapInjector.resources.cpu.request tapInjector.resources.ephemeral-storage.limit tapInjector.resources.ephemeral-storage.request tapInjector.resources.memory.limit tapInjector.resources.memory.request tapInjector.service.annotations
tolerations
`,
    [
        "commonLabels",
        "dashboard.service.annotations",
        "dashboard.service.labels",
        "imagePullSecrets",
        "metricsAPI.nodeSelector",
        "metricsAPI.service.annotations",
        "namespaceMetadata.nodeSelector",
        "nodeAffinity",
        "nodeSelector",
        "podAnnotations",
        "podLabels",
        "prometheus.nodeSelector",
        "prometheus.podAnnotations",
        "tap.ignoreHeaders",
        "tap.service.annotations",
        "tapInjector.namespaceSelector.matchExpressions",
        "tapInjector.service.annotations",
    ],
);
