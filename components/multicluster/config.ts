// The multicluster area's config keys: this cluster's gateway, who may link to it, what it links
// to, and how strictly a link whose target is unavailable is treated.
import { parseOverrides } from "../charts/overrides.ts";
import type { Values } from "../charts/values.ts";
import { parseLabels } from "../config/labels.ts";
import type { KeySpecs } from "../config/keys.ts";
import type { ConfigReader } from "../config/reader.ts";
import {
    dns1123LabelProblem,
    dns1123SubdomainProblem,
    outsideDefaultNodePortRange,
    portProblem,
    qualifiedNameProblem,
} from "../config/rules/kubernetes.ts";
import { cidrProblem, ipProblem } from "../config/rules/network.ts";
import { stackNameProblem } from "../config/rules/stackName.ts";
import { urlProblem } from "../config/rules/url.ts";
import { MAPPING_VALUE, SEQUENCE_ITEM, yamlScalarProblem } from "../config/rules/yamlScalar.ts";
import { linkTargetNameProblem } from "../contract/links.ts";
import type { ClusterAccess } from "../controlPlane/access.ts";
import { parseBundle } from "../trust/x509.ts";
import { MULTICLUSTER_CHART_KEYS } from "./chartKeys.ts";
import { MULTICLUSTER_OWNED } from "./values.ts";

export const MULTICLUSTER_KEYS = {
    multiclusterEnabled: { type: "boolean", default: false, roles: ["cluster"] },
    multiclusterLinks: { type: "array", default: [], roles: ["cluster"] },
    multiclusterAllowedSources: { type: "array", default: [], roles: ["cluster"] },
    multiclusterFlatNetwork: { type: "boolean", default: false, roles: ["cluster"] },
    multiclusterStrictLinks: { type: "boolean", default: false, roles: ["cluster"] },
    multiclusterApiServerUrl: { type: "string", default: "", roles: ["cluster"] },
    multiclusterApiServerCaData: { type: "string", default: "", roles: ["cluster"] },
    multiclusterGatewayServiceType: { type: "string", default: "LoadBalancer", roles: ["cluster"] },
    multiclusterGatewayPort: { type: "integer", default: 4143, roles: ["cluster"] },
    multiclusterGatewayNodePort: { type: "integer", default: 0, roles: ["cluster"] },
    multiclusterGatewayProbeNodePort: { type: "integer", default: 0, roles: ["cluster"] },
    multiclusterGatewayAddresses: { type: "array", default: [], roles: ["cluster"] },
    multiclusterGatewayServiceAnnotations: { type: "array", default: [], roles: ["cluster"] },
    multiclusterGatewayLoadBalancerClass: { type: "string", default: "", roles: ["cluster"] },
    multiclusterGatewayLoadBalancerIP: { type: "string", default: "", roles: ["cluster"] },
    multiclusterGatewayLoadBalancerSourceRanges: { type: "array", default: [], roles: ["cluster"] },
    multiclusterValues: { type: "object", default: {}, secret: "allowed", roles: ["cluster"] },
} as const satisfies KeySpecs;

export const GATEWAY_SERVICE_TYPES = ["LoadBalancer", "NodePort", "ClusterIP"] as const;

export interface LinkTarget {
    /** `<organization>/<project>/<stack>` of the target's stack. */
    stack: string;
    /** Through the target's gateway, or pod to pod on a flat network. */
    mode: "gateway" | "pod-to-pod";
}

export interface GatewaySettings {
    serviceType: (typeof GATEWAY_SERVICE_TYPES)[number];
    port: number;
    nodePort?: number;
    probeNodePort?: number;
    /** Addresses other clusters dial; empty: the load balancer's, read from the cluster each run. */
    addresses: string[];
    serviceAnnotations: Record<string, string>;
    loadBalancerClass?: string;
    loadBalancerIP?: string;
    loadBalancerSourceRanges: string[];
}

export interface MulticlusterSettings {
    links: LinkTarget[];
    allowedSources: string[];
    flatNetwork: boolean;
    /** Fail the update on a link whose target is unavailable, instead of keeping its last good state. */
    strictLinks: boolean;
    /** How other clusters' pods reach this cluster's API server (render mode: none). */
    apiServer?: { url: string; caData: string };
    gateway: GatewaySettings;
    overrides: Values;
}

export function parseMulticluster(
    reader: ConfigReader,
    clusterName: string,
    access: ClusterAccess,
    self: string,
): MulticlusterSettings | undefined {
    if (!reader.boolean("multiclusterEnabled")) {
        const keys = Object.keys(MULTICLUSTER_KEYS).filter((k) => k !== "multiclusterEnabled");
        reader.refuseIfSet(
            keys,
            `only applies with the multicluster extension, and ${reader.key("multiclusterEnabled")} is not true`,
            (k) => `Fix: pulumi config set ${reader.key("multiclusterEnabled")} true, or pulumi config rm ${k}`,
        );
        return undefined;
    }
    const nameProblem = linkTargetNameProblem(clusterName);
    if (nameProblem) {
        reader.problem("clusterName", `"${clusterName}" ${nameProblem}.`);
    }
    if (access.kind === "render") {
        reader.refuseIfSet(
            ["multiclusterLinks", "multiclusterAllowedSources"],
            "needs a live cluster (tokens, gateway addresses), which a rendered stack never has",
            () => "Link clusters from stacks that deploy them.",
        );
    }
    return {
        links: parseLinks(reader, self),
        allowedSources: parseSources(reader, clusterName),
        flatNetwork: reader.boolean("multiclusterFlatNetwork"),
        strictLinks: reader.boolean("multiclusterStrictLinks"),
        apiServer: access.kind === "render" ? undefined : parseApiServer(reader, access),
        gateway: parseGateway(reader),
        overrides: parseOverrides(reader, "multiclusterValues", MULTICLUSTER_CHART_KEYS, MULTICLUSTER_OWNED),
    };
}

function parseLinks(reader: ConfigReader, self: string): LinkTarget[] {
    const links: LinkTarget[] = [];
    for (const entry of reader.list("multiclusterLinks")) {
        const [stack, ...options] = entry.trim().split(/\s+/);
        const unknown = options.filter((o) => o !== "gateway=false" && o !== "gateway=true");
        const problem =
            stackNameProblem(stack) ??
            (stack === self ? "is this stack; a cluster does not link to itself" : undefined) ??
            (unknown.length
                ? `has an unknown option "${unknown[0]}"; the only option is gateway=false (pod-to-pod, on a flat network)`
                : undefined) ??
            (links.some((l) => l.stack === stack) ? "is listed twice" : undefined);
        if (problem) {
            reader.problem("multiclusterLinks", `"${entry}": "${stack}" ${problem}.`);
            continue;
        }
        links.push({ stack, mode: options.includes("gateway=false") ? "pod-to-pod" : "gateway" });
    }
    return links;
}

function parseSources(reader: ConfigReader, clusterName: string): string[] {
    return reader.list("multiclusterAllowedSources").filter((name) => {
        const problem =
            dns1123LabelProblem(name) ??
            (name === clusterName ? "is this cluster" : yamlScalarProblem(name, MAPPING_VALUE));
        if (problem) {
            reader.problem("multiclusterAllowedSources", `"${name}" ${problem}.`);
        }
        return !problem;
    });
}

function parseApiServer(
    reader: ConfigReader,
    access: Exclude<ClusterAccess, { kind: "render" }>,
): MulticlusterSettings["apiServer"] {
    // With a host program's provider there is no kubeconfig to take them from: both must be set.
    const fromKubeconfig: { server?: string; caData?: string } = access.kind === "live" ? access : {};
    const url = reader.optionalString("multiclusterApiServerUrl") ?? fromKubeconfig.server;
    const caData = reader.optionalString("multiclusterApiServerCaData") ?? fromKubeconfig.caData;
    const origin = (key: string) =>
        reader.isSet(key) ? reader.shown(key) : "the kubeconfig's server for this context";
    const urlIssue =
        url === undefined
            ? `is not set, and ${access.kind === "live" ? "the kubeconfig's cluster has no server URL" : "the host program's provider has no kubeconfig to read it from"}`
            : urlProblem(url, { schemes: ["https"], path: true });
    if (urlIssue) {
        reader.problem(
            "multiclusterApiServerUrl",
            `${url === undefined ? "" : `${origin("multiclusterApiServerUrl")} `}${urlIssue}; other clusters' service mirrors send ` +
                `their token there. Set the https address other clusters' pods reach: pulumi config set ` +
                `${reader.key("multiclusterApiServerUrl")} https://api.east.example.com:6443`,
        );
    }
    const decoded = caData === undefined ? undefined : Buffer.from(caData, "base64").toString("utf8");
    if (decoded === undefined || !/^[A-Za-z0-9+/=]+$/.test(caData!) || "problem" in parseBundle(decoded)) {
        reader.problem(
            "multiclusterApiServerCaData",
            `${caData === undefined ? `is not set, and ${access.kind === "live" ? "the kubeconfig's cluster has no certificate-authority-data" : "the host program's provider has no kubeconfig to read it from"}` : "is not base64 of PEM certificates"} ` +
                `(a CA file path cannot travel to other clusters). Set the base64 PEM of the API server's CA.`,
        );
    }
    return { url: url ?? "", caData: caData ?? "" };
}

function parseGateway(reader: ConfigReader): GatewaySettings {
    const serviceType = reader.string("multiclusterGatewayServiceType") as GatewaySettings["serviceType"];
    if (!GATEWAY_SERVICE_TYPES.includes(serviceType)) {
        reader.problem(
            "multiclusterGatewayServiceType",
            `"${serviceType}" is not one of ${GATEWAY_SERVICE_TYPES.join(", ")}.`,
        );
    }
    const port = checkedPort(reader, "multiclusterGatewayPort", reader.integer("multiclusterGatewayPort"));
    const nodePort = checkedPort(
        reader,
        "multiclusterGatewayNodePort",
        reader.optionalInteger("multiclusterGatewayNodePort"),
    );
    const probeNodePort = checkedPort(
        reader,
        "multiclusterGatewayProbeNodePort",
        reader.optionalInteger("multiclusterGatewayProbeNodePort"),
    );
    if (serviceType === "NodePort" && (nodePort === undefined || probeNodePort === undefined)) {
        reader.problem(
            nodePort === undefined ? "multiclusterGatewayNodePort" : "multiclusterGatewayProbeNodePort",
            `a NodePort gateway is reached on node ports other clusters must know in advance; set both ` +
                `${reader.key("multiclusterGatewayNodePort")} and ${reader.key("multiclusterGatewayProbeNodePort")} (30000 to 32767).`,
        );
    } else if (serviceType !== "NodePort" && (nodePort !== undefined || probeNodePort !== undefined)) {
        reader.problem(
            "multiclusterGatewayNodePort",
            `node ports only apply when ${reader.key("multiclusterGatewayServiceType")} is NodePort.`,
        );
    }
    const addresses = reader.list("multiclusterGatewayAddresses").filter((address) => {
        const bad = ipProblem(address) && dns1123SubdomainProblem(address);
        if (bad) {
            reader.problem("multiclusterGatewayAddresses", `"${address}" is not an IP address or DNS name.`);
        }
        return !bad;
    });
    if (serviceType !== "LoadBalancer" && addresses.length === 0) {
        reader.problem(
            "multiclusterGatewayAddresses",
            `a ${serviceType} gateway has no load balancer to learn its address from; list the addresses other clusters dial.`,
        );
    }
    return {
        serviceType,
        port,
        nodePort,
        probeNodePort,
        addresses,
        serviceAnnotations: parseLabels(reader, "multiclusterGatewayServiceAnnotations", { annotations: true }),
        loadBalancerClass: checkedText(reader, "multiclusterGatewayLoadBalancerClass", qualifiedNameProblem),
        loadBalancerIP: checkedText(reader, "multiclusterGatewayLoadBalancerIP", ipProblem),
        loadBalancerSourceRanges: reader.list("multiclusterGatewayLoadBalancerSourceRanges").filter((cidr) => {
            const problem = cidrProblem(cidr) ?? yamlScalarProblem(cidr, SEQUENCE_ITEM);
            if (problem) {
                reader.problem("multiclusterGatewayLoadBalancerSourceRanges", `"${cidr}" ${problem}.`);
            }
            return !problem;
        }),
    };
}

function checkedPort<T extends number | undefined>(reader: ConfigReader, key: string, port: T): T {
    const problem = port === undefined ? undefined : portProblem(port);
    if (problem) {
        reader.problem(key, `${port} ${problem}.`);
    } else if (port !== undefined && key.includes("NodePort") && outsideDefaultNodePortRange(port)) {
        reader.warn(
            key,
            `${port} is outside the default node-port range 30000 to 32767; the API server refuses it unless its --service-node-port-range was widened.`,
        );
    }
    return port;
}

/** An optional value the chart writes unquoted: valid by `rule`, and safe in YAML. */
function checkedText(
    reader: ConfigReader,
    key: string,
    rule: (value: string) => string | undefined,
): string | undefined {
    const value = reader.optionalString(key);
    const problem = value === undefined ? undefined : (rule(value) ?? yamlScalarProblem(value, MAPPING_VALUE));
    if (problem) {
        reader.problem(key, `"${value}" ${problem}.`);
    }
    return value;
}
