// The control plane area's config keys: the cluster, how to reach it, the charts, HA, resources,
// Gateway API, the CNI plugin, meshed namespaces and the rest of the production checklist.
import { parseOverrides } from "../charts/overrides.ts";
import { type LinkerdRelease, LINKERD_RELEASES, compareVersions, withinWindow } from "../charts/releases.ts";
import { CHART_SOURCE_KEYS, type ChartSource, parseChartSource } from "../charts/source.ts";
import type { Values } from "../charts/values.ts";
import type { KeySpecs } from "../config/keys.ts";
import type { ConfigReader } from "../config/reader.ts";
import { cronScheduleProblem } from "../config/rules/cron.ts";
import { parseGoDuration } from "../config/rules/duration.ts";
import { dns1123LabelProblem, dns1123SubdomainProblem } from "../config/rules/kubernetes.ts";
import { flagArgument, MAPPING_VALUE, QUOTED_VALUE, yamlScalarProblem } from "../config/rules/yamlScalar.ts";
import { ACCESS_KEYS, type ClusterAccess, parseAccess } from "./access.ts";
import { CNI_CHART_KEYS, CONTROL_PLANE_CHART_KEYS } from "./chartKeys.ts";
import { CNI_OWNED, type CniSettings } from "./cni.ts";
import { parseMeshedNamespaces, type MeshedNamespace } from "./meshedNamespaces.ts";
import { parseResources, type ResourceOverrides } from "./resources.ts";
import { CONTROL_PLANE_OWNED, type Domains } from "./values.ts";

export const CONTROL_PLANE_KEYS = {
    clusterName: { type: "string", default: "", roles: ["cluster"] },
    ...ACCESS_KEYS,
    ...CHART_SOURCE_KEYS,
    highAvailability: { type: "boolean", default: true, roles: ["cluster"] },
    controlPlaneResources: { type: "array", default: [], roles: ["cluster"] },
    proxyResources: { type: "array", default: [], roles: ["cluster"] },
    gatewayApiCrds: { type: "string", default: "install", roles: ["cluster"] },
    gatewayApiVersion: { type: "string", default: "", roles: ["cluster"] },
    heartbeatSchedule: { type: "string", default: "", roles: ["cluster"] },
    webhookCertValidityHours: { type: "integer", default: 8760, roles: ["cluster"] },
    defaultInboundPolicy: { type: "string", default: "all-unauthenticated", roles: ["cluster"] },
    clusterDomain: { type: "string", default: "cluster.local", roles: ["cluster"] },
    identityTrustDomain: { type: "string", default: "", roles: ["cluster"] },
    identityClockSkewAllowance: { type: "string", default: "20s", roles: ["cluster"] },
    cniEnabled: { type: "boolean", default: false, roles: ["cluster"] },
    cniNetDir: { type: "string", default: "/etc/cni/net.d", roles: ["cluster"] },
    cniBinDir: { type: "string", default: "/opt/cni/bin", roles: ["cluster"] },
    cniRepairController: { type: "boolean", default: false, roles: ["cluster"] },
    cniValues: { type: "object", default: {}, secret: "allowed", roles: ["cluster"] },
    meshedNamespaces: { type: "array", default: [], roles: ["cluster"] },
    controlPlaneValues: { type: "object", default: {}, secret: "allowed", roles: ["cluster"] },
} as const satisfies KeySpecs;

/** Linkerd's inbound policies (the chart's `proxy.defaultInboundPolicy`, a Server's `accessPolicy`). */
export const INBOUND_POLICIES = [
    "all-unauthenticated",
    "all-authenticated",
    "cluster-unauthenticated",
    "cluster-authenticated",
    "deny",
    "audit",
] as const;
export type InboundPolicy = (typeof INBOUND_POLICIES)[number];

export interface ControlPlaneSettings {
    clusterName: string;
    access: ClusterAccess;
    chart: ChartSource;
    release: LinkerdRelease;
    highAvailability: boolean;
    resources: ResourceOverrides;
    gatewayApi: { install: boolean; version: string };
    heartbeatSchedule: string;
    webhookCertValidityHours: number;
    defaultInboundPolicy: InboundPolicy;
    domains: Domains;
    clockSkewAllowance: string;
    cni?: CniSettings;
    meshedNamespaces: MeshedNamespace[];
    /** Render mode: the Kubernetes version the charts render for. */
    renderFor?: string;
    overrides: Values;
}

export function parseControlPlane(reader: ConfigReader, clusterName: string): ControlPlaneSettings | undefined {
    const access = parseAccess(reader);
    const chart = parseChartSource(reader);
    const release = LINKERD_RELEASES[chart.version] ?? LINKERD_RELEASES["2026.8.3"];
    const domains = parseDomains(reader);
    const settings: ControlPlaneSettings = {
        clusterName,
        access: access ?? { kind: "render", folder: "" },
        chart,
        release,
        highAvailability: reader.boolean("highAvailability"),
        resources: parseResources(reader),
        gatewayApi: parseGatewayApi(reader, release),
        heartbeatSchedule: parseHeartbeat(reader, clusterName),
        webhookCertValidityHours: parseWebhookValidity(reader),
        defaultInboundPolicy: parsePolicy(reader),
        domains,
        clockSkewAllowance: parseClockSkew(reader),
        cni: parseCni(reader),
        meshedNamespaces: parseMeshedNamespaces(reader),
        renderFor: access?.kind === "render" ? parseRenderVersion(reader, release) : undefined,
        overrides: parseOverrides(reader, "controlPlaneValues", CONTROL_PLANE_CHART_KEYS, CONTROL_PLANE_OWNED),
    };
    if (access?.kind !== "render") {
        reader.refuseIfSet(
            ["renderKubernetesVersion"],
            `only applies with ${reader.key("renderYamlTo")}`,
            (k) => `Remove it: pulumi config rm ${k}`,
        );
    }
    return access ? settings : undefined;
}

/** A cluster name: it names objects here and, as a label value the charts write unquoted, in other clusters. */
export function clusterNameProblem(name: string): string | undefined {
    return dns1123LabelProblem(name) ?? yamlScalarProblem(name, MAPPING_VALUE);
}

function parseDomains(reader: ConfigReader): Domains {
    const clusterDomain = reader.string("clusterDomain");
    const identityTrustDomain = reader.optionalString("identityTrustDomain") ?? clusterDomain;
    for (const [key, value, flag] of [
        ["clusterDomain", clusterDomain, "-cluster-domain"],
        ["identityTrustDomain", identityTrustDomain, "-identity-trust-domain"],
    ] as const) {
        const problem = dns1123SubdomainProblem(value) ?? yamlScalarProblem(value, flagArgument(flag));
        if (problem && reader.isSet(key)) {
            reader.problem(key, `"${value}" ${problem}.`);
        }
    }
    return { clusterDomain, identityTrustDomain };
}

function parseGatewayApi(reader: ConfigReader, release: LinkerdRelease): ControlPlaneSettings["gatewayApi"] {
    const mode = reader.string("gatewayApiCrds");
    const { oldest, newest, recommended } = release.gatewayApi;
    if (mode !== "install" && mode !== "preinstalled") {
        reader.problem(
            "gatewayApiCrds",
            `"${mode}" is not "install" (this program installs the Gateway API standard channel) or "preinstalled" ` +
                `(the cluster already has Gateway API ${oldest} to ${newest}).`,
        );
    }
    const version = reader.optionalString("gatewayApiVersion") ?? recommended;
    if (mode === "preinstalled" && reader.isSet("gatewayApiVersion")) {
        reader.problem(
            "gatewayApiVersion",
            `has no effect when ${reader.key("gatewayApiCrds")} is "preinstalled". Remove it: pulumi config rm ${reader.key("gatewayApiVersion")}`,
        );
    } else if (!withinWindow(version, oldest, newest) || !version.startsWith("v")) {
        reader.problem(
            "gatewayApiVersion",
            `"${version}" is not a Gateway API release that Linkerd ${release.tag} supports (${oldest} to ${newest}, ` +
                `written with the "v"). Fix: pulumi config set ${reader.key("gatewayApiVersion")} ${recommended}`,
        );
    }
    return { install: mode !== "preinstalled", version };
}

/**
 * The chart schedules the heartbeat at "render time + 10 minutes", new on every render. A time
 * derived from the cluster name keeps renders identical and spreads a fleet over the day.
 */
export function defaultHeartbeatSchedule(clusterName: string): string {
    let hash = 0;
    for (const ch of clusterName) {
        hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    }
    return `${hash % 60} ${Math.floor(hash / 60) % 24} * * *`;
}

function parseHeartbeat(reader: ConfigReader, clusterName: string): string {
    const schedule = reader.optionalString("heartbeatSchedule") ?? defaultHeartbeatSchedule(clusterName);
    const problem = cronScheduleProblem(schedule) ?? yamlScalarProblem(schedule, QUOTED_VALUE);
    if (problem) {
        reader.problem(
            "heartbeatSchedule",
            `"${schedule}" ${problem}. Fix: pulumi config set ${reader.key("heartbeatSchedule")} "0 3 * * *"`,
        );
    }
    return schedule;
}

function parseWebhookValidity(reader: ConfigReader): number {
    const hours = reader.integer("webhookCertValidityHours");
    if (hours < 24 * 90) {
        reader.problem(
            "webhookCertValidityHours",
            `${hours} hours is shorter than 90 days; linkerd check warns 60 days before webhook certificates expire.`,
        );
    }
    return hours;
}

function parsePolicy(reader: ConfigReader): InboundPolicy {
    const policy = reader.string("defaultInboundPolicy") as InboundPolicy;
    if (!INBOUND_POLICIES.includes(policy)) {
        reader.problem("defaultInboundPolicy", `"${policy}" is not one of ${INBOUND_POLICIES.join(", ")}.`);
        return "all-unauthenticated";
    }
    return policy;
}

function parseClockSkew(reader: ConfigReader): string {
    const value = reader.string("identityClockSkewAllowance");
    const nanoseconds = parseGoDuration(value);
    const problem =
        nanoseconds === undefined
            ? "is not a Go duration (such as 20s, 1m or 1m30s)"
            : nanoseconds < 0n
              ? "is negative"
              : nanoseconds > 3_600_000_000_000n
                ? "is more than an hour; certificates would be valid long before they were issued (fix the nodes' clocks instead)"
                : yamlScalarProblem(value, flagArgument("-identity-clock-skew-allowance"));
    if (problem) {
        reader.problem("identityClockSkewAllowance", `"${value}" ${problem}.`);
    }
    return value;
}

function parseCni(reader: ConfigReader): CniSettings | undefined {
    if (!reader.boolean("cniEnabled")) {
        reader.refuseIfSet(
            ["cniNetDir", "cniBinDir", "cniRepairController", "cniValues"],
            `is a CNI option, and ${reader.key("cniEnabled")} is not true`,
            (k) => `Fix: pulumi config set ${reader.key("cniEnabled")} true, or pulumi config rm ${k}`,
        );
        return undefined;
    }
    const [netDir, binDir] = [reader.string("cniNetDir"), reader.string("cniBinDir")];
    for (const [key, dir] of [
        ["cniNetDir", netDir],
        ["cniBinDir", binDir],
    ] as const) {
        const problem = /^\/[A-Za-z0-9._/-]*$/.test(dir)
            ? yamlScalarProblem(`/host${dir}`, MAPPING_VALUE)
            : "is not an absolute path of letters, digits, '.', '_', '-' and '/'";
        if (problem) {
            reader.problem(key, `"${dir}" ${problem}.`);
        }
    }
    return {
        netDir,
        binDir,
        repairController: reader.boolean("cniRepairController"),
        overrides: parseOverrides(reader, "cniValues", CNI_CHART_KEYS, CNI_OWNED),
    };
}

function parseRenderVersion(reader: ConfigReader, release: LinkerdRelease): string {
    const version = reader.optionalString("renderKubernetesVersion") ?? release.kubernetes.oldest;
    const order = compareVersions(version, release.kubernetes.oldest);
    if (order === undefined || order < 0) {
        reader.problem(
            "renderKubernetesVersion",
            `"${version}" is not a Kubernetes version (X.Y.Z) the charts of ${release.tag} accept; they require ` +
                `${release.kubernetes.oldest} or newer.`,
        );
    }
    return version.replace(/^v/, "");
}
