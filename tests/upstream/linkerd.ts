// Facts about the linkerd-control-plane and linkerd-crds charts (linkerd/linkerd2 at tags
// edge-26.6.3 and edge-26.8.3, identical in these files), written down by hand for the tests: the
// oracle the program's values are checked against. The charts' value keys are runtime data of the
// program (components/controlPlane/chartKeys.ts). Re-read the charts when a release is added.

/**
 * charts/linkerd-control-plane/values-ha.yaml, flattened to dotted paths, YAML anchors expanded
 * (`controller_resources`: cpu limit "" request 100m, memory limit 250Mi request 50Mi).
 */
export const CONTROL_PLANE_HA_VALUES: Readonly<Record<string, unknown>> = {
    enablePodDisruptionBudget: true,
    "controller.podDisruptionBudget.maxUnavailable": 1,
    "deploymentStrategy.rollingUpdate.maxUnavailable": 1,
    "deploymentStrategy.rollingUpdate.maxSurge": "25%",
    enablePodAntiAffinity: true,
    "proxy.resources.cpu.request": "100m",
    "proxy.resources.memory.limit": "250Mi",
    "proxy.resources.memory.request": "20Mi",
    controllerReplicas: 3,
    "controllerResources.cpu.limit": "",
    "controllerResources.cpu.request": "100m",
    "controllerResources.memory.limit": "250Mi",
    "controllerResources.memory.request": "50Mi",
    "destinationResources.cpu.limit": "",
    "destinationResources.cpu.request": "100m",
    "destinationResources.memory.limit": "250Mi",
    "destinationResources.memory.request": "50Mi",
    "identityResources.cpu.limit": "",
    "identityResources.cpu.request": "100m",
    "identityResources.memory.limit": "250Mi",
    "identityResources.memory.request": "10Mi",
    "heartbeatResources.cpu.limit": "",
    "heartbeatResources.cpu.request": "100m",
    "heartbeatResources.memory.limit": "250Mi",
    "heartbeatResources.memory.request": "50Mi",
    "proxyInjectorResources.cpu.limit": "",
    "proxyInjectorResources.cpu.request": "100m",
    "proxyInjectorResources.memory.limit": "250Mi",
    "proxyInjectorResources.memory.request": "50Mi",
    webhookFailurePolicy: "Fail",
    "spValidatorResources.cpu.limit": "",
    "spValidatorResources.cpu.request": "100m",
    "spValidatorResources.memory.limit": "250Mi",
    "spValidatorResources.memory.request": "50Mi",
    highAvailability: true,
};

/** Metadata of the `linkerd` namespace as charts/linkerd-control-plane/templates/namespace.yaml renders it (cniEnabled false). */
export const LINKERD_NAMESPACE_METADATA = {
    labels: {
        "linkerd.io/is-control-plane": "true",
        "config.linkerd.io/admission-webhooks": "disabled",
        "linkerd.io/control-plane-ns": "linkerd",
        "pod-security.kubernetes.io/enforce": "privileged",
    },
    annotations: { "linkerd.io/inject": "disabled" },
};

/** Service names the control-plane webhooks are reached at (their certificates' DNS names). */
export const CONTROL_PLANE_WEBHOOK_DNS_NAMES = {
    proxyInjector: "linkerd-proxy-injector.linkerd.svc",
    profileValidator: "linkerd-sp-validator.linkerd.svc",
    policyValidator: "linkerd-policy-validator.linkerd.svc",
};
