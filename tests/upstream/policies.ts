// The pods Linkerd's charts run and the policy objects they ship, as the scrape-authorization tests
// need them (linkerd/linkerd2 at edge-26.6.3 and edge-26.8.3, identical here). Each pod: its
// namespace, labels, pinned default inbound policy (annotation config.linkerd.io/default-inbound-policy)
// and container ports by name; every meshed pod also has the proxy's `linkerd-admin` (4191).

export interface PodFact {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    /** The pod's config.linkerd.io/default-inbound-policy annotation, when the chart pins one. */
    pinnedPolicy?: string;
    /** Container name → port names. */
    containers: Record<string, string[]>;
    source: string;
}

export const CONTROL_PLANE_PODS: PodFact[] = [
    {
        name: "linkerd-destination",
        namespace: "linkerd",
        labels: { "linkerd.io/control-plane-component": "destination", "linkerd.io/control-plane-ns": "linkerd" },
        pinnedPolicy: "all-unauthenticated",
        containers: {
            destination: ["dest-grpc", "dest-admin"],
            "sp-validator": ["sp-validator", "spval-admin"],
            policy: ["policy-grpc", "policy-admin", "policy-https"],
        },
        source: "charts/linkerd-control-plane/templates/destination.yaml (config.linkerd.io/default-inbound-policy: all-unauthenticated)",
    },
    {
        name: "linkerd-identity",
        namespace: "linkerd",
        labels: { "linkerd.io/control-plane-component": "identity", "linkerd.io/control-plane-ns": "linkerd" },
        pinnedPolicy: "all-unauthenticated",
        containers: { identity: ["ident-grpc", "ident-admin"] },
        source: "charts/linkerd-control-plane/templates/identity.yaml",
    },
    {
        name: "linkerd-proxy-injector",
        namespace: "linkerd",
        labels: { "linkerd.io/control-plane-component": "proxy-injector", "linkerd.io/control-plane-ns": "linkerd" },
        pinnedPolicy: "all-unauthenticated",
        containers: { "proxy-injector": ["proxy-injector", "injector-admin"] },
        source: "charts/linkerd-control-plane/templates/proxy-injector.yaml",
    },
];

export const VIZ_PODS: PodFact[] = [
    {
        name: "metrics-api",
        namespace: "linkerd-viz",
        labels: { "linkerd.io/extension": "viz", component: "metrics-api", "linkerd.io/control-plane-ns": "linkerd" },
        containers: { "metrics-api": ["http", "admin"] },
        source: "viz/charts/linkerd-viz/templates/metrics-api.yaml",
    },
    {
        name: "tap",
        namespace: "linkerd-viz",
        labels: { "linkerd.io/extension": "viz", component: "tap", "linkerd.io/control-plane-ns": "linkerd" },
        containers: { tap: ["grpc", "apiserver", "admin"] },
        source: "viz/charts/linkerd-viz/templates/tap.yaml",
    },
    {
        name: "tap-injector",
        namespace: "linkerd-viz",
        labels: { "linkerd.io/extension": "viz", component: "tap-injector", "linkerd.io/control-plane-ns": "linkerd" },
        containers: { "tap-injector": ["tap-injector", "admin"] },
        source: "viz/charts/linkerd-viz/templates/tap-injector.yaml",
    },
    {
        name: "web",
        namespace: "linkerd-viz",
        labels: { "linkerd.io/extension": "viz", component: "web", "linkerd.io/control-plane-ns": "linkerd" },
        containers: { web: ["http", "admin"] },
        source: "viz/charts/linkerd-viz/templates/web.yaml",
    },
];

export const MULTICLUSTER_PODS: PodFact[] = [
    {
        name: "linkerd-gateway",
        namespace: "linkerd-multicluster",
        labels: {
            app: "linkerd-gateway",
            "linkerd.io/extension": "multicluster",
            "linkerd.io/control-plane-ns": "linkerd",
        },
        pinnedPolicy: "all-authenticated",
        containers: { pause: [] },
        source: "multicluster/charts/linkerd-multicluster/templates/gateway.yaml (config.linkerd.io/default-inbound-policy: all-authenticated)",
    },
    {
        name: "controller-west",
        namespace: "linkerd-multicluster",
        labels: {
            "linkerd.io/extension": "multicluster",
            component: "controller",
            "mirror.linkerd.io/cluster-name": "west",
            "linkerd.io/control-plane-ns": "linkerd",
        },
        containers: { controller: ["ctrl-admin"] },
        source: "multicluster/charts/linkerd-multicluster/templates/controller/deployment.yaml",
    },
    {
        name: "linkerd-local-service-mirror",
        namespace: "linkerd-multicluster",
        labels: {
            "linkerd.io/extension": "multicluster",
            component: "local-service-mirror",
            "linkerd.io/control-plane-ns": "linkerd",
        },
        containers: { "service-mirror": ["locsm-admin"] },
        source: "multicluster/charts/linkerd-multicluster/templates/local-service-mirror.yaml",
    },
];

/** A meshed workload in a namespace of the user's. */
export const WORKLOAD_POD: PodFact = {
    name: "shop",
    namespace: "shop",
    labels: { app: "shop", "linkerd.io/control-plane-ns": "linkerd" },
    containers: { shop: ["http"] },
    source: "(a user's workload)",
};

export interface ServerFact {
    name: string;
    namespace: string;
    matchLabels: Record<string, string>;
    port: string;
    /** A Server without accessPolicy defaults to deny (the Server CRD's default). */
    accessPolicy: string;
    /** Who its AuthorizationPolicies admit: ServiceAccount `<namespace>/<name>`, or `networks:<cidr>`, `meshed:*`. */
    authorized: string[];
    source: string;
}

/** The Servers the charts ship on ports the scrape jobs target (no other chart Server selects them). */
export const CHART_SERVERS: ServerFact[] = [
    {
        name: "linkerd-admin",
        namespace: "linkerd-multicluster",
        matchLabels: { "linkerd.io/extension": "multicluster" },
        port: "linkerd-admin",
        accessPolicy: "deny",
        authorized: ["linkerd-viz/prometheus"],
        source: "multicluster/charts/linkerd-multicluster/templates/service-mirror-policy.yaml",
    },
    {
        name: "service-mirror",
        namespace: "linkerd-multicluster",
        matchLabels: { "linkerd.io/extension": "multicluster", component: "linkerd-service-mirror" },
        port: "svcmi-admin",
        accessPolicy: "deny",
        authorized: ["linkerd-viz/prometheus"],
        source: "multicluster/charts/linkerd-multicluster/templates/service-mirror-policy.yaml",
    },
    {
        name: "controller",
        namespace: "linkerd-multicluster",
        matchLabels: { "linkerd.io/extension": "multicluster", component: "controller" },
        port: "ctrl-admin",
        accessPolicy: "deny",
        authorized: ["linkerd-viz/prometheus"],
        source: "multicluster/charts/linkerd-multicluster/templates/service-mirror-policy.yaml",
    },
    {
        name: "local-service-mirror",
        namespace: "linkerd-multicluster",
        matchLabels: { "linkerd.io/extension": "multicluster", component: "local-service-mirror" },
        port: "locsm-admin",
        accessPolicy: "deny",
        authorized: ["linkerd-viz/prometheus"],
        source: "multicluster/charts/linkerd-multicluster/templates/service-mirror-policy.yaml",
    },
    // viz's Server on the (disabled) bundled Prometheus's `admin` port selects only component: prometheus.
    {
        name: "prometheus-admin",
        namespace: "linkerd-viz",
        matchLabels: { "linkerd.io/extension": "viz", component: "prometheus" },
        port: "admin",
        accessPolicy: "deny",
        authorized: ["linkerd-viz/metrics-api"],
        source: "viz/charts/linkerd-viz/templates/prometheus-policy.yaml",
    },
];
