// Multicluster: three cluster stacks (east, west, north) sharing one trust stack. Each publishes a
// link bundle; east links to west through its gateway and to north pod to pod. StackReferences to
// the other stacks are mocked with the outputs those stacks' own runs produced.
import * as assert from "assert";
import Ajv from "ajv";
import * as YAML from "yaml";
import { parseSettings } from "../components/config";
import { goDuration, trustPreflight } from "../components/link";
import { LinkBundle } from "../components/linkBundle";
import { clusterStackConfig, KUBECONFIG, SECRET_KUBECONFIG, TRUST_STACK } from "./support/fixtures";
import { flatten } from "./support/flatten";
import {
    asStackReference,
    plaintextStrings,
    PROJECT,
    ProgramRun,
    RenderedChild,
    runProgram,
    StackReferenceFixture,
} from "./support/harness";
import { LINK_STORAGE_VERSION, LINK_V1ALPHA3_SCHEMA } from "./upstream/linkCrd";
import {
    CONTROLLER_ENTRY_KEYS,
    DEFAULT_GATEWAY_IDENTITY,
    GO_DURATIONS,
    LINK_GEN_WEST_POD_TO_POD_SPEC_YAML,
    LINK_GEN_WEST_YAML,
    MULTICLUSTER_HA_VALUES,
    MULTICLUSTER_KEYS,
    MULTICLUSTER_NAMESPACE_METADATA,
} from "./upstream/multicluster";

type Config = Record<string, string | number | boolean | string[]>;

const CLUSTERS = ["east", "west", "north"] as const;
const GATEWAY_IPS: Record<string, string> = { east: "203.0.113.20", west: "203.0.113.10", north: "203.0.113.30" };
const stackOf = (cluster: string) => `acme/${PROJECT}/${cluster}`;
const CHART = "kubernetes:helm.sh/v4:Chart";
const MC_CHART = "linkerd-multicluster-multicluster";

/** What the cluster would hold after the chart's first deploy: the gateway's load balancer and the token Secrets. */
function rendered(cluster: string, sources: string[]): Record<string, RenderedChild[]> {
    return {
        [MC_CHART]: [
            {
                type: "kubernetes:core/v1:Service",
                state: {
                    metadata: { name: "linkerd-gateway", namespace: "linkerd-multicluster" },
                    status: { loadBalancer: { ingress: [{ ip: GATEWAY_IPS[cluster] }] } },
                },
            },
            ...sources.map((source) => ({
                type: "kubernetes:core/v1:Secret",
                state: {
                    metadata: {
                        name: `linkerd-service-mirror-remote-access-${source}-token`,
                        namespace: "linkerd-multicluster",
                    },
                    type: "kubernetes.io/service-account-token",
                    data: { token: Buffer.from(`token-${cluster}-for-${source}`).toString("base64") },
                },
            })),
        ],
    };
}

function mcConfig(cluster: string, overrides: Config = {}): Config {
    return clusterStackConfig(cluster, {
        multiclusterEnabled: true,
        multiclusterAllowedSources: CLUSTERS.filter((c) => c !== cluster),
        ...overrides,
    });
}

describe("multicluster", () => {
    let trust: ProgramRun;
    const published: Record<string, ProgramRun> = {};
    let east: ProgramRun;
    let references: Record<string, StackReferenceFixture>;

    async function runCluster(cluster: string, overrides: Config = {}, extraReferences = {}) {
        return runProgram({
            stack: cluster,
            config: mcConfig(cluster, overrides),
            secretKeys: SECRET_KUBECONFIG,
            stackReferences: { ...references, ...extraReferences },
            renderedChildren: rendered(
                cluster,
                CLUSTERS.filter((c) => c !== cluster),
            ),
        });
    }

    before(async () => {
        trust = await runProgram({ stack: "trust", config: { issueFor: [...CLUSTERS] } });
        references = { [TRUST_STACK]: asStackReference(trust) };
        // First round: every cluster installs multicluster and publishes its bundle, linking nothing yet.
        for (const cluster of CLUSTERS) {
            published[cluster] = await runCluster(
                cluster,
                cluster === "north" ? { multiclusterFlatNetwork: true } : {},
            );
            references[stackOf(cluster)] = asStackReference(published[cluster]);
        }
        // Second round: east links to west through its gateway and to north pod to pod.
        east = await runCluster("east", {
            multiclusterLinks: [stackOf("west"), `${stackOf("north")} gateway=false`],
        });
    });

    describe("the extension in every cluster", () => {
        it("installs linkerd-multicluster at the pinned version after the control plane", () => {
            const chart = east.get(CHART, MC_CHART);
            assert.strictEqual(chart.inputs.chart, "linkerd-multicluster");
            assert.strictEqual(chart.inputs.name, "linkerd-multicluster");
            assert.strictEqual(chart.inputs.version, "2026.6.3");
            assert.strictEqual(chart.inputs.namespace, "linkerd-multicluster");
            assert.ok(chart.dependencies.includes(east.get(CHART, "linkerd-control-plane").urn));
            assert.strictEqual(east.byUrn(chart.parent).type, "linkerd:index:Multicluster");
        });

        it("creates the namespace with the hook Job's metadata, and disables the Job", () => {
            const ns = east.get("kubernetes:core/v1:Namespace", "linkerd-multicluster-namespace");
            assert.deepStrictEqual(ns.inputs.metadata, {
                name: "linkerd-multicluster",
                ...MULTICLUSTER_NAMESPACE_METADATA,
            });
            assert.strictEqual((east.get(CHART, MC_CHART).inputs.values as any).createNamespaceMetadataJob, false);
        });

        it("in HA mode sets upstream's values-ha.yaml and makes the link controllers HA", () => {
            const values = flatten(east.get(CHART, MC_CHART).inputs.values);
            for (const [key, value] of Object.entries(MULTICLUSTER_HA_VALUES)) {
                assert.deepStrictEqual(values[key], value, key);
            }
            assert.strictEqual(values["controllerDefaults.replicas"], 2);
            assert.strictEqual(values["controllerDefaults.enablePodAntiAffinity"], true);
            const small = flatten(published.west.get(CHART, MC_CHART).inputs.values as object);
            assert.ok(small["gateway.replicas"] === 3, "the published runs are HA too");
        });

        it("without HA leaves replicas and anti-affinity to the chart", async () => {
            const run = await runCluster("west", { highAvailability: false });
            const values = flatten(run.get(CHART, MC_CHART).inputs.values);
            assert.strictEqual(values["gateway.replicas"], undefined);
            assert.strictEqual(values.enablePodAntiAffinity, undefined);
            assert.strictEqual(values["controllerDefaults.replicas"], undefined);
        });

        it("creates one remote-access ServiceAccount (with its token) per allowed source cluster", () => {
            const values = east.get(CHART, MC_CHART).inputs.values as any;
            assert.strictEqual(values.remoteMirrorServiceAccount, true);
            assert.deepStrictEqual(values.remoteMirrorServiceAccountName, [
                "linkerd-service-mirror-remote-access-north",
                "linkerd-service-mirror-remote-access-west",
            ]);
        });

        it("has one controller per link, pod-to-pod ones without gateway", () => {
            const values = east.get(CHART, MC_CHART).inputs.values as any;
            assert.deepStrictEqual(values.controllers, [
                { link: { ref: { name: "west" } }, gateway: { enabled: true, probe: { port: 4191 } } },
                { link: { ref: { name: "north" } }, gateway: { enabled: false } },
            ]);
            for (const entry of values.controllers) {
                const unknown = Object.keys(flatten(entry)).filter((k) => !CONTROLLER_ENTRY_KEYS.includes(k));
                assert.deepStrictEqual(unknown, []);
            }
        });

        it("uses only keys that the pinned chart has", async () => {
            const nodePort = await runCluster("west", {
                multiclusterGatewayServiceType: "NodePort",
                multiclusterGatewayNodePort: 30143,
                multiclusterGatewayProbeNodePort: 30191,
                multiclusterGatewayAddresses: ["198.51.100.7"],
                multiclusterGatewayServiceAnnotations: ["service.beta.kubernetes.io/aws-load-balancer-internal=true"],
                multiclusterGatewayLoadBalancerSourceRanges: ["198.51.100.0/24"],
                identityTrustDomain: "mesh.example.com",
            });
            for (const run of [east, nodePort]) {
                const values = flatten(run.get(CHART, MC_CHART).inputs.values);
                const unknown = Object.keys(values).filter(
                    (k) =>
                        !MULTICLUSTER_KEYS.includes(k) &&
                        !k.startsWith("controllers") &&
                        !k.startsWith("gateway.serviceAnnotations."),
                );
                assert.deepStrictEqual(unknown, []);
            }
            const values = nodePort.get(CHART, MC_CHART).inputs.values as any;
            assert.strictEqual(values.gateway.serviceType, "NodePort");
            assert.strictEqual(values.gateway.nodePort, 30143);
            assert.strictEqual(values.gateway.probe.nodePort, 30191);
            assert.strictEqual(values.identityTrustDomain, "mesh.example.com");
        });
    });

    describe("the link bundle", () => {
        it("is published by every cluster stack, typed and complete", () => {
            const bundle = published.west.outputs.multiclusterLinkBundle.value as LinkBundle;
            assert.strictEqual(published.west.outputs.multiclusterLinkBundle.secret, false);
            assert.deepStrictEqual(bundle, {
                format: 1,
                clusterName: "west",
                apiServerUrl: "https://dev.k8s.example.com:6443",
                apiServerCaData: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==",
                clusterDomain: "cluster.local",
                trustDomain: "cluster.local",
                linkerdNamespace: "linkerd",
                linkerdVersion: "edge-26.6.3",
                trustAnchorsPem: trust.outputs.trustAnchorsPem.value,
                trustAnchorFingerprints: trust.outputs.trustAnchorFingerprints.value,
                flatNetwork: false,
                allowedSources: ["east", "north"],
                gateway: {
                    addresses: ["203.0.113.10"],
                    port: 4143,
                    identity: DEFAULT_GATEWAY_IDENTITY,
                    probe: { path: "/ready", port: 4191, periodSeconds: 3 },
                },
            });
        });

        it("carries each allowed source's token in a secret output, read from the token Secrets", () => {
            const tokens = published.west.outputs.multiclusterLinkTokens;
            assert.strictEqual(tokens.secret, true);
            assert.deepStrictEqual(tokens.value, { east: "token-west-for-east", north: "token-west-for-north" });
        });

        it("prefers configured gateway addresses, and states node ports for a NodePort gateway", async () => {
            const run = await runCluster("west", {
                multiclusterGatewayServiceType: "NodePort",
                multiclusterGatewayNodePort: 30143,
                multiclusterGatewayProbeNodePort: 30191,
                multiclusterGatewayAddresses: ["gw.west.example.com"],
            });
            const bundle = run.outputs.multiclusterLinkBundle.value as LinkBundle;
            assert.deepStrictEqual(bundle.gateway.addresses, ["gw.west.example.com"]);
            assert.strictEqual(bundle.gateway.port, 30143);
            assert.strictEqual(bundle.gateway.probe.port, 30191);
        });
    });

    describe("a gateway link (east → west)", () => {
        const expected = YAML.parseAllDocuments(LINK_GEN_WEST_YAML).map((d) => d.toJSON());

        it("creates both credential Secrets exactly as link-gen does, and keeps them secret", () => {
            const forController = east.get("kubernetes:core/v1:Secret", "link-west-credentials");
            const forDestination = east.get("kubernetes:core/v1:Secret", "link-west-discovery-credentials");
            for (const [secret, oracle] of [
                [forController, expected[0]],
                [forDestination, expected[1]],
            ] as const) {
                const { data, ...rest } = secret.inputs as Record<string, any>;
                assert.deepStrictEqual(rest, oracle);
                assert.deepStrictEqual(Object.keys(data), ["kubeconfig"]);
                assert.deepStrictEqual(
                    plaintextStrings(secret.rawInputs).filter((s) => s.path.startsWith("data")),
                    [],
                    "the kubeconfig is a secret input",
                );
            }
        });

        it("builds the kubeconfig from the bundle alone: server, CA data and this source's token", () => {
            const data = (east.get("kubernetes:core/v1:Secret", "link-west-credentials").inputs.data as any).kubeconfig;
            const kubeconfig = YAML.parse(Buffer.from(data, "base64").toString("utf8"));
            assert.deepStrictEqual(kubeconfig, {
                apiVersion: "v1",
                kind: "Config",
                clusters: [
                    {
                        name: "west",
                        cluster: {
                            server: "https://dev.k8s.example.com:6443",
                            "certificate-authority-data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==",
                        },
                    },
                ],
                users: [{ name: "linkerd-service-mirror-remote-access-east", user: { token: "token-west-for-east" } }],
                contexts: [
                    { name: "west", context: { cluster: "west", user: "linkerd-service-mirror-remote-access-east" } },
                ],
                "current-context": "west",
            });
            assert.doesNotMatch(JSON.stringify(kubeconfig), /exec|tokenFile|certificate-authority"|client-key/);
        });

        it("creates the Link with every field as link-gen prints it", () => {
            const link = east.get("kubernetes:multicluster.linkerd.io/v1alpha3:Link", "link-west-link");
            assert.deepStrictEqual(link.inputs, expected[2]);
        });

        it("orders the Link after the chart (its CRD) and both Secrets", () => {
            const link = east.get("kubernetes:multicluster.linkerd.io/v1alpha3:Link", "link-west-link");
            for (const name of ["link-west-credentials", "link-west-discovery-credentials"]) {
                assert.ok(link.dependencies.includes(east.get("kubernetes:core/v1:Secret", name).urn), name);
            }
            assert.ok(link.dependencies.includes(east.get(CHART, MC_CHART).urn));
        });
    });

    describe("a pod-to-pod link (east → north)", () => {
        it("leaves out the gateway fields and has an empty probeSpec, as link-gen --gateway=false", () => {
            const link = east.get("kubernetes:multicluster.linkerd.io/v1alpha3:Link", "link-north-link");
            const expected = YAML.parse(LINK_GEN_WEST_POD_TO_POD_SPEC_YAML.replace(/west/g, "north"));
            assert.deepStrictEqual(link.inputs.spec, expected);
        });
    });

    it("every Link validates against the pinned Link CRD's v1alpha3 schema", () => {
        const validate = new Ajv({ strict: false, allErrors: true }).compile(LINK_V1ALPHA3_SCHEMA);
        const links = east.ofType("kubernetes:multicluster.linkerd.io/v1alpha3:Link");
        assert.strictEqual(links.length, 2);
        assert.strictEqual(LINK_STORAGE_VERSION, "v1alpha3", "links are written in the CRD's storage version");
        for (const link of links) {
            assert.ok(validate(link.inputs), `${link.name}: ${JSON.stringify(validate.errors)}`);
        }
        assert.ok(!validate({ ...links[0].inputs, spec: { gatewayPort: 4143 } }), "the schema rejects a numeric port");
    });

    it("exports the links of this cluster and their targets", () => {
        assert.deepStrictEqual(east.outputs.multiclusterLinks.value, [
            { target: "west", stack: stackOf("west"), mode: "gateway", state: "linked" },
            { target: "north", stack: stackOf("north"), mode: "pod-to-pod", state: "linked" },
        ]);
        assert.deepStrictEqual(east.outputs.namespaces.value, {
            controlPlane: "linkerd",
            multicluster: "linkerd-multicluster",
        });
    });

    it("registers identical inputs on a second evaluation", async () => {
        const again = await runCluster("east", {
            multiclusterLinks: [stackOf("west"), `${stackOf("north")} gateway=false`],
        });
        const links = (r: ProgramRun) =>
            r.registrations
                .filter((x) => /multicluster|link-/.test(x.name))
                .map((x) => [x.urn, x.rawInputs])
                .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
        assert.deepStrictEqual(links(again), links(east));
    });

    describe("bring-up and removal", () => {
        it("skips a target that has not published its bundle yet, with a warning, and links it later", async () => {
            const run = await runCluster(
                "east",
                { multiclusterLinks: [stackOf("west")] },
                {
                    [stackOf("west")]: { outputs: {} },
                },
            );
            assert.deepStrictEqual(run.ofType("kubernetes:multicluster.linkerd.io/v1alpha3:Link"), []);
            assert.deepStrictEqual((run.get(CHART, MC_CHART).inputs.values as any).controllers, []);
            assert.ok(
                run.logs.some(
                    (l) => l.startsWith("warn:") && l.includes('not linking to "acme/linkerd-fleet/west" yet'),
                ),
            );
            assert.match(
                (run.outputs.multiclusterLinks.value as any[])[0].state,
                /^waiting: .*not published a link bundle/,
            );
        });

        it("removing a target removes its Link, Secrets and controller", async () => {
            const run = await runCluster("east", { multiclusterLinks: [stackOf("west")] });
            assert.ok(!run.summary().some((s) => s.includes("link-north")));
            assert.deepStrictEqual(
                (run.get(CHART, MC_CHART).inputs.values as any).controllers.map((c: any) => c.link.ref.name),
                ["west"],
            );
        });
    });

    describe("trust preflight", () => {
        const west = () => published.west.outputs.multiclusterLinkBundle.value as LinkBundle;
        const view = (bundle: LinkBundle) => ({ ...bundle, trustDomain: bundle.trustDomain });
        const otherAnchor = () => (published.west.outputs.webhookCaNotAfter ? webhookCa(published.west) : "");

        it("accepts identical bundles", () => {
            assert.deepStrictEqual(trustPreflight(view(west()), view(west()), "k"), []);
        });

        it("warns, naming both clusters, when bundles overlap but differ (mid-rotation)", () => {
            const rotating = {
                ...west(),
                clusterName: "west",
                trustAnchorsPem: west().trustAnchorsPem + otherAnchor(),
            };
            const findings = trustPreflight({ ...view(west()), clusterName: "east" }, rotating, "k");
            assert.deepStrictEqual(
                findings.map((f) => f.level),
                ["warning"],
            );
            assert.match(
                findings[0].message,
                /clusters "east" and "west" have overlapping but different trust bundles/,
            );
        });

        it("fails, naming both clusters and the fix, when they share no anchor", async () => {
            const foreign = { ...west(), trustAnchorsPem: otherAnchor() };
            const findings = trustPreflight({ ...view(west()), clusterName: "east" }, foreign, "k");
            assert.strictEqual(findings[0].level, "error");
            assert.match(findings[0].message, /clusters "east" and "west" share no trust anchor.*same trust stack/);
            await assert.rejects(
                runCluster(
                    "east",
                    { multiclusterLinks: [stackOf("west")] },
                    {
                        [stackOf("west")]: {
                            outputs: { ...references[stackOf("west")].outputs, multiclusterLinkBundle: foreign },
                            secretOutputNames: references[stackOf("west")].secretOutputNames,
                        },
                    },
                ),
                /share no trust anchor/,
            );
        });

        it("reports a different trust or cluster domain the same way, naming both clusters", () => {
            const findings = trustPreflight(
                { ...view(west()), clusterName: "east" },
                { ...west(), trustDomain: "mesh.example.com", clusterDomain: "west.local" },
                "k",
            );
            assert.deepStrictEqual(
                findings.map((f) => [f.level, /"east" and "west"/.test(f.message)]),
                [
                    ["warning", true],
                    ["warning", true],
                ],
            );
        });
    });

    describe("bad links", () => {
        async function linkError(overrides: Config, extraReferences: Record<string, StackReferenceFixture> = {}) {
            try {
                await runCluster("east", overrides, extraReferences);
            } catch (error) {
                return error as Error & { registrations: { type: string }[] };
            }
            throw new assert.AssertionError({ message: "the links were accepted" });
        }

        it("rejects a link to itself, the same target twice and a malformed stack name, creating nothing", async () => {
            for (const [links, pattern] of [
                [[stackOf("east")], /"acme\/linkerd-fleet\/east" is this stack; a cluster does not link to itself/],
                [[stackOf("west"), stackOf("west")], /"acme\/linkerd-fleet\/west" is listed twice/],
                [["west"], /"west" is not a fully qualified stack name/],
                [[`${stackOf("west")} mode=fast`], /unknown option "mode=fast"/],
            ] as const) {
                const error = await linkError({ multiclusterLinks: [...links] });
                assert.match(error.message, /linkerd-fleet:multiclusterLinks: /);
                assert.match(error.message, pattern);
                assert.deepStrictEqual(error.registrations, []);
            }
        });

        it("rejects a target whose bundle misses fields, naming them", async () => {
            const { gateway, linkerdVersion, ...partial } = published.west.outputs.multiclusterLinkBundle.value as any;
            void gateway;
            void linkerdVersion;
            const error = await linkError(
                { multiclusterLinks: [stackOf("west")] },
                { [stackOf("west")]: { outputs: { multiclusterLinkBundle: partial } } },
            );
            assert.match(
                error.message,
                /the link bundle of "acme\/linkerd-fleet\/west" is incomplete: .*linkerdVersion is missing.*gateway is missing/,
            );
            assert.ok(
                error.registrations.every((r) => r.type === "pulumi:pulumi:StackReference"),
                "only reads",
            );
        });

        it("rejects a gateway-less link to a cluster whose network is not declared flat", async () => {
            const error = await linkError({ multiclusterLinks: [`${stackOf("west")} gateway=false`] });
            assert.match(
                error.message,
                /pod-to-pod link, but cluster "west" does not declare a flat network.*multiclusterFlatNetwork true/,
            );
        });

        it("rejects a target that has no token for this cluster, saying which stack must allow it", async () => {
            const strict = await runCluster("west", { multiclusterAllowedSources: ["north"] });
            const error = await linkError(
                { multiclusterLinks: [stackOf("west")] },
                { [stackOf("west")]: asStackReference(strict) },
            );
            assert.match(
                error.message,
                /cluster "west" \(stack "acme\/linkerd-fleet\/west"\) has no token for "east": add "east" to linkerd-fleet:multiclusterAllowedSources in that stack/,
            );
        });

        it("rejects two target stacks that are the same cluster", async () => {
            const error = await linkError(
                { multiclusterLinks: [stackOf("west"), "acme/linkerd-fleet/west-copy"] },
                { "acme/linkerd-fleet/west-copy": references[stackOf("west")] },
            );
            assert.match(error.message, /are both cluster "west"; link to it once/);
        });
    });

    it("prints Go durations as link-gen does", () => {
        for (const [seconds, text] of Object.entries(GO_DURATIONS)) {
            assert.strictEqual(goDuration(Number(seconds)), text);
        }
    });

    it("rejects multicluster settings that cannot work, before anything is created", () => {
        const source = (config: Config) => ({
            project: PROJECT,
            stack: "east",
            values: Object.fromEntries(
                Object.entries(config).map(([k, v]) => [
                    k.includes(":") ? k : `${PROJECT}:${k}`,
                    Array.isArray(v) ? JSON.stringify(v) : String(v),
                ]),
            ),
            secretKeys: new Set([`${PROJECT}:kubeconfig`]),
            readDefaultKubeconfig: () => undefined,
        });
        for (const [config, pattern] of [
            [
                mcConfig("east", { multiclusterGatewayServiceType: "NodePort" }),
                /a NodePort gateway is reached on its node ports/,
            ],
            [
                mcConfig("east", { multiclusterGatewayServiceType: "ClusterIP" }),
                /a ClusterIP gateway has no load balancer/,
            ],
            [
                mcConfig("east", { multiclusterGatewayServiceType: "Ingress" }),
                /"Ingress" is not one of LoadBalancer, NodePort, ClusterIP/,
            ],
            [
                mcConfig("east", { multiclusterAllowedSources: ["east"] }),
                /multiclusterAllowedSources: "east" is this cluster/,
            ],
            [
                mcConfig("east", { multiclusterApiServerUrl: "http://api:6443" }),
                /multiclusterApiServerUrl: "http:\/\/api:6443" is not an https:\/\/ URL/,
            ],
            [
                mcConfig("east", { multiclusterApiServerCaData: "bm90IGEgY2VydA==" }),
                /multiclusterApiServerCaData: is not a base64-encoded PEM certificate/,
            ],
            [
                clusterStackConfig("east", { multiclusterLinks: [stackOf("west")] }),
                /multiclusterLinks: only applies when the multicluster extension is installed/,
            ],
            [
                mcConfig("east", { kubeconfig: KUBECONFIG.replace(/ {6}certificate-authority-data: .*\n/, "") }),
                /multiclusterApiServerCaData: the kubeconfig's cluster has no certificate-authority-data/,
            ],
        ] as const) {
            assert.throws(() => parseSettings(source(config as Config)), pattern);
        }
    });
});

/** A CA certificate that is not the trust anchor: the webhook CA of a run's cluster. */
function webhookCa(run: ProgramRun): string {
    const values = run.get("kubernetes:helm.sh/v4:Chart", "linkerd-control-plane").inputs.values as any;
    return values.proxyInjector.caBundle;
}
