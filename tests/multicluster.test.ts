// Multicluster across stacks: the linkerd-multicluster extension in every cluster; the link bundle
// and tokens each cluster stack publishes, read live from its cluster on every run; and the links a
// cluster makes from other stacks' bundles, exactly as `linkerd multicluster link-gen` prints them.
// A link whose target is briefly unavailable keeps its last good configuration (with
// multiclusterStrictLinks the update fails instead); removing a link is an explicit config change.
// Also the multi-cluster layout itself: one trust stack, cluster stacks reading their trust from it.
// Bad outputs of a link target refused in strict mode are in badInput.test.ts, not repeated here.
import * as assert from "node:assert";
import { X509Certificate } from "node:crypto";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import { parse, parseAllDocuments } from "yaml";
import { isChartKey } from "../components/charts/keys.ts";
import { LINK_TARGET_NAME_MAX, type LinkBundle, type LinkTokens } from "../components/contract/links.ts";
import type { StackState } from "../components/contract/state.ts";
import { MULTICLUSTER_CHART_KEYS } from "../components/multicluster/chartKeys.ts";
import { trustProblem } from "../components/multicluster/linkPlan.ts";
import { goDuration } from "../components/multicluster/linkSpec.ts";
import {
    clusterStackConfig,
    type Config,
    FIXTURE_CA_DATA,
    KUBECONFIG,
    SECRET_KUBECONFIG,
    singleClusterConfig,
    stackOf,
    TRUST_STACK,
    trustStackConfig,
} from "./support/fixtures.ts";
import { flatten } from "./support/flatten.ts";
import { Fleet, multiclusterCluster, tokenFor } from "./support/fleet.ts";
import {
    plaintextStrings,
    type ProgramRun,
    type RunFailure,
    runProgram,
    type RunOptions,
    type StackFixture,
} from "./support/harness.ts";
import { chainsTo, mutualTrust, running } from "./support/mesh.ts";
import { makeCert } from "./support/pki.ts";
import { LINK_STORAGE_VERSION, LINK_V1ALPHA3_SCHEMA } from "./upstream/linkCrd.ts";
import {
    DEFAULT_GATEWAY_IDENTITY,
    GO_DURATIONS,
    LINK_GEN_WEST_POD_TO_POD_SPEC_YAML,
    LINK_GEN_WEST_YAML,
    MULTICLUSTER_HA_VALUES,
    MULTICLUSTER_NAMESPACE_METADATA,
} from "./upstream/multicluster.ts";
import {
    CONTROLLER_ENTRY_KEYS,
    LINK_CRD_NAME,
    LINK_GEN_CREDENTIALS_KEY,
    linkGenCreatedBy,
    MULTICLUSTER_NAMESPACE_METADATA_CNI,
    PROBE_SERVICE_PREFIX,
    REMOTE_ACCESS_TOKEN_SECRET,
    SERVICE_NAME_MAX,
} from "./upstream/multiclusterChart.ts";
import { RELEASE_FACTS } from "./upstream/releases.ts";
import { assertRetainedOnDelete, T } from "./program.test.ts";

const MC = {
    component: "linkerd:index:Multicluster",
    clusterLink: "linkerd:multicluster:ClusterLink",
    link: "kubernetes:multicluster.linkerd.io/v1alpha3:Link",
    service: "kubernetes:core/v1:Service",
    chart: "linkerd-multicluster-multicluster",
    namespace: "linkerd-multicluster-namespace",
};
const PINNED = RELEASE_FACTS["2026.8.3"].tag;
const EAST = stackOf("east");
const WEST = stackOf("west");
const NORTH = stackOf("north");
/** The SDK's sentinel for a value unknown at preview: what the engine receives for such an id. */
const UNKNOWN_ID: string = createRequire(import.meta.url)("@pulumi/pulumi/runtime/rpc.js").unknownValue;
const GATEWAY_SERVICE = "kubernetes:core/v1:Service/linkerd-multicluster/linkerd-gateway";
const tokenSecretName = (source: string) =>
    `linkerd-service-mirror-remote-access-${source}${REMOTE_ACCESS_TOKEN_SECRET.nameSuffix}`;
const tokenSecret = (source: string) => `kubernetes:core/v1:Secret/linkerd-multicluster/${tokenSecretName(source)}`;
/** West at the address link-gen's oracle assumes (LINK_GEN_WEST_YAML). */
const ADDRESS: Record<string, string> = { east: "203.0.113.20", west: "203.0.113.10", north: "203.0.113.30" };
const validateLink = new Ajv({ strict: false, allErrors: true }).compile(LINK_V1ALPHA3_SCHEMA);

const values = (run: ProgramRun) => run.get(T.chart, MC.chart).inputs.values as Record<string, any>;
const bundleOf = (run: ProgramRun) => run.outputs.multiclusterLinkBundle.value as LinkBundle;
const tokensOf = (run: ProgramRun) => run.outputs.multiclusterLinkTokens.value as LinkTokens;
const statusOf = (run: ProgramRun) => run.outputs.multiclusterLinks.value as Record<string, string>;
const stateOf = (run: ProgramRun) => run.outputs.linkerdState.value as StackState;
const warnings = (run: ProgramRun) => run.logs.filter((l) => l.startsWith("warn: "));
const reads = (run: ProgramRun) => run.registrations.filter((r) => r.read);
const kubeconfigOf = (run: ProgramRun, secret: string) =>
    parse(Buffer.from(String((run.get(T.secret, secret).inputs.data as any).kubeconfig), "base64").toString("utf8"));

interface ClusterSpec {
    links?: string[];
    allowed: string[];
    extra?: Config;
}

interface Mesh {
    fleet: Fleet;
    configs: Record<string, Config>;
    /** The last run of each stack. */
    last: Record<string, ProgramRun>;
    /** Every run, in order. */
    history: { stack: string; run: ProgramRun }[];
}

/**
 * A trust stack issuing for the clusters of `spec`, each with multicluster on, its cluster holding
 * the gateway (at ADDRESS) and a token Secret per allowed source; brought up in the documented
 * order: trust, clusters, trust, clusters, clusters.
 */
async function bringUp(spec: Record<string, ClusterSpec>): Promise<Mesh> {
    const fleet = new Fleet();
    const clusters = Object.keys(spec);
    const configs: Record<string, Config> = { trust: trustStackConfig(clusters) };
    for (const [cluster, s] of Object.entries(spec)) {
        configs[cluster] = clusterStackConfig(cluster, {
            multiclusterEnabled: true,
            multiclusterAllowedSources: s.allowed,
            ...(s.links ? { multiclusterLinks: s.links } : {}),
            ...s.extra,
        });
        fleet.multiclusterObjects(cluster, { address: ADDRESS[cluster], sources: s.allowed });
    }
    const mesh: Mesh = { fleet, configs, last: {}, history: [] };
    for (const stack of ["trust", ...clusters, "trust", ...clusters, ...clusters]) {
        await runStack(mesh, stack);
    }
    return mesh;
}

async function runStack(mesh: Mesh, stack: string, config = mesh.configs[stack]): Promise<ProgramRun> {
    const run = await mesh.fleet.run(stack, config);
    mesh.last[stack] = run;
    mesh.history.push({ stack, run });
    return run;
}

/** East links to west through its gateway and to north pod to pod; every cluster allows the others. */
const THREE: Record<string, ClusterSpec> = {
    east: { links: [WEST, `${NORTH} gateway=false`], allowed: ["west", "north"] },
    west: { allowed: ["east", "north"] },
    north: { allowed: ["east", "west"], extra: { multiclusterFlatNetwork: true } },
};

/** East's next run against other stacks' outputs as `edit` leaves them (a copy), published nowhere. */
function eastWith(
    mesh: Mesh,
    edit: (stacks: Record<string, StackFixture>) => void,
    options: Partial<RunOptions> = {},
): Promise<ProgramRun> {
    const stacks = structuredClone(mesh.fleet.stacks);
    edit(stacks);
    const cluster = mesh.fleet.clusters[EAST];
    return runProgram({
        stack: "east",
        config: mesh.configs.east,
        secretKeys: SECRET_KUBECONFIG,
        stacks,
        previous: mesh.fleet.stacks[EAST],
        renderedChildren: cluster.rendered,
        liveObjects: cluster.live,
        now: mesh.fleet.now,
        ...options,
    });
}

async function refusal(promise: Promise<unknown>): Promise<RunFailure> {
    return promise.then(
        () => assert.fail("the run was not refused"),
        (e: RunFailure) => e,
    );
}

/** Refused by the plan, with `pattern` in the message, before anything was registered. */
async function assertPlanRefuses(promise: Promise<unknown>, pattern: RegExp): Promise<RunFailure> {
    const failure = await refusal(promise);
    assert.strictEqual(failure.name, "PlanError", failure.stack);
    assert.match(failure.message, /cannot be deployed \(\d+ problems?\); nothing was created or changed/);
    assert.match(failure.message, pattern);
    assert.deepStrictEqual(
        failure.registrations.map((r) => `${r.type}::${r.name}`),
        [],
    );
    return failure;
}

function assertValidLinks(run: ProgramRun): void {
    for (const link of run.ofType(MC.link)) {
        assert.ok(validateLink(link.inputs), `${link.name}: ${JSON.stringify(validateLink.errors)}`);
    }
}

/** Registrations by URN, with the inputs the engine receives (and, for reads, the id read). */
function inputsByUrn(run: ProgramRun): Record<string, unknown> {
    return Object.fromEntries(run.registrations.map((r) => [r.urn, { inputs: r.rawInputs, id: r.id }]));
}

describe("multicluster: the extension in every cluster", function () {
    this.timeout(120_000);
    let mesh: Mesh;
    let east: ProgramRun;
    before(async () => {
        mesh = await bringUp(THREE);
        east = mesh.last.east;
    });

    it("installs linkerd-multicluster at the pinned version, after the control plane, in its component", () => {
        const chart = east.get(T.chart, MC.chart);
        assert.strictEqual(chart.inputs.chart, "linkerd-multicluster");
        assert.strictEqual(chart.inputs.name, "linkerd-multicluster", "the Helm release name");
        assert.strictEqual(chart.inputs.version, "2026.8.3");
        assert.strictEqual(chart.inputs.namespace, "linkerd-multicluster");
        assert.deepStrictEqual(chart.inputs.repositoryOpts, { repo: "https://helm.linkerd.io/edge" });
        assert.ok(chart.dependencies.includes(east.get(T.chart, "linkerd-control-plane").urn));
        assert.strictEqual(east.byUrn(chart.parent).type, MC.component);
        assert.strictEqual(chart.provider, `${east.get(T.provider, "east").urn}::east-id`);
    });

    it("creates its namespace with the metadata of the chart's hook Job (restricted with CNI), and disables the Job", async () => {
        const ns = east.get(T.namespace, MC.namespace);
        assert.deepStrictEqual(ns.inputs.metadata, {
            name: "linkerd-multicluster",
            ...MULTICLUSTER_NAMESPACE_METADATA,
        });
        assert.strictEqual(values(east).createNamespaceMetadataJob, false);
        const objects = multiclusterCluster("dev", { address: "203.0.113.5", sources: [] });
        const cni = await runProgram({
            config: singleClusterConfig({ multiclusterEnabled: true, cniEnabled: true }),
            secretKeys: SECRET_KUBECONFIG,
            renderedChildren: objects.rendered,
            liveObjects: objects.live,
        });
        assert.deepStrictEqual(cni.get(T.namespace, MC.namespace).inputs.metadata, {
            name: "linkerd-multicluster",
            ...MULTICLUSTER_NAMESPACE_METADATA_CNI,
        });
    });

    it("in HA mode (the default) sets upstream's values-ha.yaml and makes the link controllers HA, in every cluster", () => {
        for (const cluster of ["east", "west", "north"]) {
            const flat = flatten(values(mesh.last[cluster]));
            for (const [key, value] of Object.entries(MULTICLUSTER_HA_VALUES)) {
                assert.deepStrictEqual(flat[key], value, `${cluster}: ${key}`);
            }
            assert.strictEqual(flat["controllerDefaults.replicas"], 2, cluster);
            assert.strictEqual(flat["controllerDefaults.enablePodAntiAffinity"], true, cluster);
        }
    });

    it("without HA leaves replicas and anti-affinity to the chart", async () => {
        const run = await eastWith(mesh, () => undefined, {
            config: { ...mesh.configs.east, highAvailability: false },
        });
        const flat = flatten(values(run));
        assert.strictEqual(flat["gateway.replicas"], undefined);
        assert.strictEqual(flat.enablePodAntiAffinity, undefined);
        assert.strictEqual(flat["controllerDefaults.replicas"], undefined);
        assert.strictEqual(flat["controllerDefaults.enablePodAntiAffinity"], undefined);
    });

    it("creates one remote-access ServiceAccount per allowed source, and reads each one's token live", () => {
        assert.strictEqual(values(east).remoteMirrorServiceAccount, true);
        assert.deepStrictEqual(values(east).remoteMirrorServiceAccountName, [
            "linkerd-service-mirror-remote-access-west",
            "linkerd-service-mirror-remote-access-north",
        ]);
        const tokenReads = reads(east).filter((r) => r.type === T.secret);
        assert.deepStrictEqual(
            tokenReads.map((r) => [r.name, r.id]),
            [
                ["linkerd-multicluster-token-west", `linkerd-multicluster/${tokenSecretName("west")}`],
                ["linkerd-multicluster-token-north", `linkerd-multicluster/${tokenSecretName("north")}`],
            ],
        );
        assert.strictEqual(east.outputs.multiclusterLinkTokens.secret, true);
        assert.deepStrictEqual(tokensOf(east), {
            format: 2,
            tokens: { west: tokenFor("east", "west"), north: tokenFor("east", "north") },
        });
    });

    it("without allowed sources has no remote-access ServiceAccount, reads no token, and publishes none", async () => {
        const run = await eastWith(mesh, () => undefined, {
            config: { ...mesh.configs.east, multiclusterAllowedSources: [] },
        });
        assert.strictEqual(values(run).remoteMirrorServiceAccount, false);
        assert.deepStrictEqual(values(run).remoteMirrorServiceAccountName, []);
        assert.deepStrictEqual(
            reads(run).filter((r) => r.type === T.secret),
            [],
        );
        assert.deepStrictEqual(tokensOf(run), { format: 2, tokens: {} });
        assert.deepStrictEqual(bundleOf(run).allowedSources, []);
    });

    it("has one controller per link, the pod-to-pod one without gateway, with only keys the chart reads per entry", () => {
        assert.deepStrictEqual(values(east).controllers, [
            { link: { ref: { name: "west" } }, gateway: { enabled: true, probe: { port: 4191 } } },
            { link: { ref: { name: "north" } }, gateway: { enabled: false } },
        ]);
        for (const entry of values(east).controllers) {
            const unknown = Object.keys(flatten(entry)).filter((k) => !CONTROLLER_ENTRY_KEYS.includes(k));
            assert.deepStrictEqual(unknown, []);
        }
        assert.deepStrictEqual(values(mesh.last.west).controllers, [], "west links to nothing");
    });

    it("uses only keys that the pinned chart has", async () => {
        const objects = multiclusterCluster("dev", { sources: [] });
        const nodePort = await runProgram({
            config: singleClusterConfig({
                multiclusterEnabled: true,
                multiclusterGatewayServiceType: "NodePort",
                multiclusterGatewayNodePort: 30143,
                multiclusterGatewayProbeNodePort: 30191,
                multiclusterGatewayAddresses: ["198.51.100.7"],
                multiclusterGatewayServiceAnnotations: ["service.beta.kubernetes.io/aws-load-balancer-internal=true"],
                multiclusterGatewayLoadBalancerSourceRanges: ["198.51.100.0/24"],
                identityTrustDomain: "mesh.example.com",
            }),
            secretKeys: SECRET_KUBECONFIG,
            renderedChildren: objects.rendered,
            liveObjects: objects.live,
        });
        for (const run of [east, mesh.last.west, mesh.last.north, nodePort]) {
            const unknown = Object.keys(flatten(values(run))).filter((k) => !isChartKey(MULTICLUSTER_CHART_KEYS, k));
            assert.deepStrictEqual(unknown, []);
        }
        const gateway = values(nodePort).gateway;
        assert.strictEqual(gateway.serviceType, "NodePort");
        assert.strictEqual(gateway.nodePort, 30143);
        assert.strictEqual(gateway.probe.nodePort, 30191);
        assert.deepStrictEqual(gateway.serviceAnnotations, {
            "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
        });
        assert.deepStrictEqual(gateway.loadBalancerSourceRanges, ["198.51.100.0/24"]);
        assert.strictEqual(values(nodePort).identityTrustDomain, "mesh.example.com");
    });

    it("publishes a complete, typed link bundle: API server, domains, the trust it runs, the gateway", () => {
        const west = mesh.last.west;
        const trust = mesh.last.trust.outputs.linkerdTrust.value as any;
        assert.strictEqual(west.outputs.multiclusterLinkBundle.secret, false);
        assert.deepStrictEqual(bundleOf(west), {
            format: 2,
            clusterName: "west",
            apiServerUrl: "https://west.k8s.example.com:6443",
            apiServerCaData: FIXTURE_CA_DATA,
            clusterDomain: "cluster.local",
            trustDomain: "cluster.local",
            linkerdNamespace: "linkerd",
            linkerdVersion: PINNED,
            trustAnchorsPem: trust.bundlePem,
            issuerCertificatePem: trust.issuers.west.certificatePem,
            flatNetwork: false,
            allowedSources: ["east", "north"],
            gateway: {
                addresses: [ADDRESS.west],
                port: 4143,
                identity: DEFAULT_GATEWAY_IDENTITY,
                probe: { path: "/ready", port: 4191, periodSeconds: 3 },
            },
        });
        const runs = running(west)!;
        assert.strictEqual(
            new X509Certificate(bundleOf(west).issuerCertificatePem).fingerprint256,
            runs.issuer.fingerprint256,
            "the issuer its control plane runs",
        );
        assert.strictEqual(bundleOf(mesh.last.north).flatNetwork, true);
        assert.deepStrictEqual(tokensOf(west), {
            format: 2,
            tokens: { east: tokenFor("west", "east"), north: tokenFor("west", "north") },
        });
    });

    it("prefers configured gateway addresses (reading no Service), and states node ports for a NodePort gateway", async () => {
        const objects = multiclusterCluster("dev", { sources: [] });
        const run = await runProgram({
            config: singleClusterConfig({
                multiclusterEnabled: true,
                multiclusterGatewayServiceType: "NodePort",
                multiclusterGatewayNodePort: 30143,
                multiclusterGatewayProbeNodePort: 30191,
                multiclusterGatewayAddresses: ["gw.west.example.com"],
            }),
            secretKeys: SECRET_KUBECONFIG,
            renderedChildren: objects.rendered,
            liveObjects: objects.live,
        });
        const gateway = bundleOf(run).gateway;
        assert.deepStrictEqual(gateway.addresses, ["gw.west.example.com"]);
        assert.strictEqual(gateway.port, 30143);
        assert.deepStrictEqual(gateway.probe, { path: "/ready", port: 30191, periodSeconds: 3 });
        assert.deepStrictEqual(reads(run), [], "nothing is read live");
    });

    it("refuses settings that cannot work, before anything is created", async () => {
        const mc = (overrides: Config) => singleClusterConfig({ multiclusterEnabled: true, ...overrides });
        const cases: [Config, RegExp][] = [
            [
                mc({ multiclusterGatewayServiceType: "NodePort", multiclusterGatewayAddresses: ["198.51.100.7"] }),
                /multiclusterGatewayNodePort: a NodePort gateway is reached on node ports other clusters must know in advance/,
            ],
            [
                mc({ multiclusterGatewayServiceType: "ClusterIP" }),
                /multiclusterGatewayAddresses: a ClusterIP gateway has no load balancer to learn its address from/,
            ],
            [
                mc({ multiclusterGatewayServiceType: "Ingress" }),
                /multiclusterGatewayServiceType: "Ingress" is not one of LoadBalancer, NodePort, ClusterIP/,
            ],
            [mc({ multiclusterAllowedSources: ["dev"] }), /multiclusterAllowedSources: "dev" is this cluster/],
            [
                mc({ multiclusterApiServerUrl: "http://api:6443" }),
                /multiclusterApiServerUrl: "http:\/\/api:6443" uses http:\/\/; only https:\/\/ is accepted/,
            ],
            [
                mc({ multiclusterApiServerCaData: "bm90IGEgY2VydA==" }),
                /multiclusterApiServerCaData: is not base64 of PEM certificates/,
            ],
            [
                singleClusterConfig({ multiclusterLinks: [WEST] }),
                /multiclusterLinks: only applies with the multicluster extension, and linkerd-fleet:multiclusterEnabled is not true/,
            ],
            [
                mc({ kubeconfig: KUBECONFIG.replace(/ {6}certificate-authority-data: .*\n/, "") }),
                /multiclusterApiServerCaData: is not set, and the kubeconfig's cluster has no certificate-authority-data/,
            ],
        ];
        for (const [config, pattern] of cases) {
            await assertPlanRefuses(runProgram({ config, secretKeys: SECRET_KUBECONFIG }), pattern);
        }
    });

    it(`refuses a cluster name of ${LINK_TARGET_NAME_MAX + 1} to 63 characters with multicluster on: others' probe-<name> Service would not fit`, async () => {
        assert.strictEqual(PROBE_SERVICE_PREFIX.length + LINK_TARGET_NAME_MAX, SERVICE_NAME_MAX);
        for (const length of [58, 60, 63]) {
            const clusterName = "c".repeat(length);
            await assertPlanRefuses(
                runProgram({
                    config: singleClusterConfig({ clusterName, multiclusterEnabled: true }),
                    secretKeys: SECRET_KUBECONFIG,
                }),
                new RegExp(
                    `linkerd-fleet:clusterName: "${clusterName}" is ${length} characters long; a cluster that others link to is at most 57, because the source cluster names its probe Service probe-<name> \\(at most 63\\)`,
                ),
            );
            // The limit is multicluster's: without it, the name is an ordinary DNS label.
            const plain = await runProgram({
                config: singleClusterConfig({ clusterName }),
                secretKeys: SECRET_KUBECONFIG,
            });
            assert.strictEqual(plain.outputs.clusterName.value, clusterName);
        }
        const longest = "c".repeat(LINK_TARGET_NAME_MAX);
        const objects = multiclusterCluster(longest, { address: "203.0.113.5", sources: [] });
        const run = await runProgram({
            config: singleClusterConfig({ clusterName: longest, multiclusterEnabled: true }),
            secretKeys: SECRET_KUBECONFIG,
            renderedChildren: objects.rendered,
            liveObjects: objects.live,
        });
        assert.strictEqual(bundleOf(run).clusterName, longest, "57 characters are accepted and published");
    });
});

describe("multicluster: what other clusters need is read from the cluster on every run", function () {
    this.timeout(120_000);

    it("reads the gateway Service and each token Secret live, as reads that create nothing", async () => {
        const { last } = await bringUp(THREE);
        const west = last.west;
        const chart = west.get(T.chart, MC.chart);
        const provider = `${west.get(T.provider, "west").urn}::west-id`;
        assert.deepStrictEqual(
            reads(west).map((r) => [r.type, r.name, r.id]),
            [
                [MC.service, "linkerd-multicluster-gateway-live", "linkerd-multicluster/linkerd-gateway"],
                [T.secret, "linkerd-multicluster-token-east", `linkerd-multicluster/${tokenSecretName("east")}`],
                [T.secret, "linkerd-multicluster-token-north", `linkerd-multicluster/${tokenSecretName("north")}`],
            ],
        );
        for (const r of reads(west)) {
            assert.strictEqual(r.provider, provider, r.name);
            assert.strictEqual(west.byUrn(r.parent).type, MC.component, r.name);
            assert.ok(r.dependencies.includes(chart.urn), `${r.name} waits for the chart`);
            assert.ok(!west.created.includes(r), `${r.name} is not created`);
        }
    });

    it("publishes the load balancer's current addresses and the current tokens, not last run's, and links follow", async () => {
        const mesh = await bringUp(THREE);
        const live = mesh.fleet.clusters[WEST].live;
        assert.deepStrictEqual(bundleOf(mesh.last.west).gateway.addresses, [ADDRESS.west]);
        // The load balancer moves (a hostname first, then an IP; one ingress entry has neither), and
        // east's token is reissued: nothing in west's config or state changes.
        (live[GATEWAY_SERVICE].status as any).loadBalancer.ingress = [
            { hostname: "gw.west.example.net" },
            {},
            { ip: "198.51.100.10" },
        ];
        const rotated = tokenFor("west", "east-reissued");
        (live[tokenSecret("east")].data as any).token = Buffer.from(rotated).toString("base64");
        const previous = mesh.last.west;
        const west = await runStack(mesh, "west");
        assert.deepStrictEqual(bundleOf(west).gateway.addresses, ["gw.west.example.net", "198.51.100.10"]);
        assert.deepStrictEqual(tokensOf(west).tokens, { east: rotated, north: tokenFor("west", "north") });
        assert.deepStrictEqual(
            inputsByUrn(west),
            inputsByUrn(previous),
            "west registers (and reads) exactly what it did before: only what it read changed",
        );
        const east = await runStack(mesh, "east");
        assert.strictEqual(
            (east.get(MC.link, "link-west-link").inputs.spec as any).gatewayAddress,
            "gw.west.example.net,198.51.100.10",
        );
        for (const secret of ["link-west-credentials", "link-west-discovery-credentials"]) {
            assert.strictEqual(kubeconfigOf(east, secret).users[0].user.token, rotated, secret);
        }
        const discovery = east.get(T.secret, "link-west-discovery-credentials");
        assert.deepStrictEqual(
            discovery.replaceOnChanges,
            ["data"],
            "the destination controller only sees new Secrets",
        );
        assert.strictEqual(discovery.deleteBeforeReplace, true, "same name: delete, then create");
        assert.strictEqual(statusOf(east)[WEST], "linked to west (gateway)");
    });

    it("in a preview of a first install skips the reads (the objects do not exist yet) rather than failing", async () => {
        const fleet = new Fleet();
        const config = clusterStackConfig("west", { multiclusterEnabled: true, multiclusterAllowedSources: ["east"] });
        await fleet.run("trust", trustStackConfig(["west"]));
        await fleet.run("west", config); // requests its issuer
        await fleet.run("trust", trustStackConfig(["west"])); // signs it
        const published = structuredClone(fleet.stacks[WEST]);
        // No object exists in the cluster yet: any read would fail.
        const preview = await fleet.run("west", config, { preview: true, liveObjects: {}, renderedChildren: {} });
        assert.ok(preview.find(T.chart, MC.chart), "the preview installs multicluster");
        assert.deepStrictEqual(
            reads(preview).map((r) => [r.name, r.id]),
            [
                ["linkerd-multicluster-gateway-live", UNKNOWN_ID],
                ["linkerd-multicluster-token-east", UNKNOWN_ID],
            ],
            "read with an id unknown at preview: the engine skips them",
        );
        assert.strictEqual(preview.outputs.multiclusterLinkBundle.known, false);
        assert.strictEqual(preview.outputs.multiclusterLinkTokens.known, false);
        assert.strictEqual(preview.outputs.multiclusterLinkTokens.secret, true);
        assert.deepStrictEqual(fleet.stacks[WEST], published, "a preview publishes nothing");
        // The update creates the objects, and reads them.
        fleet.multiclusterObjects("west", { address: ADDRESS.west, sources: ["east"] });
        const up = await fleet.run("west", config);
        assert.deepStrictEqual(
            reads(up).map((r) => r.id),
            ["linkerd-multicluster/linkerd-gateway", `linkerd-multicluster/${tokenSecretName("east")}`],
        );
        assert.deepStrictEqual(bundleOf(up).gateway.addresses, [ADDRESS.west]);
        assert.deepStrictEqual(tokensOf(up).tokens, { east: tokenFor("west", "east") });
    });
});

describe("multicluster: a link, as link-gen prints it", function () {
    this.timeout(120_000);
    const oracle = parseAllDocuments(LINK_GEN_WEST_YAML).map((d) => d.toJSON());
    let mesh: Mesh;
    let east: ProgramRun;
    before(async () => {
        mesh = await bringUp(THREE);
        east = mesh.last.east;
    });

    it("creates both credential Secrets exactly as link-gen prints them, their kubeconfig a secret input", () => {
        for (const [name, expected] of [
            ["link-west-credentials", oracle[0]],
            ["link-west-discovery-credentials", oracle[1]],
        ] as const) {
            const secret = east.get(T.secret, name);
            const { data, ...rest } = secret.inputs as Record<string, any>;
            assert.deepStrictEqual(rest, expected, name);
            assert.deepStrictEqual(Object.keys(data), [LINK_GEN_CREDENTIALS_KEY], name);
            assert.deepStrictEqual(
                plaintextStrings(secret.rawInputs).filter((s) => s.path.startsWith("data")),
                [],
                `${name}: the kubeconfig reaches the engine as a secret`,
            );
            assert.strictEqual(east.byUrn(secret.parent).type, MC.clusterLink, name);
        }
    });

    it("builds the kubeconfig from the bundle alone: the target's API server and CA, this cluster's token", () => {
        const expected = {
            apiVersion: "v1",
            kind: "Config",
            clusters: [
                {
                    name: "west",
                    cluster: {
                        server: "https://west.k8s.example.com:6443",
                        "certificate-authority-data": FIXTURE_CA_DATA,
                    },
                },
            ],
            users: [{ name: "linkerd-service-mirror-remote-access-east", user: { token: tokenFor("west", "east") } }],
            contexts: [
                { name: "west", context: { cluster: "west", user: "linkerd-service-mirror-remote-access-east" } },
            ],
            "current-context": "west",
        };
        for (const secret of ["link-west-credentials", "link-west-discovery-credentials"]) {
            const kubeconfig = kubeconfigOf(east, secret);
            assert.deepStrictEqual(kubeconfig, expected, secret);
            assert.doesNotMatch(JSON.stringify(kubeconfig), /exec|tokenFile|certificate-authority"|client-key/);
        }
        assert.deepStrictEqual(
            kubeconfigOf(east, "link-north-credentials").users[0].user.token,
            tokenFor("north", "east"),
        );
    });

    it("creates the Link with every field as link-gen prints it (created by the source's release)", () => {
        const link = east.get(MC.link, "link-west-link");
        const expected = structuredClone(oracle[2]);
        expected.metadata.annotations["linkerd.io/created-by"] = linkGenCreatedBy(PINNED);
        assert.deepStrictEqual(link.inputs, expected);
        assert.strictEqual(east.byUrn(link.parent).name, "link-west");
    });

    it("writes exactly what CLI edge-26.6.3 prints from a source on chart 2026.6.3", async () => {
        const older = await bringUp({
            east: { links: [WEST], allowed: [], extra: { linkerdChartVersion: "2026.6.3" } },
            west: { allowed: ["east"] },
        });
        const run = older.last.east;
        assert.deepStrictEqual(run.get(MC.link, "link-west-link").inputs, oracle[2]);
        for (const [name, expected] of [
            ["link-west-credentials", oracle[0]],
            ["link-west-discovery-credentials", oracle[1]],
        ] as const) {
            const { data, ...rest } = run.get(T.secret, name).inputs as Record<string, any>;
            assert.deepStrictEqual(rest, expected, name);
            assert.deepStrictEqual(Object.keys(data), [LINK_GEN_CREDENTIALS_KEY]);
        }
    });

    it("orders the Link after the chart (its CRD and controller) and both Secrets, the Secrets after the chart", () => {
        const chart = east.get(T.chart, MC.chart).urn;
        for (const target of ["west", "north"]) {
            const link = east.get(MC.link, `link-${target}-link`);
            assert.ok(link.dependencies.includes(chart), target);
            for (const name of [`link-${target}-credentials`, `link-${target}-discovery-credentials`]) {
                const secret = east.get(T.secret, name);
                assert.ok(link.dependencies.includes(secret.urn), name);
                assert.ok(secret.dependencies.includes(chart), `${name} after the chart`);
            }
        }
    });

    it("a pod-to-pod link leaves out the gateway fields and has an empty probeSpec, as link-gen --gateway=false", () => {
        const link = east.get(MC.link, "link-north-link");
        assert.deepStrictEqual(link.inputs.spec, parse(LINK_GEN_WEST_POD_TO_POD_SPEC_YAML.replace(/west/g, "north")));
        assert.deepStrictEqual(link.inputs.metadata, {
            name: "north",
            namespace: "linkerd-multicluster",
            annotations: { "linkerd.io/created-by": linkGenCreatedBy(PINNED) },
        });
    });

    it("every Link validates against the pinned Link CRD's v1alpha3 schema", () => {
        const links = east.ofType(MC.link);
        assert.strictEqual(links.length, 2);
        assert.strictEqual(LINK_STORAGE_VERSION, "v1alpha3", "links are written in the CRD's storage version");
        assertValidLinks(east);
        assert.ok(
            !validateLink({ ...links[0].inputs, spec: { gatewayPort: 4143 } }),
            "the schema rejects a numeric port",
        );
        assert.ok(
            !validateLink({ ...links[0].inputs, spec: { probeSpec: { period: "3" } } }),
            "and a period that is not a Go duration",
        );
    });

    it("exports this cluster's links and their state, and the namespaces", () => {
        assert.deepStrictEqual(statusOf(east), {
            [WEST]: "linked to west (gateway)",
            [NORTH]: "linked to north (pod-to-pod)",
        });
        assert.deepStrictEqual(east.outputs.namespaces.value, {
            controlPlane: "linkerd",
            multicluster: "linkerd-multicluster",
        });
        assert.deepStrictEqual(Object.keys(stateOf(east).cluster!.links).sort(), [NORTH, WEST]);
    });

    it("registers identical inputs on a second evaluation of the same inputs", async () => {
        const options = { tls: mesh.fleet.tls };
        const first = await eastWith(mesh, () => undefined, options);
        const second = await eastWith(mesh, () => undefined, options);
        assert.deepStrictEqual(inputsByUrn(second), inputsByUrn(first));
        assert.deepStrictEqual(inputsByUrn(first), inputsByUrn(east), "and the same as the run that published");
        assert.deepStrictEqual(second.asStack(), first.asStack());
    });

    it("prints Go durations as link-gen does", () => {
        for (const [seconds, text] of Object.entries(GO_DURATIONS)) {
            assert.strictEqual(goDuration(Number(seconds)), text);
        }
    });
});

describe("multicluster: making and removing links", function () {
    this.timeout(120_000);
    let mesh: Mesh;
    before(async () => {
        mesh = await bringUp(THREE);
    });

    it("does not make a link to a target that has not published its bundle yet, says so, and makes it on a later run", () => {
        // East's first run with Linkerd installed came before west and north published their bundles.
        const early = mesh.history.find((h) => h.stack === "east" && h.run.find(T.chart, MC.chart))!.run;
        assert.deepStrictEqual(early.ofType(MC.link), []);
        assert.deepStrictEqual(early.ofType(T.secret), []);
        assert.deepStrictEqual(values(early).controllers, []);
        for (const target of [WEST, NORTH]) {
            const warning = warnings(early).filter((l) => l.includes(target));
            assert.strictEqual(warning.length, 1, target);
            assert.match(
                warning[0],
                new RegExp(
                    `^warn: linkerd-fleet:multiclusterLinks: the link to ${target} is not made yet: stack ${target} has not published a link bundle \\(it needs multiclusterEnabled and a pulumi up\\)`,
                ),
            );
            assert.match(statusOf(early)[target], /^waiting: stack .* has not published a link bundle/);
        }
        assert.deepStrictEqual(stateOf(early).cluster!.links, {}, "nothing to keep yet");
        assert.strictEqual(statusOf(mesh.last.east)[WEST], "linked to west (gateway)");
        assert.deepStrictEqual(warnings(mesh.last.east), []);
    });

    it("removing a link from config removes its Link, both Secrets, its controller and its record", async () => {
        const run = await eastWith(mesh, () => undefined, {
            config: { ...mesh.configs.east, multiclusterLinks: [WEST] },
        });
        assert.deepStrictEqual(
            run
                .summary()
                .filter((s) => s.includes("link-"))
                .sort(),
            [
                `${T.secret}::link-west-credentials`,
                `${T.secret}::link-west-discovery-credentials`,
                `${MC.link}::link-west-link`,
                `${MC.clusterLink}::link-west`,
            ].sort(),
        );
        assert.deepStrictEqual(
            values(run).controllers.map((c: any) => c.link.ref.name),
            ["west"],
        );
        assert.deepStrictEqual(Object.keys(stateOf(run).cluster!.links), [WEST]);
        assert.deepStrictEqual(Object.keys(statusOf(run)), [WEST]);
        assert.deepStrictEqual(warnings(run), []);
    });

    it("refuses a link to itself, the same target twice, a malformed stack name and an unknown option", async () => {
        for (const [links, pattern] of [
            [[EAST], /"acme\/linkerd-fleet\/east" is this stack; a cluster does not link to itself/],
            [[WEST, WEST], /"acme\/linkerd-fleet\/west" is listed twice/],
            [["west"], /"west": "west" is not a fully qualified stack name <organization>\/<project>\/<stack>/],
            [[`${WEST} mode=fast`], /has an unknown option "mode=fast"; the only option is gateway=false/],
        ] as const) {
            const failure = await assertPlanRefuses(
                eastWith(mesh, () => undefined, { config: { ...mesh.configs.east, multiclusterLinks: [...links] } }),
                pattern,
            );
            assert.match(failure.message, /linkerd-fleet:multiclusterLinks: /);
        }
    });

    it("refuses two target stacks that are the same cluster, and a target named like this cluster", async () => {
        const copy = "acme/linkerd-fleet/west-copy";
        await assertPlanRefuses(
            eastWith(mesh, (stacks) => (stacks[copy] = structuredClone(stacks[WEST])), {
                config: { ...mesh.configs.east, multiclusterLinks: [WEST, copy] },
            }),
            /linkerd-fleet:multiclusterLinks: acme\/linkerd-fleet\/west-copy is cluster "west", the same name as acme\/linkerd-fleet\/west; every cluster of a mesh needs its own name/,
        );
        await assertPlanRefuses(
            eastWith(mesh, (stacks) => (bundle(stacks, WEST).clusterName = "east")),
            /acme\/linkerd-fleet\/west is cluster "east", the same name as this cluster/,
        );
    });

    it("refuses a pod-to-pod link to a cluster that does not declare a flat network", async () => {
        await assertPlanRefuses(
            eastWith(mesh, () => undefined, {
                config: { ...mesh.configs.east, multiclusterLinks: [`${WEST} gateway=false`] },
            }),
            /"acme\/linkerd-fleet\/west gateway=false" asks for a pod-to-pod link, but cluster "west" does not declare a flat network\. Set multiclusterFlatNetwork true in that stack/,
        );
    });
});

/** East's last outputs as if it had never linked to `target` (no record of it to keep). */
function withoutRecord(mesh: Mesh, target: string): StackFixture {
    const previous = structuredClone(mesh.fleet.stacks[EAST]);
    delete (previous.outputs.linkerdState as StackState).cluster!.links[target];
    return previous;
}

/** The link bundle of `stack` in a copy of the fleet's outputs. */
function bundle(stacks: Record<string, StackFixture>, stack: string): Record<string, any> {
    return stacks[stack].outputs.multiclusterLinkBundle as Record<string, any>;
}

/**
 * East's link to west kept exactly as `before` applied it: the Link, both Secrets (their data left
 * as the cluster holds it), the controller and the record for the next run; one warning naming
 * west and `reason`; and east's link to north untouched.
 */
function assertKept(run: ProgramRun, before: ProgramRun, reason: RegExp): void {
    assert.deepStrictEqual(run.get(MC.link, "link-west-link").inputs, before.get(MC.link, "link-west-link").inputs);
    for (const name of ["link-west-credentials", "link-west-discovery-credentials"]) {
        const secret = run.get(T.secret, name);
        const { data, ...rest } = secret.inputs;
        const { data: applied, ...was } = before.get(T.secret, name).inputs;
        assert.ok(applied, `${name} had data`);
        assert.deepStrictEqual(rest, was, name);
        assert.deepStrictEqual(data, {}, `${name}: no new data`);
        assert.deepStrictEqual(secret.ignoreChanges, ["data"], `${name}: the engine keeps the data the Secret holds`);
    }
    assert.deepStrictEqual(values(run).controllers, values(before).controllers, "the controller stays");
    assert.deepStrictEqual(stateOf(run).cluster!.links[WEST], stateOf(before).cluster!.links[WEST]);
    const named = warnings(run).filter((l) => l.includes(WEST));
    assert.strictEqual(named.length, 1, warnings(run).join("\n"));
    assert.match(
        named[0],
        new RegExp(
            `^warn: linkerd-fleet:multiclusterLinks: the link to acme/linkerd-fleet/west keeps its last applied configuration: .*${reason.source}`,
        ),
    );
    assert.match(statusOf(run)[WEST], new RegExp(`^kept as last applied: .*${reason.source}`));
    // The other link, and everything else, goes ahead.
    assert.deepStrictEqual(run.get(MC.link, "link-north-link").inputs, before.get(MC.link, "link-north-link").inputs);
    assert.deepStrictEqual(run.get(T.secret, "link-north-credentials").ignoreChanges, []);
    assert.deepStrictEqual(kubeconfigOf(run, "link-north-credentials"), kubeconfigOf(before, "link-north-credentials"));
    assert.strictEqual(statusOf(run)[NORTH], "linked to north (pod-to-pod)");
    assert.ok(run.find(T.chart, "linkerd-control-plane"));
    assertValidLinks(run);
}

describe("multicluster: a target briefly unavailable keeps its last good link", function () {
    this.timeout(120_000);
    let mesh: Mesh;
    let foreignRoot: string;
    let foreignIssuer: string;
    before(async () => {
        mesh = await bringUp(THREE);
        // Same subject names as the mesh's, other keys: the check is by signature, not by name.
        const root = await makeCert({ commonName: "root.linkerd.cluster.local" });
        foreignRoot = root.certPem;
        foreignIssuer = (await makeCert({ commonName: "identity.linkerd.cluster.local", issuer: root, pathLength: 0 }))
            .certPem;
    });

    const cases: [string, (stacks: Record<string, StackFixture>) => void, RegExp][] = [
        [
            "its stack is missing",
            (s) => delete s[WEST],
            /linkerd-fleet:multiclusterLinks: stack "acme\/linkerd-fleet\/west" does not exist/,
        ],
        [
            "it has no link bundle",
            (s) => delete s[WEST].outputs.multiclusterLinkBundle,
            /stack acme\/linkerd-fleet\/west has not published a link bundle/,
        ],
        [
            "its bundle has an older format",
            (s) => (bundle(s, WEST).format = 1),
            /output multiclusterLinkBundle .*: has format 1; this program reads format 2/,
        ],
        [
            "its bundle misses fields",
            (s) => {
                delete bundle(s, WEST).gateway;
                delete bundle(s, WEST).linkerdVersion;
            },
            /multiclusterLinkBundle\.linkerdVersion is missing .*; multiclusterLinkBundle\.gateway is missing/,
        ],
        [
            "it allows this cluster but has no token for it yet",
            (s) => delete (s[WEST].outputs.multiclusterLinkTokens as any).tokens.east,
            /cluster "west" allows "east" but has not issued its token yet/,
        ],
        [
            "its access was revoked",
            (s) => {
                delete (s[WEST].outputs.multiclusterLinkTokens as any).tokens.east;
                bundle(s, WEST).allowedSources = ["north"];
            },
            /cluster "west" does not allow "east" \(never, or no longer\): add it to multiclusterAllowedSources in acme\/linkerd-fleet\/west, or remove the link from linkerd-fleet:multiclusterLinks/,
        ],
        [
            "its gateway has no address",
            (s) => (bundle(s, WEST).gateway.addresses = []),
            /the gateway of cluster "west" has no address yet/,
        ],
    ];
    for (const [name, edit, reason] of cases) {
        it(`when ${name}`, async () => {
            assertKept(await eastWith(mesh, edit), mesh.last.east, reason);
        });
    }

    it("when its issuer does not chain to this cluster's bundle, or this cluster's issuer to its bundle", async () => {
        assertKept(
            await eastWith(mesh, (s) => (bundle(s, WEST).issuerCertificatePem = foreignIssuer)),
            mesh.last.east,
            /the identity issuer of "west" does not chain to this cluster's trust bundle, so this cluster's proxies would refuse its workloads/,
        );
        assertKept(
            await eastWith(mesh, (s) => (bundle(s, WEST).trustAnchorsPem = foreignRoot)),
            mesh.last.east,
            /this cluster's identity issuer does not chain to the trust bundle of "west", so its proxies would refuse this cluster's workloads/,
        );
    });

    it("keeps it run after run while the target is away, and the rest of the stack goes ahead: certificates renew", async () => {
        const away = await bringUp(THREE);
        const before = away.last.east;
        delete away.fleet.stacks[WEST];
        away.fleet.advance(280); // inside the 90-day renewal window of the 365-day certificates
        const created = away.fleet.tls.created.length;
        const renewing = await runStack(away, "east");
        assertKept(renewing, before, /stack "acme\/linkerd-fleet\/west" does not exist/);
        const renewed = away.fleet.tls.created.slice(created).map((u) => u.split("::").at(-1));
        for (const cert of [
            "linkerd-linkerd-proxy-injector-tls-cert",
            "linkerd-linkerd-sp-validator-tls-cert",
            "linkerd-linkerd-policy-validator-tls-cert",
            "identity-issuer-key-1",
        ]) {
            assert.ok(renewed.includes(cert), `${cert} is renewed in the same run: ${renewed.join(", ")}`);
        }
        assert.ok(renewing.logs.some((l) => /Renewing the identity issuer/.test(l)));
        // Next run: still away; kept again from the record the last run left.
        assertKept(await runStack(away, "east"), before, /stack "acme\/linkerd-fleet\/west" does not exist/);
    });

    it("revoking access in the target's config keeps the source's link as last applied, saying what to do", async () => {
        const revoked = await bringUp(THREE);
        const before = revoked.last.east;
        revoked.configs.west = { ...revoked.configs.west, multiclusterAllowedSources: ["north"] };
        revoked.fleet.multiclusterObjects("west", { address: ADDRESS.west, sources: ["north"] });
        const west = await runStack(revoked, "west");
        assert.deepStrictEqual(values(west).remoteMirrorServiceAccountName, [
            "linkerd-service-mirror-remote-access-north",
        ]);
        assert.deepStrictEqual(tokensOf(west).tokens, { north: tokenFor("west", "north") });
        assert.deepStrictEqual(bundleOf(west).allowedSources, ["north"]);
        assertKept(
            await runStack(revoked, "east"),
            before,
            /cluster "west" does not allow "east" \(never, or no longer\)/,
        );
    });

    it("with multiclusterStrictLinks refuses the update instead, naming the target and the reason", async () => {
        const strict = { config: { ...mesh.configs.east, multiclusterStrictLinks: true } };
        await assertPlanRefuses(
            eastWith(mesh, (s) => (bundle(s, WEST).gateway.addresses = []), strict),
            /linkerd-fleet:multiclusterLinks: the link to acme\/linkerd-fleet\/west cannot be updated: the gateway of cluster "west" has no address yet.*\(multiclusterStrictLinks is on; turn it off to keep the last applied link and deploy the rest\.\)/,
        );
        // An incomplete bundle: every missing field is named.
        await assertPlanRefuses(
            eastWith(
                mesh,
                (s) => {
                    delete bundle(s, WEST).gateway;
                    delete bundle(s, WEST).linkerdVersion;
                },
                strict,
            ),
            /the link to acme\/linkerd-fleet\/west cannot be updated: stack "acme\/linkerd-fleet\/west", output multiclusterLinkBundle .*: multiclusterLinkBundle\.linkerdVersion is missing .*; multiclusterLinkBundle\.gateway is missing/,
        );
        // A link not made yet cannot be made: refused too, in the same words.
        await assertPlanRefuses(
            eastWith(mesh, (s) => (bundle(s, WEST).gateway.addresses = []), {
                ...strict,
                previous: withoutRecord(mesh, WEST),
            }),
            /the link to acme\/linkerd-fleet\/west cannot be made: the gateway of cluster "west" has no address yet/,
        );
        // And without it, a link not made yet waits.
        const waiting = await eastWith(mesh, (s) => (bundle(s, WEST).gateway.addresses = []), {
            previous: withoutRecord(mesh, WEST),
        });
        assert.strictEqual(waiting.find(MC.link, "link-west-link"), undefined);
        assert.match(statusOf(waiting)[WEST], /^waiting: the gateway of cluster "west" has no address yet/);
        assert.ok(waiting.find(MC.link, "link-north-link"), "the other link is made");
    });
});

describe("multicluster: trust is checked both ways, for the generation each side runs", function () {
    this.timeout(120_000);

    it("accepts identical trust, and names the side that would refuse the other", async () => {
        const mesh = await bringUp({ east: { links: [WEST], allowed: [] }, west: { allowed: ["east"] } });
        const own = (run: ProgramRun) => ({
            cluster: "east",
            clusterDomain: "cluster.local",
            trustDomain: "cluster.local",
            bundlePem: bundleOf(run).trustAnchorsPem,
            issuerPem: bundleOf(run).issuerCertificatePem,
        });
        const west = bundleOf(mesh.last.west);
        assert.strictEqual(trustProblem(own(mesh.last.east), west), undefined);
        assert.strictEqual(mutualTrust(running(mesh.last.east)!, running(mesh.last.west)!), undefined);
        const other = await makeCert({ commonName: "root.linkerd.cluster.local" });
        assert.match(
            trustProblem(own(mesh.last.east), { ...west, trustAnchorsPem: other.certPem })!,
            /^this cluster's identity issuer does not chain to the trust bundle of "west"/,
        );
        assert.match(
            trustProblem({ ...own(mesh.last.east), bundlePem: other.certPem }, west)!,
            /^the identity issuer of "west" does not chain to this cluster's trust bundle/,
        );
    });

    it("mid-rotation holds a link while one side runs a generation the other does not trust, and makes it once both catch up", async () => {
        const mesh = await bringUp({ east: { links: [WEST], allowed: [] }, west: { allowed: ["east"] } });
        const linked = mesh.last.east;
        // West leaves the trust stack's issueFor while it is rebuilt, so the rotation gate (which
        // otherwise waits for every cluster: lifecycle tests) does not wait for it: it lags.
        const eastOnly = { issueFor: [EAST] };
        const step1 = { trustAnchorGenerations: ["1", "2"] };
        const step2 = { ...step1, trustAnchorSigningGeneration: "2" };
        const step3 = { trustAnchorGenerations: ["2"] };
        await runStack(mesh, "trust", eastOnly);
        await runStack(mesh, "east");
        await runStack(mesh, "trust", { ...eastOnly, ...step1 });
        const atStep1 = await runStack(mesh, "east");
        assert.strictEqual(statusOf(atStep1)[WEST], "linked to west (gateway)", "step 1: both trust anchor 1");
        await runStack(mesh, "trust", { ...eastOnly, ...step2 });
        const atStep2 = await runStack(mesh, "east");
        // East's issuer is now signed by anchor 2, which west's bundle (anchor 1 only) lacks.
        const eastRuns = running(atStep2)!;
        const westRuns = running(mesh.last.west)!;
        assert.strictEqual(eastRuns.bundle.length, 2);
        assert.strictEqual(westRuns.bundle.length, 1);
        assert.ok(!chainsTo(eastRuns.issuer, westRuns.bundle), "west's proxies would refuse east's workloads");
        assert.ok(chainsTo(westRuns.issuer, eastRuns.bundle), "(only that way)");
        assertHeld(
            atStep2,
            linked,
            /this cluster's identity issuer does not chain to the trust bundle of "west", so its proxies would refuse this cluster's workloads \(run pulumi up there, and in the trust stack, until both run the same rotation step\)/,
        );
        // Strict mode refuses the update instead.
        await assertPlanRefuses(
            eastWith(mesh, () => undefined, { config: { ...mesh.configs.east, multiclusterStrictLinks: true } }),
            /the link to acme\/linkerd-fleet\/west cannot be updated: this cluster's identity issuer does not chain to the trust bundle of "west"/,
        );
        // Step 3 retires anchor 1: now neither side trusts the other, and the first check names west's issuer.
        mesh.fleet.advance(2); // past the workload certificates' lifetime since the last switch
        await runStack(mesh, "trust", { ...eastOnly, ...step3 });
        const atStep3 = await runStack(mesh, "east");
        assert.ok(!chainsTo(westRuns.issuer, running(atStep3)!.bundle));
        assertHeld(atStep3, linked, /the identity issuer of "west" does not chain to this cluster's trust bundle/);
        // West comes back: the trust stack signs its request with anchor 2; it runs bundle 2.
        await runStack(mesh, "trust", { ...mesh.configs.trust, ...step3 });
        const caughtUp = await runStack(mesh, "west");
        assert.strictEqual(mutualTrust(running(atStep3)!, running(caughtUp)!), undefined);
        const relinked = await runStack(mesh, "east");
        assert.strictEqual(statusOf(relinked)[WEST], "linked to west (gateway)");
        assert.deepStrictEqual(warnings(relinked), []);
        for (const name of ["link-west-credentials", "link-west-discovery-credentials"]) {
            assert.deepStrictEqual(relinked.get(T.secret, name).ignoreChanges, [], `${name} is written again`);
            assert.ok((relinked.get(T.secret, name).inputs.data as any).kubeconfig, name);
        }
        assert.deepStrictEqual(
            relinked.get(MC.link, "link-west-link").inputs,
            linked.get(MC.link, "link-west-link").inputs,
        );
    });

    it("warns, naming both clusters, when their trust or cluster domains differ, and links with the target's", async () => {
        const mesh = await bringUp(THREE);
        const run = await eastWith(mesh, (s) => {
            bundle(s, WEST).trustDomain = "mesh.example.com";
            bundle(s, WEST).clusterDomain = "west.local";
        });
        assert.deepStrictEqual(
            warnings(run).map((w) => /clusters "east" and "west" have different (\w+ domain)s/.exec(w)?.[1]),
            ["trust domain", "cluster domain"],
        );
        assert.strictEqual((run.get(MC.link, "link-west-link").inputs.spec as any).targetClusterDomain, "west.local");
        assert.deepStrictEqual(
            (run.get(T.secret, "link-west-discovery-credentials").inputs.metadata as any).annotations,
            {
                "multicluster.linkerd.io/trust-domain": "mesh.example.com",
                "multicluster.linkerd.io/cluster-domain": "west.local",
            },
        );
        assert.strictEqual(statusOf(run)[WEST], "linked to west (gateway)");
    });
});

/** East's link to west held at `linked`: only west's, with the trust reason. */
function assertHeld(run: ProgramRun, linked: ProgramRun, reason: RegExp): void {
    assert.deepStrictEqual(run.get(MC.link, "link-west-link").inputs, linked.get(MC.link, "link-west-link").inputs);
    for (const name of ["link-west-credentials", "link-west-discovery-credentials"]) {
        assert.deepStrictEqual(run.get(T.secret, name).ignoreChanges, ["data"], name);
        assert.deepStrictEqual(run.get(T.secret, name).inputs.data, {}, name);
    }
    assert.deepStrictEqual(values(run).controllers, values(linked).controllers);
    const named = warnings(run).filter((l) => l.includes(WEST));
    assert.strictEqual(named.length, 1, warnings(run).join("\n"));
    assert.match(named[0], /the link to acme\/linkerd-fleet\/west keeps its last applied configuration: /);
    assert.match(named[0], reason);
    assert.match(statusOf(run)[WEST], /^kept as last applied: /);
}

describe("multicluster: turning it off keeps the Link CRD and the namespace", function () {
    this.timeout(120_000);
    let mesh: Mesh;
    before(async () => {
        mesh = await bringUp(THREE);
    });

    it("keeps the chart's CRDs (the Link CRD among them) when they leave the program, but not its other objects", async () => {
        const chart = mesh.last.east.get(T.chart, MC.chart);
        await assertRetainedOnDelete(chart, "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition");
        // The transforms see each object the chart renders: the Link CRD is kept, its other objects are not.
        const retained = async (type: string, name: string) => {
            let opts = {};
            for (const transform of chart.transforms) {
                const result = await transform({ custom: true, type, name, props: {}, opts });
                opts = result?.opts ?? opts;
            }
            return (opts as { retainOnDelete?: boolean }).retainOnDelete === true;
        };
        assert.ok(await retained("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", LINK_CRD_NAME));
        for (const [type, name] of [
            ["kubernetes:apps/v1:Deployment", "linkerd-gateway"],
            [MC.service, "linkerd-gateway"],
            [T.secret, tokenSecretName("west")],
        ]) {
            assert.ok(!(await retained(type, name)), `${type} ${name} goes with the chart`);
        }
    });

    it("keeps the namespace (other Links live in it), and removes its own Links explicitly", () => {
        const east = mesh.last.east;
        assert.strictEqual(east.get(T.namespace, MC.namespace).retainOnDelete, true);
        for (const r of east.created.filter((r) => r.type === MC.link || r.parent.includes(MC.clusterLink))) {
            assert.strictEqual(r.retainOnDelete, false, `${r.name} is this program's, and goes with its link`);
        }
    });

    it("turning it off needs the links removed in the same edit; then nothing of multicluster is registered", async () => {
        const { multiclusterLinks, multiclusterAllowedSources, ...rest } = mesh.configs.east;
        void multiclusterAllowedSources;
        await assertPlanRefuses(
            eastWith(mesh, () => undefined, { config: { ...rest, multiclusterEnabled: false, multiclusterLinks } }),
            /linkerd-fleet:multiclusterLinks: only applies with the multicluster extension, and linkerd-fleet:multiclusterEnabled is not true/,
        );
        const off = await eastWith(mesh, () => undefined, { config: { ...rest, multiclusterEnabled: false } });
        assert.deepStrictEqual(
            off.summary().filter((s) => /multicluster|link-|Link/.test(s)),
            [],
        );
        assert.deepStrictEqual(reads(off), []);
        assert.strictEqual(off.outputs.multiclusterLinkBundle, undefined);
        assert.ok(off.find(T.chart, "linkerd-control-plane"), "Linkerd itself stays");
    });
});

describe("multicluster: a fully linked mesh converges", function () {
    this.timeout(120_000);

    it("in the documented order (trust, clusters, trust, clusters, clusters); a further pass changes nothing", async () => {
        const names = ["east", "west", "north"];
        const others = (c: string) => names.filter((n) => n !== c);
        const mesh = await bringUp(
            Object.fromEntries(names.map((c) => [c, { links: others(c).map(stackOf), allowed: others(c) }])),
        );
        for (const cluster of names) {
            assert.deepStrictEqual(
                statusOf(mesh.last[cluster]),
                Object.fromEntries(others(cluster).map((o) => [stackOf(o), `linked to ${o} (gateway)`])),
                cluster,
            );
            assert.deepStrictEqual(warnings(mesh.last[cluster]), [], cluster);
            assert.strictEqual(mesh.last[cluster].ofType(MC.link).length, 2, cluster);
            assertValidLinks(mesh.last[cluster]);
        }
        const atRest = { ...mesh.last };
        const created = mesh.fleet.tls.created.length;
        for (const stack of ["trust", ...names]) {
            const again = await runStack(mesh, stack);
            assert.deepStrictEqual(inputsByUrn(again), inputsByUrn(atRest[stack]), `${stack} registers the same`);
            // Outputs too, but the trust stack's rotation status for people, which its last run wrote
            // before the clusters installed ("installs nothing yet"): it catches up on this pass.
            const published = (run: ProgramRun) => {
                const { trustRotation, ...outputs } = run.asStack().outputs;
                void trustRotation;
                return outputs;
            };
            assert.deepStrictEqual(published(again), published(atRest[stack]), `${stack} publishes the same`);
            assert.deepStrictEqual(warnings(again), [], stack);
        }
        assert.deepStrictEqual(mesh.fleet.tls.created.slice(created), [], "no certificate or key is created");
    });
});

describe("multi-cluster layout: a trust stack and cluster stacks", function () {
    this.timeout(120_000);
    let mesh: Mesh;
    let trust: ProgramRun;
    before(async () => {
        mesh = await bringUp({ east: { links: [WEST], allowed: [] }, west: { allowed: ["east"] } });
        trust = mesh.last.trust;
    });

    it("the trust stack creates the root and signs one issuer per listed cluster, and nothing in any cluster", () => {
        assert.deepStrictEqual(trust.summary().sort(), [
            "linkerd:trust:IssuerCertificate::issuer-certificate-east",
            "linkerd:trust:IssuerCertificate::issuer-certificate-west",
            "linkerd:trust:TrustRoot::trust-root",
            "tls:index/locallySignedCert:LocallySignedCert::issuer-certificate-east-cert",
            "tls:index/locallySignedCert:LocallySignedCert::issuer-certificate-west-cert",
            "tls:index/privateKey:PrivateKey::trust-root-anchor-1-key",
            "tls:index/selfSignedCert:SelfSignedCert::trust-root-anchor-1-cert",
        ]);
        assert.deepStrictEqual(Object.keys(trust.outputs).sort(), [
            "linkerdState",
            "linkerdTrust",
            "trustAnchorFingerprints",
            "trustAnchorsPem",
            "trustRotation",
        ]);
        for (const [name, output] of Object.entries(trust.outputs)) {
            assert.strictEqual(output.secret, false, `${name}: the trust stack holds no issuer key to publish`);
            assert.doesNotMatch(JSON.stringify(output.value), /PRIVATE KEY/, name);
        }
    });

    it("cluster stacks read their trust through the engine's stack-outputs read, and create no PKI of the mesh", () => {
        for (const cluster of ["east", "west"]) {
            const run = mesh.last[cluster];
            assert.ok(
                run.invocations.some(
                    (i) => i.token === "pulumi:pulumi:readStackOutputs" && i.inputs.name === TRUST_STACK,
                ),
                cluster,
            );
            assert.deepStrictEqual(
                run.registrations.filter((r) => r.type === "pulumi:pulumi:StackReference"),
                [],
            );
            assert.ok(!run.summary().some((s) => /linkerd:trust:(TrustRoot|IssuerCertificate)/.test(s)), cluster);
            assert.deepStrictEqual(
                run.ofType(T.selfSigned).map((r) => r.name),
                ["webhook-ca-cert"],
                "only the cluster's own webhook CA",
            );
        }
    });

    it("each cluster installs the shared bundle and its own issuer, signed for its own key, chaining to the bundle", () => {
        const published = trust.outputs.linkerdTrust.value as any;
        const fingerprints: string[] = [];
        for (const cluster of ["east", "west"]) {
            const run = mesh.last[cluster];
            const chart = run.get(T.chart, "linkerd-control-plane");
            const v = chart.inputs.values as any;
            assert.strictEqual(v.identityTrustAnchorsPEM, published.bundlePem, cluster);
            assert.strictEqual(v.identity.issuer.tls.crtPEM, published.issuers[cluster].certificatePem, cluster);
            const installed = running(run)!;
            assert.ok(chainsTo(installed.issuer, installed.bundle), cluster);
            assert.strictEqual(
                installed.issuer.publicKey.export({ type: "spki", format: "der" }).toString("base64"),
                new X509Certificate(published.issuers[cluster].certificatePem).publicKey
                    .export({ type: "spki", format: "der" })
                    .toString("base64"),
            );
            assert.match(v.identity.issuer.tls.keyPEM, /PRIVATE KEY/, "the key is the cluster's own");
            assert.deepStrictEqual(
                plaintextStrings(chart.rawInputs).filter((s) => s.value.includes("PRIVATE KEY")),
                [],
                "the issuer key stays a secret",
            );
            fingerprints.push(installed.issuer.fingerprint256);
        }
        assert.notStrictEqual(fingerprints[0], fingerprints[1]);
    });

    it("cluster stacks export what they run (bundle fingerprints, issuer and its not-after), never a key", () => {
        const published = trust.outputs.linkerdTrust.value as any;
        for (const cluster of ["east", "west"]) {
            const run = mesh.last[cluster];
            const output = run.outputs.linkerdCluster.value as any;
            assert.deepStrictEqual(output.running.bundleFingerprints, trust.outputs.trustAnchorFingerprints.value);
            assert.strictEqual(output.running.issuerCertificatePem, published.issuers[cluster].certificatePem);
            assert.strictEqual(
                run.outputs.identityIssuerNotAfter.value,
                new Date(new X509Certificate(published.issuers[cluster].certificatePem).validTo).toISOString(),
            );
            assert.strictEqual(run.outputs.identityIssuerNotAfter.secret, false);
            assert.strictEqual(run.outputs.identityIssuers, undefined);
            for (const [name, o] of Object.entries(run.outputs)) {
                assert.doesNotMatch(JSON.stringify(o.value ?? null), /PRIVATE KEY/, `${cluster}: ${name}`);
            }
        }
    });

    it("a cluster the trust stack does not issue for fails with a message saying how to fix it", async () => {
        await assert.rejects(
            runStack(mesh, "north", clusterStackConfig("north")),
            (e: Error & { registrations: unknown[] }) =>
                /trust stack "acme\/linkerd-fleet\/trust" does not issue for cluster "north".*issueFor/.test(
                    e.message,
                ) && e.registrations.length === 0,
        );
    });
});
