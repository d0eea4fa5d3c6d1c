// More facts about the pinned linkerd-control-plane chart (linkerd/linkerd2 at edge-26.6.3 and
// edge-26.8.3, identical in these files), written down by hand as the tests' oracle; see linkerd.ts.

/**
 * The Kubernetes versions every pinned chart accepts: `kubeVersion` in charts/linkerd-crds,
 * charts/linkerd-control-plane, charts/linkerd2-cni, viz/charts/linkerd-viz and
 * multicluster/charts/linkerd-multicluster Chart.yaml, at both tags. Helm refuses to render the
 * chart for a Kubernetes version outside it.
 */
export const CHART_KUBE_VERSION = ">=1.31.0-0";

/** Defaults in charts/linkerd-control-plane/values.yaml that the program departs from only when asked. */
export const CONTROL_PLANE_DEFAULTS = {
    /** values.yaml: `identity.issuer.clockSkewAllowance: 20s` */
    "identity.issuer.clockSkewAllowance": "20s",
    /** values.yaml: `webhookFailurePolicy: Ignore` (values-ha.yaml sets Fail) */
    webhookFailurePolicy: "Ignore",
};

/**
 * The namespace label every control-plane webhook skips: values.yaml `proxyInjector.namespaceSelector`,
 * `profileValidator.namespaceSelector` and `policyValidator.namespaceSelector` each have
 * `matchExpressions: [{key: config.linkerd.io/admission-webhooks, operator: NotIn, values: [disabled]}]`
 * (the proxy injector also skips kube-system and cert-manager by `kubernetes.io/metadata.name`).
 */
export const WEBHOOK_EXCLUSION_LABEL = { key: "config.linkerd.io/admission-webhooks", value: "disabled" };

/**
 * The linkerd-control-plane values the program writes besides values-ha.yaml's: paths of values.yaml,
 * except `heartbeatSchedule`, which only templates/heartbeat.yaml reads (`.Values.heartbeatSchedule`).
 */
export const CONTROL_PLANE_PROGRAM_KEYS = [
    "identityTrustAnchorsPEM",
    "identity.issuer.scheme",
    "identity.issuer.tls.crtPEM",
    "identity.issuer.tls.keyPEM",
    "identity.issuer.clockSkewAllowance",
    ...["proxyInjector", "profileValidator", "policyValidator"].flatMap((webhook) =>
        ["externalSecret", "crtPEM", "keyPEM", "caBundle"].map((field) => `${webhook}.${field}`),
    ),
    "heartbeatSchedule",
    "prometheusUrl",
    "clusterDomain",
    "identityTrustDomain",
    "cniEnabled",
    "proxy.defaultInboundPolicy",
];

/**
 * Resource maps of the control plane, each `{cpu, memory, ephemeral-storage}` x `{request, limit}`:
 * `proxy.resources` and `policyController.resources` in values.yaml; the `<component>Resources` maps
 * only in templates (destination.yaml, identity.yaml, heartbeat.yaml and proxy-injector.yaml, through
 * `include "partials.resources"`, charts/partials/templates/_resources.tpl).
 */
export const CONTROL_PLANE_RESOURCE_MAPS = [
    "destinationResources",
    "identityResources",
    "heartbeatResources",
    "proxyInjectorResources",
    "spValidatorResources",
    "policyController.resources",
    "proxy.resources",
];
