// The one module that reads stack configuration. Everything is parsed and validated here, before
// any resource is registered; the rest of the program only sees the typed `StackSettings`.
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import * as YAML from "yaml";
import {
    GATEWAY_API_NEWEST_SUPPORTED,
    GATEWAY_API_OLDEST_SUPPORTED,
    GATEWAY_API_VERSION,
    LINKERD_CHART_REPOSITORY,
    LINKERD_CHART_VERSION,
} from "./versions";
import {
    CONTROL_PLANE_RESOURCE_COMPONENTS,
    ControlPlaneComponent,
    effectiveControlPlaneResources,
    ResourceOverrides,
} from "./values";
import { parseQuantity } from "./quantity";
import {
    chainsTo,
    EXPIRY_WARNING_DAYS,
    linkerdCaProblems,
    parseCertificates,
    privateKeyProblems,
    validityProblems,
} from "./certificates";
import { bundlePems, normalizePem } from "./pem";
import { X509Certificate } from "crypto";

/** The type and default of every project config key. `Pulumi.yaml` declares the same (a test keeps them equal). */
export const CONFIG_SCHEMA = {
    clusterName: { type: "string" },
    kubeconfig: { type: "string", secret: true },
    kubeContext: { type: "string" },
    trustStack: { type: "string" },
    issueFor: { type: "array" },
    trustAnchorValidityHours: { type: "integer", default: 87600 },
    issuerValidityHours: { type: "integer", default: 8760 },
    linkerdChartRepository: { type: "string", default: LINKERD_CHART_REPOSITORY },
    linkerdChartVersion: { type: "string", default: LINKERD_CHART_VERSION },
    highAvailability: { type: "boolean", default: true },
    controlPlaneResources: { type: "array", default: [] as string[] },
    gatewayApiCrds: { type: "string", default: "install" },
    gatewayApiVersion: { type: "string", default: GATEWAY_API_VERSION },
    heartbeatSchedule: { type: "string" },
    webhookCertValidityHours: { type: "integer", default: 8760 },
    defaultInboundPolicy: { type: "string", default: "all-unauthenticated" },
    vizEnabled: { type: "boolean", default: false },
    prometheusUrl: { type: "string" },
    prometheusUsername: { type: "string" },
    prometheusPassword: { type: "string", secret: true },
    grafanaUrl: { type: "string" },
    grafanaExternalUrl: { type: "string" },
    prometheusScrapeConfig: { type: "string", default: "fragment" },
    prometheusScrapeInterval: { type: "string", default: "10s" },
    prometheusScrapeSecretNamespace: { type: "string" },
    prometheusScrapeSecretName: { type: "string", default: "linkerd-scrape-configs" },
    prometheusPodMonitorLabels: { type: "array", default: [] as string[] },
    prometheusServiceAccount: { type: "string" },
    prometheusNetworks: { type: "array", default: [] as string[] },
    scrapeAuthorizationNamespaces: { type: "array", default: [] as string[] },
    tapAdmins: { type: "array", default: [] as string[] },
    vizDashboardRestrictPrivileges: { type: "boolean", default: false },
    vizDashboardEnforcedHost: { type: "string" },
    clusterDomain: { type: "string", default: "cluster.local" },
    identityTrustDomain: { type: "string" },
    multiclusterEnabled: { type: "boolean", default: false },
    multiclusterLinks: { type: "array", default: [] as string[] },
    multiclusterAllowedSources: { type: "array", default: [] as string[] },
    multiclusterFlatNetwork: { type: "boolean", default: false },
    multiclusterApiServerUrl: { type: "string" },
    multiclusterApiServerCaData: { type: "string" },
    multiclusterGatewayServiceType: { type: "string", default: "LoadBalancer" },
    multiclusterGatewayPort: { type: "integer", default: 4143 },
    multiclusterGatewayNodePort: { type: "integer" },
    multiclusterGatewayProbeNodePort: { type: "integer" },
    multiclusterGatewayAddresses: { type: "array", default: [] as string[] },
    multiclusterGatewayServiceAnnotations: { type: "array", default: [] as string[] },
    multiclusterGatewayLoadBalancerClass: { type: "string" },
    multiclusterGatewayLoadBalancerIP: { type: "string" },
    multiclusterGatewayLoadBalancerSourceRanges: { type: "array", default: [] as string[] },
    trustAnchorGenerations: { type: "array", default: ["1"] as string[] },
    trustAnchorSigningGeneration: { type: "string" },
    externalTrustAnchorPem: { type: "string" },
    externalTrustAnchorKeyPem: { type: "string", secret: true },
    certificateRenewBeforeHours: { type: "integer", default: 2160 },
    identityIssuerCertPem: { type: "string" },
    identityIssuerKeyPem: { type: "string", secret: true },
    expiryAlerts: { type: "boolean", default: false },
    expiryAlertsNamespace: { type: "string", default: "linkerd" },
    expiryAlertsLabels: { type: "array", default: [] as string[] },
    cniEnabled: { type: "boolean", default: false },
    cniNetDir: { type: "string", default: "/etc/cni/net.d" },
    cniBinDir: { type: "string", default: "/opt/cni/bin" },
    cniRepairController: { type: "boolean", default: false },
    proxyResources: { type: "array", default: [] as string[] },
    meshedNamespaces: { type: "array", default: [] as string[] },
    identityClockSkewAllowance: { type: "string", default: "20s" },
    renderYamlTo: { type: "string" },
} as const satisfies Record<string, ConfigKeySpec>;

export interface ConfigKeySpec {
    type: "string" | "integer" | "boolean" | "array";
    default?: string | number | boolean | readonly string[];
    secret?: boolean;
}

export type ConfigKey = keyof typeof CONFIG_SCHEMA;

/** Keys that only make sense with viz (`vizEnabled` true). */
const VIZ_KEYS: readonly ConfigKey[] = [
    "prometheusUrl",
    "prometheusUsername",
    "prometheusPassword",
    "grafanaUrl",
    "grafanaExternalUrl",
    "prometheusScrapeConfig",
    "prometheusScrapeInterval",
    "prometheusScrapeSecretNamespace",
    "prometheusScrapeSecretName",
    "prometheusPodMonitorLabels",
    "prometheusServiceAccount",
    "prometheusNetworks",
    "scrapeAuthorizationNamespaces",
    "tapAdmins",
    "vizDashboardRestrictPrivileges",
    "vizDashboardEnforcedHost",
];

/** Keys that only make sense with multicluster (`multiclusterEnabled` true). */
const MULTICLUSTER_KEYS: readonly ConfigKey[] = [
    "multiclusterLinks",
    "multiclusterAllowedSources",
    "multiclusterFlatNetwork",
    "multiclusterApiServerUrl",
    "multiclusterApiServerCaData",
    "multiclusterGatewayServiceType",
    "multiclusterGatewayPort",
    "multiclusterGatewayNodePort",
    "multiclusterGatewayProbeNodePort",
    "multiclusterGatewayAddresses",
    "multiclusterGatewayServiceAnnotations",
    "multiclusterGatewayLoadBalancerClass",
    "multiclusterGatewayLoadBalancerIP",
    "multiclusterGatewayLoadBalancerSourceRanges",
];

/** Keys that only make sense in a stack that installs into a cluster (`clusterName` set). */
const CLUSTER_KEYS: readonly ConfigKey[] = [
    "kubeconfig",
    "kubeContext",
    "linkerdChartRepository",
    "linkerdChartVersion",
    "highAvailability",
    "controlPlaneResources",
    "gatewayApiCrds",
    "gatewayApiVersion",
    "heartbeatSchedule",
    "webhookCertValidityHours",
    "defaultInboundPolicy",
    "vizEnabled",
    ...VIZ_KEYS,
    "clusterDomain",
    "identityTrustDomain",
    "multiclusterEnabled",
    ...MULTICLUSTER_KEYS,
    "identityIssuerCertPem",
    "identityIssuerKeyPem",
    "expiryAlerts",
    "expiryAlertsNamespace",
    "expiryAlertsLabels",
    "cniEnabled",
    "cniNetDir",
    "cniBinDir",
    "cniRepairController",
    "proxyResources",
    "meshedNamespaces",
    "identityClockSkewAllowance",
    "renderYamlTo",
];

/** Keys that only make sense in the stack that owns the trust root (`trustStack` unset). */
const TRUST_OWNER_KEYS: readonly ConfigKey[] = [
    "issueFor",
    "trustAnchorValidityHours",
    "issuerValidityHours",
    "trustAnchorGenerations",
    "trustAnchorSigningGeneration",
    "externalTrustAnchorPem",
    "externalTrustAnchorKeyPem",
];

/** Name of the signing "generation" that is the externally provided anchor. */
export const EXTERNAL_ANCHOR = "external";

export interface StackSettings {
    /** This stack's fully qualified-enough name, for messages. */
    stack: string;
    /** The time this evaluation runs at (certificate checks and renewals). */
    now: Date;
    /** Renew program-issued certificates (issuers, webhook certificates) this long before they expire. */
    renewBeforeHours: number;
    /** Things worth telling the user that are not errors; logged as warnings at preview. */
    warnings: string[];
    trust: OwnedTrust | ReferencedTrust;
    /** Present when this stack installs Linkerd into a cluster. */
    cluster?: ClusterSettings;
}

/** This stack owns the trust root and signs an identity issuer for each listed cluster. */
export interface OwnedTrust {
    kind: "owned";
    /** Anchor generations kept in the bundle, in bundle order; each is a protected key and certificate. */
    anchorGenerations: string[];
    /** The generation that signs issuers, or EXTERNAL_ANCHOR. */
    signingGeneration: string;
    /** An anchor made elsewhere: trusted, and signing issuers if its key is given. */
    externalAnchor?: { certPem: string; keyPem?: pulumi.Output<string> };
    anchorValidityHours: number;
    issuerValidityHours: number;
    /** Clusters to issue for, sorted, without duplicates; includes this stack's own cluster. */
    issueFor: string[];
}

/** Another stack owns the trust root; this stack reads its bundle and issuer from there. */
export interface ReferencedTrust {
    kind: "referenced";
    /** `<organization>/<project>/<stack>` */
    stackName: string;
}

export interface ClusterSettings {
    name: string;
    /** Kubeconfig contents, always secret. */
    kubeconfig: pulumi.Output<string>;
    context: string;
    chartRepository: string;
    chartVersion: string;
    highAvailability: boolean;
    controlPlaneResources: ResourceOverrides;
    gatewayApi: { install: boolean; version: string };
    heartbeatSchedule: string;
    webhookCertValidityHours: number;
    /** The proxies' default inbound policy (the chart's `proxy.defaultInboundPolicy`). */
    defaultInboundPolicy: InboundPolicy;
    /** Present when viz is installed. */
    viz?: VizSettings;
    /** The cluster's DNS domain (Kubernetes' `clusterDomain`). */
    clusterDomain: string;
    /** The mesh identity trust domain; defaults to the cluster domain. */
    identityTrustDomain: string;
    /** Present when the multicluster extension is installed. */
    multicluster?: MulticlusterSettings;
    /** An identity issuer made elsewhere, used instead of the trust stack's. */
    externalIssuer?: { certPem: string; keyPem: pulumi.Output<string> };
    /** A PrometheusRule alerting on certificate expiry (Prometheus Operator). */
    expiryAlerts?: { namespace: string; labels: Record<string, string> };
    /** The linkerd2-cni plugin, so that meshed pods need no NET_ADMIN (present when enabled). */
    cni?: { netDir: string; binDir: string; repairController: boolean };
    /** Namespaces to annotate `linkerd.io/inject: <mode>` (without owning them). */
    meshedNamespaces: { name: string; mode: InjectionMode }[];
    /** The identity issuer's clock-skew allowance (Go duration). */
    clockSkewAllowance: string;
    /** Render every manifest into this folder instead of applying it. */
    renderYamlTo?: string;
}

export const INJECTION_MODES = ["enabled", "ingress", "disabled"] as const;
export type InjectionMode = (typeof INJECTION_MODES)[number];

export const GATEWAY_SERVICE_TYPES = ["LoadBalancer", "NodePort", "ClusterIP"] as const;

/** A link from this cluster to the cluster of another stack. */
export interface LinkTarget {
    /** `<organization>/<project>/<stack>` of the target's stack. */
    stackName: string;
    /** Through the target's gateway (default), or pod to pod on a flat network. */
    mode: "gateway" | "pod-to-pod";
}

export interface MulticlusterSettings {
    links: LinkTarget[];
    /** Clusters allowed to link to this one: each gets its own remote-access ServiceAccount and token. */
    allowedSources: string[];
    /** Whether other clusters' pods can reach this cluster's pods directly (needed for pod-to-pod links). */
    flatNetwork: boolean;
    /** How other clusters' pods reach this cluster's API server. */
    apiServer: { url: string; caData: string };
    gateway: {
        serviceType: (typeof GATEWAY_SERVICE_TYPES)[number];
        port: number;
        nodePort?: number;
        probeNodePort?: number;
        /** Addresses other clusters dial; empty: read from the gateway Service's load balancer after deploy. */
        addresses: string[];
        serviceAnnotations: Record<string, string>;
        loadBalancerClass?: string;
        loadBalancerIP?: string;
        loadBalancerSourceRanges: string[];
    };
}

/** Linkerd's inbound policies, for `proxy.defaultInboundPolicy` and a Server's `accessPolicy`. */
export const INBOUND_POLICIES = [
    "all-unauthenticated",
    "all-authenticated",
    "cluster-unauthenticated",
    "cluster-authenticated",
    "deny",
    "audit",
] as const;
export type InboundPolicy = (typeof INBOUND_POLICIES)[number];

/** How the organisation's Prometheus gets Linkerd's scrape configuration. */
export const SCRAPE_CONFIG_MODES = ["fragment", "secret", "podMonitors"] as const;
export type ScrapeConfigMode = (typeof SCRAPE_CONFIG_MODES)[number];

export const TAP_ADMIN_KINDS = ["User", "Group", "ServiceAccount"] as const;
export interface TapAdmin {
    kind: (typeof TAP_ADMIN_KINDS)[number];
    name: string;
    /** ServiceAccounts only. */
    namespace?: string;
}

/** Who scrapes the proxies: a meshed Prometheus (its ServiceAccount) or an unmeshed one (its networks). */
export type ScrapeClient =
    { kind: "serviceAccount"; namespace: string; name: string } | { kind: "networks"; cidrs: string[] };

export interface VizSettings {
    prometheusUrl: string;
    /** Basic-auth credentials for the Prometheus; the password is secret. */
    credentials?: { username: string; password: pulumi.Output<string> };
    grafana?: { url: string } | { externalUrl: string };
    scrape: {
        mode: ScrapeConfigMode;
        interval: string;
        /** Where the Secret for Prometheus Operator's additionalScrapeConfigs goes (mode "secret"). */
        secret?: { namespace: string; name: string };
        /** Labels on the PodMonitors, so that the Prometheus's podMonitorSelector picks them (mode "podMonitors"). */
        podMonitorLabels: Record<string, string>;
    };
    /** Policy objects that let the Prometheus scrape the proxies' admin port, when the default policy would not. */
    scrapeAuthorization?: { client: ScrapeClient; namespaces: string[] };
    tapAdmins: TapAdmin[];
    dashboard: { restrictPrivileges: boolean; enforcedHostRegexp?: string };
}

/** Everything `parseSettings` needs, so that it stays a pure function. */
export interface ConfigSource {
    project: string;
    stack: string;
    /** All configuration, keyed `<namespace>:<key>`, values as Pulumi stores them (strings; JSON for arrays). */
    values: Readonly<Record<string, string>>;
    /** Full keys whose values are stored encrypted (`pulumi config set --secret`). */
    secretKeys: ReadonlySet<string>;
    /** Reads `~/.kube/config`, used only when a stack names a context without a kubeconfig. */
    readDefaultKubeconfig: () => string | undefined;
    /** The clock; certificates are checked against it. */
    now?: Date;
}

/**
 * A configuration error: every problem found, each naming its key, what is wrong and how to fix it.
 * A `RunError` makes Pulumi print the message without a stack trace.
 */
export class ConfigError extends pulumi.RunError {
    constructor(
        readonly stack: string,
        readonly problems: string[],
    ) {
        super(
            `Invalid configuration for stack "${stack}" (${problems.length} problem${problems.length === 1 ? "" : "s"}); ` +
                `nothing was created:\n` +
                problems.map((p) => `  - ${p}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const CHART_VERSION = /^20\d{2}\.(?:[1-9]|1[0-2])\.[1-9]\d*$/;
const STACK_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const SEMVER_TAG = /^v(\d+)\.(\d+)\.(\d+)$/;

/** Parses and validates the whole stack configuration. Throws `ConfigError` listing every problem. */
export function parseSettings(source: ConfigSource): StackSettings {
    const problems: string[] = [];
    const warnings: string[] = [];
    const now = source.now ?? new Date();
    const ns = source.project;
    const full = (key: string) => `${ns}:${key}`;
    const fix = (key: ConfigKey, example: string, secret = false) =>
        `pulumi config set ${secret ? "--secret " : ""}${full(key)} ${example}`;

    // Unknown keys first: a typo would otherwise silently fall back to a default.
    const known = new Set<string>(Object.keys(CONFIG_SCHEMA));
    for (const fullKey of Object.keys(source.values).sort()) {
        if (!fullKey.startsWith(`${ns}:`)) {
            continue;
        }
        const key = fullKey.slice(ns.length + 1);
        if (!known.has(key)) {
            const hint = closestKey(key, [...known]);
            problems.push(
                `${fullKey}: unknown key.` +
                    (hint ? ` Did you mean ${full(hint)}?` : "") +
                    ` Remove it with: pulumi config rm ${fullKey}`,
            );
        }
    }

    const present = (key: ConfigKey) => isExplicit(source, key);
    const read = readTyped(source, problems);

    const clusterName = read.optionalString("clusterName");
    const trustStack = read.optionalString("trustStack");
    const isTrustOwner = trustStack === undefined;

    if (clusterName !== undefined && !isDns1123Label(clusterName)) {
        problems.push(
            `${full("clusterName")}: "${clusterName}" is not a DNS-1123 label (lowercase letters, digits and "-", ` +
                `at most 63 characters, starting and ending with a letter or digit). It names Kubernetes objects ` +
                `in other clusters, so it must be one. Fix: ${fix("clusterName", "east-1")}`,
        );
    }

    if (clusterName === undefined) {
        for (const key of CLUSTER_KEYS.filter(present)) {
            problems.push(
                `${full(key)}: only applies to a stack that installs Linkerd into a cluster, and ${full("clusterName")} ` +
                    `is not set. Set ${full("clusterName")}, or remove it with: pulumi config rm ${full(key)}`,
            );
        }
    }

    let trust: OwnedTrust | ReferencedTrust | undefined;
    if (isTrustOwner) {
        // A cluster that installs an issuer made elsewhere needs none from this stack.
        const ownIssuerExternal = present("identityIssuerCertPem") || present("identityIssuerKeyPem");
        trust = parseOwnedTrust(source, read, problems, warnings, ownIssuerExternal ? undefined : clusterName, now, {
            installsCluster: clusterName !== undefined,
        });
    } else {
        for (const key of TRUST_OWNER_KEYS.filter(present)) {
            problems.push(
                `${full(key)}: only applies to the stack that owns the trust root, and this stack reads its trust from ` +
                    `${full("trustStack")} ("${trustStack}"). Set it in that stack instead, and remove it here with: ` +
                    `pulumi config rm ${full(key)}`,
            );
        }
        if (!isStackReferenceName(trustStack)) {
            problems.push(
                `${full("trustStack")}: "${trustStack}" is not a fully qualified stack name. Use ` +
                    `<organization>/<project>/<stack> (for a self-managed backend the organization is "organization"). ` +
                    `Fix: ${fix("trustStack", `acme/${source.project}/trust`)}`,
            );
        } else if (trustStack.split("/")[2] === source.stack && trustStack.split("/")[1] === source.project) {
            problems.push(
                `${full("trustStack")}: "${trustStack}" names this stack. A stack that owns its trust root leaves ` +
                    `${full("trustStack")} unset: pulumi config rm ${full("trustStack")}`,
            );
        }
        if (clusterName === undefined) {
            problems.push(
                `${full("clusterName")}: is required in a stack that reads its trust from ${full("trustStack")}; ` +
                    `such a stack exists to install Linkerd into one cluster. Fix: ${fix("clusterName", "east")}`,
            );
        }
        trust = { kind: "referenced", stackName: trustStack };
    }

    let cluster: ClusterSettings | undefined;
    if (clusterName !== undefined) {
        cluster = parseCluster(source, read, problems, warnings, clusterName, now, trust);
    }

    const renewBeforeHours = read.integer("certificateRenewBeforeHours");
    if (renewBeforeHours < 24 * 61) {
        problems.push(
            `${full("certificateRenewBeforeHours")}: ${renewBeforeHours} hours is less than 61 days; certificates ` +
                `must be renewed before linkerd check starts warning, 60 days before expiry. Fix: pulumi config set ` +
                `${full("certificateRenewBeforeHours")} 2160`,
        );
    }
    if (trust?.kind === "owned" && renewBeforeHours * 2 > trust.issuerValidityHours) {
        problems.push(
            `${full("certificateRenewBeforeHours")}: renewing ${renewBeforeHours} hours before expiry leaves an ` +
                `issuer valid for ${trust.issuerValidityHours} hours less than half its life; lower it or raise ` +
                `${full("issuerValidityHours")}.`,
        );
    }
    if (cluster && renewBeforeHours * 2 > cluster.webhookCertValidityHours) {
        problems.push(
            `${full("certificateRenewBeforeHours")}: renewing ${renewBeforeHours} hours before expiry leaves webhook ` +
                `certificates valid for ${cluster.webhookCertValidityHours} hours less than half their life; lower ` +
                `it or raise ${full("webhookCertValidityHours")}.`,
        );
    }

    if (problems.length > 0 || trust === undefined) {
        throw new ConfigError(source.stack, problems);
    }
    return { stack: source.stack, now, renewBeforeHours, warnings, trust, cluster };
}

function parseOwnedTrust(
    source: ConfigSource,
    read: TypedReader,
    problems: string[],
    warnings: string[],
    clusterName: string | undefined,
    now: Date,
    stack: { installsCluster: boolean },
): OwnedTrust {
    const full = (key: string) => `${source.project}:${key}`;
    const anchorValidityHours = read.integer("trustAnchorValidityHours");
    const issuerValidityHours = read.integer("issuerValidityHours");
    const listed = read.array("issueFor") ?? [];

    const seen = new Set<string>();
    for (const name of listed) {
        if (!isDns1123Label(name)) {
            problems.push(
                `${full("issueFor")}: "${name}" is not a DNS-1123 label; cluster names must be lowercase letters, ` +
                    `digits and "-" (at most 63 characters). Fix the entry in ${full("issueFor")}.`,
            );
        }
        if (seen.has(name)) {
            problems.push(
                `${full("issueFor")}: cluster "${name}" is listed twice; each cluster gets exactly one identity ` +
                    `issuer. Remove the duplicate entry.`,
            );
        }
        seen.add(name);
    }
    if (clusterName !== undefined) {
        // The owning stack's own cluster always needs an issuer; listing it is allowed but not needed.
        seen.add(clusterName);
    }
    if (seen.size === 0 && !stack.installsCluster) {
        problems.push(
            `${full("issueFor")}: this stack owns the trust root but issues for no cluster and installs into none. ` +
                `List the clusters to issue for: pulumi config set --path '${full("issueFor")}[0]' east ` +
                `(or set ${full("clusterName")} to install into a cluster).`,
        );
    }

    if (anchorValidityHours < 24 * 30) {
        problems.push(
            `${full("trustAnchorValidityHours")}: ${anchorValidityHours} hours is too short for a trust anchor ` +
                `(at least 720; the default is 87600, ten years). Fix: pulumi config set ` +
                `${full("trustAnchorValidityHours")} 87600`,
        );
    }
    if (issuerValidityHours < 48) {
        problems.push(
            `${full("issuerValidityHours")}: ${issuerValidityHours} hours is too short: the issuer must outlive the ` +
                `24-hour workload certificates it signs with room to spare (at least 48). Fix: pulumi config set ` +
                `${full("issuerValidityHours")} 8760`,
        );
    }
    // "Well before": the anchor must outlive the issuer by at least as long again, so that an issuer signed
    // late in the anchor's life still expires first and a rotation window always exists.
    if (issuerValidityHours * 2 > anchorValidityHours) {
        problems.push(
            `${full("issuerValidityHours")}: an issuer valid for ${issuerValidityHours} hours does not end well before ` +
                `the trust anchor (${anchorValidityHours} hours); it may be at most half the anchor's lifetime ` +
                `(${Math.floor(anchorValidityHours / 2)} hours). Lower ${full("issuerValidityHours")} or raise ` +
                `${full("trustAnchorValidityHours")}.`,
        );
    }

    const generations = read.array("trustAnchorGenerations") ?? [];
    for (const [i, generation] of generations.entries()) {
        if (!/^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/.test(generation) || generation === EXTERNAL_ANCHOR) {
            problems.push(
                `${full("trustAnchorGenerations")}: "${generation}" is not a generation name (lowercase letters, ` +
                    `digits and "-", such as 1, 2 or 2027; "${EXTERNAL_ANCHOR}" is reserved). It names the anchor's ` +
                    `resources, so it never changes once the anchor exists.`,
            );
        }
        if (generations.indexOf(generation) !== i) {
            problems.push(`${full("trustAnchorGenerations")}: "${generation}" is listed twice.`);
        }
    }

    const externalAnchor = parseExternalAnchor(source, read, problems, warnings, now);
    if (generations.length === 0 && !externalAnchor) {
        problems.push(
            `${full("trustAnchorGenerations")}: is empty and no ${full("externalTrustAnchorPem")} is set, so the ` +
                `bundle would trust nothing. Keep at least one generation: pulumi config set --path ` +
                `'${full("trustAnchorGenerations")}[0]' 1`,
        );
    }
    const signingGeneration = read.optionalString("trustAnchorSigningGeneration") ?? generations[0] ?? EXTERNAL_ANCHOR;
    if (seen.size === 0) {
        // Nothing to sign: no signing anchor is needed.
    } else if (signingGeneration === EXTERNAL_ANCHOR) {
        if (!externalAnchor?.keyPem) {
            problems.push(
                `${full("trustAnchorSigningGeneration")}: the external anchor can only sign issuers with its key; set ` +
                    `${full("externalTrustAnchorKeyPem")} (secret), or sign with one of ` +
                    `${full("trustAnchorGenerations")}.`,
            );
        }
    } else if (!generations.includes(signingGeneration)) {
        problems.push(
            `${full("trustAnchorSigningGeneration")}: "${signingGeneration}" is not in ${full("trustAnchorGenerations")} ` +
                `(${generations.join(", ") || "empty"}); issuers can only be signed by an anchor in the bundle. Add it ` +
                `there first (step 1 of a rotation), or pick one of those.`,
        );
    }

    return {
        kind: "owned",
        anchorGenerations: generations,
        signingGeneration,
        externalAnchor,
        anchorValidityHours,
        issuerValidityHours,
        issueFor: [...seen].sort(),
    };
}

/** An anchor made elsewhere (certificate, optionally its key), validated as Linkerd requires. */
function parseExternalAnchor(
    source: ConfigSource,
    read: TypedReader,
    problems: string[],
    warnings: string[],
    now: Date,
): OwnedTrust["externalAnchor"] {
    const full = (key: string) => `${source.project}:${key}`;
    const certPem = read.optionalString("externalTrustAnchorPem");
    const keyPem = source.values[full("externalTrustAnchorKeyPem")];
    if (certPem === undefined) {
        if (keyPem !== undefined) {
            problems.push(
                `${full("externalTrustAnchorKeyPem")}: set without ${full("externalTrustAnchorPem")}; give the ` +
                    `anchor's certificate too.`,
            );
        }
        return undefined;
    }
    let anchors: X509Certificate[];
    try {
        anchors = parseCertificates(certPem, full("externalTrustAnchorPem"));
    } catch (error) {
        problems.push(`${(error as Error).message}. Set it to the PEM of the anchor certificate(s).`);
        return undefined;
    }
    for (const [i, anchor] of anchors.entries()) {
        const what = `${full("externalTrustAnchorPem")}${anchors.length > 1 ? ` (certificate ${i + 1})` : ""}`;
        problems.push(...linkerdCaProblems(anchor, what).map((p) => `${p}.`));
        problems.push(...validityProblems(anchor, what, now).map((p) => `${p}; a trust anchor must be valid.`));
        if (Date.parse(anchor.validTo) - now.getTime() < EXPIRY_WARNING_DAYS * 86_400_000) {
            warnings.push(
                `${what} expires on ${new Date(anchor.validTo).toISOString()}, within ${EXPIRY_WARNING_DAYS} days.`,
            );
        }
    }
    if (keyPem === undefined) {
        return { certPem: bundlePems(anchors.map((a) => a.toString())) };
    }
    if (!source.secretKeys.has(full("externalTrustAnchorKeyPem"))) {
        problems.push(
            `${full("externalTrustAnchorKeyPem")}: is stored in plain text in the stack file. Fix: pulumi config set ` +
                `--secret ${full("externalTrustAnchorKeyPem")} < anchor.key`,
        );
    }
    if (anchors.length !== 1) {
        problems.push(
            `${full("externalTrustAnchorKeyPem")}: a signing key needs exactly one anchor certificate in ` +
                `${full("externalTrustAnchorPem")}, which holds ${anchors.length}.`,
        );
    } else {
        problems.push(...privateKeyProblems(keyPem, anchors[0], full("externalTrustAnchorKeyPem")).map((p) => `${p}.`));
    }
    return { certPem: bundlePems(anchors.map((a) => a.toString())), keyPem: pulumi.secret(keyPem) };
}

/** An issuer made elsewhere for this cluster (certificate and key), validated as Linkerd requires. */
function parseExternalIssuer(
    source: ConfigSource,
    read: TypedReader,
    problems: string[],
    warnings: string[],
    now: Date,
    trust: OwnedTrust | ReferencedTrust | undefined,
): ClusterSettings["externalIssuer"] {
    const full = (key: string) => `${source.project}:${key}`;
    const certPem = read.optionalString("identityIssuerCertPem");
    const keyPem = source.values[full("identityIssuerKeyPem")];
    if (certPem === undefined && keyPem === undefined) {
        return undefined;
    }
    if (certPem === undefined || keyPem === undefined) {
        problems.push(
            `${full(certPem === undefined ? "identityIssuerCertPem" : "identityIssuerKeyPem")}: an external issuer ` +
                `needs both ${full("identityIssuerCertPem")} and ${full("identityIssuerKeyPem")} (secret).`,
        );
        return undefined;
    }
    if (!source.secretKeys.has(full("identityIssuerKeyPem"))) {
        problems.push(
            `${full("identityIssuerKeyPem")}: is stored in plain text in the stack file. Fix: pulumi config set ` +
                `--secret ${full("identityIssuerKeyPem")} < issuer.key`,
        );
    }
    let certs: X509Certificate[];
    try {
        certs = parseCertificates(certPem, full("identityIssuerCertPem"));
    } catch (error) {
        problems.push(`${(error as Error).message}. Set it to the PEM of the issuer certificate.`);
        return undefined;
    }
    if (certs.length !== 1) {
        problems.push(`${full("identityIssuerCertPem")}: holds ${certs.length} certificates; give the issuer's alone.`);
        return undefined;
    }
    const [issuer] = certs;
    const what = full("identityIssuerCertPem");
    problems.push(...linkerdCaProblems(issuer, what).map((p) => `${p}.`));
    problems.push(...validityProblems(issuer, what, now).map((p) => `${p}.`));
    problems.push(...privateKeyProblems(keyPem, issuer, full("identityIssuerKeyPem")).map((p) => `${p}.`));
    if (Date.parse(issuer.validTo) - now.getTime() < EXPIRY_WARNING_DAYS * 86_400_000) {
        warnings.push(
            `${what} expires on ${new Date(issuer.validTo).toISOString()}, within ${EXPIRY_WARNING_DAYS} days.`,
        );
    }
    // When the whole bundle is known now (this stack trusts only an external anchor), check the chain now.
    if (trust?.kind === "owned" && trust.anchorGenerations.length === 0 && trust.externalAnchor) {
        const anchors = parseCertificates(trust.externalAnchor.certPem, full("externalTrustAnchorPem"));
        if (!chainsTo(issuer, anchors)) {
            problems.push(
                `${what}: is not signed by any anchor in the trust bundle (${full("externalTrustAnchorPem")}); ` +
                    `proxies could not verify the identities it issues.`,
            );
        }
    }
    return { certPem: normalizePem(certPem), keyPem: pulumi.secret(keyPem) };
}

function parseCluster(
    source: ConfigSource,
    read: TypedReader,
    problems: string[],
    warnings: string[],
    clusterName: string,
    now: Date,
    trust: OwnedTrust | ReferencedTrust | undefined,
): ClusterSettings {
    const full = (key: string) => `${source.project}:${key}`;

    const renderYamlTo = read.optionalString("renderYamlTo");
    let access: ReturnType<typeof parseClusterAccess>;
    if (renderYamlTo !== undefined) {
        access = parseRenderMode(source, problems, renderYamlTo);
    } else {
        access = parseClusterAccess(source, problems);
    }

    const chartVersion = read.string("linkerdChartVersion");
    if (!CHART_VERSION.test(chartVersion)) {
        problems.push(
            `${full("linkerdChartVersion")}: "${chartVersion}" is not a Linkerd edge chart version of the form ` +
                `YYYY.M.N (edge-26.6.3 is chart 2026.6.3). Fix: pulumi config set ${full("linkerdChartVersion")} ` +
                `${LINKERD_CHART_VERSION}`,
        );
    }
    const chartRepository = read.string("linkerdChartRepository");
    if (!/^(https:\/\/|oci:\/\/)\S+$/.test(chartRepository)) {
        problems.push(
            `${full("linkerdChartRepository")}: "${chartRepository}" is not an https:// or oci:// repository URL. ` +
                `Fix: pulumi config set ${full("linkerdChartRepository")} ${LINKERD_CHART_REPOSITORY}`,
        );
    } else if (/helm\.linkerd\.io\/stable\/?$/.test(chartRepository)) {
        problems.push(
            `${full("linkerdChartRepository")}: ${chartRepository} is frozen at Linkerd 2.14 and has no ${chartVersion} ` +
                `chart. Fix: pulumi config set ${full("linkerdChartRepository")} ${LINKERD_CHART_REPOSITORY}`,
        );
    }

    const gatewayApiMode = read.string("gatewayApiCrds");
    if (gatewayApiMode !== "install" && gatewayApiMode !== "preinstalled") {
        problems.push(
            `${full("gatewayApiCrds")}: "${gatewayApiMode}" is not one of "install" (this program installs the ` +
                `Gateway API standard channel) or "preinstalled" (the cluster already has Gateway API ` +
                `${GATEWAY_API_OLDEST_SUPPORTED} to ${GATEWAY_API_NEWEST_SUPPORTED}). Fix: pulumi config set ` +
                `${full("gatewayApiCrds")} install`,
        );
    }
    const gatewayApiVersion = read.string("gatewayApiVersion");
    if (!gatewayApiVersionSupported(gatewayApiVersion)) {
        problems.push(
            `${full("gatewayApiVersion")}: "${gatewayApiVersion}" is not a Gateway API release that Linkerd 2.20 ` +
                `supports (${GATEWAY_API_OLDEST_SUPPORTED} to ${GATEWAY_API_NEWEST_SUPPORTED}, written with the "v"). ` +
                `Fix: pulumi config set ${full("gatewayApiVersion")} ${GATEWAY_API_VERSION}`,
        );
    }
    if (gatewayApiMode === "preinstalled" && isExplicit(source, "gatewayApiVersion")) {
        problems.push(
            `${full("gatewayApiVersion")}: has no effect when ${full("gatewayApiCrds")} is "preinstalled"; the ` +
                `cluster's own Gateway API is used. Remove it with: pulumi config rm ${full("gatewayApiVersion")}`,
        );
    }

    const heartbeatSchedule = read.optionalString("heartbeatSchedule") ?? defaultHeartbeatSchedule(clusterName);
    if (!isCronSchedule(heartbeatSchedule)) {
        problems.push(
            `${full("heartbeatSchedule")}: "${heartbeatSchedule}" is not a five-field cron schedule. ` +
                `Fix: pulumi config set ${full("heartbeatSchedule")} "0 3 * * *"`,
        );
    }

    const webhookCertValidityHours = read.integer("webhookCertValidityHours");
    if (webhookCertValidityHours < 24 * 90) {
        problems.push(
            `${full("webhookCertValidityHours")}: ${webhookCertValidityHours} hours is shorter than 90 days; ` +
                `linkerd check warns 60 days before webhook certificates expire. Fix: pulumi config set ` +
                `${full("webhookCertValidityHours")} 8760`,
        );
    }

    const controlPlaneComponents = (Object.keys(CONTROL_PLANE_RESOURCE_COMPONENTS) as ControlPlaneComponent[]).filter(
        (c) => c !== "proxy",
    );
    const controlPlaneResources = {
        ...parseResourceOverrides(
            full("controlPlaneResources"),
            read.array("controlPlaneResources") ?? [],
            problems,
            controlPlaneComponents,
        ),
        // proxyResources entries are `cpu.request=100m`: the component is implied.
        ...parseResourceOverrides(
            full("proxyResources"),
            (read.array("proxyResources") ?? []).map((entry) => `proxy.${entry}`),
            problems,
            ["proxy"],
        ),
    };

    const defaultInboundPolicy = read.string("defaultInboundPolicy") as InboundPolicy;
    if (!INBOUND_POLICIES.includes(defaultInboundPolicy)) {
        problems.push(
            `${full("defaultInboundPolicy")}: "${defaultInboundPolicy}" is not one of ${INBOUND_POLICIES.join(", ")}. ` +
                `Fix: pulumi config set ${full("defaultInboundPolicy")} all-unauthenticated`,
        );
    }

    let viz: VizSettings | undefined;
    if (read.boolean("vizEnabled")) {
        viz = parseViz(source, read, problems, warnings, defaultInboundPolicy);
    } else {
        for (const key of VIZ_KEYS.filter((k) => isExplicit(source, k))) {
            problems.push(
                `${full(key)}: only applies when viz is installed, and ${full("vizEnabled")} is not true. ` +
                    `Fix: pulumi config set ${full("vizEnabled")} true, or pulumi config rm ${full(key)}`,
            );
        }
    }

    const clusterDomain = read.string("clusterDomain");
    if (!isDns1123Subdomain(clusterDomain)) {
        problems.push(
            `${full("clusterDomain")}: "${clusterDomain}" is not a DNS domain. Fix: pulumi config set ` +
                `${full("clusterDomain")} cluster.local`,
        );
    }
    const identityTrustDomain = read.optionalString("identityTrustDomain") ?? clusterDomain;
    if (!isDns1123Subdomain(identityTrustDomain)) {
        problems.push(`${full("identityTrustDomain")}: "${identityTrustDomain}" is not a DNS-1123 domain.`);
    }

    let multicluster: MulticlusterSettings | undefined;
    if (read.boolean("multiclusterEnabled")) {
        multicluster = parseMulticluster(source, read, problems, clusterName, access, renderYamlTo !== undefined);
    } else {
        for (const key of MULTICLUSTER_KEYS.filter((k) => isExplicit(source, k))) {
            problems.push(
                `${full(key)}: only applies when the multicluster extension is installed, and ` +
                    `${full("multiclusterEnabled")} is not true. Fix: pulumi config set ${full("multiclusterEnabled")} ` +
                    `true, or pulumi config rm ${full(key)}`,
            );
        }
    }

    const highAvailability = read.boolean("highAvailability");
    // Kubernetes rejects a request above its limit only when a pod is created, mid-rollout; catch it here.
    const effective = effectiveControlPlaneResources(highAvailability, controlPlaneResources);
    for (const [component, resources] of Object.entries(effective)) {
        for (const [resource, bounds] of Object.entries(resources ?? {})) {
            const request = bounds?.request ? parseQuantity(bounds.request) : undefined;
            const limit = bounds?.limit ? parseQuantity(bounds.limit) : undefined;
            if (request !== undefined && limit !== undefined && request > limit) {
                problems.push(
                    `${full("controlPlaneResources")}: ${component}.${resource} would request ${bounds?.request} ` +
                        `but be limited to ${bounds?.limit}${highAvailability ? " (HA defaults included)" : ""}; ` +
                        `a request cannot exceed its limit. Raise ${component}.${resource}.limit or lower ` +
                        `${component}.${resource}.request.`,
                );
            }
        }
    }

    return {
        name: clusterName,
        kubeconfig: pulumi.secret(access?.kubeconfig ?? ""),
        context: access?.context ?? "",
        chartRepository,
        chartVersion,
        highAvailability,
        controlPlaneResources,
        gatewayApi: { install: gatewayApiMode !== "preinstalled", version: gatewayApiVersion },
        heartbeatSchedule,
        webhookCertValidityHours,
        defaultInboundPolicy,
        viz,
        clusterDomain,
        identityTrustDomain,
        multicluster,
        externalIssuer: parseExternalIssuer(source, read, problems, warnings, now, trust),
        expiryAlerts: parseExpiryAlerts(source, read, problems),
        cni: parseCni(source, read, problems),
        meshedNamespaces: parseMeshedNamespaces(source, read, problems),
        clockSkewAllowance: parseClockSkew(source, read, problems),
        renderYamlTo,
    };
}

/**
 * Render mode: the provider writes every manifest into a folder instead of applying it. It never
 * contacts a cluster, so it takes no kubeconfig or context, and strict mode (which demands both)
 * must be off for this stack.
 */
function parseRenderMode(source: ConfigSource, problems: string[], folder: string): undefined {
    const full = (key: string) => `${source.project}:${key}`;
    if (folder.trim() === "") {
        problems.push(`${full("renderYamlTo")}: is empty; name the folder to render into, e.g. rendered/dev.`);
    }
    if (source.values["kubernetes:strictMode"] === "true") {
        problems.push(
            `kubernetes:strictMode: strict mode requires a kubeconfig and a context, which render mode ` +
                `(${full("renderYamlTo")}) cannot take. Fix: pulumi config rm kubernetes:strictMode for this stack.`,
        );
    }
    for (const key of ["kubeconfig", "kubeContext"] as const) {
        if (source.values[full(key)] !== undefined) {
            problems.push(
                `${full(key)}: render mode (${full("renderYamlTo")}) does not contact a cluster and the provider ` +
                    `rejects it; remove it with: pulumi config rm ${full(key)}`,
            );
        }
    }
    return undefined;
}

function parseCni(source: ConfigSource, read: TypedReader, problems: string[]): ClusterSettings["cni"] {
    const full = (key: string) => `${source.project}:${key}`;
    if (!read.boolean("cniEnabled")) {
        for (const key of ["cniNetDir", "cniBinDir", "cniRepairController"] as const) {
            if (isExplicit(source, key)) {
                problems.push(
                    `${full(key)}: a CNI option, but ${full("cniEnabled")} is not true. Fix: pulumi config set ` +
                        `${full("cniEnabled")} true, or pulumi config rm ${full(key)}`,
                );
            }
        }
        return undefined;
    }
    const netDir = read.string("cniNetDir");
    const binDir = read.string("cniBinDir");
    for (const [key, dir] of [
        ["cniNetDir", netDir],
        ["cniBinDir", binDir],
    ] as const) {
        if (!/^\/[^\s]*$/.test(dir)) {
            problems.push(`${full(key)}: "${dir}" is not an absolute path on the nodes.`);
        }
    }
    return { netDir, binDir, repairController: read.boolean("cniRepairController") };
}

/** `namespace` or `namespace=<enabled|ingress|disabled>` entries. */
function parseMeshedNamespaces(
    source: ConfigSource,
    read: TypedReader,
    problems: string[],
): ClusterSettings["meshedNamespaces"] {
    const full = (key: string) => `${source.project}:${key}`;
    const result: ClusterSettings["meshedNamespaces"] = [];
    for (const entry of read.array("meshedNamespaces") ?? []) {
        const [name, mode = "enabled", extra] = entry.split("=");
        if (extra !== undefined || !isDns1123Label(name)) {
            problems.push(`${full("meshedNamespaces")}: "${entry}" is not <namespace> or <namespace>=<mode>.`);
            continue;
        }
        if (!INJECTION_MODES.includes(mode as InjectionMode)) {
            problems.push(
                `${full("meshedNamespaces")}: "${mode}" in "${entry}" is not an injection mode (${INJECTION_MODES.join(", ")}).`,
            );
            continue;
        }
        if (["kube-system", "cert-manager"].includes(name) || name.startsWith("linkerd")) {
            problems.push(
                `${full("meshedNamespaces")}: "${name}" is never injected (Linkerd's injector skips kube-system and ` +
                    `cert-manager, and its own namespaces are managed by this program). Run workloads to mesh elsewhere.`,
            );
            continue;
        }
        if (result.some((n) => n.name === name)) {
            problems.push(`${full("meshedNamespaces")}: "${name}" is listed twice.`);
            continue;
        }
        result.push({ name, mode: mode as InjectionMode });
    }
    return result;
}

function parseClockSkew(source: ConfigSource, read: TypedReader, problems: string[]): string {
    const full = (key: string) => `${source.project}:${key}`;
    const value = read.string("identityClockSkewAllowance");
    const match = /^(\d+)(ms|s|m|h)$/.exec(value);
    const seconds = match ? Number(match[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[match[2] as "s"] : NaN;
    if (!match) {
        problems.push(
            `${full("identityClockSkewAllowance")}: "${value}" is not a duration such as 20s or 1m. Fix: pulumi ` +
                `config set ${full("identityClockSkewAllowance")} 20s`,
        );
    } else if (seconds > 3600) {
        problems.push(
            `${full("identityClockSkewAllowance")}: ${value} is more than an hour; certificates would be valid long ` +
                `before they were issued. Fix the nodes' clocks (NTP) instead.`,
        );
    }
    return value;
}

function parseExpiryAlerts(
    source: ConfigSource,
    read: TypedReader,
    problems: string[],
): ClusterSettings["expiryAlerts"] {
    const full = (key: string) => `${source.project}:${key}`;
    if (!read.boolean("expiryAlerts")) {
        for (const key of ["expiryAlertsNamespace", "expiryAlertsLabels"] as const) {
            if (isExplicit(source, key)) {
                problems.push(
                    `${full(key)}: only applies when ${full("expiryAlerts")} is true. Fix: pulumi config set ` +
                        `${full("expiryAlerts")} true, or pulumi config rm ${full(key)}`,
                );
            }
        }
        return undefined;
    }
    const namespace = read.string("expiryAlertsNamespace");
    if (!isDns1123Label(namespace)) {
        problems.push(`${full("expiryAlertsNamespace")}: "${namespace}" is not a namespace name.`);
    }
    return {
        namespace,
        labels: parseLabels(full("expiryAlertsLabels"), read.array("expiryAlertsLabels") ?? [], problems),
    };
}

/** The multicluster extension: this cluster's gateway, who may link to it, and what it links to. */
function parseMulticluster(
    source: ConfigSource,
    read: TypedReader,
    problems: string[],
    clusterName: string,
    access: { server?: string; caData?: string } | undefined,
    render: boolean,
): MulticlusterSettings {
    const full = (key: string) => `${source.project}:${key}`;
    const thisStack = `${source.project}/${source.stack}`;
    if (render) {
        // A rendered cluster is never deployed by this program: no token is ever issued, no load
        // balancer reports an address, and no target can be read live.
        for (const key of ["multiclusterLinks", "multiclusterAllowedSources"] as const) {
            if (isExplicit(source, key)) {
                problems.push(
                    `${full(key)}: links need live clusters (tokens, gateway addresses), which a rendered stack ` +
                        `(${full("renderYamlTo")}) never has. Link clusters from stacks that deploy them.`,
                );
            }
        }
    }

    const links: LinkTarget[] = [];
    for (const entry of read.array("multiclusterLinks") ?? []) {
        const [stackName, ...options] = entry.trim().split(/\s+/);
        let mode: LinkTarget["mode"] = "gateway";
        let valid = true;
        for (const option of options) {
            if (option === "gateway=false") {
                mode = "pod-to-pod";
            } else if (option !== "gateway=true") {
                problems.push(
                    `${full("multiclusterLinks")}: "${entry}": unknown option "${option}"; the only option is ` +
                        `gateway=false (pod-to-pod, for flat networks).`,
                );
                valid = false;
            }
        }
        if (!isStackReferenceName(stackName)) {
            problems.push(
                `${full("multiclusterLinks")}: "${stackName}" is not a fully qualified stack name ` +
                    `<organization>/<project>/<stack>. Example: acme/${source.project}/west`,
            );
            continue;
        }
        if (stackName.endsWith(`/${thisStack}`)) {
            problems.push(
                `${full("multiclusterLinks")}: "${stackName}" is this stack; a cluster does not link to itself. ` +
                    `Remove the entry.`,
            );
            continue;
        }
        if (links.some((l) => l.stackName === stackName)) {
            problems.push(`${full("multiclusterLinks")}: "${stackName}" is listed twice; keep one entry.`);
            continue;
        }
        if (valid) {
            links.push({ stackName, mode });
        }
    }

    const allowedSources: string[] = [];
    for (const name of read.array("multiclusterAllowedSources") ?? []) {
        if (!isDns1123Label(name)) {
            problems.push(`${full("multiclusterAllowedSources")}: "${name}" is not a cluster name (DNS-1123 label).`);
        } else if (name === clusterName) {
            problems.push(`${full("multiclusterAllowedSources")}: "${name}" is this cluster; remove it.`);
        } else if (allowedSources.includes(name)) {
            problems.push(`${full("multiclusterAllowedSources")}: "${name}" is listed twice.`);
        } else {
            allowedSources.push(name);
        }
    }

    const url = read.optionalString("multiclusterApiServerUrl") ?? access?.server;
    if (render) {
        // Nothing links to a rendered cluster, so its API server is not published.
    } else if (url === undefined) {
        problems.push(
            `${full("multiclusterApiServerUrl")}: the kubeconfig's cluster has no server URL; set the API server ` +
                `address that other clusters' pods can reach: pulumi config set ${full("multiclusterApiServerUrl")} ` +
                `https://api.east.example.com:6443`,
        );
    } else if (!/^https:\/\/[^\s/]+/.test(url)) {
        problems.push(`${full("multiclusterApiServerUrl")}: "${url}" is not an https:// URL.`);
    }
    const caData = read.optionalString("multiclusterApiServerCaData") ?? access?.caData;
    if (render) {
        // As above.
    } else if (caData === undefined) {
        problems.push(
            `${full("multiclusterApiServerCaData")}: the kubeconfig's cluster has no certificate-authority-data ` +
                `(a CA file path cannot travel to other clusters). Set the base64 PEM of the API server's CA: ` +
                `pulumi config set ${full("multiclusterApiServerCaData")} <base64>`,
        );
    } else if (!/-----BEGIN CERTIFICATE-----/.test(Buffer.from(caData, "base64").toString("utf8"))) {
        problems.push(
            `${full("multiclusterApiServerCaData")}: is not a base64-encoded PEM certificate (as in a kubeconfig's ` +
                `certificate-authority-data).`,
        );
    }

    const serviceType = read.string("multiclusterGatewayServiceType") as MulticlusterSettings["gateway"]["serviceType"];
    if (!GATEWAY_SERVICE_TYPES.includes(serviceType)) {
        problems.push(
            `${full("multiclusterGatewayServiceType")}: "${serviceType}" is not one of ${GATEWAY_SERVICE_TYPES.join(", ")}.`,
        );
    }
    const port = read.integer("multiclusterGatewayPort");
    const nodePort = read.optionalInteger("multiclusterGatewayNodePort");
    const probeNodePort = read.optionalInteger("multiclusterGatewayProbeNodePort");
    for (const [key, value] of [
        ["multiclusterGatewayPort", port],
        ["multiclusterGatewayNodePort", nodePort],
        ["multiclusterGatewayProbeNodePort", probeNodePort],
    ] as const) {
        if (value !== undefined && (value < 1 || value > 65535)) {
            problems.push(`${full(key)}: ${value} is not a port number (1 to 65535).`);
        }
    }
    if (serviceType === "NodePort" && (nodePort === undefined || probeNodePort === undefined)) {
        problems.push(
            `${full(nodePort === undefined ? "multiclusterGatewayNodePort" : "multiclusterGatewayProbeNodePort")}: ` +
                `a NodePort gateway is reached on its node ports, which other clusters must know in advance; set ` +
                `both ${full("multiclusterGatewayNodePort")} and ${full("multiclusterGatewayProbeNodePort")} ` +
                `(30000 to 32767).`,
        );
    } else if (serviceType !== "NodePort" && (nodePort !== undefined || probeNodePort !== undefined)) {
        problems.push(
            `${full("multiclusterGatewayNodePort")}: node ports only apply when ${full("multiclusterGatewayServiceType")} ` +
                `is NodePort.`,
        );
    }
    const addresses = read.array("multiclusterGatewayAddresses") ?? [];
    for (const address of addresses) {
        if (net.isIP(address) === 0 && !isDns1123Subdomain(address)) {
            problems.push(`${full("multiclusterGatewayAddresses")}: "${address}" is not an IP address or DNS name.`);
        }
    }
    if (serviceType !== "LoadBalancer" && addresses.length === 0) {
        problems.push(
            `${full("multiclusterGatewayAddresses")}: a ${serviceType} gateway has no load balancer to learn its ` +
                `address from; list the addresses other clusters dial (node IPs, a DNS name).`,
        );
    }
    const sourceRanges = read.array("multiclusterGatewayLoadBalancerSourceRanges") ?? [];
    for (const cidr of sourceRanges) {
        if (!isCidr(cidr)) {
            problems.push(`${full("multiclusterGatewayLoadBalancerSourceRanges")}: "${cidr}" is not a CIDR.`);
        }
    }
    const loadBalancerIP = read.optionalString("multiclusterGatewayLoadBalancerIP");
    if (loadBalancerIP !== undefined && net.isIP(loadBalancerIP) === 0) {
        problems.push(`${full("multiclusterGatewayLoadBalancerIP")}: "${loadBalancerIP}" is not an IP address.`);
    }

    return {
        links,
        allowedSources: allowedSources.sort(),
        flatNetwork: read.boolean("multiclusterFlatNetwork"),
        apiServer: { url: url ?? "", caData: caData ?? "" },
        gateway: {
            serviceType,
            port,
            nodePort,
            probeNodePort,
            addresses,
            serviceAnnotations: parseLabels(
                full("multiclusterGatewayServiceAnnotations"),
                read.array("multiclusterGatewayServiceAnnotations") ?? [],
                problems,
                { annotations: true },
            ),
            loadBalancerClass: read.optionalString("multiclusterGatewayLoadBalancerClass"),
            loadBalancerIP,
            loadBalancerSourceRanges: sourceRanges,
        },
    };
}

/** The viz extension on the organisation's own Prometheus. */
function parseViz(
    source: ConfigSource,
    read: TypedReader,
    problems: string[],
    warnings: string[],
    defaultInboundPolicy: InboundPolicy,
): VizSettings {
    const full = (key: string) => `${source.project}:${key}`;

    const prometheusUrl = read.optionalString("prometheusUrl");
    const username = read.optionalString("prometheusUsername");
    const password = source.values[full("prometheusPassword")];
    if ((prometheusUrl === undefined || prometheusUrl === "") && (username !== undefined || password !== undefined)) {
        problems.push(
            `${full(username !== undefined ? "prometheusUsername" : "prometheusPassword")}: credentials are set for a ` +
                `Prometheus, but ${full("prometheusUrl")} does not say which one. Fix: pulumi config set ` +
                `${full("prometheusUrl")} <its URL>, or remove the credentials.`,
        );
    } else if (prometheusUrl === undefined || prometheusUrl === "") {
        problems.push(
            `${full("prometheusUrl")}: viz reads the organisation's Prometheus and needs its URL (the bundled one, ` +
                `which keeps 6 hours, is not installed). Fix: pulumi config set ${full("prometheusUrl")} ` +
                `http://prometheus.monitoring.svc.cluster.local:9090`,
        );
    } else if (!isHttpUrl(prometheusUrl)) {
        problems.push(
            `${full("prometheusUrl")}: "${prometheusUrl}" is not an http:// or https:// URL with a host. Fix: ` +
                `pulumi config set ${full("prometheusUrl")} http://prometheus.monitoring.svc.cluster.local:9090`,
        );
    }

    let credentials: VizSettings["credentials"];
    if (username !== undefined || password !== undefined) {
        if (username === undefined || password === undefined) {
            const missing = username === undefined ? "prometheusUsername" : "prometheusPassword";
            problems.push(
                `${full(missing)}: basic-auth credentials need both ${full("prometheusUsername")} and ` +
                    `${full("prometheusPassword")}. Fix: pulumi config set ${missing === "prometheusPassword" ? "--secret " : ""}` +
                    `${full(missing)} <value>`,
            );
        } else if (!source.secretKeys.has(full("prometheusPassword"))) {
            problems.push(
                `${full("prometheusPassword")}: is stored in plain text in the stack file. Fix: pulumi config set ` +
                    `--secret ${full("prometheusPassword")} <password>`,
            );
        } else {
            credentials = { username, password: pulumi.secret(password) };
        }
    }

    const grafanaUrl = read.optionalString("grafanaUrl");
    const grafanaExternalUrl = read.optionalString("grafanaExternalUrl");
    let grafana: VizSettings["grafana"];
    if (grafanaUrl !== undefined && grafanaExternalUrl !== undefined) {
        problems.push(
            `${full("grafanaUrl")}: set together with ${full("grafanaExternalUrl")}; viz links to one Grafana, either ` +
                `in the cluster (grafanaUrl) or outside it (grafanaExternalUrl). Remove one: pulumi config rm ` +
                `${full("grafanaExternalUrl")}`,
        );
    } else if (grafanaUrl !== undefined) {
        grafana = { url: grafanaUrl };
    } else if (grafanaExternalUrl !== undefined) {
        if (!isHttpUrl(grafanaExternalUrl)) {
            problems.push(`${full("grafanaExternalUrl")}: "${grafanaExternalUrl}" is not an http:// or https:// URL.`);
        }
        grafana = { externalUrl: grafanaExternalUrl };
    }

    const mode = read.string("prometheusScrapeConfig") as ScrapeConfigMode;
    if (!SCRAPE_CONFIG_MODES.includes(mode)) {
        problems.push(
            `${full("prometheusScrapeConfig")}: "${mode}" is not one of fragment (a scrape_configs fragment as a stack ` +
                `output), secret (a Secret for Prometheus Operator's additionalScrapeConfigs) or podMonitors ` +
                `(Prometheus Operator PodMonitors). Fix: pulumi config set ${full("prometheusScrapeConfig")} fragment`,
        );
    }
    const interval = read.string("prometheusScrapeInterval");
    if (!/^(\d+(ms|s|m|h|d|w|y))+$/.test(interval)) {
        problems.push(
            `${full("prometheusScrapeInterval")}: "${interval}" is not a Prometheus duration such as 10s or 1m. ` +
                `Fix: pulumi config set ${full("prometheusScrapeInterval")} 10s`,
        );
    }
    const secretNamespace = read.optionalString("prometheusScrapeSecretNamespace");
    const secretName = read.string("prometheusScrapeSecretName");
    let secret: VizSettings["scrape"]["secret"];
    if (mode === "secret") {
        if (secretNamespace === undefined) {
            problems.push(
                `${full("prometheusScrapeSecretNamespace")}: ${full("prometheusScrapeConfig")} is "secret", so the ` +
                    `Secret must go into the namespace of the Prometheus that reads it. Fix: pulumi config set ` +
                    `${full("prometheusScrapeSecretNamespace")} monitoring`,
            );
        } else if (!isDns1123Label(secretNamespace)) {
            problems.push(`${full("prometheusScrapeSecretNamespace")}: "${secretNamespace}" is not a namespace name.`);
        }
        if (!isDns1123Subdomain(secretName)) {
            problems.push(`${full("prometheusScrapeSecretName")}: "${secretName}" is not a valid Secret name.`);
        }
        secret = { namespace: secretNamespace ?? "", name: secretName };
    } else {
        for (const key of ["prometheusScrapeSecretNamespace", "prometheusScrapeSecretName"] as const) {
            if (isExplicit(source, key)) {
                problems.push(
                    `${full(key)}: only applies when ${full("prometheusScrapeConfig")} is "secret" (it is "${mode}"). ` +
                        `Remove it with: pulumi config rm ${full(key)}`,
                );
            }
        }
    }
    const labelEntries = read.array("prometheusPodMonitorLabels") ?? [];
    if (mode !== "podMonitors" && labelEntries.length > 0) {
        problems.push(
            `${full("prometheusPodMonitorLabels")}: only applies when ${full("prometheusScrapeConfig")} is ` +
                `"podMonitors". Remove it with: pulumi config rm ${full("prometheusPodMonitorLabels")}`,
        );
    }
    const podMonitorLabels = parseLabels(full("prometheusPodMonitorLabels"), labelEntries, problems);

    const scrapeAuthorization = parseScrapeAuthorization(source, read, problems, warnings, defaultInboundPolicy);

    const tapAdmins: TapAdmin[] = [];
    for (const entry of read.array("tapAdmins") ?? []) {
        const match = /^([A-Za-z]+):(.+)$/.exec(entry);
        const kind = match?.[1] as TapAdmin["kind"] | undefined;
        if (!match || !kind || !TAP_ADMIN_KINDS.includes(kind)) {
            problems.push(
                `${full("tapAdmins")}: "${entry}" is not <kind>:<name> with a kind among ${TAP_ADMIN_KINDS.join(", ")} ` +
                    `(e.g. Group:platform-team, User:alice@example.com, ServiceAccount:ops/tap-bot).`,
            );
            continue;
        }
        if (kind === "ServiceAccount") {
            const [namespace, name, extra] = match[2].split("/");
            if (!namespace || !name || extra !== undefined || !isDns1123Label(namespace)) {
                problems.push(
                    `${full("tapAdmins")}: "${entry}": a ServiceAccount is written ServiceAccount:<namespace>/<name>.`,
                );
                continue;
            }
            tapAdmins.push({ kind, namespace, name });
        } else {
            tapAdmins.push({ kind, name: match[2] });
        }
    }
    const seenAdmins = new Set(tapAdmins.map((a) => `${a.kind}:${a.namespace ?? ""}/${a.name}`));
    if (seenAdmins.size !== tapAdmins.length) {
        problems.push(`${full("tapAdmins")}: lists a subject twice; remove the duplicate.`);
    }

    const enforcedHostRegexp = read.optionalString("vizDashboardEnforcedHost");
    if (enforcedHostRegexp !== undefined) {
        try {
            new RegExp(enforcedHostRegexp);
        } catch {
            problems.push(
                `${full("vizDashboardEnforcedHost")}: "${enforcedHostRegexp}" is not a regular expression. Example: ` +
                    `^(dashboard\\.example\\.com)(:\\d+)?$`,
            );
        }
    }

    return {
        prometheusUrl: prometheusUrl ?? "",
        credentials,
        grafana,
        scrape: { mode, interval, secret, podMonitorLabels },
        scrapeAuthorization,
        tapAdmins,
        dashboard: { restrictPrivileges: read.boolean("vizDashboardRestrictPrivileges"), enforcedHostRegexp },
    };
}

/**
 * Whether proxies under `policy` refuse a Prometheus scrape of their admin port. A meshed Prometheus
 * (known by its ServiceAccount) is authenticated and inside the cluster; an unmeshed one (known by
 * its networks) is neither, and may be outside the cluster networks.
 */
export function scrapeBlockedBy(policy: InboundPolicy, client: ScrapeClient["kind"]): boolean {
    switch (policy) {
        case "all-unauthenticated":
        case "audit":
            return false;
        case "all-authenticated":
        case "cluster-authenticated":
        case "cluster-unauthenticated":
            return client === "networks";
        case "deny":
            return true;
    }
}

function parseScrapeAuthorization(
    source: ConfigSource,
    read: TypedReader,
    problems: string[],
    warnings: string[],
    policy: InboundPolicy,
): VizSettings["scrapeAuthorization"] {
    const full = (key: string) => `${source.project}:${key}`;
    const serviceAccount = read.optionalString("prometheusServiceAccount");
    const networks = read.array("prometheusNetworks") ?? [];
    const namespaces = read.array("scrapeAuthorizationNamespaces") ?? [];

    let client: ScrapeClient | undefined;
    if (serviceAccount !== undefined && networks.length > 0) {
        problems.push(
            `${full("prometheusServiceAccount")}: set together with ${full("prometheusNetworks")}; name the Prometheus ` +
                `by its ServiceAccount when it is meshed, or by its networks when it is not, not both.`,
        );
    } else if (serviceAccount !== undefined) {
        const [namespace, name, extra] = serviceAccount.split("/");
        if (!namespace || !name || extra !== undefined || !isDns1123Label(namespace) || !isDns1123Subdomain(name)) {
            problems.push(
                `${full("prometheusServiceAccount")}: "${serviceAccount}" is not <namespace>/<name>. Fix: pulumi config ` +
                    `set ${full("prometheusServiceAccount")} monitoring/prometheus`,
            );
        } else {
            client = { kind: "serviceAccount", namespace, name };
        }
    } else if (networks.length > 0) {
        for (const cidr of networks) {
            if (!isCidr(cidr)) {
                problems.push(
                    `${full("prometheusNetworks")}: "${cidr}" is not a CIDR such as 10.20.0.0/16 or fd00::/8.`,
                );
            }
        }
        client = { kind: "networks", cidrs: networks };
    }

    for (const namespace of namespaces) {
        if (!isDns1123Label(namespace)) {
            problems.push(`${full("scrapeAuthorizationNamespaces")}: "${namespace}" is not a namespace name.`);
        }
    }

    const blocked = scrapeBlockedBy(policy, client?.kind ?? "networks");
    if (!client) {
        if (blocked) {
            problems.push(
                `${full("defaultInboundPolicy")}: "${policy}" stops a Prometheus that is not meshed from scraping the ` +
                    `proxies' admin port, so viz would show no metrics. Name the Prometheus so that exactly that is ` +
                    `allowed: pulumi config set ${full("prometheusServiceAccount")} <namespace>/<serviceaccount> (meshed), ` +
                    `or pulumi config set --path '${full("prometheusNetworks")}[0]' <cidr> (not meshed), and list the ` +
                    `namespaces of meshed workloads in ${full("scrapeAuthorizationNamespaces")}.`,
            );
        }
        if (namespaces.length > 0) {
            problems.push(
                `${full("scrapeAuthorizationNamespaces")}: needs ${full("prometheusServiceAccount")} or ` +
                    `${full("prometheusNetworks")} to say whom to authorize.`,
            );
        }
        return undefined;
    }
    if (!blocked) {
        warnings.push(
            `${full("prometheusServiceAccount")}/${full("prometheusNetworks")}: the default inbound policy ` +
                `"${policy}" already lets this Prometheus scrape the proxies; no policy objects are created. ` +
                `Namespaces annotated with a stricter config.linkerd.io/default-inbound-policy still need them.`,
        );
        return undefined;
    }
    if (namespaces.length === 0) {
        problems.push(
            `${full("scrapeAuthorizationNamespaces")}: "${policy}" stops this Prometheus from scraping the proxies; ` +
                `list the namespaces whose proxies it must scrape (for example linkerd, linkerd-viz and your ` +
                `applications' namespaces): pulumi config set --path '${full("scrapeAuthorizationNamespaces")}[0]' linkerd`,
        );
    }
    return { client, namespaces: [...new Set(namespaces)].sort() };
}

/** Parses `key=value` label entries (annotations: any value). */
function parseLabels(
    fullKey: string,
    entries: readonly string[],
    problems: string[],
    options: { annotations?: boolean } = {},
): Record<string, string> {
    const labels: Record<string, string> = {};
    for (const entry of entries) {
        if (options.annotations) {
            const at = entry.indexOf("=");
            const key = entry.slice(0, at);
            if (at <= 0 || !/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(key)) {
                problems.push(`${fullKey}: "${entry}" is not <annotation>=<value> with a valid annotation key.`);
            } else {
                labels[key] = entry.slice(at + 1);
            }
            continue;
        }
        const match =
            /^((?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)=([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/.exec(
                entry,
            );
        if (!match || match[1].length > 317) {
            problems.push(`${fullKey}: "${entry}" is not <label>=<value> with a valid Kubernetes label key and value.`);
            continue;
        }
        labels[match[1]] = match[4] ?? "";
    }
    return labels;
}

/**
 * Works out the kubeconfig and context of the cluster's explicit provider. The provider's strict
 * mode needs both, and nothing here ever falls back to `$KUBECONFIG`.
 */
function parseClusterAccess(
    source: ConfigSource,
    problems: string[],
): { kubeconfig: string; context: string; server?: string; caData?: string } | undefined {
    const full = (key: string) => `${source.project}:${key}`;
    const strict = source.values["kubernetes:strictMode"];
    if (strict !== "true") {
        problems.push(
            `kubernetes:strictMode: must be "true" in a stack that installs into a cluster, so that nothing can ` +
                `reach a cluster through an ambient kubeconfig. Fix: pulumi config set kubernetes:strictMode true`,
        );
    }

    const rawKubeconfig = source.values[full("kubeconfig")];
    const context = source.values[full("kubeContext")];
    if (rawKubeconfig === undefined && context === undefined) {
        problems.push(
            `${full("kubeconfig")}: a cluster stack needs a kubeconfig (as a secret) and/or a context; neither is set. ` +
                `Fix: pulumi config set --secret ${full("kubeconfig")} < path/to/kubeconfig, or pulumi config set ` +
                `${full("kubeContext")} <context in ~/.kube/config>`,
        );
        return undefined;
    }
    if (rawKubeconfig !== undefined && !source.secretKeys.has(full("kubeconfig"))) {
        problems.push(
            `${full("kubeconfig")}: is stored in plain text in the stack file; it holds cluster credentials. ` +
                `Fix: pulumi config set --secret ${full("kubeconfig")} < path/to/kubeconfig`,
        );
    }

    const origin = rawKubeconfig !== undefined ? full("kubeconfig") : "~/.kube/config";
    const kubeconfigText = rawKubeconfig ?? source.readDefaultKubeconfig();
    if (kubeconfigText === undefined) {
        problems.push(
            `${full("kubeContext")}: "${context}" is set without ${full("kubeconfig")}, so the context is looked ` +
                `up in ~/.kube/config (never in $KUBECONFIG), and that file does not exist. Fix: pulumi config ` +
                `set --secret ${full("kubeconfig")} < path/to/kubeconfig`,
        );
        return undefined;
    }

    let doc: { "current-context"?: unknown; contexts?: unknown };
    try {
        doc = YAML.parse(kubeconfigText) as typeof doc;
    } catch {
        // Never echo the parser's message: it quotes the (secret) document.
        problems.push(
            `${origin}: is not a valid kubeconfig (YAML or JSON). Set it again from a working kubeconfig file.`,
        );
        return undefined;
    }
    if (doc === null || typeof doc !== "object") {
        problems.push(`${origin}: is not a valid kubeconfig document. Set it again from a working kubeconfig file.`);
        return undefined;
    }
    const contexts = Array.isArray(doc.contexts)
        ? doc.contexts
              .map((c: unknown) => (c && typeof c === "object" ? (c as { name?: unknown }).name : undefined))
              .filter((n): n is string => typeof n === "string")
        : [];
    const chosen = context ?? (typeof doc["current-context"] === "string" ? doc["current-context"] : undefined);
    if (chosen === undefined || chosen === "") {
        problems.push(
            `${full("kubeContext")}: not set, and ${origin} has no current-context. Name the context explicitly: ` +
                `pulumi config set ${full("kubeContext")} <one of: ${contexts.join(", ") || "no contexts found"}>`,
        );
        return undefined;
    }
    if (!contexts.includes(chosen)) {
        problems.push(
            `${full("kubeContext")}: context "${chosen}" is not in ${origin} (it has: ${contexts.join(", ") || "none"}). ` +
                `Fix: pulumi config set ${full("kubeContext")} <one of those>`,
        );
        return undefined;
    }
    // The API server and CA of the context's cluster: the defaults of what other clusters use to reach it.
    const contextEntry = (doc.contexts as { name?: unknown; context?: { cluster?: unknown } }[]).find(
        (c) => c?.name === chosen,
    );
    const clusters = Array.isArray((doc as { clusters?: unknown }).clusters)
        ? ((doc as { clusters: { name?: unknown; cluster?: Record<string, unknown> }[] }).clusters ?? [])
        : [];
    const clusterEntry = clusters.find((c) => c?.name === contextEntry?.context?.cluster)?.cluster ?? {};
    return {
        kubeconfig: kubeconfigText,
        context: chosen,
        server: typeof clusterEntry.server === "string" ? clusterEntry.server : undefined,
        caData:
            typeof clusterEntry["certificate-authority-data"] === "string"
                ? clusterEntry["certificate-authority-data"]
                : undefined,
    };
}

/** Parses `component.resource.bound=quantity` entries, e.g. `destination.memory.limit=500Mi`. */
export function parseResourceOverrides(
    fullKey: string,
    entries: readonly string[],
    problems: string[],
    components: readonly ControlPlaneComponent[],
): ResourceOverrides {
    const overrides: ResourceOverrides = {};
    const seen = new Set<string>();
    for (const entry of entries) {
        const match = /^([A-Za-z]+)\.(cpu|memory|ephemeral-storage)\.(request|limit)=(.*)$/.exec(entry);
        if (!match || !components.includes(match[1] as ControlPlaneComponent)) {
            const single = components.length === 1;
            const shown = single ? entry.slice(components[0].length + 1) : entry;
            problems.push(
                `${fullKey}: "${shown}" is not of the form ` +
                    (single
                        ? `<cpu|memory|ephemeral-storage>.<request|limit>=<quantity>. Example: memory.limit=250Mi`
                        : `<component>.<cpu|memory|ephemeral-storage>.<request|limit>=<quantity> with a component ` +
                          `among ${components.join(", ")}. Example: destination.memory.limit=500Mi`),
            );
            continue;
        }
        const [, component, resource, bound, quantity] = match;
        const path = `${component}.${resource}.${bound}`;
        if (seen.has(path)) {
            problems.push(
                `${fullKey}: "${components.length === 1 ? `${resource}.${bound}` : path}" is set twice; keep one entry.`,
            );
        }
        seen.add(path);
        if (quantity !== "" && parseQuantity(quantity) === undefined) {
            const shown = components.length === 1 ? entry.slice(components[0].length + 1) : entry;
            problems.push(
                `${fullKey}: "${quantity}" in "${shown}" is not a non-negative Kubernetes quantity (e.g. 100m, 0.5, ` +
                    `250Mi, 1Gi); an empty value removes the bound.`,
            );
            continue;
        }
        const byComponent = (overrides[component as ControlPlaneComponent] ??= {});
        const byResource = (byComponent[resource as "cpu"] ??= {});
        byResource[bound as "request"] = quantity;
    }
    return overrides;
}

interface TypedReader {
    string(key: ConfigKey): string;
    optionalString(key: ConfigKey): string | undefined;
    integer(key: ConfigKey): number;
    optionalInteger(key: ConfigKey): number | undefined;
    boolean(key: ConfigKey): boolean;
    array(key: ConfigKey): string[] | undefined;
}

/** Reads keys by their declared type, recording a problem (and returning the default) on a bad value. */
function readTyped(source: ConfigSource, problems: string[]): TypedReader {
    const full = (key: string) => `${source.project}:${key}`;
    const spec = (key: ConfigKey): ConfigKeySpec => CONFIG_SCHEMA[key];
    const raw = (key: ConfigKey) => source.values[full(key)];
    return {
        string(key: ConfigKey) {
            return raw(key) ?? (spec(key).default as string);
        },
        optionalString(key: ConfigKey) {
            return raw(key);
        },
        integer(key: ConfigKey) {
            const value = raw(key);
            const fallback = spec(key).default as number;
            if (value === undefined) {
                return fallback;
            }
            if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
                problems.push(
                    `${full(key)}: "${value}" is not a positive whole number. Fix: pulumi config set ${full(key)} ${fallback}`,
                );
                return fallback;
            }
            return Number(value);
        },
        optionalInteger(key: ConfigKey) {
            const value = raw(key);
            if (value === undefined) {
                return undefined;
            }
            if (!/^\d+$/.test(value)) {
                problems.push(`${full(key)}: "${value}" is not a whole number.`);
                return undefined;
            }
            return Number(value);
        },
        boolean(key: ConfigKey) {
            const value = raw(key);
            if (value === undefined) {
                return spec(key).default as boolean;
            }
            if (value !== "true" && value !== "false") {
                problems.push(
                    `${full(key)}: "${value}" is not true or false. Fix: pulumi config set ${full(key)} true`,
                );
                return spec(key).default as boolean;
            }
            return value === "true";
        },
        array(key: ConfigKey) {
            const value = raw(key);
            if (value === undefined) {
                return spec(key).default as string[] | undefined;
            }
            let parsed: unknown;
            try {
                parsed = JSON.parse(value);
            } catch {
                parsed = undefined;
            }
            if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === "string")) {
                problems.push(
                    `${full(key)}: must be a list of strings; set entries with: pulumi config set --path '${full(key)}[0]' <value>`,
                );
                return [];
            }
            return parsed as string[];
        },
    };
}

/**
 * Whether a stack sets `key` to something other than its default. The Pulumi CLI copies the
 * defaults declared in Pulumi.yaml into every stack's configuration, so a value equal to the
 * default cannot be told apart from no value, and means the same.
 */
function isExplicit(source: ConfigSource, key: ConfigKey): boolean {
    const value = source.values[`${source.project}:${key}`];
    const fallback = (CONFIG_SCHEMA[key] as ConfigKeySpec).default;
    if (value === undefined) {
        return false;
    }
    if (fallback === undefined) {
        return true;
    }
    return value !== (typeof fallback === "string" ? fallback : JSON.stringify(fallback));
}

function isHttpUrl(value: string): boolean {
    try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
    } catch {
        return false;
    }
}

function isCidr(value: string): boolean {
    const [address, prefix, extra] = value.split("/");
    const family = net.isIP(address ?? "");
    const bits = Number(prefix);
    return (
        extra === undefined &&
        family !== 0 &&
        /^\d+$/.test(prefix ?? "") &&
        bits >= 0 &&
        bits <= (family === 4 ? 32 : 128)
    );
}

export function isDns1123Subdomain(value: string): boolean {
    return value.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(value);
}

export function isDns1123Label(value: string): boolean {
    return value.length <= 63 && DNS1123_LABEL.test(value);
}

function isStackReferenceName(value: string): boolean {
    const parts = value.split("/");
    return parts.length === 3 && parts.every((p) => STACK_PART.test(p));
}

function gatewayApiVersionSupported(version: string): boolean {
    const parse = (v: string) => SEMVER_TAG.exec(v)?.slice(1).map(Number);
    const [v, lo, hi] = [parse(version), parse(GATEWAY_API_OLDEST_SUPPORTED), parse(GATEWAY_API_NEWEST_SUPPORTED)];
    if (!v || !lo || !hi) {
        return false;
    }
    const cmp = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    return cmp(v, lo) >= 0 && cmp(v, hi) <= 0;
}

function isCronSchedule(value: string): boolean {
    const fields = value.trim().split(/\s+/);
    return fields.length === 5 && fields.every((f) => /^[0-9*,\-/]+$/.test(f));
}

/**
 * Upstream's chart schedules the heartbeat at "render time + 10 minutes", which changes on every
 * render. We fix it per cluster instead: a time derived from the cluster's name keeps renders
 * identical while still spreading a fleet's heartbeats over the day.
 */
export function defaultHeartbeatSchedule(clusterName: string): string {
    let hash = 0;
    for (const ch of clusterName) {
        hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    }
    return `${hash % 60} ${Math.floor(hash / 60) % 24} * * *`;
}

/** The closest known key, to suggest when a key is misspelt. */
function closestKey(key: string, known: string[]): string | undefined {
    let best: { key: string; distance: number } | undefined;
    for (const candidate of known) {
        const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
        if (!best || distance < best.distance) {
            best = { key: candidate, distance };
        }
    }
    return best && best.distance <= Math.max(2, Math.floor(key.length / 4)) ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

/** Reads this stack's configuration from the Pulumi runtime and validates it, at time `now`. */
export function loadSettings(now: Date = new Date()): StackSettings {
    const values = pulumi.runtime.allConfig();
    // `isConfigSecret` is how the runtime itself tells which keys were set with --secret (it is
    // marked internal, hence the cast); without it every key would count as plain text.
    const { isConfigSecret } = runtimeConfig as unknown as { isConfigSecret?: (key: string) => boolean };
    const secretKeys = new Set(Object.keys(values).filter((key) => isConfigSecret?.(key) ?? false));
    return parseSettings({
        project: pulumi.getProject(),
        stack: pulumi.getStack(),
        values,
        secretKeys,
        readDefaultKubeconfig: () => {
            const file = path.join(os.homedir(), ".kube", "config");
            return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
        },
        now,
    });
}
