// Viz on the organisation's Prometheus: the chart's values against the pinned chart, the namespace
// metadata, ordering, tap access, the scrape jobs in their three modes (checked with promtool,
// against the chart's own jobs, and run over the pods the charts create with a model of
// Prometheus's discovery), and which policy objects let the Prometheus scrape each target, with a
// model of Linkerd's inbound policy, under every default policy.
import * as assert from "node:assert";
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import AjvModule from "ajv";
import { RE2JS } from "re2js";
import * as YAML from "yaml";
import { isChartKey } from "../components/charts/keys.ts";
import { INBOUND_POLICIES as ACCEPTED_POLICIES } from "../components/controlPlane/config.ts";
import { VIZ_CHART_KEYS } from "../components/viz/chartKeys.ts";
import { SECRET_KUBECONFIG, singleClusterConfig } from "./support/fixtures.ts";
import { multiclusterCluster } from "./support/fleet.ts";
import { flatten } from "./support/flatten.ts";
import {
    plaintextStrings,
    type ProgramRun,
    type Registration,
    type RunFailure,
    runProgram,
} from "./support/harness.ts";
import { verifies } from "./support/openssl.ts";
import { TlsDouble } from "./support/tlsDouble.ts";
import { HEARTBEAT_DEFAULT_PROMETHEUS_URL } from "./upstream/heartbeat.ts";
import {
    CLUSTER_NETWORKS,
    DEFAULT_POLICY_ADMITS,
    DEFAULT_POLICY_ANNOTATION,
    MESHED_POD_LABEL,
    PROXY_CONTAINER,
    SERVER_DEFAULT_ACCESS_POLICY,
    serviceAccountIdentity,
} from "./upstream/inboundPolicy.ts";
import {
    CHART_PODMONITOR_KEEP,
    OPERATOR_RUNNING_FILTER,
    operatorSelectorKeep,
    PODMONITOR_V1,
} from "./upstream/podMonitors.ts";
import {
    CHART_SERVERS,
    CONTROL_PLANE_PODS,
    MULTICLUSTER_PODS,
    type PodFact,
    VIZ_PODS,
    WORKLOAD_POD,
} from "./upstream/policies.ts";
import {
    AUTHORIZATION_POLICY_V1ALPHA1,
    INBOUND_POLICIES,
    NETWORK_AUTHENTICATION_V1ALPHA1,
    SERVER_V1BETA3,
} from "./upstream/policyCrds.ts";
import {
    CHART_PROMETHEUS_GLOBAL,
    CHART_SCRAPE_JOBS_YAML,
    CONTROL_PLANE_ADMIN_PORTS,
    TAP_ADMIN_CLUSTER_ROLE,
    VIZ_HA_ONLY_KEYS,
    VIZ_HA_VALUES,
    VIZ_WEBHOOK_DNS_NAMES,
    vizNamespaceMetadataFor,
} from "./upstream/viz.ts";

const T = {
    chart: "kubernetes:helm.sh/v4:Chart",
    namespace: "kubernetes:core/v1:Namespace",
    secret: "kubernetes:core/v1:Secret",
    binding: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
    provider: "pulumi:providers:kubernetes",
    podMonitor: "kubernetes:monitoring.coreos.com/v1:PodMonitor",
    server: "kubernetes:policy.linkerd.io/v1beta3:Server",
    authorizationPolicy: "kubernetes:policy.linkerd.io/v1alpha1:AuthorizationPolicy",
    networkAuthentication: "kubernetes:policy.linkerd.io/v1alpha1:NetworkAuthentication",
};

type Config = Record<string, unknown>;

const PROMETHEUS = "http://prometheus.monitoring.svc.cluster.local:9090";
const HTTPS_PROMETHEUS = "https://prometheus.monitoring.svc.cluster.local:9090";
const SERVICE_ACCOUNT = { prometheusServiceAccount: "monitoring/prometheus" };
const NETWORKS = { prometheusNetworks: ["198.51.100.0/24"] };
const MULTICLUSTER = { multiclusterEnabled: true };

function vizConfig(overrides: Config = {}): Config {
    return singleClusterConfig({ vizEnabled: true, prometheusUrl: PROMETHEUS, ...overrides });
}

// Runs are read, never changed, so tests share them; each is awaited before the next one starts.
const runs = new Map<string, Promise<ProgramRun>>();

/** The program with viz on; with multicluster on, the cluster also has what its chart renders. */
function runViz(overrides: Config = {}, secretKeys: string[] = SECRET_KUBECONFIG): Promise<ProgramRun> {
    const key = JSON.stringify([overrides, secretKeys]);
    if (!runs.has(key)) {
        const cluster = overrides.multiclusterEnabled ? multiclusterCluster("dev", { sources: [] }) : undefined;
        runs.set(
            key,
            runProgram({
                config: vizConfig(overrides),
                secretKeys,
                renderedChildren: cluster?.rendered,
                liveObjects: cluster?.live,
            }),
        );
    }
    return runs.get(key)!;
}

function vizValues(run: ProgramRun): Record<string, any> {
    return run.get(T.chart, "linkerd-viz-viz").inputs.values as Record<string, any>;
}

function controlPlaneValues(run: ProgramRun): Record<string, any> {
    return run.get(T.chart, "linkerd-control-plane").inputs.values as Record<string, any>;
}

function jobsOf(run: ProgramRun): ScrapeJob[] {
    return YAML.parse(String(run.outputs.prometheusScrapeConfig.value)).scrape_configs;
}

/** The Linkerd policy objects the program registers. */
function policyObjects(run: ProgramRun): Registration[] {
    return run.created.filter((r) => r.type.startsWith("kubernetes:policy.linkerd.io/"));
}

function policyObject(run: ProgramRun, name: string): Registration {
    const found = policyObjects(run).find((r) => r.name === name);
    assert.ok(found, `no policy object ${name}; registered:\n  ${policyObjects(run).map((r) => r.name)}`);
    return found;
}

/** Rejects with the program's failure (a RunFailure). */
async function failure(run: Promise<ProgramRun>): Promise<RunFailure> {
    try {
        await run;
    } catch (error) {
        return error as RunFailure;
    }
    throw new Error("the run succeeded");
}

/**
 * Runs promtool on a complete Prometheus configuration; returns its output, throws on failure.
 * Debian's Prometheus is built without Kubernetes service discovery, so its promtool rejects
 * `kubernetes_sd_configs` as an unknown field. Each job's discovery block is therefore swapped for
 * a static target before the check: promtool still validates everything else (job names,
 * intervals, every relabel rule's action, regex and labels), and the discovery blocks themselves
 * are compared with the chart's field by field, and run over the charts' pods, below.
 */
function promtoolCheck(config: { scrape_configs?: any[] }): string {
    config = {
        ...config,
        scrape_configs: config.scrape_configs?.map(({ kubernetes_sd_configs, ...job }) => {
            assert.ok(Array.isArray(kubernetes_sd_configs), `${job.job_name} discovers pods`);
            return { ...job, static_configs: [{ targets: ["pod.invalid:4191"] }] };
        }),
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkerd-fleet-promtool-"));
    try {
        const file = path.join(dir, "prometheus.yml");
        fs.writeFileSync(file, YAML.stringify(config));
        return execFileSync("promtool", ["check", "config", file], { encoding: "utf8", stdio: "pipe" });
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The chart's YAML writes some values with stray spaces (`replacement:  __tmp…`); compare trimmed. */
function normalize(configs: any[]): any[] {
    return configs.map((c) =>
        Object.fromEntries(Object.entries(c).map(([k, v]) => [k, typeof v === "string" ? v.trim() : v])),
    );
}

// ---------------------------------------------------------------------------------------------
// A model of Prometheus's pod discovery and relabelling (discovery/kubernetes/pod.go: one target
// per container port, or one per container without ports; pod labels as
// __meta_kubernetes_pod_label_<name> with the name sanitized; relabel rules with RE2 regexes
// anchored at both ends, `;` between source labels, and Go's $1 / ${1} expansion).
// ---------------------------------------------------------------------------------------------

interface RelabelRule {
    source_labels?: string[];
    separator?: string;
    regex?: string;
    target_label?: string;
    replacement?: string;
    action?: string;
}

interface ScrapeJob {
    job_name: string;
    scrape_interval?: string;
    scrape_timeout?: string;
    kubernetes_sd_configs: { role: string; namespaces?: { names: string[] } }[];
    relabel_configs: RelabelRule[];
}

interface Target {
    /** `<namespace>/<pod> <container>:<port>`. */
    id: string;
    pod: PodFact;
    port: string;
}

const sanitize = (name: string) => name.replace(/[^a-zA-Z0-9_]/g, "_");

/** The containers of a pod as it runs: a meshed pod also has the proxy's. */
function containersOf(pod: PodFact): Record<string, string[]> {
    return MESHED_POD_LABEL in pod.labels
        ? { ...pod.containers, [PROXY_CONTAINER.name]: Object.keys(PROXY_CONTAINER.ports) }
        : pod.containers;
}

function discover(pods: PodFact[], job: ScrapeJob): { labels: Record<string, string>; pod: PodFact }[] {
    assert.strictEqual(job.kubernetes_sd_configs.length, 1, job.job_name);
    const [sd] = job.kubernetes_sd_configs;
    assert.strictEqual(sd.role, "pod", job.job_name);
    const found: { labels: Record<string, string>; pod: PodFact }[] = [];
    for (const pod of pods.filter((p) => !sd.namespaces || sd.namespaces.names.includes(p.namespace))) {
        const common: Record<string, string> = {
            __meta_kubernetes_namespace: pod.namespace,
            __meta_kubernetes_pod_name: pod.name,
            __meta_kubernetes_pod_phase: "Running",
        };
        for (const [label, value] of Object.entries(pod.labels)) {
            common[`__meta_kubernetes_pod_label_${sanitize(label)}`] = value;
            common[`__meta_kubernetes_pod_labelpresent_${sanitize(label)}`] = "true";
        }
        for (const [container, ports] of Object.entries(containersOf(pod))) {
            const base = { ...common, __meta_kubernetes_pod_container_name: container };
            if (ports.length === 0) {
                found.push({ labels: base, pod });
            }
            for (const port of ports) {
                found.push({ labels: { ...base, __meta_kubernetes_pod_container_port_name: port }, pod });
            }
        }
    }
    return found;
}

function anchored(regex: string | undefined) {
    return RE2JS.compile(`^(?:${regex ?? "(.*)"})$`);
}

/** Go's Regexp.Expand of `template` with the groups of the match `m`. */
function expand(template: string, m: { group(g: number | string): string | null }): string {
    return template.replace(/\$(?:\{(\w+)\}|(\w+))/g, (_, braced: string, bare: string) => {
        const name = braced ?? bare;
        try {
            return m.group(/^\d+$/.test(name) ? Number(name) : name) ?? "";
        } catch {
            return "";
        }
    });
}

/** Applies relabel rules as Prometheus does; undefined when the target is dropped. */
function relabel(input: Record<string, string>, rules: RelabelRule[]): Record<string, string> | undefined {
    const labels = { ...input };
    for (const rule of rules) {
        const action = (rule.action ?? "replace").toLowerCase();
        const regex = anchored(rule.regex);
        const value = (rule.source_labels ?? []).map((l) => labels[l] ?? "").join(rule.separator ?? ";");
        switch (action) {
            case "keep":
                if (!regex.matcher(value).matches()) {
                    return undefined;
                }
                break;
            case "drop":
                if (regex.matcher(value).matches()) {
                    return undefined;
                }
                break;
            case "replace": {
                const m = regex.matcher(value);
                if (m.matches()) {
                    const target = expand(rule.target_label ?? "", m);
                    const result = expand(rule.replacement ?? "$1", m);
                    if (result === "") {
                        delete labels[target];
                    } else {
                        labels[target] = result;
                    }
                }
                break;
            }
            case "labelmap":
                for (const [name, v] of Object.entries({ ...labels })) {
                    const m = regex.matcher(name);
                    if (m.matches()) {
                        labels[expand(rule.replacement ?? "$1", m)] = v;
                    }
                }
                break;
            case "labeldrop":
            case "labelkeep":
                for (const name of Object.keys(labels)) {
                    if (regex.matcher(name).matches() === (action === "labeldrop")) {
                        delete labels[name];
                    }
                }
                break;
            default:
                throw new Error(`relabel model: action ${rule.action} is not modelled`);
        }
    }
    return labels;
}

/** The targets a job scrapes among `pods`. */
function targetsOf(job: ScrapeJob, pods: PodFact[]): Target[] {
    return discover(pods, job).flatMap(({ labels, pod }) => {
        if (!relabel(labels, job.relabel_configs)) {
            return [];
        }
        const container = labels.__meta_kubernetes_pod_container_name;
        const port = labels.__meta_kubernetes_pod_container_port_name ?? "";
        return [{ id: `${pod.namespace}/${pod.name} ${container}:${port}`, pod, port }];
    });
}

const ALL_PODS = [...CONTROL_PLANE_PODS, ...VIZ_PODS, ...MULTICLUSTER_PODS, WORKLOAD_POD];

/** The pods running: those of every chart the run installs (multicluster with one link, to west), and a workload. */
function podsOf(run: ProgramRun): PodFact[] {
    const installed = new Set(run.ofType(T.chart).map((c) => c.inputs.namespace));
    return ALL_PODS.filter((p) => installed.has(p.namespace) || p === WORKLOAD_POD);
}

/** A PodMonitor as the scrape job Prometheus Operator makes of it (upstream/podMonitors.ts). */
function operatorJob(podMonitor: Registration): ScrapeJob {
    const { metadata, spec } = podMonitor.inputs as any;
    assert.strictEqual(spec.podMetricsEndpoints.length, 1, metadata.name);
    const [endpoint] = spec.podMetricsEndpoints;
    assert.ok(!("port" in endpoint) && !("portNumber" in endpoint), "the relabelings choose the ports");
    const names: string[] | undefined = spec.namespaceSelector?.any
        ? undefined
        : (spec.namespaceSelector?.matchNames ?? [metadata.namespace]);
    return {
        job_name: `podMonitor/${metadata.namespace}/${metadata.name}/0`,
        kubernetes_sd_configs: [{ role: "pod", ...(names ? { namespaces: { names } } : {}) }],
        relabel_configs: [
            OPERATOR_RUNNING_FILTER,
            ...Object.entries((spec.selector?.matchLabels ?? {}) as Record<string, string>).map(([k, v]) =>
                operatorSelectorKeep(k, v),
            ),
            ...(endpoint.relabelings as any[]).map(snakeCase),
        ],
    };
}

function snakeCase(r: Record<string, unknown>): RelabelRule {
    return Object.fromEntries(
        Object.entries({
            source_labels: r.sourceLabels,
            separator: r.separator,
            regex: r.regex,
            target_label: r.targetLabel,
            replacement: r.replacement,
            action: r.action,
        }).filter(([, v]) => v !== undefined),
    ) as RelabelRule;
}

// ---------------------------------------------------------------------------------------------
// A model of Linkerd's inbound policy (upstream/inboundPolicy.ts). A pod port that a Server
// selects is decided by that Server: the AuthorizationPolicies on it (with their ServiceAccount,
// MeshTLSAuthentication and NetworkAuthentication references), then its accessPolicy. A port no
// Server selects follows the pod's pinned default policy, else its namespace's, else the cluster's.
// The objects are the program's registrations and the charts' own Servers (upstream/policies.ts).
// ---------------------------------------------------------------------------------------------

interface Selector {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

interface Reference {
    group?: string;
    kind: string;
    name: string;
    namespace?: string;
}

interface PolicyServer {
    chart: boolean;
    namespace: string;
    name: string;
    podSelector: Selector;
    port: string | number;
    accessPolicy: string;
}

interface PolicyAuthorization {
    chart: boolean;
    namespace: string;
    name: string;
    targetRef: Reference;
    requiredAuthenticationRefs: Reference[];
}

interface Network {
    cidr: string;
    except?: string[];
}

interface PolicyWorld {
    servers: PolicyServer[];
    authorizations: PolicyAuthorization[];
    /** By `<namespace>/<name>`. */
    networkAuthentications: Map<string, Network[]>;
    /** Identity patterns by `<namespace>/<name>`. */
    meshTlsAuthentications: Map<string, string[]>;
    namespaceDefaults: Record<string, string>;
    clusterDefault: string;
}

/** Who scrapes: its mesh identity (a meshed Prometheus) and its address. */
interface Client {
    identity?: string;
    address: string;
}

const ANY_ADDRESS: Network[] = [{ cidr: "0.0.0.0/0" }, { cidr: "::/0" }];

function policyWorld(run: ProgramRun): PolicyWorld {
    const installed = new Set(run.ofType(T.chart).map((c) => c.inputs.namespace));
    const world: PolicyWorld = {
        servers: [],
        authorizations: [],
        networkAuthentications: new Map(),
        meshTlsAuthentications: new Map(),
        namespaceDefaults: {},
        clusterDefault: controlPlaneValues(run).proxy.defaultInboundPolicy,
    };
    assert.ok(world.clusterDefault, "the program sets proxy.defaultInboundPolicy");
    for (const ns of run.ofType(T.namespace)) {
        const metadata = ns.inputs.metadata as { name: string; annotations?: Record<string, string> };
        const pinned = metadata.annotations?.[DEFAULT_POLICY_ANNOTATION];
        if (pinned) {
            world.namespaceDefaults[metadata.name] = pinned;
        }
    }
    for (const r of policyObjects(run)) {
        const { metadata, spec } = r.inputs as { metadata: { name: string; namespace: string }; spec: any };
        const at = { chart: false, namespace: metadata.namespace, name: metadata.name };
        switch (r.inputs.kind) {
            case "Server":
                assert.ok(spec.podSelector, `${r.name}: the model handles pod selectors only`);
                world.servers.push({
                    ...at,
                    podSelector: spec.podSelector,
                    port: spec.port,
                    accessPolicy: spec.accessPolicy ?? SERVER_DEFAULT_ACCESS_POLICY,
                });
                break;
            case "AuthorizationPolicy":
                world.authorizations.push({ ...at, ...spec });
                break;
            case "NetworkAuthentication":
                world.networkAuthentications.set(`${at.namespace}/${at.name}`, spec.networks);
                break;
            case "MeshTLSAuthentication":
                world.meshTlsAuthentications.set(`${at.namespace}/${at.name}`, [
                    ...(spec.identities ?? []),
                    ...(spec.identityRefs ?? []).map((ref: Reference) => {
                        assert.strictEqual(ref.kind, "ServiceAccount", `${r.name}: not modelled`);
                        return serviceAccountIdentity(ref.namespace ?? at.namespace, ref.name);
                    }),
                ]);
                break;
            default:
                throw new Error(`policy model: ${String(r.inputs.kind)} (${r.name}) is not modelled`);
        }
    }
    for (const fact of CHART_SERVERS.filter((s) => installed.has(s.namespace))) {
        const at = { chart: true, namespace: fact.namespace, name: fact.name };
        world.servers.push({
            ...at,
            podSelector: { matchLabels: fact.matchLabels },
            port: fact.port,
            accessPolicy: fact.accessPolicy,
        });
        // The chart names each AuthorizationPolicy after its Server.
        const refs = fact.authorized.map((who): Reference => {
            if (who.startsWith("networks:")) {
                world.networkAuthentications.set(`${fact.namespace}/chart-${fact.name}`, [{ cidr: who.slice(9) }]);
                return { group: "policy.linkerd.io", kind: "NetworkAuthentication", name: `chart-${fact.name}` };
            }
            if (who === "meshed:*") {
                world.meshTlsAuthentications.set(`${fact.namespace}/chart-${fact.name}`, ["*"]);
                return { group: "policy.linkerd.io", kind: "MeshTLSAuthentication", name: `chart-${fact.name}` };
            }
            const [namespace, name] = who.split("/");
            return { kind: "ServiceAccount", namespace, name };
        });
        world.authorizations.push({
            ...at,
            targetRef: { group: "policy.linkerd.io", kind: "Server", name: fact.name },
            requiredAuthenticationRefs: refs,
        });
    }
    return world;
}

function selects(selector: Selector, labels: Record<string, string>): boolean {
    const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
    return (
        byLabels &&
        (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
            switch (operator) {
                case "In":
                    return key in labels && values.includes(labels[key]);
                case "NotIn":
                    return !(key in labels) || !values.includes(labels[key]);
                case "Exists":
                    return key in labels;
                case "DoesNotExist":
                    return !(key in labels);
                default:
                    throw new Error(`policy model: operator ${operator} is not modelled`);
            }
        })
    );
}

function portMatches(serverPort: string | number, port: string): boolean {
    if (typeof serverPort === "string") {
        return serverPort === port;
    }
    const number = (PROXY_CONTAINER.ports as Record<string, number | undefined>)[port];
    assert.ok(number !== undefined, `policy model: the number of port ${port} is not known`);
    return number === serverPort;
}

function inNetwork(address: string, cidr: string): boolean {
    const [ip, bits] = cidr.split("/");
    const family = net.isIPv6(ip) ? "ipv6" : "ipv4";
    if ((net.isIPv6(address) ? "ipv6" : "ipv4") !== family) {
        return false;
    }
    const list = new net.BlockList();
    list.addSubnet(ip, Number(bits ?? (family === "ipv6" ? 128 : 32)), family);
    return list.check(address, family);
}

function inNetworks(address: string, networks: Network[]): boolean {
    return networks.some(
        (n) => inNetwork(address, n.cidr) && !(n.except ?? []).some((cidr) => inNetwork(address, cidr)),
    );
}

function defaultAdmits(policy: string, client: Client): boolean {
    const rule = DEFAULT_POLICY_ADMITS[policy];
    assert.ok(rule, `policy model: ${policy} is not a default policy`);
    if (rule === "nothing") {
        return false;
    }
    return (
        (!rule.authenticated || client.identity !== undefined) &&
        (!rule.clusterOnly ||
            inNetworks(
                client.address,
                CLUSTER_NETWORKS.map((cidr) => ({ cidr })),
            ))
    );
}

function identityMatches(pattern: string, identity: string): boolean {
    return pattern === "*" || pattern === identity || (pattern.startsWith("*.") && identity.endsWith(pattern.slice(1)));
}

/** What an AuthorizationPolicy admits, or why the policy controller ignores it. */
function authorizationOf(
    world: PolicyWorld,
    policy: PolicyAuthorization,
): { identities?: string[]; networks: Network[] } | { illegal: string } {
    let identities: string[] | undefined;
    let networks: Network[] | undefined;
    for (const ref of policy.requiredAuthenticationRefs) {
        const key = `${ref.namespace ?? policy.namespace}/${ref.name}`;
        switch (ref.kind) {
            case "ServiceAccount":
            case "MeshTLSAuthentication": {
                if (identities) {
                    return { illegal: "more than one identity reference" };
                }
                const found =
                    ref.kind === "ServiceAccount"
                        ? [serviceAccountIdentity(ref.namespace ?? policy.namespace, ref.name)]
                        : world.meshTlsAuthentications.get(key);
                if (!found) {
                    return { illegal: `no MeshTLSAuthentication ${key}` };
                }
                identities = found;
                break;
            }
            case "NetworkAuthentication":
                if (networks) {
                    return { illegal: "more than one NetworkAuthentication" };
                }
                networks = world.networkAuthentications.get(key);
                if (!networks) {
                    return { illegal: `no NetworkAuthentication ${key}` };
                }
                break;
            default:
                throw new Error(`policy model: authentication kind ${ref.kind} is not modelled`);
        }
    }
    return { identities, networks: networks ?? ANY_ADDRESS };
}

function targetsServer(policy: PolicyAuthorization, server: PolicyServer): boolean {
    const { kind, name, group } = policy.targetRef;
    if (kind === "Namespace") {
        return name === server.namespace;
    }
    assert.strictEqual(kind, "Server", `policy model: target ${kind} is not modelled`);
    assert.ok(group === undefined || group === "policy.linkerd.io", `${policy.name}: target group ${group}`);
    return name === server.name;
}

/** The Server that decides a pod port, if any; two would conflict, and the model refuses that. */
function serverFor(world: PolicyWorld, pod: PodFact, port: string): PolicyServer | undefined {
    const servers = world.servers.filter(
        (s) => s.namespace === pod.namespace && selects(s.podSelector, pod.labels) && portMatches(s.port, port),
    );
    assert.ok(
        servers.length <= 1,
        `${pod.namespace}/${pod.name}:${port} is selected by ${servers.map((s) => s.name)}: they conflict`,
    );
    return servers[0];
}

/** Every policy object that lets `client` reach `port` of `pod` (empty: refused). */
function admitters(world: PolicyWorld, pod: PodFact, port: string, client: Client): string[] {
    const server = serverFor(world, pod, port);
    if (!server) {
        const [policy, from] = pod.pinnedPolicy
            ? [pod.pinnedPolicy, "pod"]
            : world.namespaceDefaults[pod.namespace]
              ? [world.namespaceDefaults[pod.namespace], "namespace"]
              : [world.clusterDefault, "cluster"];
        return defaultAdmits(policy, client) ? [`${from} default ${policy}`] : [];
    }
    const found: string[] = [];
    for (const policy of world.authorizations.filter(
        (a) => a.namespace === server.namespace && targetsServer(a, server),
    )) {
        const authorization = authorizationOf(world, policy);
        if ("illegal" in authorization) {
            continue;
        }
        const identified =
            authorization.identities === undefined ||
            (client.identity !== undefined &&
                authorization.identities.some((p) => identityMatches(p, client.identity!)));
        if (identified && inNetworks(client.address, authorization.networks)) {
            found.push(`AuthorizationPolicy ${policy.namespace}/${policy.name}${policy.chart ? " (chart)" : ""}`);
        }
    }
    if (defaultAdmits(server.accessPolicy, client)) {
        found.push(`Server ${server.namespace}/${server.name} accessPolicy ${server.accessPolicy}`);
    }
    return found;
}

/** The Prometheus in its two forms: meshed, known by its ServiceAccount; unmeshed, outside the cluster's networks. */
const CLIENTS = [
    {
        kind: "meshed" as const,
        title: "a meshed Prometheus, by its ServiceAccount",
        config: SERVICE_ACCOUNT,
        client: { identity: serviceAccountIdentity("monitoring", "prometheus"), address: "10.42.3.17" } as Client,
    },
    {
        kind: "unmeshed" as const,
        title: "an unmeshed Prometheus, by its network",
        config: NETWORKS,
        client: { address: "198.51.100.7" } as Client,
    },
];

const matrixRuns = new Map<string, Promise<ProgramRun>>();

/**
 * The stack with multicluster and a meshed namespace of the user's, under `policy`, for one kind of
 * Prometheus: evaluated once and shared by the tests that read the policy objects it registers.
 */
function matrixRun(policy: string, client: (typeof CLIENTS)[number]): Promise<ProgramRun> {
    const key = `${policy}/${client.kind}`;
    if (!matrixRuns.has(key)) {
        matrixRuns.set(
            key,
            runViz({
                ...MULTICLUSTER,
                ...client.config,
                defaultInboundPolicy: policy,
                scrapeAuthorizationNamespaces: ["shop"],
            }),
        );
    }
    return matrixRuns.get(key)!;
}

/** What each job scrapes in a cluster with every chart installed, multicluster linked to west. */
const EXPECTED_TARGETS: Record<string, string[]> = {
    "linkerd-controller": [
        "linkerd/linkerd-destination destination:dest-admin",
        "linkerd/linkerd-destination sp-validator:spval-admin",
        "linkerd/linkerd-destination policy:policy-admin",
        "linkerd/linkerd-identity identity:ident-admin",
        "linkerd/linkerd-proxy-injector proxy-injector:injector-admin",
        "linkerd-viz/metrics-api metrics-api:admin",
        "linkerd-viz/tap tap:admin",
        "linkerd-viz/tap-injector tap-injector:admin",
        "linkerd-viz/web web:admin",
    ],
    "linkerd-multicluster-controller": ["linkerd-multicluster/controller-west controller:ctrl-admin"],
    "linkerd-proxy": ALL_PODS.map((p) => `${p.namespace}/${p.name} linkerd-proxy:linkerd-admin`),
};

/**
 * Which clients each default policy lets in without any policy object (upstream/inboundPolicy.ts):
 * the meshed Prometheus is authenticated and its pod address is in the cluster's networks; the
 * unmeshed one is neither.
 */
const LET_IN_BY_DEFAULT: Record<string, ("meshed" | "unmeshed")[]> = {
    "all-unauthenticated": ["meshed", "unmeshed"],
    audit: ["meshed", "unmeshed"],
    "all-authenticated": ["meshed"],
    "cluster-authenticated": ["meshed"],
    "cluster-unauthenticated": ["meshed"],
    deny: [],
};

/** The chart's Server on each multicluster admin port (service-mirror-policy.yaml). */
const MULTICLUSTER_SERVER_OF_PORT: Record<string, string> = {
    "linkerd-admin": "linkerd-admin",
    "svcmi-admin": "service-mirror",
    "ctrl-admin": "controller",
    "locsm-admin": "local-service-mirror",
};

/** The one object expected to let the Prometheus scrape `target` under `policy`. */
function expectedAdmitter(target: string, policy: string, kind: "meshed" | "unmeshed"): string {
    const namespace = target.split("/")[0];
    const port = target.split(":").at(-1)!;
    if (namespace === "linkerd") {
        return "pod default all-unauthenticated";
    }
    if (namespace === "linkerd-multicluster") {
        return `AuthorizationPolicy linkerd-multicluster/linkerd-fleet-prometheus-scrape-${MULTICLUSTER_SERVER_OF_PORT[port]}`;
    }
    if (LET_IN_BY_DEFAULT[policy].includes(kind)) {
        return `cluster default ${policy}`;
    }
    return `AuthorizationPolicy ${namespace}/linkerd-fleet-prometheus-scrape${port === "admin" ? "-linkerd-fleet-admin" : ""}`;
}

describe("viz", () => {
    let run: ProgramRun;
    before(async () => {
        run = await runViz();
    });

    it("installs the linkerd-viz chart at the pinned version into its own namespace", () => {
        const chart = run.get(T.chart, "linkerd-viz-viz");
        assert.strictEqual(chart.inputs.chart, "linkerd-viz");
        assert.strictEqual(chart.inputs.name, "linkerd-viz");
        assert.strictEqual(chart.inputs.version, "2026.8.3");
        assert.deepStrictEqual(chart.inputs.repositoryOpts, { repo: "https://helm.linkerd.io/edge" });
        assert.strictEqual(chart.inputs.namespace, "linkerd-viz");
        assert.strictEqual(run.byUrn(chart.parent).type, "linkerd:index:Viz");
        assert.strictEqual(chart.provider, `${run.get(T.provider, "dev").urn}::dev-id`);
    });

    it("points viz at the existing Prometheus and disables the bundled one and the hook Job", () => {
        const values = vizValues(run);
        assert.strictEqual(values.prometheusUrl, PROMETHEUS);
        assert.strictEqual(values.prometheus.enabled, false);
        assert.strictEqual(values.createNamespaceMetadataJob, false);
        assert.strictEqual(values.linkerdNamespace, "linkerd");
        assert.strictEqual(values.prometheusCredsSecret, undefined);
    });

    it("creates the namespace with the metadata the hook Job would have set", () => {
        const ns = run.get(T.namespace, "linkerd-viz-namespace");
        assert.deepStrictEqual(ns.inputs.metadata, { name: "linkerd-viz", ...vizNamespaceMetadataFor(PROMETHEUS) });
    });

    it("installs after the control plane", () => {
        const controlPlane = run.get(T.chart, "linkerd-control-plane").urn;
        assert.ok(run.get(T.chart, "linkerd-viz-viz").dependencies.includes(controlPlane));
        assert.ok(run.get(T.namespace, "linkerd-viz-namespace").dependencies.includes(controlPlane));
    });

    it("in HA mode sets upstream's viz values-ha.yaml key by key", () => {
        const values = flatten(vizValues(run));
        const ha = Object.fromEntries(Object.entries(values).filter(([k]) => k in VIZ_HA_VALUES));
        assert.deepStrictEqual(ha, VIZ_HA_VALUES);
    });

    it("without HA sets none of them", async () => {
        const values = flatten(vizValues(await runViz({ highAvailability: false })));
        assert.deepStrictEqual(
            Object.keys(values).filter((k) => k in VIZ_HA_VALUES),
            [],
        );
    });

    it("uses only keys that the pinned viz chart has", async () => {
        for (const overrides of [
            {},
            { highAvailability: false },
            {
                prometheusUrl: HTTPS_PROMETHEUS,
                prometheusUsername: "viz",
                prometheusPassword: "s3cret",
                grafanaExternalUrl: "https://grafana.example.com",
                vizDashboardRestrictPrivileges: true,
                vizDashboardEnforcedHost: "^dashboard\\.example\\.com$",
            },
            { grafanaUrl: "grafana.grafana:3000" },
        ] as Config[]) {
            const values = flatten(vizValues(await runViz(overrides, [...SECRET_KUBECONFIG, "prometheusPassword"])));
            const unknown = Object.keys(values).filter(
                (k) => !isChartKey(VIZ_CHART_KEYS, k) && !VIZ_HA_ONLY_KEYS.includes(k),
            );
            assert.deepStrictEqual(unknown, [], JSON.stringify(overrides));
        }
    });

    it("supplies the tap and tap-injector certificates from the cluster's webhook CA", () => {
        const values = vizValues(run);
        const controlPlane = controlPlaneValues(run);
        for (const [key, dnsName] of Object.entries(VIZ_WEBHOOK_DNS_NAMES)) {
            const tls = values[key];
            assert.strictEqual(tls.externalSecret, false);
            assert.strictEqual(new X509Certificate(tls.crtPEM).subjectAltName, `DNS:${dnsName}`);
            assert.strictEqual(tls.caBundle, controlPlane.proxyInjector.caBundle, "the same per-cluster CA");
            assert.ok(verifies(tls.caBundle, tls.crtPEM, { purpose: "sslserver" }), key);
        }
    });

    it("registers identical inputs on a second evaluation", async () => {
        const now = new Date("2026-12-01T00:00:00Z");
        for (const overrides of [
            {},
            {
                ...MULTICLUSTER,
                ...SERVICE_ACCOUNT,
                defaultInboundPolicy: "deny",
                scrapeAuthorizationNamespaces: ["shop"],
                prometheusScrapeConfig: "podMonitors",
                tapAdmins: ["Group:platform-team"],
            },
        ] as Config[]) {
            const tls = new TlsDouble(() => now);
            const cluster = multiclusterCluster("dev", { sources: [] });
            const evaluate = () =>
                runProgram({
                    config: vizConfig(overrides),
                    secretKeys: SECRET_KUBECONFIG,
                    tls,
                    now,
                    renderedChildren: cluster.rendered,
                    liveObjects: cluster.live,
                });
            const first = await evaluate();
            const second = await evaluate();
            const byUrn = (r: ProgramRun) =>
                r.registrations
                    .map((x) => [x.urn, x.rawInputs])
                    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
            assert.deepStrictEqual(byUrn(second), byUrn(first), JSON.stringify(overrides));
        }
    });

    it("exports the dashboard service and the scrape configuration, and the viz namespace", async () => {
        assert.strictEqual(run.outputs.vizDashboardService.value, "web.linkerd-viz.svc.cluster.local:8084");
        assert.match(String(run.outputs.prometheusScrapeConfig.value), /^scrape_configs:\n/);
        assert.deepStrictEqual(run.outputs.namespaces.value, { controlPlane: "linkerd", viz: "linkerd-viz" });
        // The program no longer exports the Prometheus URL: it is the stack's own config.
        const withoutViz = await runProgram({ config: singleClusterConfig(), secretKeys: SECRET_KUBECONFIG });
        assert.deepStrictEqual(
            Object.keys(run.outputs)
                .filter((k) => !(k in withoutViz.outputs))
                .sort(),
            ["prometheusScrapeConfig", "vizDashboardService"],
        );
    });

    it("keeps Prometheus credentials secret and hands them to viz through a Secret", async () => {
        const withCreds = await runViz(
            { prometheusUrl: HTTPS_PROMETHEUS, prometheusUsername: "viz", prometheusPassword: "s3cret-pw" },
            [...SECRET_KUBECONFIG, "prometheusPassword"],
        );
        const secret = withCreds.get(T.secret, "linkerd-viz-prometheus-credentials");
        assert.deepStrictEqual(secret.inputs.metadata, { name: "prometheus-credentials", namespace: "linkerd-viz" });
        assert.deepStrictEqual(secret.inputs.stringData, { user: "viz", password: "s3cret-pw" });
        assert.strictEqual(vizValues(withCreds).prometheusCredsSecret, "prometheus-credentials");
        for (const r of withCreds.registrations) {
            assert.ok(!plaintextStrings(r.rawInputs).some((s) => s.value.includes("s3cret-pw")), r.name);
        }
    });

    it("refuses basic-auth credentials over plain http", async () => {
        const refused = await failure(
            runViz({ prometheusUsername: "viz", prometheusPassword: "s3cret-pw" }, [
                ...SECRET_KUBECONFIG,
                "prometheusPassword",
            ]),
        );
        assert.match(refused.message, /prometheusUrl: is not https:\/\//);
        assert.doesNotMatch(refused.message, /s3cret-pw/);
        assert.deepStrictEqual(refused.registrations, []);
    });

    it("links one Grafana: in-cluster or external", async () => {
        assert.deepStrictEqual(vizValues(await runViz({ grafanaUrl: "grafana.grafana:3000" })).grafana, {
            url: "grafana.grafana:3000",
        });
        assert.deepStrictEqual(vizValues(await runViz({ grafanaExternalUrl: "https://grafana.example.com" })).grafana, {
            externalUrl: "https://grafana.example.com",
        });
        assert.strictEqual(vizValues(run).grafana, undefined);
    });

    it("restricts the dashboard and enforces its host when asked", async () => {
        const values = vizValues(
            await runViz({ vizDashboardRestrictPrivileges: true, vizDashboardEnforcedHost: "^dash\\.example\\.com$" }),
        );
        assert.deepStrictEqual(values.dashboard.restrictPrivileges, true);
        assert.deepStrictEqual(values.dashboard.enforcedHostRegexp, "^dash\\.example\\.com$");
        assert.strictEqual(vizValues(run).dashboard.restrictPrivileges, false);
        assert.strictEqual(vizValues(run).dashboard.enforcedHostRegexp, undefined);
    });

    describe("tap access control", () => {
        it("binds exactly the configured subjects to viz's tap-admin ClusterRole", async () => {
            const withAdmins = await runViz({
                tapAdmins: ["Group:platform-team", "User:alice@example.com", "ServiceAccount:ops/tap-bot"],
            });
            const bindings = withAdmins.ofType(T.binding);
            assert.strictEqual(bindings.length, 1);
            assert.deepStrictEqual(bindings[0].inputs.roleRef, {
                apiGroup: "rbac.authorization.k8s.io",
                kind: "ClusterRole",
                name: TAP_ADMIN_CLUSTER_ROLE,
            });
            assert.deepStrictEqual(bindings[0].inputs.subjects, [
                { kind: "Group", name: "platform-team", apiGroup: "rbac.authorization.k8s.io" },
                { kind: "User", name: "alice@example.com", apiGroup: "rbac.authorization.k8s.io" },
                { kind: "ServiceAccount", name: "tap-bot", namespace: "ops" },
            ]);
            assert.ok(bindings[0].dependencies.includes(withAdmins.get(T.chart, "linkerd-viz-viz").urn));
        });

        it("binds nobody when no subject is configured", () => {
            assert.deepStrictEqual(run.ofType(T.binding), []);
        });
    });

    describe("scrape configuration", () => {
        const chartJobs = YAML.parse(CHART_SCRAPE_JOBS_YAML) as ScrapeJob[];
        const chartJob = (name: string) => chartJobs.find((j) => j.job_name === name)!;

        /** A job against the chart's of the same name: all fields, relabel rules trimmed, and the chart's 10s timing. */
        function assertAsChart(job: ScrapeJob, expected: ScrapeJob = chartJob(job.job_name)) {
            const { scrape_interval, scrape_timeout, ...rest } = job;
            assert.deepStrictEqual(
                { ...rest, relabel_configs: normalize(rest.relabel_configs) },
                { ...expected, relabel_configs: normalize(expected.relabel_configs) },
                job.job_name,
            );
            assert.deepStrictEqual({ scrape_interval, scrape_timeout }, CHART_PROMETHEUS_GLOBAL);
        }

        it("with multicluster scraped, generates exactly the pinned chart's own jobs, field by field", async () => {
            for (const identity of [SERVICE_ACCOUNT, NETWORKS]) {
                const jobs = jobsOf(await runViz({ ...MULTICLUSTER, ...identity }));
                assert.deepStrictEqual(
                    jobs.map((j) => j.job_name),
                    chartJobs.map((j) => j.job_name),
                );
                jobs.forEach((job) => assertAsChart(job));
            }
        });

        it("without multicluster, the chart's jobs less the multicluster one, which would find nothing", () => {
            const jobs = jobsOf(run);
            assert.deepStrictEqual(
                jobs.map((j) => j.job_name),
                ["linkerd-controller", "linkerd-proxy"],
            );
            jobs.forEach((job) => assertAsChart(job));
            const multiclusterJob = chartJob("linkerd-multicluster-controller");
            assert.deepStrictEqual(targetsOf(multiclusterJob, podsOf(run)), []);
        });

        it("with multicluster the Prometheus may not scrape, leaves its namespace out of the proxy job, and only that", async () => {
            const jobs = jobsOf(await runViz(MULTICLUSTER));
            assert.deepStrictEqual(
                jobs.map((j) => j.job_name),
                ["linkerd-controller", "linkerd-proxy"],
            );
            assertAsChart(jobs[0]);
            const proxy = chartJob("linkerd-proxy");
            const drop = {
                source_labels: ["__meta_kubernetes_namespace"],
                action: "drop",
                regex: "linkerd-multicluster",
            };
            assertAsChart(jobs[1], {
                ...proxy,
                relabel_configs: [proxy.relabel_configs[0], drop, ...proxy.relabel_configs.slice(1)],
            });
        });

        it("keeps every current control-plane admin port and not the stale admin-http name", () => {
            const keep = anchored(jobsOf(run)[0].relabel_configs[0].regex);
            for (const port of CONTROL_PLANE_ADMIN_PORTS) {
                assert.ok(keep.matcher(port).matches(), port);
            }
            assert.doesNotMatch(String(run.outputs.prometheusScrapeConfig.value), /admin-http/);
        });

        it("passes promtool check config inside a complete Prometheus configuration, in every variant", async () => {
            for (const overrides of [{}, MULTICLUSTER, { ...MULTICLUSTER, ...SERVICE_ACCOUNT }] as Config[]) {
                const fragment = YAML.parse(String((await runViz(overrides)).outputs.prometheusScrapeConfig.value));
                const out = promtoolCheck({ global: { scrape_interval: "1m" }, ...fragment });
                assert.match(out, /SUCCESS/, JSON.stringify(overrides));
            }
        });

        it("promtool rejects a broken configuration (the oracle is live)", () => {
            const fragment = YAML.parse(String(run.outputs.prometheusScrapeConfig.value));
            fragment.scrape_configs[0].relabel_configs[0].action = "keepp";
            assert.throws(() => promtoolCheck(fragment));
        });

        it("writes every job out in full: no YAML anchors or aliases, in the fragment or the Secret", async () => {
            const withAll = await runViz({
                ...MULTICLUSTER,
                ...SERVICE_ACCOUNT,
                prometheusScrapeConfig: "secret",
                prometheusScrapeSecretNamespace: "monitoring",
            });
            const secret = withAll.get(T.secret, "linkerd-viz-scrape-configs");
            for (const text of [
                String(withAll.outputs.prometheusScrapeConfig.value),
                (secret.inputs.stringData as Record<string, string>)["scrape-configs.yaml"],
            ]) {
                const document = YAML.parseDocument(text);
                let aliases = 0;
                YAML.visit(document, { Alias: () => void aliases++ });
                assert.strictEqual(aliases, 0, text);
                assert.doesNotMatch(text, /&a\d|\*a\d/);
            }
        });

        it("uses the configured interval", async () => {
            const jobs = jobsOf(await runViz({ prometheusScrapeInterval: "30s" }));
            assert.ok(jobs.length > 0);
            assert.ok(jobs.every((j) => j.scrape_interval === "30s" && j.scrape_timeout === "30s"));
        });

        it("secret mode: a Secret for Prometheus Operator's additionalScrapeConfigs in the Prometheus's namespace", async () => {
            const secretRun = await runViz({
                prometheusScrapeConfig: "secret",
                prometheusScrapeSecretNamespace: "monitoring",
            });
            const secret = secretRun.get(T.secret, "linkerd-viz-scrape-configs");
            assert.deepStrictEqual(secret.inputs.metadata, { name: "linkerd-scrape-configs", namespace: "monitoring" });
            assert.strictEqual(secret.inputs.type, "Opaque");
            const jobs = YAML.parse((secret.inputs.stringData as Record<string, string>)["scrape-configs.yaml"]);
            assert.deepStrictEqual(jobs, jobsOf(secretRun));
            assert.match(promtoolCheck({ scrape_configs: jobs }), /SUCCESS/);
            assert.strictEqual(controlPlaneValues(secretRun).podMonitor, undefined);
            assert.deepStrictEqual(secretRun.ofType(T.podMonitor), []);
        });

        it("secret mode: the Secret stays when viz, or this mode, goes (a Prometheus may still reference it)", async () => {
            const secretRun = await runViz({
                prometheusScrapeConfig: "secret",
                prometheusScrapeSecretNamespace: "monitoring",
                prometheusScrapeSecretName: "extra-scrape-configs",
            });
            const secret = secretRun.get(T.secret, "linkerd-viz-scrape-configs");
            assert.deepStrictEqual(secret.inputs.metadata, { name: "extra-scrape-configs", namespace: "monitoring" });
            assert.strictEqual(secret.retainOnDelete, true);
            assert.strictEqual(secret.protect, false, "retained, not protected: turning viz off still succeeds");
            // The credentials Secret belongs to viz alone, and goes with it.
            const withCreds = await runViz(
                { prometheusUrl: HTTPS_PROMETHEUS, prometheusUsername: "viz", prometheusPassword: "s3cret-pw" },
                [...SECRET_KUBECONFIG, "prometheusPassword"],
            );
            assert.strictEqual(withCreds.get(T.secret, "linkerd-viz-prometheus-credentials").retainOnDelete, false);
        });

        it("fragment mode creates neither a Secret nor PodMonitors", () => {
            assert.deepStrictEqual(run.ofType(T.secret), []);
            assert.deepStrictEqual(run.ofType(T.podMonitor), []);
        });
    });

    describe("podMonitors mode", () => {
        const ajv = new AjvModule.default({ strict: false, allErrors: true });
        const validPodMonitor = ajv.compile(PODMONITOR_V1);
        const podMonitorConfig = {
            ...MULTICLUSTER,
            ...SERVICE_ACCOUNT,
            prometheusScrapeConfig: "podMonitors",
            prometheusPodMonitorLabels: ["release=kube-prometheus-stack"],
        };

        it("makes one PodMonitor per job, labelled for the Prometheus, as the CRD takes them", async () => {
            const pmRun = await runViz(podMonitorConfig);
            const jobs = jobsOf(pmRun);
            const podMonitors = pmRun.ofType(T.podMonitor);
            assert.deepStrictEqual(
                podMonitors.map((p) => (p.inputs.metadata as any).name).sort(),
                jobs.map((j) => j.job_name).sort(),
            );
            for (const job of jobs) {
                const podMonitor = pmRun.get(T.podMonitor, `linkerd-viz-podmonitor-${job.job_name}`);
                assert.ok(
                    validPodMonitor(podMonitor.inputs),
                    `${podMonitor.name}: ${ajv.errorsText(validPodMonitor.errors)}`,
                );
                const { metadata, spec } = podMonitor.inputs as any;
                assert.deepStrictEqual(metadata, {
                    name: job.job_name,
                    namespace: "linkerd",
                    labels: { "linkerd.io/control-plane-ns": "linkerd", release: "kube-prometheus-stack" },
                });
                assert.deepStrictEqual(spec.podMetricsEndpoints[0].interval, "10s");
                assert.deepStrictEqual(spec.podMetricsEndpoints[0].scrapeTimeout, "10s");
                assert.strictEqual(spec.podMetricsEndpoints[0].honorTimestamps, false);
                assert.deepStrictEqual(spec.podMetricsEndpoints[0].relabelings.map(snakeCase), job.relabel_configs);
                assert.ok(podMonitor.dependencies.includes(pmRun.get(T.chart, "linkerd-control-plane").urn));
            }
            assert.deepStrictEqual(pmRun.ofType(T.secret), []);
        });

        it("does not turn on the control-plane chart's own PodMonitors", async () => {
            assert.strictEqual(controlPlaneValues(await runViz(podMonitorConfig)).podMonitor, undefined);
        });

        it("scrapes through Prometheus Operator exactly what the fragment's jobs scrape, with or without multicluster access", async () => {
            for (const overrides of [podMonitorConfig, { ...MULTICLUSTER, prometheusScrapeConfig: "podMonitors" }]) {
                const pmRun = await runViz(overrides);
                const pods = podsOf(pmRun);
                const jobs = jobsOf(pmRun);
                const podMonitors = pmRun.ofType(T.podMonitor);
                assert.strictEqual(podMonitors.length, jobs.length);
                for (const job of jobs) {
                    const podMonitor = pmRun.get(T.podMonitor, `linkerd-viz-podmonitor-${job.job_name}`);
                    const viaOperator = targetsOf(operatorJob(podMonitor), pods).map((t) => t.id);
                    assert.ok(viaOperator.length > 0, podMonitor.name);
                    assert.deepStrictEqual(
                        viaOperator,
                        targetsOf(job, pods).map((t) => t.id),
                        podMonitor.name,
                    );
                }
            }
        });
    });

    describe("scrape authorization", () => {
        const ajv = new AjvModule.default({ strict: false, allErrors: true });
        const validators: Record<string, ReturnType<typeof ajv.compile>> = {
            Server: ajv.compile(SERVER_V1BETA3),
            AuthorizationPolicy: ajv.compile(AUTHORIZATION_POLICY_V1ALPHA1),
            NetworkAuthentication: ajv.compile(NETWORK_AUTHENTICATION_V1ALPHA1),
        };

        function assertValid(r: ProgramRun) {
            for (const resource of policyObjects(r)) {
                const validate = validators[resource.inputs.kind as string];
                assert.ok(validate, `no schema for ${String(resource.inputs.kind)}`);
                assert.ok(validate(resource.inputs), `${resource.name}: ${ajv.errorsText(validate.errors)}`);
            }
        }

        it("accepts exactly Linkerd's inbound policies as defaultInboundPolicy", () => {
            assert.deepStrictEqual([...ACCEPTED_POLICIES].sort(), [...INBOUND_POLICIES].sort());
            assert.deepStrictEqual(Object.keys(DEFAULT_POLICY_ADMITS).sort(), [...INBOUND_POLICIES].sort());
        });

        it("is not needed, and not created, under the chart's default policy", () => {
            assert.strictEqual(controlPlaneValues(run).proxy.defaultInboundPolicy, "all-unauthenticated");
            assert.deepStrictEqual(policyObjects(run), []);
        });

        it("authorizes a meshed Prometheus's ServiceAccount on the admin ports only, keeping the policy for others", async () => {
            const denied = await runViz({
                defaultInboundPolicy: "deny",
                ...SERVICE_ACCOUNT,
                scrapeAuthorizationNamespaces: ["shop"],
            });
            assertValid(denied);
            const byName = (name: string) => policyObject(denied, name).inputs;
            const prometheus = [{ kind: "ServiceAccount", name: "prometheus", namespace: "monitoring" }];
            const notPrometheus = {
                matchExpressions: [{ key: "component", operator: "NotIn", values: ["prometheus"] }],
            };
            const expected: [string, string, string, unknown, string, string][] = [
                ["shop", "server", "linkerd-fleet-proxy-admin", {}, "linkerd-admin", "authorization"],
                ["linkerd-viz", "server", "linkerd-fleet-proxy-admin", notPrometheus, "linkerd-admin", "authorization"],
                [
                    "linkerd-viz",
                    "admin-server",
                    "linkerd-fleet-admin",
                    notPrometheus,
                    "admin",
                    "authorization-linkerd-fleet-admin",
                ],
            ];
            for (const [namespace, server, serverName, podSelector, port, authorization] of expected) {
                const s = byName(`linkerd-viz-scrape-${namespace}-${server}`);
                assert.deepStrictEqual(s.metadata, { name: serverName, namespace });
                assert.deepStrictEqual(s.spec, { podSelector, port, proxyProtocol: "HTTP/1", accessPolicy: "deny" });
                const a = byName(`linkerd-viz-scrape-${namespace}-${authorization}`);
                assert.strictEqual((a.metadata as any).namespace, namespace);
                assert.deepStrictEqual(a.spec, {
                    targetRef: { group: "policy.linkerd.io", kind: "Server", name: serverName },
                    requiredAuthenticationRefs: prometheus,
                });
            }
            assert.strictEqual(policyObjects(denied).length, 6);
            assert.strictEqual(controlPlaneValues(denied).proxy.defaultInboundPolicy, "deny");
        });

        it("authorizes an unmeshed Prometheus by its networks", async () => {
            const authenticated = await runViz({
                defaultInboundPolicy: "all-authenticated",
                prometheusNetworks: ["10.20.0.0/16", "fd00:20::/64"],
                scrapeAuthorizationNamespaces: ["shop"],
            });
            assertValid(authenticated);
            const networks = policyObject(authenticated, "linkerd-viz-scrape-shop-networks");
            assert.deepStrictEqual(networks.inputs.metadata, { name: "linkerd-fleet-prometheus", namespace: "shop" });
            assert.deepStrictEqual(networks.inputs.spec, {
                networks: [{ cidr: "10.20.0.0/16" }, { cidr: "fd00:20::/64" }],
            });
            const authorization = policyObject(authenticated, "linkerd-viz-scrape-shop-authorization");
            assert.deepStrictEqual((authorization.inputs.spec as any).requiredAuthenticationRefs, [
                { group: "policy.linkerd.io", kind: "NetworkAuthentication", name: "linkerd-fleet-prometheus" },
            ]);
            assert.ok(authorization.dependencies.includes(networks.urn));
            const server = policyObject(authenticated, "linkerd-viz-scrape-shop-server");
            assert.strictEqual((server.inputs.spec as any).accessPolicy, "all-authenticated");
            assert.ok(authorization.dependencies.includes(server.urn));
            assert.ok(server.dependencies.includes(authenticated.get(T.chart, "linkerd-control-plane").urn));
        });

        it("creates nothing for a meshed Prometheus that all-authenticated already admits, and says so", async () => {
            const admitted = await runViz({
                defaultInboundPolicy: "all-authenticated",
                ...SERVICE_ACCOUNT,
                scrapeAuthorizationNamespaces: ["shop"],
            });
            assert.deepStrictEqual(policyObjects(admitted), []);
            assert.ok(admitted.logs.some((l) => /already lets this Prometheus scrape/.test(l)));
        });

        it("refuses a policy that shuts out an unnamed Prometheus, before creating anything", async () => {
            const refused = await failure(runViz({ defaultInboundPolicy: "deny" }));
            assert.match(refused.message, /defaultInboundPolicy: "deny" stops a Prometheus that is not meshed/);
            assert.deepStrictEqual(refused.registrations, []);
        });

        it("makes every AuthorizationPolicy resolve: its Server and its authentications exist", async () => {
            for (const policy of INBOUND_POLICIES) {
                for (const client of CLIENTS) {
                    const r = await matrixRun(policy, client);
                    assertValid(r);
                    const world = policyWorld(r);
                    for (const a of world.authorizations.filter((x) => !x.chart)) {
                        const servers = world.servers.filter((s) => s.namespace === a.namespace && targetsServer(a, s));
                        assert.strictEqual(servers.length, 1, `${a.namespace}/${a.name} targets one Server`);
                        assert.ok(!("illegal" in authorizationOf(world, a)), `${a.namespace}/${a.name}`);
                    }
                }
            }
        });
    });

    describe("which policy objects let the Prometheus scrape each target of each job", () => {
        for (const policy of INBOUND_POLICIES) {
            for (const prometheus of CLIENTS) {
                const { kind, title, client } = prometheus;
                it(`${policy}, ${title}: every target is let in, by the expected object`, async () => {
                    const r = await matrixRun(policy, prometheus);
                    const world = policyWorld(r);
                    const jobs = jobsOf(r);
                    assert.deepStrictEqual(jobs.map((j) => j.job_name).sort(), Object.keys(EXPECTED_TARGETS).sort());
                    const actual: Record<string, string[]> = {};
                    const expected: Record<string, string[]> = {};
                    for (const job of jobs) {
                        for (const target of targetsOf(job, podsOf(r))) {
                            actual[`${job.job_name} ${target.id}`] = admitters(world, target.pod, target.port, client);
                        }
                        for (const target of EXPECTED_TARGETS[job.job_name]) {
                            expected[`${job.job_name} ${target}`] = [expectedAdmitter(target, policy, kind)];
                        }
                    }
                    assert.deepStrictEqual(actual, expected);
                });
            }
        }
    });

    describe("an external Prometheus and the multicluster pods (issue 10)", () => {
        const multiclusterTargets = (r: ProgramRun) =>
            jobsOf(r).flatMap((job) =>
                targetsOf(job, podsOf(r)).filter((t) => t.pod.namespace === "linkerd-multicluster"),
            );

        for (const { title, config, client } of CLIENTS) {
            it(`knowing ${title}, authorizes it on each of the chart's admin Servers`, async () => {
                const r = await runViz({ ...MULTICLUSTER, ...config });
                const inMulticluster = policyObjects(r).filter(
                    (p) => (p.inputs.metadata as any).namespace === "linkerd-multicluster",
                );
                const authentication =
                    "prometheusServiceAccount" in config
                        ? { kind: "ServiceAccount", name: "prometheus", namespace: "monitoring" }
                        : {
                              group: "policy.linkerd.io",
                              kind: "NetworkAuthentication",
                              name: "linkerd-fleet-prometheus",
                          };
                const chartServers = CHART_SERVERS.filter((s) => s.namespace === "linkerd-multicluster");
                assert.deepStrictEqual(
                    inMulticluster.filter((p) => p.inputs.kind === "AuthorizationPolicy").map((p) => p.inputs.spec),
                    chartServers.map((s) => ({
                        targetRef: { group: "policy.linkerd.io", kind: "Server", name: s.name },
                        requiredAuthenticationRefs: [authentication],
                    })),
                );
                assert.deepStrictEqual(
                    inMulticluster.filter((p) => p.inputs.kind === "Server"),
                    [],
                    "the chart's own Servers stay the only ones there",
                );
                if ("prometheusNetworks" in config) {
                    assert.deepStrictEqual(
                        inMulticluster
                            .filter((p) => p.inputs.kind === "NetworkAuthentication")
                            .map((p) => p.inputs.spec),
                        [{ networks: [{ cidr: "198.51.100.0/24" }] }],
                    );
                }
                for (const p of inMulticluster) {
                    assert.ok(p.dependencies.includes(r.get(T.chart, "linkerd-multicluster-multicluster").urn), p.name);
                }
                const world = policyWorld(r);
                const targets = multiclusterTargets(r);
                assert.deepStrictEqual(
                    targets.map((t) => t.id),
                    [
                        "linkerd-multicluster/controller-west controller:ctrl-admin",
                        ...MULTICLUSTER_PODS.map((p) => `linkerd-multicluster/${p.name} linkerd-proxy:linkerd-admin`),
                    ],
                );
                for (const t of targets) {
                    assert.strictEqual(admitters(world, t.pod, t.port, client).length, 1, t.id);
                }
            });
        }

        it("not knowing who the Prometheus is, generates no scrape of the multicluster pods, and says why", async () => {
            const r = await runViz(MULTICLUSTER);
            assert.deepStrictEqual(multiclusterTargets(r), []);
            assert.deepStrictEqual(
                jobsOf(r).map((j) => j.job_name),
                ["linkerd-controller", "linkerd-proxy"],
            );
            assert.deepStrictEqual(policyObjects(r), []);
            assert.ok(r.logs.some((l) => /cannot scrape the linkerd-multicluster namespace/.test(l)));
            // Which is right: the chart's Servers refuse any Prometheus but viz's own.
            const world = policyWorld(r);
            for (const { client } of CLIENTS) {
                for (const pod of MULTICLUSTER_PODS) {
                    for (const port of Object.values(containersOf(pod)).flat()) {
                        if (port.endsWith("admin")) {
                            assert.deepStrictEqual(admitters(world, pod, port, client), [], `${pod.name}:${port}`);
                        }
                    }
                }
            }
            const bundled = { identity: serviceAccountIdentity("linkerd-viz", "prometheus"), address: "10.42.0.9" };
            assert.deepStrictEqual(admitters(world, MULTICLUSTER_PODS[1], "ctrl-admin", bundled), [
                "AuthorizationPolicy linkerd-multicluster/controller (chart)",
            ]);
        });
    });

    describe("podMonitors mode and the multicluster controllers (issue 10)", () => {
        const controller = MULTICLUSTER_PODS.find((p) => p.labels.component === "controller")!;

        it("the chart's own PodMonitors keep no multicluster controller, nor viz's admin ports (the gap)", () => {
            const keepOnly = (name: keyof typeof CHART_PODMONITOR_KEEP): ScrapeJob => ({
                job_name: name,
                kubernetes_sd_configs: [{ role: "pod" }],
                relabel_configs: [snakeCase(CHART_PODMONITOR_KEEP[name])],
            });
            assert.deepStrictEqual(targetsOf(keepOnly("linkerd-multicluster-controller"), MULTICLUSTER_PODS), []);
            assert.ok(!("linkerd.io/control-plane-component" in controller.labels), "the label it keeps by");
            assert.deepStrictEqual(
                targetsOf(keepOnly("linkerd-controller"), VIZ_PODS).filter((t) => t.port === "admin"),
                [],
            );
        });

        it("the program's PodMonitors keep the multicluster controller and every multicluster proxy, by their labels", async () => {
            const r = await runViz({ ...MULTICLUSTER, ...SERVICE_ACCOUNT, prometheusScrapeConfig: "podMonitors" });
            const kept = (name: string) =>
                targetsOf(operatorJob(r.get(T.podMonitor, `linkerd-viz-podmonitor-${name}`)), MULTICLUSTER_PODS).map(
                    (t) => t.id,
                );
            assert.deepStrictEqual(kept("linkerd-multicluster-controller"), [
                "linkerd-multicluster/controller-west controller:ctrl-admin",
            ]);
            assert.deepStrictEqual(
                kept("linkerd-proxy"),
                MULTICLUSTER_PODS.map((p) => `linkerd-multicluster/${p.name} linkerd-proxy:linkerd-admin`),
            );
            const vizAdmin = targetsOf(
                operatorJob(r.get(T.podMonitor, "linkerd-viz-podmonitor-linkerd-controller")),
                VIZ_PODS,
            );
            assert.deepStrictEqual(
                vizAdmin.map((t) => t.id),
                VIZ_PODS.map((p) => `linkerd-viz/${p.name} ${p.name}:admin`),
            );
        });
    });

    describe("the heartbeat and the Prometheus it queries (issue 10)", () => {
        it("with the bundled Prometheus off, the control plane's heartbeat queries the organisation's", async () => {
            assert.strictEqual(vizValues(run).prometheus.enabled, false);
            assert.strictEqual(controlPlaneValues(run).prometheusUrl, PROMETHEUS);
            assert.notStrictEqual(controlPlaneValues(run).prometheusUrl, HEARTBEAT_DEFAULT_PROMETHEUS_URL);
            const https = await runViz({ prometheusUrl: HTTPS_PROMETHEUS });
            assert.strictEqual(controlPlaneValues(https).prometheusUrl, HTTPS_PROMETHEUS);
        });

        it("without viz, the heartbeat still queries the Prometheus the stack names", async () => {
            const withoutViz = await runProgram({
                config: singleClusterConfig({ prometheusUrl: PROMETHEUS }),
                secretKeys: SECRET_KUBECONFIG,
            });
            assert.strictEqual(controlPlaneValues(withoutViz).prometheusUrl, PROMETHEUS);
        });
    });

    describe("the scrape authorization and the control plane (issue 10)", () => {
        it("never puts a policy object in the control plane's namespace, under any policy, for either Prometheus", async () => {
            for (const policy of INBOUND_POLICIES) {
                for (const client of CLIENTS) {
                    const r = await matrixRun(policy, client);
                    const inLinkerd = policyObjects(r).filter(
                        (p) => (p.inputs.metadata as any).namespace === "linkerd",
                    );
                    assert.deepStrictEqual(inLinkerd, [], policy);
                    const world = policyWorld(r);
                    for (const pod of CONTROL_PLANE_PODS) {
                        for (const port of Object.values(containersOf(pod)).flat()) {
                            assert.strictEqual(serverFor(world, pod, port), undefined, `${pod.name}:${port}`);
                        }
                    }
                }
            }
        });

        it("refuses Linkerd's own namespaces in scrapeAuthorizationNamespaces", async () => {
            for (const namespace of ["linkerd", "linkerd-viz", "linkerd-multicluster"]) {
                const refused = await failure(
                    runViz({
                        defaultInboundPolicy: "deny",
                        ...SERVICE_ACCOUNT,
                        scrapeAuthorizationNamespaces: ["shop", namespace],
                    }),
                );
                assert.match(refused.message, new RegExp(`"${namespace}" is Linkerd's own`));
                assert.deepStrictEqual(refused.registrations, [], namespace);
            }
        });

        it("authorizes viz's own admin ports under strict policies, and leaves the bundled Prometheus's Server alone", async () => {
            for (const policy of ["deny", "cluster-authenticated"]) {
                for (const { config, client } of CLIENTS.filter((c) => !LET_IN_BY_DEFAULT[policy].includes(c.kind))) {
                    const r = await runViz({
                        ...config,
                        defaultInboundPolicy: policy,
                        scrapeAuthorizationNamespaces: ["shop"],
                    });
                    const world = policyWorld(r);
                    for (const pod of VIZ_PODS) {
                        assert.deepStrictEqual(admitters(world, pod, "admin", client), [
                            "AuthorizationPolicy linkerd-viz/linkerd-fleet-prometheus-scrape-linkerd-fleet-admin",
                        ]);
                        assert.strictEqual(
                            serverFor(world, pod, "admin")?.accessPolicy,
                            policy,
                            "others keep the policy",
                        );
                    }
                    const bundled: PodFact = {
                        ...VIZ_PODS[0],
                        name: "prometheus",
                        labels: { ...VIZ_PODS[0].labels, component: "prometheus", namespace: "linkerd-viz" },
                    };
                    assert.strictEqual(serverFor(world, bundled, "admin")?.name, "prometheus-admin");
                    assert.strictEqual(serverFor(world, bundled, "linkerd-admin"), undefined);
                }
            }
        });
    });
});
