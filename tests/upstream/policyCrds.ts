// JSON schemas for the Linkerd policy resources this program creates, written by hand from the
// openAPIV3Schema of the CRDs in the pinned linkerd-crds chart (charts/linkerd-crds/templates/
// policy/*.yaml at edge-26.6.3). Objects are closed (additionalProperties: false) because the API
// server prunes unknown fields of structural schemas: a field it would drop is a bug here.

const metadata = {
    type: "object",
    required: ["name", "namespace"],
    properties: { name: { type: "string", minLength: 1 }, namespace: { type: "string", minLength: 1 } },
};

const labelSelector = {
    type: "object",
    additionalProperties: false,
    properties: {
        // x-kubernetes-preserve-unknown-fields: true
        matchLabels: { type: "object" },
        matchExpressions: {
            type: "array",
            items: {
                type: "object",
                additionalProperties: false,
                required: ["key", "operator"],
                properties: {
                    key: { type: "string" },
                    operator: { type: "string", enum: ["In", "NotIn", "Exists", "DoesNotExist"] },
                    values: { type: "array", items: { type: "string" } },
                },
            },
        },
    },
};

const groupPattern = "^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
const kindPattern = "^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$";

/** servers.policy.linkerd.io, version v1beta3 (served, storage). */
export const SERVER_V1BETA3 = {
    type: "object",
    required: ["apiVersion", "kind", "metadata", "spec"],
    properties: {
        apiVersion: { const: "policy.linkerd.io/v1beta3" },
        kind: { const: "Server" },
        metadata,
        spec: {
            type: "object",
            additionalProperties: false,
            required: ["port"],
            oneOf: [{ required: ["podSelector"] }, { required: ["externalWorkloadSelector"] }],
            properties: {
                accessPolicy: { type: "string" },
                podSelector: labelSelector,
                externalWorkloadSelector: labelSelector,
                // x-kubernetes-int-or-string
                port: { anyOf: [{ type: "integer" }, { type: "string" }] },
                proxyProtocol: { type: "string" },
            },
        },
    },
};

/** authorizationpolicies.policy.linkerd.io, version v1alpha1. */
export const AUTHORIZATION_POLICY_V1ALPHA1 = {
    type: "object",
    required: ["apiVersion", "kind", "metadata", "spec"],
    properties: {
        apiVersion: { const: "policy.linkerd.io/v1alpha1" },
        kind: { const: "AuthorizationPolicy" },
        metadata,
        spec: {
            type: "object",
            additionalProperties: false,
            required: ["targetRef", "requiredAuthenticationRefs"],
            properties: {
                targetRef: {
                    type: "object",
                    additionalProperties: false,
                    required: ["kind", "name"],
                    properties: {
                        group: { type: "string", maxLength: 253, pattern: groupPattern },
                        kind: { type: "string", minLength: 1, maxLength: 63, pattern: kindPattern },
                        name: { type: "string", minLength: 1, maxLength: 253 },
                    },
                },
                requiredAuthenticationRefs: {
                    type: "array",
                    items: {
                        type: "object",
                        additionalProperties: false,
                        required: ["kind", "name"],
                        properties: {
                            group: { type: "string", maxLength: 253, pattern: groupPattern },
                            kind: { type: "string", minLength: 1, maxLength: 63, pattern: kindPattern },
                            name: { type: "string", minLength: 1, maxLength: 253 },
                            namespace: { type: "string", maxLength: 253 },
                        },
                    },
                },
            },
        },
    },
};

/** networkauthentications.policy.linkerd.io, version v1alpha1. */
export const NETWORK_AUTHENTICATION_V1ALPHA1 = {
    type: "object",
    required: ["apiVersion", "kind", "metadata", "spec"],
    properties: {
        apiVersion: { const: "policy.linkerd.io/v1alpha1" },
        kind: { const: "NetworkAuthentication" },
        metadata,
        spec: {
            type: "object",
            additionalProperties: false,
            required: ["networks"],
            properties: {
                networks: {
                    type: "array",
                    items: {
                        type: "object",
                        additionalProperties: false,
                        required: ["cidr"],
                        properties: { cidr: { type: "string" }, except: { type: "array", items: { type: "string" } } },
                    },
                },
            },
        },
    },
};

/** The values Linkerd accepts for a Server's accessPolicy and for proxy.defaultInboundPolicy. */
export const INBOUND_POLICIES = [
    "all-unauthenticated",
    "all-authenticated",
    "cluster-unauthenticated",
    "cluster-authenticated",
    "deny",
    "audit",
];
