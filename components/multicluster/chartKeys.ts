// Value keys of the pinned linkerd-multicluster chart (multicluster/charts/linkerd-multicluster and charts/partials), the same at edge-26.6.3 and
// edge-26.8.3: the paths of values.yaml and every `.Values` path the chart's templates read, with
// the partials they include. Maps and lists (annotations, selectors, tolerations, resources) are
// free-form: anything below them is the user's. See charts/keys.ts.
import { chartKeys } from "../charts/keys.ts";

export const MULTICLUSTER_CHART_KEYS = chartKeys(
    "linkerd-multicluster",
    `
cliVersion cniEnabled commonLabels
controllerDefaults.GID controllerDefaults.UID controllerDefaults.enableHeadlessServices controllerDefaults.enablePodAntiAffinity controllerDefaults.enablePprof controllerDefaults.gateway.enabled controllerDefaults.gateway.probe.port controllerDefaults.image.name controllerDefaults.image.pullPolicy controllerDefaults.image.version controllerDefaults.logFormat controllerDefaults.logLevel controllerDefaults.nodeAffinity controllerDefaults.nodeSelector controllerDefaults.replicas controllerDefaults.resources controllerDefaults.retryLimit controllerDefaults.tolerations
controllers createNamespaceMetadataJob enableNamespaceCreation enablePodAntiAffinity enablePSP
gateway.GID gateway.UID gateway.deploymentAnnotations gateway.enabled gateway.healthCheckNodePort gateway.loadBalancerClass gateway.loadBalancerIP gateway.loadBalancerSourceRanges gateway.name gateway.nodePort gateway.nodeSelector gateway.pauseImage gateway.port gateway.probe.nodePort gateway.probe.path gateway.probe.port gateway.probe.seconds gateway.replicas gateway.serviceAnnotations gateway.serviceExternalTrafficPolicy gateway.serviceType gateway.terminationGracePeriodSeconds gateway.tolerations
identityTrustDomain image imagePullPolicy imagePullSecrets linkerdNamespace linkerdVersion
localServiceMirror.GID localServiceMirror.UID localServiceMirror.additionalEnv localServiceMirror.enablePprof localServiceMirror.excludedAnnotations localServiceMirror.excludedLabels localServiceMirror.experimentalEnv localServiceMirror.federatedServiceSelector localServiceMirror.image.name localServiceMirror.image.pullPolicy localServiceMirror.image.version localServiceMirror.logFormat localServiceMirror.logLevel localServiceMirror.replicas localServiceMirror.resources localServiceMirror.serviceMirrorRetryLimit
namespaceMetadata.image.name namespaceMetadata.image.pullPolicy namespaceMetadata.image.registry namespaceMetadata.image.tag namespaceMetadata.nodeSelector namespaceMetadata.tolerations
nodeAffinity nodeSelector podAnnotations podLabels proxyOutboundPort remoteMirrorServiceAccount
remoteMirrorServiceAccountName revisionHistoryLimit serviceMirrorAdditionalEnv serviceMirrorExperimentalEnv
tolerations
`,
    [
        "commonLabels",
        "controllerDefaults.nodeAffinity",
        "controllerDefaults.nodeSelector",
        "controllerDefaults.resources",
        "controllerDefaults.tolerations",
        "controllers",
        "gateway.deploymentAnnotations",
        "gateway.loadBalancerSourceRanges",
        "gateway.nodeSelector",
        "gateway.serviceAnnotations",
        "gateway.tolerations",
        "imagePullSecrets",
        "localServiceMirror.additionalEnv",
        "localServiceMirror.experimentalEnv",
        "localServiceMirror.resources",
        "namespaceMetadata.nodeSelector",
        "namespaceMetadata.tolerations",
        "nodeAffinity",
        "nodeSelector",
        "podAnnotations",
        "podLabels",
        "serviceMirrorAdditionalEnv",
        "serviceMirrorExperimentalEnv",
        "tolerations",
    ],
);
