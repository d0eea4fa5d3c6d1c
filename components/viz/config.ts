// The viz area's config keys: the organisation's Prometheus, how it gets Linkerd's scrape jobs,
// who it is (so that strict policies can let it scrape), Grafana, tap access and the dashboard.
import { parseOverrides } from "../charts/overrides.ts";
import type { Values } from "../charts/values.ts";
import type { KeySpecs } from "../config/keys.ts";
import type { ConfigReader, Text } from "../config/reader.ts";
import { parsePrometheusDuration } from "../config/rules/duration.ts";
import { dns1123LabelProblem, dns1123SubdomainProblem } from "../config/rules/kubernetes.ts";
import { cidrProblem } from "../config/rules/network.ts";
import { anchoredAtBothEnds, goRegexpProblem } from "../config/rules/regexp.ts";
import { hostPortProblem, urlProblem } from "../config/rules/url.ts";
import { flagArgument, quotedFlagArgument, yamlScalarProblem } from "../config/rules/yamlScalar.ts";
import { parseLabels } from "../config/labels.ts";
import { VIZ_CHART_KEYS } from "./chartKeys.ts";
import { parseTapAdmins, type TapAdmin } from "./tapAdmins.ts";
import { VIZ_OWNED } from "./values.ts";

export const VIZ_KEYS = {
    vizEnabled: { type: "boolean", default: false, roles: ["cluster"] },
    prometheusUrl: { type: "string", default: "", secret: "allowed", roles: ["cluster"] },
    prometheusUsername: { type: "string", default: "", secret: "allowed", roles: ["cluster"] },
    prometheusPassword: { type: "string", default: "", secret: "required", roles: ["cluster"] },
    grafanaUrl: { type: "string", default: "", secret: "allowed", roles: ["cluster"] },
    grafanaExternalUrl: { type: "string", default: "", secret: "allowed", roles: ["cluster"] },
    prometheusScrapeConfig: { type: "string", default: "fragment", roles: ["cluster"] },
    prometheusScrapeInterval: { type: "string", default: "10s", roles: ["cluster"] },
    prometheusScrapeSecretNamespace: { type: "string", default: "", roles: ["cluster"] },
    prometheusScrapeSecretName: { type: "string", default: "linkerd-scrape-configs", roles: ["cluster"] },
    prometheusPodMonitorLabels: { type: "array", default: [], roles: ["cluster"] },
    prometheusServiceAccount: { type: "string", default: "", roles: ["cluster"] },
    prometheusNetworks: { type: "array", default: [], roles: ["cluster"] },
    scrapeAuthorizationNamespaces: { type: "array", default: [], roles: ["cluster"] },
    tapAdmins: { type: "array", default: [], roles: ["cluster"] },
    vizDashboardRestrictPrivileges: { type: "boolean", default: false, roles: ["cluster"] },
    vizDashboardEnforcedHost: { type: "string", default: "", secret: "allowed", roles: ["cluster"] },
    vizValues: { type: "object", default: {}, secret: "allowed", roles: ["cluster"] },
} as const satisfies KeySpecs;

/** Keys that only apply with viz (prometheusUrl also feeds the control plane's heartbeat). */
const VIZ_ONLY = Object.keys(VIZ_KEYS).filter((k) => k !== "vizEnabled" && k !== "prometheusUrl");

export const SCRAPE_CONFIG_MODES = ["fragment", "secret", "podMonitors"] as const;
export type ScrapeConfigMode = (typeof SCRAPE_CONFIG_MODES)[number];

/** Who scrapes: a meshed Prometheus (its ServiceAccount) or an unmeshed one (its networks). */
export type ScrapeClient =
    { kind: "serviceAccount"; namespace: string; name: string } | { kind: "networks"; cidrs: string[] };

export interface VizSettings {
    prometheusUrl: Text;
    credentials?: { username: Text; password: string };
    grafana?: { url: Text } | { externalUrl: Text };
    scrape: {
        mode: ScrapeConfigMode;
        interval: string;
        secret?: { namespace: string; name: string };
        podMonitorLabels: Record<string, string>;
    };
    /** The Prometheus's identity, when given; the namespaces of workloads it must be let in to scrape. */
    client?: ScrapeClient;
    authorizeNamespaces: string[];
    tapAdmins: TapAdmin[];
    dashboard: { restrictPrivileges: boolean; enforcedHostRegexp?: Text };
    overrides: Values;
}

/** The Prometheus URL, when set (viz needs it; the control plane's heartbeat uses it too). */
export function parsePrometheusUrl(reader: ConfigReader): Text | undefined {
    const url = reader.text("prometheusUrl");
    if (url) {
        const problem =
            urlProblem(url.value, { schemes: ["http", "https"], path: true }) ??
            yamlScalarProblem(url.value, flagArgument("-prometheus-url")) ??
            yamlScalarProblem(url.value, quotedFlagArgument("-prometheus-url"));
        if (problem) {
            reader.problem(
                "prometheusUrl",
                `${reader.shown("prometheusUrl")} ${problem}. Example: https://prometheus.monitoring.svc.cluster.local:9090`,
            );
        }
    }
    return url;
}

/** Viz's settings, given the Prometheus URL (read once by parsePrometheusUrl). */
export function parseViz(reader: ConfigReader, url: Text | undefined): VizSettings | undefined {
    if (!reader.boolean("vizEnabled")) {
        reader.refuseIfSet(
            VIZ_ONLY,
            `only applies with viz, and ${reader.key("vizEnabled")} is not true`,
            (k) => `Fix: pulumi config set ${reader.key("vizEnabled")} true, or pulumi config rm ${k}`,
        );
        return undefined;
    }
    if (!url) {
        reader.problem(
            "prometheusUrl",
            "viz reads the organisation's Prometheus and needs its URL (the bundled one, which keeps 6 hours, is not " +
                `installed). Fix: pulumi config set ${reader.key("prometheusUrl")} https://prometheus.monitoring.svc.cluster.local:9090`,
        );
    }
    const credentials = parseCredentials(reader, url);
    return {
        prometheusUrl: url ?? { value: "", secret: false },
        credentials,
        grafana: parseGrafana(reader),
        scrape: parseScrape(reader),
        client: parseClient(reader),
        authorizeNamespaces: reader.list("scrapeAuthorizationNamespaces").filter((ns) => {
            const problem = dns1123LabelProblem(ns);
            if (problem) {
                reader.problem("scrapeAuthorizationNamespaces", `"${ns}" ${problem}.`);
            }
            return !problem;
        }),
        tapAdmins: parseTapAdmins(reader),
        dashboard: {
            restrictPrivileges: reader.boolean("vizDashboardRestrictPrivileges"),
            enforcedHostRegexp: parseEnforcedHost(reader),
        },
        overrides: parseOverrides(reader, "vizValues", VIZ_CHART_KEYS, VIZ_OWNED),
    };
}

function parseCredentials(reader: ConfigReader, url: Text | undefined): VizSettings["credentials"] {
    const username = reader.text("prometheusUsername");
    const password = reader.credential("prometheusPassword");
    const [hasUser, hasPassword] = [reader.isSet("prometheusUsername"), reader.isSet("prometheusPassword")];
    if (hasUser !== hasPassword) {
        reader.problem(
            hasUser ? "prometheusPassword" : "prometheusUsername",
            `basic-auth credentials need both ${reader.key("prometheusUsername")} and ${reader.key("prometheusPassword")} (secret).`,
        );
    }
    if (username && /[:\u0000-\u001f]/.test(username.value)) {
        reader.problem(
            "prometheusUsername",
            "contains ':' or control characters, which basic authentication cannot carry.",
        );
    }
    if (hasUser && url && !url.value.startsWith("https://")) {
        reader.problem(
            "prometheusUrl",
            `is not https://, and ${reader.key("prometheusPassword")} would travel over it in clear text. Use the Prometheus's https address.`,
        );
    }
    return username && password ? { username, password } : undefined;
}

function parseGrafana(reader: ConfigReader): VizSettings["grafana"] {
    const url = reader.text("grafanaUrl");
    const externalUrl = reader.text("grafanaExternalUrl");
    if (url && externalUrl) {
        reader.problem(
            "grafanaUrl",
            `is set together with ${reader.key("grafanaExternalUrl")}; viz links to one Grafana, in the cluster (grafanaUrl) or outside it. Remove one.`,
        );
        return undefined;
    }
    if (url) {
        const problem = hostPortProblem(url.value) ?? yamlScalarProblem(url.value, flagArgument("-grafana-addr"));
        if (problem) {
            reader.problem("grafanaUrl", `${reader.shown("grafanaUrl")} ${problem}.`);
        }
        return { url };
    }
    if (externalUrl) {
        const problem =
            urlProblem(externalUrl.value, { schemes: ["http", "https"], path: true }) ??
            yamlScalarProblem(externalUrl.value, flagArgument("-grafana-external-addr"));
        if (problem) {
            reader.problem("grafanaExternalUrl", `${reader.shown("grafanaExternalUrl")} ${problem}.`);
        }
        return { externalUrl };
    }
    return undefined;
}

function parseScrape(reader: ConfigReader): VizSettings["scrape"] {
    const mode = reader.string("prometheusScrapeConfig") as ScrapeConfigMode;
    if (!SCRAPE_CONFIG_MODES.includes(mode)) {
        reader.problem(
            "prometheusScrapeConfig",
            `"${mode}" is not one of fragment (a scrape_configs fragment as a stack output), secret (a Secret for ` +
                `Prometheus Operator's additionalScrapeConfigs) or podMonitors (Prometheus Operator PodMonitors).`,
        );
    }
    const interval = reader.string("prometheusScrapeInterval");
    const ms = parsePrometheusDuration(interval);
    if (ms === undefined || ms === 0) {
        reader.problem(
            "prometheusScrapeInterval",
            `"${interval}" is not a positive Prometheus duration such as 10s, 30s or 1m.`,
        );
    }
    let secret: VizSettings["scrape"]["secret"];
    if (mode === "secret") {
        const namespace = reader.optionalString("prometheusScrapeSecretNamespace");
        const name = reader.string("prometheusScrapeSecretName");
        if (namespace === undefined || dns1123LabelProblem(namespace)) {
            reader.problem(
                "prometheusScrapeSecretNamespace",
                namespace === undefined
                    ? `${reader.key("prometheusScrapeConfig")} is "secret", so the Secret goes into the namespace of the Prometheus that reads it. Fix: pulumi config set ${reader.key("prometheusScrapeSecretNamespace")} monitoring`
                    : `"${namespace}" ${dns1123LabelProblem(namespace)}.`,
            );
        }
        const nameProblem = dns1123SubdomainProblem(name);
        if (nameProblem) {
            reader.problem("prometheusScrapeSecretName", `"${name}" ${nameProblem}.`);
        }
        secret = { namespace: namespace ?? "", name };
    } else {
        reader.refuseIfSet(
            ["prometheusScrapeSecretNamespace", "prometheusScrapeSecretName"],
            `only applies when ${reader.key("prometheusScrapeConfig")} is "secret"`,
            (k) => `Remove it: pulumi config rm ${k}`,
        );
    }
    if (mode !== "podMonitors") {
        reader.refuseIfSet(
            ["prometheusPodMonitorLabels"],
            `only applies when ${reader.key("prometheusScrapeConfig")} is "podMonitors"`,
            (k) => `Remove it: pulumi config rm ${k}`,
        );
    }
    return { mode, interval, secret, podMonitorLabels: parseLabels(reader, "prometheusPodMonitorLabels") };
}

function parseClient(reader: ConfigReader): ScrapeClient | undefined {
    const serviceAccount = reader.optionalString("prometheusServiceAccount");
    const networks = reader.list("prometheusNetworks");
    if (serviceAccount !== undefined && networks.length > 0) {
        reader.problem(
            "prometheusServiceAccount",
            `is set together with ${reader.key("prometheusNetworks")}; name the Prometheus by its ServiceAccount when it is meshed, or by its networks when it is not.`,
        );
        return undefined;
    }
    if (serviceAccount !== undefined) {
        const [namespace, name, extra] = serviceAccount.split("/");
        if (
            extra !== undefined ||
            !namespace ||
            !name ||
            dns1123LabelProblem(namespace) ||
            dns1123SubdomainProblem(name)
        ) {
            reader.problem(
                "prometheusServiceAccount",
                `"${serviceAccount}" is not <namespace>/<name>. Fix: pulumi config set ${reader.key("prometheusServiceAccount")} monitoring/prometheus`,
            );
            return undefined;
        }
        return { kind: "serviceAccount", namespace, name };
    }
    const bad = networks.filter((cidr) => cidrProblem(cidr));
    for (const cidr of bad) {
        reader.problem("prometheusNetworks", `"${cidr}" ${cidrProblem(cidr)}.`);
    }
    return networks.length > 0 && bad.length === 0 ? { kind: "networks", cidrs: networks } : undefined;
}

function parseEnforcedHost(reader: ConfigReader): Text | undefined {
    const pattern = reader.text("vizDashboardEnforcedHost");
    if (pattern) {
        const problem =
            goRegexpProblem(pattern.value) ??
            (anchoredAtBothEnds(pattern.value)
                ? undefined
                : "is not anchored at both ends (^…$ with no top-level |): the dashboard would also accept hosts that merely contain a match") ??
            yamlScalarProblem(pattern.value, flagArgument("-enforced-host"));
        if (problem) {
            reader.problem(
                "vizDashboardEnforcedHost",
                `${reader.shown("vizDashboardEnforcedHost")} ${problem}. Example: ^dashboard\\.example\\.com(:\\d+)?$`,
            );
        }
    }
    return pattern;
}
