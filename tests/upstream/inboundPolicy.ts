// How Linkerd decides whether an inbound connection to a meshed pod is let in, written down by
// hand as the oracle of the scrape-authorization tests (linkerd/linkerd2 at edge-26.8.3, the same
// at edge-26.6.3). Not used by the program.

/**
 * The container the proxy injector adds to every meshed pod, and its ports by name
 * (charts/partials/templates/_proxy.tpl: `name: *containerName` = linkerd-proxy, ports
 * `linkerd-proxy` = proxy.ports.inbound and `linkerd-admin` = proxy.ports.admin; their defaults in
 * charts/linkerd-control-plane/values.yaml).
 */
export const PROXY_CONTAINER = { name: "linkerd-proxy", ports: { "linkerd-proxy": 4143, "linkerd-admin": 4191 } };

/** The label the injector puts on meshed pods (pkg/k8s/labels.go ControllerNSLabel), by which the charts' jobs find proxies. */
export const MESHED_POD_LABEL = "linkerd.io/control-plane-ns";

/** charts/linkerd-control-plane/values.yaml `clusterNetworks`: the networks the cluster-* policies admit. */
export const CLUSTER_NETWORKS = ["10.0.0.0/8", "100.64.0.0/10", "172.16.0.0/12", "192.168.0.0/16", "fd00::/8"];

/**
 * What each default policy admits (policy-controller/k8s/index/src/defaults.rs, DefaultPolicy::from_str
 * and default_authzs): `authenticated` requires a mesh identity (any), `clusterOnly` a client
 * address in CLUSTER_NETWORKS; audit lets everything through (and logs it); deny admits nothing.
 * The same values are a Server's accessPolicy (policy-controller/runtime/src/admission.rs parses it
 * as a DefaultPolicy), which applies to clients no AuthorizationPolicy admits
 * (policy-controller/k8s/index/src/inbound/index.rs, client_authzs: `server.access_policy`).
 */
export const DEFAULT_POLICY_ADMITS: Readonly<
    Record<string, { authenticated: boolean; clusterOnly: boolean } | "nothing">
> = {
    "all-unauthenticated": { authenticated: false, clusterOnly: false },
    "all-authenticated": { authenticated: true, clusterOnly: false },
    "cluster-unauthenticated": { authenticated: false, clusterOnly: true },
    "cluster-authenticated": { authenticated: true, clusterOnly: true },
    audit: { authenticated: false, clusterOnly: false },
    deny: "nothing",
};

/** A Server without accessPolicy (charts/linkerd-crds/templates/policy/server.yaml: `default: deny`). */
export const SERVER_DEFAULT_ACCESS_POLICY = "deny";

/**
 * The annotation that pins a pod's default policy. The policy controller reads it from the pod, else
 * uses the cluster's proxy.defaultInboundPolicy (policy-controller/k8s/index/src/inbound/workload.rs
 * default_policy; index.rs `settings.default_policy.unwrap_or(config.default_policy)`); the proxy
 * injector copies a namespace's annotation onto the pods it injects (pkg/inject/inject.go).
 * A port that a Server selects ignores all three: its Server decides.
 */
export const DEFAULT_POLICY_ANNOTATION = "config.linkerd.io/default-inbound-policy";

/**
 * How an AuthorizationPolicy admits (policy-controller/k8s/index/src/inbound/index.rs,
 * policy_client_authz): at most one identity reference (a ServiceAccount, or a
 * MeshTLSAuthentication) and at most one NetworkAuthentication; a reference that does not resolve
 * makes the policy illegal, and it is ignored. Without an identity reference any client, meshed or
 * not, passes; without a NetworkAuthentication any address does (0.0.0.0/0, ::/0). It applies to the
 * Server its targetRef names, or to every Server of its namespace (targetRef kind Namespace).
 * A ServiceAccount's identity is `<name>.<namespace>.serviceaccount.identity.<linkerd namespace>.<trust domain>`
 * (policy-controller/k8s/index/src/cluster_info.rs, service_account_identity).
 */
export function serviceAccountIdentity(namespace: string, name: string, trustDomain = "cluster.local"): string {
    return `${name}.${namespace}.serviceaccount.identity.linkerd.${trustDomain}`;
}
