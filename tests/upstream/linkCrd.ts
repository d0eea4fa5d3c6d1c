// JSON Schema (draft-07) for a whole `Link` object of
// `multicluster.linkerd.io/v1alpha3`, written by hand from the v1alpha3
// `openAPIV3Schema` of the Link CRD shipped by the linkerd-multicluster chart:
//
//   linkerd/linkerd2 @ edge-26.6.3
//   multicluster/charts/linkerd-multicluster/templates/link-crd.yaml
//   (CRD `links.multicluster.linkerd.io`, group `multicluster.linkerd.io`,
//   scope Namespaced, kind Link, plural links, singular link)
//
// Intended for `ajv` (v6 or v8) with `strict: false`. No `format` keywords are
// used, so no ajv-formats plugin is needed and no "unknown format" error or
// warning occurs. The two CRD formats are replaced by patterns:
//   - `format: duration` (probeSpec.period, probeSpec.timeout): replaced by a
//     pattern for Go `time.ParseDuration` syntax, which is what the
//     service-mirror controller uses on these fields
//     (multicluster/service-mirror/probe_worker.go). The apiserver's
//     `duration` format (kube-openapi strfmt.ParseDuration) also accepts some
//     other forms, such as "1d" or "3 seconds". The controller then rejects
//     those, so this pattern is stricter than the apiserver, on purpose.
//   - `format: date-time` (status conditions' lastTransitionTime): replaced by
//     an RFC 3339 pattern.
//
// Closedness: Kubernetes structural schemas prune unknown fields. So every
// object in the CRD schema is closed here (`additionalProperties: false`),
// except the `matchLabels` maps. Those carry
// `x-kubernetes-preserve-unknown-fields: true` in the CRD.
//
// Nothing in the v1alpha3 spec is required by the CRD. The only `required`
// lists in the CRD are in label-selector requirements and in status.

/** Go `time.ParseDuration` syntax: "0", or one or more <number><unit>, optional sign. */
const GO_DURATION_PATTERN = "^[-+]?(0|((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$";

/** RFC 3339 date-time (stand-in for OpenAPI `format: date-time`). */
const RFC3339_PATTERN = "^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$";

// CRD: spec.versions[v1alpha3].schema.openAPIV3Schema.properties.spec.properties
//      .{selector,remoteDiscoverySelector,federatedServiceSelector}
// All three selectors share the same structure in the CRD.
const LABEL_SELECTOR = {
    type: "object",
    additionalProperties: false,
    properties: {
        // CRD: <selector>.matchLabels is `type: object` with
        // `x-kubernetes-preserve-unknown-fields: true`, so it is open. Its
        // values are restricted to strings here because the Go type is
        // metav1.LabelSelector.MatchLabels map[string]string
        // (controller/gen/apis/link/v1alpha3/types.go). A non-string value
        // would pass the apiserver but fail to decode in the controllers.
        matchLabels: {
            type: "object",
            additionalProperties: { type: "string" },
        },
        // CRD: <selector>.matchExpressions — "List of selector requirements"
        matchExpressions: {
            type: "array",
            items: {
                // CRD: <selector>.matchExpressions.items — required [key, operator]
                type: "object",
                additionalProperties: false,
                required: ["key", "operator"],
                properties: {
                    key: { type: "string" },
                    // CRD: <selector>.matchExpressions.items.properties.operator.enum
                    operator: {
                        type: "string",
                        enum: ["In", "NotIn", "Exists", "DoesNotExist"],
                    },
                    values: { type: "array", items: { type: "string" } },
                },
            },
        },
    },
};

// CRD: ...properties.status.properties.{mirrorServices,federatedServices}.items
//      .properties.remoteRef  and  ...conditions.items.properties.localRef
// Both ObjectRef schemas are identical: required [name, namespace].
const OBJECT_REF = {
    type: "object",
    additionalProperties: false,
    required: ["name", "namespace"],
    properties: {
        group: {
            type: "string",
            default: "core",
            maxLength: 253,
            pattern: "^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
        },
        kind: {
            type: "string",
            default: "Service",
            maxLength: 63,
            minLength: 1,
            pattern: "^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$",
        },
        name: { type: "string", maxLength: 253, minLength: 1 },
        namespace: {
            type: "string",
            maxLength: 63,
            minLength: 1,
            pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
        },
    },
};

// CRD: ...status.properties.{mirrorServices,federatedServices}.items
//      .properties.conditions.items
// required [lastTransitionTime, message, reason, status, type]
const LINK_CONDITION = {
    type: "object",
    additionalProperties: false,
    required: ["lastTransitionTime", "message", "reason", "status", "type"],
    properties: {
        // CRD: format: date-time (see the RFC3339_PATTERN note above)
        lastTransitionTime: { type: "string", pattern: RFC3339_PATTERN },
        message: { type: "string" },
        reason: {
            type: "string",
            maxLength: 1024,
            minLength: 1,
            pattern: "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$",
        },
        status: { type: "string", enum: ["True", "False", "Unknown"] },
        type: {
            type: "string",
            maxLength: 316,
            pattern:
                "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
        },
        localRef: OBJECT_REF,
    },
};

// CRD: ...status.properties.{mirrorServices,federatedServices}.items
// required [controllerName, remoteRef]
const SERVICE_STATUS = {
    type: "object",
    additionalProperties: false,
    required: ["controllerName", "remoteRef"],
    properties: {
        conditions: { type: "array", items: LINK_CONDITION },
        controllerName: {
            type: "string",
            maxLength: 253,
            minLength: 1,
            pattern:
                "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$",
        },
        remoteRef: OBJECT_REF,
    },
};

export const LINK_V1ALPHA3_SCHEMA: object = {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Link (multicluster.linkerd.io/v1alpha3)",
    type: "object",
    // The CRD's top level is `type: object` with properties spec and status.
    // apiVersion, kind and metadata are implicit for every Kubernetes object.
    // Anything else would be pruned, so the top level is closed.
    additionalProperties: false,
    // Our own choice, not in the CRD. The CRD does not require `spec`.
    required: ["apiVersion", "kind", "metadata"],
    properties: {
        apiVersion: { type: "string", const: "multicluster.linkerd.io/v1alpha3" },
        kind: { type: "string", const: "Link" },
        // ObjectMeta is not part of the CRD schema (the apiserver validates it).
        // Left open because metadata has many standard fields.
        metadata: {
            type: "object",
            required: ["name", "namespace"],
            properties: {
                name: { type: "string", minLength: 1 },
                namespace: { type: "string", minLength: 1 },
                labels: { type: "object", additionalProperties: { type: "string" } },
                annotations: { type: "object", additionalProperties: { type: "string" } },
            },
        },
        // CRD: spec.versions[name=v1alpha3].schema.openAPIV3Schema.properties.spec
        spec: {
            type: "object",
            additionalProperties: false,
            properties: {
                // "Kubernetes secret of target cluster"
                clusterCredentialsSecret: { type: "string" },
                // "Gateway address of target cluster". link-gen writes a
                // comma-separated list here.
                gatewayAddress: { type: "string" },
                // "Gateway Identity FQDN"
                gatewayIdentity: { type: "string" },
                // "Gateway Port": a string in the CRD, e.g. "4143". The
                // service mirror parses it with strconv.ParseInt(.., 10, 32).
                gatewayPort: { type: "string" },
                // CRD: ...properties.spec.properties.probeSpec ("Spec for gateway health probe")
                probeSpec: {
                    type: "object",
                    additionalProperties: false,
                    properties: {
                        // CRD: default "3" (a string). "Minimum consecutive
                        // failures for the probe to be considered failed".
                        failureThreshold: { type: "string", default: "3" },
                        // "Path of remote gateway health endpoint"
                        path: { type: "string" },
                        // CRD (v1alpha3): format: duration. "Interval in between probe requests"
                        period: { type: "string", pattern: GO_DURATION_PATTERN },
                        // "Port of remote gateway health endpoint": a string, e.g. "4191"
                        port: { type: "string" },
                        // CRD: default 30s, format: duration. "Probe request timeout"
                        timeout: { type: "string", default: "30s", pattern: GO_DURATION_PATTERN },
                    },
                },
                // "Kubernetes Label Selector"
                selector: LABEL_SELECTOR,
                // "Selector for Services to mirror in remote discovery mode"
                remoteDiscoverySelector: LABEL_SELECTOR,
                // "Selector for federated service memebers" [sic]
                federatedServiceSelector: LABEL_SELECTOR,
                // "Name of target cluster to link to"
                targetClusterName: { type: "string" },
                // "Domain name of target cluster to link to"
                targetClusterDomain: { type: "string" },
                // "Name of namespace Linkerd control plane is installed in on target cluster"
                targetClusterLinkerdNamespace: { type: "string" },
                // New in v1alpha3. "List of annotations which should not be
                // copied to the federated service"
                excludedAnnotations: { type: "array", items: { type: "string" } },
                // New in v1alpha3. "List of labels which should not be copied
                // to the federated service"
                excludedLabels: { type: "array", items: { type: "string" } },
            },
        },
        // CRD: ...openAPIV3Schema.properties.status. It is written by the
        // controllers through the status subresource (`subresources: status: {}`).
        status: {
            type: "object",
            additionalProperties: false,
            properties: {
                mirrorServices: { type: "array", items: SERVICE_STATUS },
                federatedServices: { type: "array", items: SERVICE_STATUS },
            },
        },
    },
};

// CRD spec.versions: v1alpha1 (served: true, storage: false),
// v1alpha2 (served: true, storage: false), v1alpha3 (served: true, storage: true).
export const LINK_SERVED_VERSIONS: readonly string[] = ["v1alpha1", "v1alpha2", "v1alpha3"];
export const LINK_STORAGE_VERSION = "v1alpha3";
