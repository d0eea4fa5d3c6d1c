// Typed Helm values for the linkerd-crds and linkerd-control-plane charts. The charts ship no
// values schema and silently ignore unknown keys, so every key here is written out by hand from
// the pinned chart (see versions.ts) and the tests check each one against the chart's key list.
import * as pulumi from "@pulumi/pulumi";

/** The multicluster gateway's probe (the chart's defaults, set explicitly so the link bundle can state them). */
export const GATEWAY_PROBE = { path: "/ready", port: 4191, periodSeconds: 3 };

/** A bound pair for one resource. An empty string leaves the bound unset, as the chart does. */
export interface Bounds {
    request?: string;
    limit?: string;
}

/** The chart's `Resources` shape (`cpu`, `memory`, `ephemeral-storage`, each with request/limit). */
export interface Resources {
    cpu?: Bounds;
    memory?: Bounds;
    "ephemeral-storage"?: Bounds;
}

/** Control-plane components whose resources can be overridden, and the chart key each maps to. */
export const CONTROL_PLANE_RESOURCE_COMPONENTS = {
    destination: "destinationResources",
    identity: "identityResources",
    heartbeat: "heartbeatResources",
    proxyInjector: "proxyInjectorResources",
    spValidator: "spValidatorResources",
    policyController: "policyController.resources",
    // Not a controller: the default of every injected proxy in the cluster (set by proxyResources).
    proxy: "proxy.resources",
} as const;

export type ControlPlaneComponent = keyof typeof CONTROL_PLANE_RESOURCE_COMPONENTS;
export type ResourceOverrides = Partial<Record<ControlPlaneComponent, Resources>>;

/** Resources upstream's values-ha.yaml gives the controllers (its `controller_resources` anchor). */
const HA_CONTROLLER_RESOURCES: Resources = {
    cpu: { limit: "", request: "100m" },
    memory: { limit: "250Mi", request: "50Mi" },
};

/**
 * Upstream's `values-ha.yaml` for the pinned chart, with its YAML anchors expanded, key for key.
 * `controllerResources` only holds the anchor upstream (no template reads it) and
 * `highAvailability` is the flag `linkerd check` reads from linkerd-config; both are kept so that
 * what we apply equals what `helm install -f values-ha.yaml` applies.
 */
export function highAvailabilityValues() {
    return {
        enablePodDisruptionBudget: true,
        controller: { podDisruptionBudget: { maxUnavailable: 1 } },
        deploymentStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: "25%" } },
        enablePodAntiAffinity: true,
        proxy: { resources: { cpu: { request: "100m" }, memory: { limit: "250Mi", request: "20Mi" } } },
        controllerReplicas: 3,
        controllerResources: clone(HA_CONTROLLER_RESOURCES),
        destinationResources: clone(HA_CONTROLLER_RESOURCES),
        identityResources: {
            cpu: clone(HA_CONTROLLER_RESOURCES.cpu),
            memory: { limit: "250Mi", request: "10Mi" },
        },
        heartbeatResources: clone(HA_CONTROLLER_RESOURCES),
        proxyInjectorResources: clone(HA_CONTROLLER_RESOURCES),
        webhookFailurePolicy: "Fail",
        spValidatorResources: clone(HA_CONTROLLER_RESOURCES),
        highAvailability: true,
    };
}

/** The resources each overridable component ends up with: HA defaults (if on) with overrides on top. */
export function effectiveControlPlaneResources(
    highAvailability: boolean,
    overrides: ResourceOverrides,
): Partial<Record<ControlPlaneComponent, Resources>> {
    const base: Record<string, unknown> = highAvailability ? highAvailabilityValues() : {};
    const result: Partial<Record<ControlPlaneComponent, Resources>> = {};
    for (const [component, chartKey] of Object.entries(CONTROL_PLANE_RESOURCE_COMPONENTS)) {
        const fromBase = getPath(base, chartKey) as Resources | undefined;
        const merged = deepMerge(clone(fromBase ?? {}), overrides[component as ControlPlaneComponent] ?? {});
        if (Object.keys(merged).length > 0) {
            result[component as ControlPlaneComponent] = merged;
        }
    }
    return result;
}

export interface WebhookTls {
    crtPEM: pulumi.Input<string>;
    keyPEM: pulumi.Input<string>;
    caBundle: pulumi.Input<string>;
}

/**
 * Upstream's viz `values-ha.yaml` for the pinned chart, anchors expanded. `resources` only holds
 * the anchor upstream, and `prometheus.resources` concerns the bundled Prometheus, which is
 * disabled here; both are kept so that the HA values equal upstream's.
 */
export function vizHighAvailabilityValues() {
    const resources: Resources = { cpu: { limit: "", request: "100m" }, memory: { limit: "250Mi", request: "50Mi" } };
    return {
        enablePodAntiAffinity: true,
        enablePodDisruptionBudget: true,
        resources: clone(resources),
        tap: { replicas: 3, resources: clone(resources) },
        dashboard: { resources: clone(resources) },
        prometheus: {
            resources: { cpu: { limit: "", request: "300m" }, memory: { limit: "8192Mi", request: "300Mi" } },
        },
    };
}

export interface VizValuesArgs {
    prometheusUrl: string;
    /** Name of the Secret holding `user` and `password` for the Prometheus, if it needs basic auth. */
    prometheusCredsSecret?: pulumi.Input<string>;
    grafana?: { url: string } | { externalUrl: string };
    linkerdNamespace: pulumi.Input<string>;
    tap: WebhookTls;
    tapInjector: WebhookTls;
    dashboard: { restrictPrivileges: boolean; enforcedHostRegexp?: string };
    highAvailability: boolean;
    domains?: { clusterDomain: string; identityTrustDomain: string };
}

/** The charts' `clusterDomain` and `identityTrustDomain`, only where they differ from the default. */
function customDomains(domains?: { clusterDomain: string; identityTrustDomain: string }) {
    const result: Record<string, string> = {};
    if (domains && domains.clusterDomain !== "cluster.local") {
        result.clusterDomain = domains.clusterDomain;
    }
    if (domains && domains.identityTrustDomain !== domains.clusterDomain) {
        result.identityTrustDomain = domains.identityTrustDomain;
    }
    return result;
}

/** Values for the linkerd-viz chart: HA (when on), then what this program owns. */
export function vizValues(args: VizValuesArgs): Record<string, unknown> {
    const values: Record<string, unknown> = args.highAvailability ? vizHighAvailabilityValues() : {};
    return deepMerge(values, {
        linkerdNamespace: args.linkerdNamespace,
        // The organisation's Prometheus; the bundled one must be disabled on every install and upgrade.
        prometheusUrl: args.prometheusUrl,
        prometheus: { enabled: false },
        prometheusCredsSecret: args.prometheusCredsSecret,
        ...customDomains(args.domains),
        grafana: args.grafana,
        // Helm hooks do not run under Pulumi's Chart; the program labels the namespace itself.
        createNamespaceMetadataJob: false,
        tap: { externalSecret: false, ...args.tap },
        tapInjector: { externalSecret: false, ...args.tapInjector },
        dashboard: {
            restrictPrivileges: args.dashboard.restrictPrivileges,
            enforcedHostRegexp: args.dashboard.enforcedHostRegexp,
        },
    });
}

export interface ControlPlaneValuesArgs {
    trustAnchorsPem: pulumi.Input<string>;
    issuerCertPem: pulumi.Input<string>;
    /** Wrapped as a secret here whatever it arrives as: it lands in the chart's values. */
    issuerKeyPem: pulumi.Input<string>;
    webhooks: { proxyInjector: WebhookTls; profileValidator: WebhookTls; policyValidator: WebhookTls };
    heartbeatSchedule: string;
    highAvailability: boolean;
    resources: ResourceOverrides;
    /** Omit linkerd-init (NET_ADMIN) from injected pods: the linkerd2-cni plugin does its work. */
    cniEnabled?: boolean;
    /** The identity issuer's clock-skew allowance; set only when it differs from the chart's 20s. */
    clockSkewAllowance?: string;
    /** Set only when they differ from the charts' default (cluster.local); the trust domain defaults to the cluster domain. */
    domains?: { clusterDomain: string; identityTrustDomain: string };
    /** The proxies' default inbound policy (set explicitly even when it is the chart's default). */
    defaultInboundPolicy: string;
    /** Prometheus Operator PodMonitors for an external Prometheus (viz's "podMonitors" mode). */
    podMonitor?: { labels: Record<string, string>; interval: string };
}

/** Values for the linkerd-crds chart. Gateway API CRDs come from upstream, not from this chart. */
export function crdsValues() {
    return { installGatewayAPI: false };
}

/**
 * Values for the linkerd-control-plane chart. Precedence, lowest first: chart defaults, upstream's
 * HA values (when on), resource overrides; the identity and webhook material always wins.
 */
export function controlPlaneValues(args: ControlPlaneValuesArgs): Record<string, unknown> {
    const values: Record<string, unknown> = args.highAvailability ? highAvailabilityValues() : {};
    for (const [component, chartKey] of Object.entries(CONTROL_PLANE_RESOURCE_COMPONENTS)) {
        const override = args.resources[component as ControlPlaneComponent];
        if (override) {
            setPath(values, chartKey, deepMerge(clone((getPath(values, chartKey) as Resources) ?? {}), override));
        }
    }
    return deepMerge(values, {
        identityTrustAnchorsPEM: args.trustAnchorsPem,
        identity: {
            issuer: {
                scheme: "linkerd.io/tls",
                tls: { crtPEM: args.issuerCertPem, keyPEM: pulumi.secret(args.issuerKeyPem) },
                clockSkewAllowance:
                    args.clockSkewAllowance && args.clockSkewAllowance !== "20s" ? args.clockSkewAllowance : undefined,
            },
        },
        // Supplying the webhook certificates (with the CA that signed them) stops the chart from
        // generating new ones on every render, which would roll the control plane on every update.
        proxyInjector: { externalSecret: false, ...args.webhooks.proxyInjector },
        profileValidator: { externalSecret: false, ...args.webhooks.profileValidator },
        policyValidator: { externalSecret: false, ...args.webhooks.policyValidator },
        // The chart's default schedule is "render time + 10 minutes", new on every render.
        heartbeatSchedule: args.heartbeatSchedule,
        ...customDomains(args.domains),
        cniEnabled: args.cniEnabled ? true : undefined,
        proxy: { defaultInboundPolicy: args.defaultInboundPolicy },
        podMonitor: args.podMonitor && {
            enabled: true,
            scrapeInterval: args.podMonitor.interval,
            scrapeTimeout: args.podMonitor.interval,
            labels: args.podMonitor.labels,
        },
    });
}

function clone<T>(value: T): T {
    return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value) && !pulumi.Output.isInstance(value);
}

/** Merges `patch` into `target` (objects recursively; anything else replaces). Returns `target`. */
export function deepMerge<T extends object>(target: T, patch: object): T {
    const t = target as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) {
            continue;
        }
        t[key] = isPlainObject(value) && isPlainObject(t[key]) ? deepMerge(t[key], value) : value;
    }
    return target;
}

function getPath(object: Record<string, unknown>, dotted: string): unknown {
    return dotted.split(".").reduce<unknown>((o, k) => (isPlainObject(o) ? o[k] : undefined), object);
}

function setPath(object: Record<string, unknown>, dotted: string, value: unknown): void {
    const keys = dotted.split(".");
    let cursor = object;
    for (const key of keys.slice(0, -1)) {
        if (!isPlainObject(cursor[key])) {
            cursor[key] = {};
        }
        cursor = cursor[key] as Record<string, unknown>;
    }
    cursor[keys[keys.length - 1]] = value;
}

/** Upstream's multicluster `values-ha.yaml` for the pinned chart (the whole file). */
export function multiclusterHighAvailabilityValues() {
    return { gateway: { replicas: 3 }, enablePodAntiAffinity: true };
}

/**
 * Upstream's values-ha leaves the per-link service-mirror controllers at one replica. They elect a
 * leader through a Lease, so two replicas on different nodes keep every link mirrored through a
 * node failure or drain.
 */
export const HA_LINK_CONTROLLERS = { replicas: 2, enablePodAntiAffinity: true };

export interface MulticlusterValuesArgs {
    linkerdNamespace: pulumi.Input<string>;
    identityTrustDomain: string;
    gateway: {
        serviceType: string;
        port: number;
        nodePort?: number;
        probeNodePort?: number;
        serviceAnnotations: Record<string, string>;
        loadBalancerClass?: string;
        loadBalancerIP?: string;
        loadBalancerSourceRanges: string[];
    };
    /** One remote-access ServiceAccount per source cluster allowed to link here. */
    remoteAccessServiceAccounts: string[];
    /** One service-mirror controller per link this cluster makes. */
    controllers: { link: { ref: { name: string } }; gateway: { enabled: boolean; probe?: { port: number } } }[];
    highAvailability: boolean;
}

/** Values for the linkerd-multicluster chart: HA (when on), then what this program owns. */
export function multiclusterValues(args: MulticlusterValuesArgs): Record<string, unknown> {
    const values: Record<string, unknown> = args.highAvailability ? multiclusterHighAvailabilityValues() : {};
    return deepMerge(values, {
        linkerdNamespace: args.linkerdNamespace,
        // Used for the gateway's identity annotation; the CLI fills it from linkerd-config, Helm does not.
        identityTrustDomain: args.identityTrustDomain,
        // Helm hooks do not run under Pulumi's Chart; the program labels the namespace itself.
        createNamespaceMetadataJob: false,
        gateway: {
            enabled: true,
            serviceType: args.gateway.serviceType,
            port: args.gateway.port,
            nodePort: args.gateway.nodePort,
            serviceAnnotations: args.gateway.serviceAnnotations,
            loadBalancerClass: args.gateway.loadBalancerClass,
            loadBalancerIP: args.gateway.loadBalancerIP,
            loadBalancerSourceRanges: args.gateway.loadBalancerSourceRanges,
            probe: {
                path: GATEWAY_PROBE.path,
                port: GATEWAY_PROBE.port,
                seconds: GATEWAY_PROBE.periodSeconds,
                nodePort: args.gateway.probeNodePort,
            },
        },
        remoteMirrorServiceAccount: args.remoteAccessServiceAccounts.length > 0,
        remoteMirrorServiceAccountName: args.remoteAccessServiceAccounts,
        controllers: args.controllers,
        controllerDefaults: args.highAvailability ? HA_LINK_CONTROLLERS : undefined,
    });
}
