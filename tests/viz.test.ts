// Viz on the organisation's Prometheus: the chart's values against the pinned chart, the namespace
// metadata, ordering, tap access, the scrape configuration in its three modes (checked with
// promtool and against the chart's own jobs), and the scrape authorization policy objects.
import * as assert from "assert";
import Ajv from "ajv";
import { execFileSync } from "child_process";
import { X509Certificate } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { SECRET_KUBECONFIG, singleClusterConfig } from "./support/fixtures";
import { flatten } from "./support/flatten";
import { plaintextStrings, ProgramRun, runProgram } from "./support/harness";
import { verifies } from "./support/openssl";
import { TlsDouble } from "./support/tlsDouble";
import {
    AUTHORIZATION_POLICY_V1ALPHA1,
    INBOUND_POLICIES,
    NETWORK_AUTHENTICATION_V1ALPHA1,
    SERVER_V1BETA3,
} from "./upstream/policyCrds";
import { INBOUND_POLICIES as ACCEPTED_POLICIES } from "../components/config";
import { CONTROL_PLANE_KEYS } from "./upstream/linkerd";
import {
    CHART_PROMETHEUS_GLOBAL,
    CHART_SCRAPE_JOBS_YAML,
    CONTROL_PLANE_ADMIN_PORTS,
    TAP_ADMIN_CLUSTER_ROLE,
    VIZ_HA_ONLY_KEYS,
    VIZ_HA_VALUES,
    VIZ_KEYS,
    VIZ_WEBHOOK_DNS_NAMES,
    vizNamespaceMetadataFor,
} from "./upstream/viz";

type Config = Record<string, string | number | boolean | string[]>;

const PROMETHEUS = "http://prometheus.monitoring.svc.cluster.local:9090";
const CHART = "kubernetes:helm.sh/v4:Chart";

function vizConfig(overrides: Config = {}): Config {
    return singleClusterConfig({ vizEnabled: true, prometheusUrl: PROMETHEUS, ...overrides });
}

async function runViz(overrides: Config = {}, secretKeys: string[] = SECRET_KUBECONFIG): Promise<ProgramRun> {
    return runProgram({ config: vizConfig(overrides), secretKeys });
}

function vizValues(run: ProgramRun): Record<string, any> {
    return run.get(CHART, "linkerd-viz-viz").inputs.values as Record<string, any>;
}

/**
 * Runs promtool on a complete Prometheus configuration; returns its output, throws on failure.
 * Debian's Prometheus is built without Kubernetes service discovery, so its promtool rejects
 * `kubernetes_sd_configs` as an unknown field. Each job's discovery block is therefore swapped for
 * a static target before the check: promtool still validates everything else (job names,
 * intervals, every relabel rule's action, regex and labels), and the discovery blocks themselves
 * are compared with the chart's field by field in the tests above.
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

describe("viz", () => {
    let run: ProgramRun;
    before(async () => {
        run = await runViz();
    });

    it("installs the linkerd-viz chart at the pinned version into its own namespace", () => {
        const chart = run.get(CHART, "linkerd-viz-viz");
        assert.strictEqual(chart.inputs.chart, "linkerd-viz");
        assert.strictEqual(chart.inputs.name, "linkerd-viz");
        assert.strictEqual(chart.inputs.version, "2026.6.3");
        assert.deepStrictEqual(chart.inputs.repositoryOpts, { repo: "https://helm.linkerd.io/edge" });
        assert.strictEqual(chart.inputs.namespace, "linkerd-viz");
        assert.strictEqual(run.byUrn(chart.parent).type, "linkerd:index:Viz");
        assert.strictEqual(chart.provider, `${run.get("pulumi:providers:kubernetes", "dev").urn}::dev-id`);
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
        const ns = run.get("kubernetes:core/v1:Namespace", "linkerd-viz-namespace");
        assert.deepStrictEqual(ns.inputs.metadata, { name: "linkerd-viz", ...vizNamespaceMetadataFor(PROMETHEUS) });
    });

    it("installs after the control plane", () => {
        const controlPlane = run.get(CHART, "linkerd-control-plane").urn;
        assert.ok(run.get(CHART, "linkerd-viz-viz").dependencies.includes(controlPlane));
        assert.ok(run.get("kubernetes:core/v1:Namespace", "linkerd-viz-namespace").dependencies.includes(controlPlane));
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
                prometheusUsername: "viz",
                prometheusPassword: "s3cret",
                grafanaExternalUrl: "https://grafana.example.com",
                vizDashboardRestrictPrivileges: true,
                vizDashboardEnforcedHost: "^dashboard\\.example\\.com$",
            },
            { grafanaUrl: "grafana.grafana:3000" },
        ] as Config[]) {
            const values = flatten(vizValues(await runViz(overrides, [...SECRET_KUBECONFIG, "prometheusPassword"])));
            const unknown = Object.keys(values).filter((k) => !VIZ_KEYS.includes(k) && !VIZ_HA_ONLY_KEYS.includes(k));
            assert.deepStrictEqual(unknown, [], JSON.stringify(overrides));
        }
    });

    it("supplies the tap and tap-injector certificates from the cluster's webhook CA", () => {
        const values = vizValues(run);
        const controlPlane = run.get(CHART, "linkerd-control-plane").inputs.values as any;
        for (const [key, dnsName] of Object.entries(VIZ_WEBHOOK_DNS_NAMES)) {
            const tls = values[key];
            assert.strictEqual(tls.externalSecret, false);
            assert.strictEqual(new X509Certificate(tls.crtPEM).subjectAltName, `DNS:${dnsName}`);
            assert.strictEqual(tls.caBundle, controlPlane.proxyInjector.caBundle, "the same per-cluster CA");
            assert.ok(verifies(tls.caBundle, tls.crtPEM, { purpose: "sslserver" }), key);
        }
    });

    it("registers identical inputs on a second evaluation", async () => {
        const tls = new TlsDouble();
        const first = await runProgram({ config: vizConfig(), secretKeys: SECRET_KUBECONFIG, tls });
        const second = await runProgram({ config: vizConfig(), secretKeys: SECRET_KUBECONFIG, tls });
        const byUrn = (r: ProgramRun) =>
            r.registrations.map((x) => [x.urn, x.rawInputs]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
        assert.deepStrictEqual(byUrn(second), byUrn(first));
    });

    it("exports the dashboard service, the Prometheus URL and the scrape configuration", () => {
        assert.strictEqual(run.outputs.vizDashboardService.value, "web.linkerd-viz.svc.cluster.local:8084");
        assert.strictEqual(run.outputs.prometheusUrl.value, PROMETHEUS);
        assert.match(String(run.outputs.prometheusScrapeConfig.value), /^scrape_configs:\n/);
        assert.deepStrictEqual(run.outputs.namespaces.value, { controlPlane: "linkerd", viz: "linkerd-viz" });
    });

    it("keeps Prometheus credentials secret and hands them to viz through a Secret", async () => {
        const withCreds = await runViz({ prometheusUsername: "viz", prometheusPassword: "s3cret-pw" }, [
            ...SECRET_KUBECONFIG,
            "prometheusPassword",
        ]);
        const secret = withCreds.get("kubernetes:core/v1:Secret", "linkerd-viz-prometheus-credentials");
        assert.deepStrictEqual(secret.inputs.metadata, { name: "prometheus-credentials", namespace: "linkerd-viz" });
        assert.deepStrictEqual(secret.inputs.stringData, { user: "viz", password: "s3cret-pw" });
        assert.strictEqual(vizValues(withCreds).prometheusCredsSecret, "prometheus-credentials");
        for (const r of withCreds.registrations) {
            assert.ok(!plaintextStrings(r.rawInputs).some((s) => s.value.includes("s3cret-pw")), r.name);
        }
    });

    it("links one Grafana: in-cluster or external", async () => {
        assert.deepStrictEqual(vizValues(await runViz({ grafanaUrl: "grafana.grafana:3000" })).grafana, {
            url: "grafana.grafana:3000",
        });
        assert.deepStrictEqual(vizValues(await runViz({ grafanaExternalUrl: "https://grafana.example.com" })).grafana, {
            externalUrl: "https://grafana.example.com",
        });
    });

    it("restricts the dashboard and enforces its host when asked", async () => {
        const values = vizValues(
            await runViz({ vizDashboardRestrictPrivileges: true, vizDashboardEnforcedHost: "^dash\\.example\\.com$" }),
        );
        assert.deepStrictEqual(values.dashboard.restrictPrivileges, true);
        assert.deepStrictEqual(values.dashboard.enforcedHostRegexp, "^dash\\.example\\.com$");
    });

    describe("tap access control", () => {
        it("binds exactly the configured subjects to viz's tap-admin ClusterRole", async () => {
            const withAdmins = await runViz({
                tapAdmins: ["Group:platform-team", "User:alice@example.com", "ServiceAccount:ops/tap-bot"],
            });
            const bindings = withAdmins.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding");
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
            assert.ok(bindings[0].dependencies.includes(withAdmins.get(CHART, "linkerd-viz-viz").urn));
        });

        it("binds nobody when no subject is configured", () => {
            assert.deepStrictEqual(run.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"), []);
        });
    });

    describe("scrape configuration", () => {
        const chartJobs = YAML.parse(CHART_SCRAPE_JOBS_YAML) as any[];

        function jobsOf(r: ProgramRun): any[] {
            return YAML.parse(String(r.outputs.prometheusScrapeConfig.value)).scrape_configs;
        }

        it("matches the pinned chart's own jobs field by field, with its 10s interval and timeout", () => {
            const jobs = jobsOf(run);
            assert.deepStrictEqual(
                jobs.map((j) => j.job_name),
                chartJobs.map((j) => j.job_name),
            );
            for (const [i, job] of jobs.entries()) {
                const { scrape_interval, scrape_timeout, ...rest } = job;
                assert.deepStrictEqual(
                    { ...rest, relabel_configs: normalize(rest.relabel_configs) },
                    { ...chartJobs[i], relabel_configs: normalize(chartJobs[i].relabel_configs) },
                    job.job_name,
                );
                assert.deepStrictEqual({ scrape_interval, scrape_timeout }, CHART_PROMETHEUS_GLOBAL);
            }
        });

        it("keeps every current control-plane admin port and not the stale admin-http name", () => {
            const keep = new RegExp(`^(?:${jobsOf(run)[0].relabel_configs[0].regex})$`);
            for (const port of CONTROL_PLANE_ADMIN_PORTS) {
                assert.ok(keep.test(port), port);
            }
            assert.doesNotMatch(String(run.outputs.prometheusScrapeConfig.value), /admin-http/);
        });

        it("passes promtool check config inside a complete Prometheus configuration", () => {
            const fragment = YAML.parse(String(run.outputs.prometheusScrapeConfig.value));
            const out = promtoolCheck({ global: { scrape_interval: "1m" }, ...fragment });
            assert.match(out, /SUCCESS/);
        });

        it("promtool rejects a broken configuration (the oracle is live)", () => {
            const fragment = YAML.parse(String(run.outputs.prometheusScrapeConfig.value));
            fragment.scrape_configs[0].relabel_configs[0].action = "keepp";
            assert.throws(() => promtoolCheck(fragment));
        });

        it("uses the configured interval", async () => {
            const jobs = jobsOf(await runViz({ prometheusScrapeInterval: "30s" }));
            assert.ok(jobs.every((j) => j.scrape_interval === "30s" && j.scrape_timeout === "30s"));
        });

        it("secret mode: a Secret for Prometheus Operator's additionalScrapeConfigs in the Prometheus's namespace", async () => {
            const secretRun = await runViz({
                prometheusScrapeConfig: "secret",
                prometheusScrapeSecretNamespace: "monitoring",
            });
            const secret = secretRun.get("kubernetes:core/v1:Secret", "linkerd-viz-scrape-configs");
            assert.deepStrictEqual(secret.inputs.metadata, { name: "linkerd-scrape-configs", namespace: "monitoring" });
            const jobs = YAML.parse((secret.inputs.stringData as Record<string, string>)["scrape-configs.yaml"]);
            assert.deepStrictEqual(jobs, jobsOf(secretRun));
            assert.match(promtoolCheck({ scrape_configs: jobs }), /SUCCESS/);
            const controlPlane = secretRun.get(CHART, "linkerd-control-plane").inputs.values as any;
            assert.strictEqual(controlPlane.podMonitor, undefined);
        });

        it("podMonitors mode: the control-plane chart's PodMonitors, labelled for the Prometheus", async () => {
            const podMonitorRun = await runViz({
                prometheusScrapeConfig: "podMonitors",
                prometheusPodMonitorLabels: ["release=kube-prometheus-stack"],
            });
            const values = podMonitorRun.get(CHART, "linkerd-control-plane").inputs.values as any;
            assert.deepStrictEqual(values.podMonitor, {
                enabled: true,
                scrapeInterval: "10s",
                scrapeTimeout: "10s",
                labels: { release: "kube-prometheus-stack" },
            });
            const keys = Object.keys(flatten(values.podMonitor, "podMonitor")).filter(
                (k) => !k.startsWith("podMonitor.labels."),
            );
            assert.deepStrictEqual(
                keys.filter((k) => !CONTROL_PLANE_KEYS.includes(k)),
                [],
            );
            assert.deepStrictEqual(podMonitorRun.ofType("kubernetes:core/v1:Secret"), []);
        });
    });

    describe("scrape authorization", () => {
        const ajv = new Ajv({ strict: false, allErrors: true });
        const validators: Record<string, ReturnType<typeof ajv.compile>> = {
            Server: ajv.compile(SERVER_V1BETA3),
            AuthorizationPolicy: ajv.compile(AUTHORIZATION_POLICY_V1ALPHA1),
            NetworkAuthentication: ajv.compile(NETWORK_AUTHENTICATION_V1ALPHA1),
        };
        const customResources = (r: ProgramRun) =>
            r.registrations.filter((x) => x.type.startsWith("kubernetes:policy.linkerd.io/"));
        const policy = (r: ProgramRun, name: string) => {
            const found = customResources(r).find((x) => x.name === name);
            assert.ok(found, name);
            return found;
        };

        function assertValid(r: ProgramRun) {
            for (const resource of customResources(r)) {
                const validate = validators[resource.inputs.kind as string];
                assert.ok(validate, `no schema for ${String(resource.inputs.kind)}`);
                assert.ok(validate(resource.inputs), `${resource.name}: ${ajv.errorsText(validate.errors)}`);
            }
        }

        it("accepts exactly Linkerd's inbound policies as defaultInboundPolicy", () => {
            assert.deepStrictEqual([...ACCEPTED_POLICIES].sort(), [...INBOUND_POLICIES].sort());
        });

        it("is not needed, and not created, under the chart's default policy", () => {
            assert.deepStrictEqual(customResources(run), []);
        });

        it("authorizes a meshed Prometheus's ServiceAccount on the admin port only, keeping the policy for others", async () => {
            const denied = await runViz({
                defaultInboundPolicy: "deny",
                prometheusServiceAccount: "monitoring/prometheus",
                scrapeAuthorizationNamespaces: ["shop", "linkerd"],
            });
            assertValid(denied);
            const byName = (name: string) => policy(denied, name).inputs;
            for (const namespace of ["linkerd", "shop"]) {
                const server = byName(`linkerd-viz-scrape-${namespace}-server`);
                assert.deepStrictEqual(server.metadata, { name: "linkerd-fleet-proxy-admin", namespace });
                assert.deepStrictEqual(server.spec, {
                    podSelector: {},
                    port: "linkerd-admin",
                    proxyProtocol: "HTTP/1",
                    accessPolicy: "deny",
                });
                const authorization = byName(`linkerd-viz-scrape-${namespace}-authorization`);
                assert.deepStrictEqual(authorization.spec, {
                    targetRef: { group: "policy.linkerd.io", kind: "Server", name: "linkerd-fleet-proxy-admin" },
                    requiredAuthenticationRefs: [
                        { kind: "ServiceAccount", name: "prometheus", namespace: "monitoring" },
                    ],
                });
            }
            assert.strictEqual(customResources(denied).length, 4);
            const controlPlane = denied.get(CHART, "linkerd-control-plane").inputs.values as any;
            assert.strictEqual(controlPlane.proxy.defaultInboundPolicy, "deny");
        });

        it("authorizes an unmeshed Prometheus by its networks", async () => {
            const authenticated = await runViz({
                defaultInboundPolicy: "all-authenticated",
                prometheusNetworks: ["10.20.0.0/16", "fd00:20::/64"],
                scrapeAuthorizationNamespaces: ["shop"],
            });
            assertValid(authenticated);
            const networks = policy(authenticated, "linkerd-viz-scrape-shop-networks");
            assert.deepStrictEqual(networks.inputs.spec, {
                networks: [{ cidr: "10.20.0.0/16" }, { cidr: "fd00:20::/64" }],
            });
            const authorization = policy(authenticated, "linkerd-viz-scrape-shop-authorization");
            assert.deepStrictEqual((authorization.inputs.spec as any).requiredAuthenticationRefs, [
                { group: "policy.linkerd.io", kind: "NetworkAuthentication", name: "linkerd-fleet-prometheus" },
            ]);
            assert.ok(authorization.dependencies.includes(networks.urn));
            const server = policy(authenticated, "linkerd-viz-scrape-shop-server");
            assert.strictEqual((server.inputs.spec as any).accessPolicy, "all-authenticated");
            assert.ok(server.dependencies.includes(authenticated.get(CHART, "linkerd-control-plane").urn));
        });

        it("creates nothing for a meshed Prometheus that all-authenticated already admits, and says so", async () => {
            const admitted = await runViz({
                defaultInboundPolicy: "all-authenticated",
                prometheusServiceAccount: "monitoring/prometheus",
            });
            assert.deepStrictEqual(customResources(admitted), []);
            assert.ok(admitted.logs.some((l) => /already lets this Prometheus scrape/.test(l)));
        });
    });
});

/** The chart's YAML writes some values with stray spaces (`replacement:  __tmp…`); compare trimmed. */
function normalize(configs: any[]): any[] {
    return configs.map((c) =>
        Object.fromEntries(Object.entries(c).map(([k, v]) => [k, typeof v === "string" ? v.trim() : v])),
    );
}
