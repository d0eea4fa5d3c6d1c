// Value keys of the pinned linkerd-crds, linkerd-control-plane and linkerd2-cni charts (charts/linkerd-crds, charts/linkerd-control-plane, charts/linkerd2-cni and charts/partials), the same at edge-26.6.3 and
// edge-26.8.3: the paths of values.yaml and every `.Values` path the chart's templates read, with
// the partials they include. Maps and lists (annotations, selectors, tolerations, resources) are
// free-form: anything below them is the user's. See charts/keys.ts.
import { chartKeys } from "../charts/keys.ts";

export const CRDS_CHART_KEYS = chartKeys(
    "linkerd-crds",
    `
cliVersion enableHttpRoutes enableTcpRoutes enableTlsRoutes image installGatewayAPI linkerdVersion
`,
    [],
);

export const CONTROL_PLANE_CHART_KEYS = chartKeys(
    "linkerd-control-plane",
    `
cliVersion clusterDomain clusterNetworks cniEnabled commonLabels configReaders
controller.podDisruptionBudget.maxUnavailable controller.tracing.collector.endpoint controller.tracing.enabled
controllerGID controllerImage controllerImageVersion controllerLogFormat controllerLogLevel
controllerReplicas controllerUID
debugContainer.image.name debugContainer.image.pullPolicy debugContainer.image.version
deploymentStrategy.rollingUpdate.maxSurge deploymentStrategy.rollingUpdate.maxUnavailable
destinationController.livenessProbe.timeoutSeconds destinationController.meshedHttp2ClientProtobuf.keep_alive.interval.seconds destinationController.meshedHttp2ClientProtobuf.keep_alive.timeout.seconds destinationController.meshedHttp2ClientProtobuf.keep_alive.while_idle destinationController.podAnnotations destinationController.readinessProbe.timeoutSeconds
destinationProxyResources destinationResources disableHeartBeat disableIPv6
egress.globalEgressNetworkNamespace enableEndpointSlices enableH2Upgrade enablePodAntiAffinity
enablePodDisruptionBudget enablePprof enablePSP heartbeat heartbeatResources heartbeatSchedule
identity.externalCA identity.issuer.clockSkewAllowance identity.issuer.issuanceLifetime identity.issuer.scheme identity.issuer.tls.crtPEM identity.issuer.tls.keyPEM identity.kubeAPI.clientBurst identity.kubeAPI.clientQPS identity.livenessProbe.timeoutSeconds identity.podAnnotations identity.readinessProbe.timeoutSeconds identity.serviceAccountTokenProjection
identityProxyResources identityResources identityTrustAnchorsPEM identityTrustDomain image imagePullPolicy
imagePullSecrets kubeAPI.clientBurst kubeAPI.clientQPS linkerdVersion
networkValidator.connectAddr networkValidator.enableSecurityContext networkValidator.listenAddr networkValidator.logFormat networkValidator.logLevel networkValidator.securityContext.allowPrivilegeEscalation networkValidator.securityContext.capabilities.drop networkValidator.securityContext.readOnlyRootFilesystem networkValidator.securityContext.runAsGroup networkValidator.securityContext.runAsNonRoot networkValidator.securityContext.runAsUser networkValidator.securityContext.seccompProfile.type networkValidator.timeout
nodeAffinity nodeSelector podAnnotations podLabels
podMonitor.controller.enabled podMonitor.controller.honorTimestamps podMonitor.controller.namespaceSelector podMonitor.enabled podMonitor.labels podMonitor.proxy.enabled podMonitor.proxy.honorTimestamps podMonitor.scrapeInterval podMonitor.scrapeTimeout podMonitor.serviceMirror.enabled podMonitor.serviceMirror.honorTimestamps
policyController.additionalArgs policyController.experimentalArgs policyController.livenessProbe.timeoutSeconds policyController.logLevel policyController.probeNetworks policyController.readinessProbe.timeoutSeconds policyController.resources.cpu.limit policyController.resources.cpu.request policyController.resources.ephemeral-storage.limit policyController.resources.ephemeral-storage.request policyController.resources.memory.limit policyController.resources.memory.request
policyValidator.caBundle policyValidator.crtPEM policyValidator.externalSecret policyValidator.injectCaFrom policyValidator.injectCaFromSecret policyValidator.keyPEM policyValidator.namespaceSelector.matchExpressions
priorityClassName
profileValidator.caBundle profileValidator.crtPEM profileValidator.externalSecret profileValidator.injectCaFrom profileValidator.injectCaFromSecret profileValidator.keyPEM profileValidator.namespaceSelector.matchExpressions
prometheusUrl
proxy.accessLog proxy.additionalEnv proxy.await proxy.capabilities.add proxy.capabilities.drop proxy.component proxy.control.streams.idleTimeout proxy.control.streams.initialTimeout proxy.control.streams.lifetime proxy.cores proxy.defaultInboundPolicy proxy.disableInboundProtocolDetectTimeout proxy.disableOutboundProtocolDetectTimeout proxy.enableExternalProfiles proxy.enableShutdownEndpoint proxy.experimentalEnv proxy.gid proxy.image.name proxy.image.pullPolicy proxy.image.version proxy.inbound.server.http2.keepAliveInterval proxy.inbound.server.http2.keepAliveTimeout proxy.inboundConnectTimeout proxy.inboundDiscoveryCacheUnusedTimeout proxy.isGateway proxy.isIngress proxy.livenessProbe.initialDelaySeconds proxy.livenessProbe.timeoutSeconds proxy.loadTrustBundleFromConfigMap proxy.logFormat proxy.logHTTPHeaders proxy.logLevel proxy.metrics.hostnameLabels proxy.nativeSidecar proxy.opaquePorts proxy.outbound.server.http2.keepAliveInterval proxy.outbound.server.http2.keepAliveTimeout proxy.outboundConnectTimeout proxy.outboundDiscoveryCacheUnusedTimeout proxy.outboundTransportMode proxy.podInboundPorts proxy.ports.admin proxy.ports.control proxy.ports.inbound proxy.ports.outbound proxy.readinessProbe.initialDelaySeconds proxy.readinessProbe.timeoutSeconds proxy.requireIdentityOnInboundPorts proxy.requireTLSOnInboundPorts proxy.resources.cpu.limit proxy.resources.cpu.request proxy.resources.ephemeral-storage.limit proxy.resources.ephemeral-storage.request proxy.resources.memory.limit proxy.resources.memory.request proxy.runtime.workers.maximumCPURatio proxy.runtime.workers.minimum proxy.saMountPath.mountPath proxy.saMountPath.name proxy.saMountPath.readOnly proxy.securityContext proxy.shutdownGracePeriod proxy.startupProbe.failureThreshold proxy.startupProbe.initialDelaySeconds proxy.startupProbe.periodSeconds proxy.tracing.collector.endpoint proxy.tracing.collector.meshIdentity.namespace proxy.tracing.collector.meshIdentity.serviceAccountName proxy.tracing.enabled proxy.tracing.labels.k8s.container.name proxy.tracing.labels.k8s.pod.ip proxy.tracing.labels.k8s.pod.uid proxy.tracing.protocol proxy.tracing.traceServiceName proxy.uid proxy.waitBeforeExitSeconds
proxyInit.capabilities.add proxyInit.capabilities.drop proxyInit.closeWaitTimeoutSecs proxyInit.ignoreInboundPorts proxyInit.ignoreOutboundPorts proxyInit.iptablesMode proxyInit.kubeAPIServerPorts proxyInit.logFormat proxyInit.logLevel proxyInit.privileged proxyInit.runAsGroup proxyInit.runAsRoot proxyInit.runAsUser proxyInit.saMountPath.mountPath proxyInit.saMountPath.name proxyInit.saMountPath.readOnly proxyInit.skipSubnets proxyInit.xtMountPath.mountPath proxyInit.xtMountPath.name
proxyInjector.caBundle proxyInjector.crtPEM proxyInjector.externalSecret proxyInjector.injectCaFrom proxyInjector.injectCaFromSecret proxyInjector.keyPEM proxyInjector.livenessProbe.timeoutSeconds proxyInjector.namespaceSelector.matchExpressions proxyInjector.objectSelector.matchExpressions proxyInjector.podAnnotations proxyInjector.readinessProbe.timeoutSeconds proxyInjector.timeoutSeconds
proxyInjectorProxyResources proxyInjectorResources revisionHistoryLimit runtimeClassName
spValidator.livenessProbe.timeoutSeconds spValidator.readinessProbe.timeoutSeconds spValidatorResources
tolerations webhookFailurePolicy
`,
    [
        "commonLabels",
        "destinationController.podAnnotations",
        "destinationProxyResources",
        "destinationResources",
        "heartbeatResources",
        "identity.podAnnotations",
        "identityProxyResources",
        "identityResources",
        "imagePullSecrets",
        "networkValidator.securityContext.capabilities.drop",
        "nodeAffinity",
        "nodeSelector",
        "podAnnotations",
        "podLabels",
        "podMonitor.labels",
        "policyController.additionalArgs",
        "policyController.experimentalArgs",
        "policyController.probeNetworks",
        "policyValidator.namespaceSelector.matchExpressions",
        "profileValidator.namespaceSelector.matchExpressions",
        "proxy.additionalEnv",
        "proxy.capabilities.add",
        "proxy.capabilities.drop",
        "proxy.experimentalEnv",
        "proxy.securityContext",
        "proxyInit.capabilities.add",
        "proxyInit.capabilities.drop",
        "proxyInjector.namespaceSelector.matchExpressions",
        "proxyInjector.objectSelector.matchExpressions",
        "proxyInjector.podAnnotations",
        "proxyInjectorProxyResources",
        "proxyInjectorResources",
        "spValidatorResources",
        "tolerations",
    ],
);

export const CNI_CHART_KEYS = chartKeys(
    "linkerd2-cni",
    `
cliVersion commonLabels destCNIBinDir destCNINetDir disableIPv6 enablePSP extraInitContainers
ignoreInboundPorts ignoreOutboundPorts image.name image.pullPolicy image.version imagePullSecrets
inboundProxyPort iptablesMode linkerdVersion logLevel nodeAffinity outboundProxyPort podLabels
portsToRedirect priorityClassName privileged proxyAdminPort proxyControlPort proxyGID proxyUID
repairController.enableSecurityContext repairController.enabled repairController.logFormat repairController.logLevel repairController.resources.cpu.limit repairController.resources.cpu.request repairController.resources.ephemeral-storage.limit repairController.resources.ephemeral-storage.request repairController.resources.memory.limit repairController.resources.memory.request
resources.cpu.limit resources.cpu.request resources.ephemeral-storage.limit resources.ephemeral-storage.request resources.memory.limit resources.memory.request
revisionHistoryLimit tolerations updateStrategy.rollingUpdate.maxUnavailable updateStrategy.type useWaitFlag
`,
    ["commonLabels", "extraInitContainers", "imagePullSecrets", "nodeAffinity", "podLabels", "tolerations"],
);
