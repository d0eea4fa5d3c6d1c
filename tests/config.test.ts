// Configuration: every bad input fails before any resource is registered, with a message that
// names the key, says what is wrong and how to fix it; good inputs parse to the expected settings.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { CONFIG_SCHEMA, ConfigError, ConfigSource, parseSettings } from "../components/config";
import { KUBECONFIG, SECRET_KUBECONFIG, singleClusterConfig } from "./support/fixtures";
import { PROJECT, Registration, runProgram } from "./support/harness";

type Config = Record<string, string | number | boolean | string[]>;

/** Runs the program with `config` and returns the configuration error it must fail with. */
async function configError(config: Config, secretKeys = SECRET_KUBECONFIG, stack = "dev"): Promise<ConfigError> {
    try {
        await runProgram({ config, secretKeys, stack });
    } catch (error) {
        assert.ok(error instanceof ConfigError, `expected a ConfigError, got: ${String(error)}`);
        const registrations = (error as unknown as { registrations: Registration[] }).registrations;
        assert.deepStrictEqual(registrations, [], "no resource may be registered on bad configuration");
        return error;
    }
    throw new assert.AssertionError({ message: `configuration was accepted: ${JSON.stringify(config)}` });
}

function source(config: Config, overrides: Partial<ConfigSource> = {}): ConfigSource {
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(config)) {
        values[key.includes(":") ? key : `${PROJECT}:${key}`] = Array.isArray(value)
            ? JSON.stringify(value)
            : String(value);
    }
    return {
        project: PROJECT,
        stack: "dev",
        values,
        secretKeys: new Set([`${PROJECT}:kubeconfig`]),
        readDefaultKubeconfig: () => undefined,
        ...overrides,
    };
}

describe("bad configuration", () => {
    const cases: { title: string; config: Config; secretKeys?: string[]; stack?: string; expect: RegExp[] }[] = [
        {
            title: "an unknown key, with the closest known key suggested",
            config: singleClusterConfig({ clustername: "dev" }),
            expect: [
                /linkerd-fleet:clustername: unknown key\. Did you mean linkerd-fleet:clusterName\?/,
                /pulumi config rm/,
            ],
        },
        {
            title: "a cluster name that is not a DNS-1123 label",
            config: singleClusterConfig({ clusterName: "East_1" }),
            expect: [
                /linkerd-fleet:clusterName: "East_1" is not a DNS-1123 label/,
                /pulumi config set linkerd-fleet:clusterName/,
            ],
        },
        {
            title: "a cluster name longer than 63 characters",
            config: singleClusterConfig({ clusterName: "a".repeat(64) }),
            expect: [/linkerd-fleet:clusterName: "a{64}" is not a DNS-1123 label/],
        },
        {
            title: "an issuer that does not end well before the anchor",
            config: singleClusterConfig({ trustAnchorValidityHours: 17520, issuerValidityHours: 10000 }),
            expect: [
                /linkerd-fleet:issuerValidityHours: an issuer valid for 10000 hours does not end well before the trust anchor \(17520 hours\)/,
                /at most half.*8760 hours/,
            ],
        },
        {
            title: "an issuer shorter than two days",
            config: singleClusterConfig({ issuerValidityHours: 24 }),
            expect: [/linkerd-fleet:issuerValidityHours: 24 hours is too short/],
        },
        {
            title: "a cluster stack with neither kubeconfig nor context",
            config: { "kubernetes:strictMode": "true", clusterName: "dev" },
            expect: [
                /linkerd-fleet:kubeconfig: a cluster stack needs a kubeconfig \(as a secret\) and\/or a context; neither is set/,
                /pulumi config set --secret linkerd-fleet:kubeconfig/,
            ],
        },
        {
            title: "a chart version not of the form YYYY.M.N",
            config: singleClusterConfig({ linkerdChartVersion: "stable-2.14.10" }),
            expect: [
                /linkerd-fleet:linkerdChartVersion: "stable-2.14.10" is not a Linkerd edge chart version of the form YYYY\.M\.N/,
                /pulumi config set linkerd-fleet:linkerdChartVersion 2026\.6\.3/,
            ],
        },
        {
            title: "a chart version with a leading-zero month",
            config: singleClusterConfig({ linkerdChartVersion: "2026.06.3" }),
            expect: [/linkerd-fleet:linkerdChartVersion: "2026.06.3"/],
        },
        {
            title: "a malformed trust stack reference",
            config: singleClusterConfig({ trustStack: "trust" }),
            expect: [
                /linkerd-fleet:trustStack: "trust" is not a fully qualified stack name/,
                /<organization>\/<project>\/<stack>/,
            ],
        },
        {
            title: "a trust stack reference with an empty part",
            config: singleClusterConfig({ trustStack: "acme//trust" }),
            expect: [/linkerd-fleet:trustStack: "acme\/\/trust" is not a fully qualified stack name/],
        },
        {
            title: "a trust stack reference to the stack itself",
            config: singleClusterConfig({ trustStack: `acme/${PROJECT}/dev` }),
            expect: [/linkerd-fleet:trustStack: "acme\/linkerd-fleet\/dev" names this stack/],
        },
        {
            title: "a cluster the owning stack issues for twice",
            config: singleClusterConfig({ issueFor: ["east", "west", "east"] }),
            expect: [/linkerd-fleet:issueFor: cluster "east" is listed twice/],
        },
        {
            title: "an issueFor entry that is not a DNS-1123 label",
            config: singleClusterConfig({ issueFor: ["East"] }),
            expect: [/linkerd-fleet:issueFor: "East" is not a DNS-1123 label/],
        },
        {
            title: "a trust stack that issues for nothing and installs nothing",
            config: {},
            expect: [
                /linkerd-fleet:issueFor: this stack owns the trust root but issues for no cluster and installs into none/,
            ],
        },
        {
            title: "strict mode off",
            config: singleClusterConfig({ "kubernetes:strictMode": "false" }),
            expect: [/kubernetes:strictMode: must be "true"/, /pulumi config set kubernetes:strictMode true/],
        },
        {
            title: "a kubeconfig stored in plain text",
            config: singleClusterConfig(),
            secretKeys: [],
            expect: [/linkerd-fleet:kubeconfig: is stored in plain text/, /--secret/],
        },
        {
            title: "a context the kubeconfig does not have",
            config: singleClusterConfig({ kubeContext: "prod-admin" }),
            expect: [
                /linkerd-fleet:kubeContext: context "prod-admin" is not in linkerd-fleet:kubeconfig \(it has: dev-admin, dev-readonly\)/,
            ],
        },
        {
            title: "a kubeconfig that is not YAML, without echoing it",
            config: singleClusterConfig({ kubeconfig: "token: [unbalanced" }),
            expect: [/linkerd-fleet:kubeconfig: is not a valid kubeconfig/],
        },
        {
            title: "a kubeconfig without current-context and no context named",
            config: singleClusterConfig({
                kubeconfig: KUBECONFIG.replace("current-context: dev-admin\n", ""),
                kubeContext: "",
            }),
            expect: [/linkerd-fleet:kubeContext: not set, and linkerd-fleet:kubeconfig has no current-context/],
        },
        {
            title: "cluster settings in a stack without a cluster",
            config: { issueFor: ["east"], highAvailability: false, kubeContext: "x" },
            expect: [
                /linkerd-fleet:highAvailability: only applies to a stack that installs Linkerd into a cluster/,
                /linkerd-fleet:kubeContext: only applies/,
            ],
        },
        {
            title: "trust-owner settings in a stack that reads its trust elsewhere",
            config: singleClusterConfig({ trustStack: `acme/${PROJECT}/trust`, issuerValidityHours: 4000 }),
            expect: [/linkerd-fleet:issuerValidityHours: only applies to the stack that owns the trust root/],
        },
        {
            title: "a stack that reads its trust elsewhere but installs no cluster",
            config: { trustStack: `acme/${PROJECT}/trust` },
            expect: [
                /linkerd-fleet:clusterName: is required in a stack that reads its trust from linkerd-fleet:trustStack/,
            ],
        },
        {
            title: "an unknown Gateway API mode",
            config: singleClusterConfig({ gatewayApiCrds: "skip" }),
            expect: [/linkerd-fleet:gatewayApiCrds: "skip" is not one of "install".*or "preinstalled"/],
        },
        {
            title: "a Gateway API release Linkerd 2.20 does not support",
            config: singleClusterConfig({ gatewayApiVersion: "v1.1.1" }),
            expect: [
                /linkerd-fleet:gatewayApiVersion: "v1.1.1" is not a Gateway API release that Linkerd 2.20 supports \(v1.2.1 to v1.5.1/,
            ],
        },
        {
            title: "a Gateway API version with preinstalled CRDs",
            config: singleClusterConfig({ gatewayApiCrds: "preinstalled", gatewayApiVersion: "v1.3.0" }),
            expect: [
                /linkerd-fleet:gatewayApiVersion: has no effect when linkerd-fleet:gatewayApiCrds is "preinstalled"/,
            ],
        },
        {
            title: "a malformed resource override",
            config: singleClusterConfig({ controlPlaneResources: ["destination.memory=1Gi", "tap.cpu.limit=1"] }),
            expect: [
                /linkerd-fleet:controlPlaneResources: "destination.memory=1Gi" is not of the form/,
                /"tap.cpu.limit=1" is not of the form/,
            ],
        },
        {
            title: "a negative or malformed quantity",
            config: singleClusterConfig({
                controlPlaneResources: ["destination.memory.limit=-1Gi", "identity.cpu.limit=1 core"],
            }),
            expect: [/"-1Gi" in "destination.memory.limit=-1Gi" is not a non-negative Kubernetes quantity/, /"1 core"/],
        },
        {
            title: "a request above its limit (HA defaults included)",
            config: singleClusterConfig({ controlPlaneResources: ["destination.memory.request=1Gi"] }),
            expect: [/destination.memory would request 1Gi but be limited to 250Mi \(HA defaults included\)/],
        },
        {
            title: "the same override twice",
            config: singleClusterConfig({ controlPlaneResources: ["identity.cpu.limit=1", "identity.cpu.limit=2"] }),
            expect: [/"identity.cpu.limit" is set twice/],
        },
        {
            title: "a malformed number and boolean",
            config: singleClusterConfig({ issuerValidityHours: "one year", highAvailability: "yes" }),
            expect: [
                /linkerd-fleet:issuerValidityHours: "one year" is not a positive whole number/,
                /linkerd-fleet:highAvailability: "yes" is not true or false/,
            ],
        },
        {
            title: "an array given as a plain string",
            config: singleClusterConfig({ issueFor: "east" }),
            expect: [/linkerd-fleet:issueFor: must be a list of strings/],
        },
        {
            title: "a heartbeat schedule that is not cron",
            config: singleClusterConfig({ heartbeatSchedule: "daily" }),
            expect: [/linkerd-fleet:heartbeatSchedule: "daily" is not a five-field cron schedule/],
        },
        {
            title: "webhook certificates shorter than linkerd check's warning window",
            config: singleClusterConfig({ webhookCertValidityHours: 720 }),
            expect: [/linkerd-fleet:webhookCertValidityHours: 720 hours is shorter than 90 days/],
        },
        {
            title: "the frozen stable chart repository",
            config: singleClusterConfig({ linkerdChartRepository: "https://helm.linkerd.io/stable" }),
            expect: [
                /linkerd-fleet:linkerdChartRepository: https:\/\/helm.linkerd.io\/stable is frozen at Linkerd 2.14/,
            ],
        },
        ...vizCases(),
        {
            title: "a signing generation that is not in the bundle",
            config: singleClusterConfig({ trustAnchorGenerations: ["1"], trustAnchorSigningGeneration: "2" }),
            expect: [
                /linkerd-fleet:trustAnchorSigningGeneration: "2" is not in linkerd-fleet:trustAnchorGenerations \(1\)/,
            ],
        },
        {
            title: "a generation listed twice, and a reserved name",
            config: singleClusterConfig({ trustAnchorGenerations: ["1", "1", "external"] }),
            expect: [/"1" is listed twice/, /"external" is not a generation name/],
        },
        {
            title: "an empty bundle",
            config: singleClusterConfig({ trustAnchorGenerations: [] }),
            expect: [
                /linkerd-fleet:trustAnchorGenerations: is empty and no linkerd-fleet:externalTrustAnchorPem is set/,
            ],
        },
        {
            title: "signing with the external anchor without its key",
            config: singleClusterConfig({ trustAnchorSigningGeneration: "external" }),
            expect: [
                /linkerd-fleet:trustAnchorSigningGeneration: the external anchor can only sign issuers with its key/,
            ],
        },
        {
            title: "an external anchor key without its certificate",
            config: singleClusterConfig({ externalTrustAnchorKeyPem: "x" }),
            secretKeys: [...SECRET_KUBECONFIG, "externalTrustAnchorKeyPem"],
            expect: [/linkerd-fleet:externalTrustAnchorKeyPem: set without linkerd-fleet:externalTrustAnchorPem/],
        },
        {
            title: "renewing later than linkerd check starts warning",
            config: singleClusterConfig({ certificateRenewBeforeHours: 720 }),
            expect: [/linkerd-fleet:certificateRenewBeforeHours: 720 hours is less than 61 days/],
        },
        {
            title: "an external issuer certificate without its key",
            config: singleClusterConfig({ identityIssuerCertPem: "-----BEGIN CERTIFICATE-----" }),
            expect: [/linkerd-fleet:identityIssuerKeyPem: an external issuer needs both/],
        },
        {
            title: "expiry alert settings without expiry alerts",
            config: singleClusterConfig({ expiryAlertsNamespace: "monitoring" }),
            expect: [/linkerd-fleet:expiryAlertsNamespace: only applies when linkerd-fleet:expiryAlerts is true/],
        },
    ];

    for (const c of cases) {
        it(`rejects ${c.title}`, async () => {
            const error = await configError(c.config, c.secretKeys, c.stack);
            for (const pattern of c.expect) {
                assert.match(error.message, pattern);
            }
            assert.match(
                error.message,
                /^Invalid configuration for stack "dev" \(\d+ problems?\); nothing was created:/,
            );
        });
    }

    it("reports every problem at once", async () => {
        const error = await configError({
            "kubernetes:strictMode": "true",
            clusterName: "Dev",
            linkerdChartVersion: "2.20",
            issueFor: ["a", "a"],
            bogus: "1",
        });
        assert.strictEqual(error.problems.length, 5, error.message);
    });

    it("never quotes the kubeconfig in a message", async () => {
        const error = await configError(
            singleClusterConfig({ kubeconfig: KUBECONFIG + "\n  broken: [", kubeContext: "missing" }),
        );
        assert.doesNotMatch(error.message, /kubeconfig-fixture-token/);
    });
});

describe("good configuration", () => {
    it("takes the kubeconfig's current-context when no context is named", () => {
        const { kubeContext, ...withoutContext } = singleClusterConfig();
        assert.ok(kubeContext);
        const settings = parseSettings(source(withoutContext));
        assert.strictEqual(settings.cluster?.context, "dev-admin");
    });

    it("looks a context up in ~/.kube/config (never $KUBECONFIG) when no kubeconfig is set", () => {
        let read = 0;
        const settings = parseSettings(
            source(
                { "kubernetes:strictMode": "true", clusterName: "dev", kubeContext: "dev-readonly" },
                {
                    readDefaultKubeconfig: () => {
                        read++;
                        return KUBECONFIG;
                    },
                },
            ),
        );
        assert.strictEqual(read, 1);
        assert.strictEqual(settings.cluster?.context, "dev-readonly");
    });

    it("reports a missing ~/.kube/config when only a context is set", () => {
        assert.throws(
            () =>
                parseSettings(
                    source({ "kubernetes:strictMode": "true", clusterName: "dev", kubeContext: "dev-admin" }),
                ),
            /"dev-admin" is set without linkerd-fleet:kubeconfig.*~\/.kube\/config/s,
        );
    });

    it("treats defaults copied in by the Pulumi CLI as unset, in any stack role", () => {
        const defaults: Config = {};
        for (const [key, spec] of Object.entries(CONFIG_SCHEMA)) {
            if ("default" in spec) {
                defaults[key] = spec.default as Config[string];
            }
        }
        const trustOnly = parseSettings(source({ ...defaults, issueFor: ["east", "west"] }));
        assert.strictEqual(trustOnly.cluster, undefined);
        assert.deepStrictEqual(trustOnly.trust, {
            kind: "owned",
            anchorGenerations: ["1"],
            signingGeneration: "1",
            externalAnchor: undefined,
            anchorValidityHours: 87600,
            issuerValidityHours: 8760,
            issueFor: ["east", "west"],
        });
        const clusterStack = parseSettings(
            source({ ...defaults, ...singleClusterConfig({ trustStack: `acme/${PROJECT}/trust` }) }),
        );
        assert.deepStrictEqual(clusterStack.trust, { kind: "referenced", stackName: `acme/${PROJECT}/trust` });
    });

    it("includes the owning stack's own cluster among the issued clusters, once", () => {
        const settings = parseSettings(source(singleClusterConfig({ issueFor: ["west", "dev", "east"] })));
        assert.deepStrictEqual(settings.trust.kind === "owned" && settings.trust.issueFor, ["dev", "east", "west"]);
    });

    it("applies the documented defaults", () => {
        const settings = parseSettings(source(singleClusterConfig()));
        const cluster = settings.cluster!;
        assert.strictEqual(cluster.chartVersion, "2026.6.3");
        assert.strictEqual(cluster.chartRepository, "https://helm.linkerd.io/edge");
        assert.strictEqual(cluster.highAvailability, true);
        assert.deepStrictEqual(cluster.gatewayApi, { install: true, version: "v1.2.1" });
        assert.strictEqual(cluster.webhookCertValidityHours, 8760);
        assert.deepStrictEqual(cluster.controlPlaneResources, {});
    });
});

describe("configuration documentation", () => {
    const project = YAML.parse(fs.readFileSync(path.join(__dirname, "..", "Pulumi.yaml"), "utf8"));

    it("Pulumi.yaml declares every key the program reads, with the same type and default, and a description", () => {
        assert.strictEqual(project.name, PROJECT);
        assert.deepStrictEqual(Object.keys(project.config).sort(), Object.keys(CONFIG_SCHEMA).sort());
        for (const [key, spec] of Object.entries(CONFIG_SCHEMA)) {
            const declared = project.config[key];
            assert.strictEqual(declared.type, spec.type, key);
            assert.deepStrictEqual(declared.default, (spec as { default?: unknown }).default, key);
            assert.ok(typeof declared.description === "string" && declared.description.length > 20, key);
            if (spec.type === "array") {
                assert.deepStrictEqual(declared.items, { type: "string" }, key);
            }
        }
        assert.strictEqual(project.config.kubeconfig.secret, true);
    });

    it("the README documents every key", () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
        for (const key of Object.keys(CONFIG_SCHEMA)) {
            assert.ok(readme.includes(`| \`${key}\``), `README config reference lacks ${key}`);
        }
    });

    it("the example stack files are valid: a trust stack and two cluster stacks reading from it", () => {
        const read = (file: string) =>
            YAML.parse(fs.readFileSync(path.join(__dirname, "..", "examples", file), "utf8")).config as Config;
        const trust = parseSettings(source(read("Pulumi.trust.yaml"), { stack: "trust" }));
        assert.deepStrictEqual(trust.trust.kind === "owned" && trust.trust.issueFor, ["east", "west"]);
        assert.strictEqual(trust.cluster, undefined);
        for (const cluster of ["east", "west"]) {
            const kubeconfig = KUBECONFIG.replace(/dev-admin/g, `${cluster}-admin`);
            const settings = parseSettings(
                source({ ...read(`Pulumi.${cluster}.yaml`), kubeconfig }, { stack: cluster }),
            );
            assert.strictEqual(settings.cluster?.name, cluster);
            assert.deepStrictEqual(settings.trust, { kind: "referenced", stackName: `acme/${PROJECT}/trust` });
            assert.ok(trust.trust.kind === "owned" && trust.trust.issueFor.includes(cluster));
        }
    });

    it("Pulumi.dev.yaml is a valid single-cluster stack once its kubeconfig secret is set", () => {
        const stack = YAML.parse(fs.readFileSync(path.join(__dirname, "..", "Pulumi.dev.yaml"), "utf8")).config;
        const settings = parseSettings(source({ ...stack, kubeconfig: KUBECONFIG }));
        assert.strictEqual(settings.cluster?.name, "dev");
        assert.strictEqual(settings.cluster?.context, "dev-admin");
        assert.deepStrictEqual(settings.trust.kind === "owned" && settings.trust.issueFor, ["dev"]);
    });
});

function vizCases(): { title: string; config: Config; secretKeys?: string[]; expect: RegExp[] }[] {
    const viz = (overrides: Config) =>
        singleClusterConfig({ vizEnabled: true, prometheusUrl: "http://prometheus.monitoring:9090", ...overrides });
    return [
        {
            title: "viz without a Prometheus URL",
            config: singleClusterConfig({ vizEnabled: true }),
            expect: [/linkerd-fleet:prometheusUrl: viz reads the organisation's Prometheus and needs its URL/],
        },
        {
            title: "a Prometheus URL that is not http(s)",
            config: viz({ prometheusUrl: "prometheus.monitoring:9090" }),
            expect: [/linkerd-fleet:prometheusUrl: "prometheus.monitoring:9090" is not an http:\/\/ or https:\/\/ URL/],
        },
        {
            title: "an ftp Prometheus URL",
            config: viz({ prometheusUrl: "ftp://prometheus" }),
            expect: [/linkerd-fleet:prometheusUrl: "ftp:\/\/prometheus" is not an http/],
        },
        {
            title: "both Grafana URLs",
            config: viz({ grafanaUrl: "grafana.grafana:3000", grafanaExternalUrl: "https://grafana.example.com" }),
            expect: [/linkerd-fleet:grafanaUrl: set together with linkerd-fleet:grafanaExternalUrl/],
        },
        {
            title: "credentials without a URL",
            config: singleClusterConfig({ vizEnabled: true, prometheusUsername: "viz", prometheusPassword: "pw" }),
            secretKeys: [...SECRET_KUBECONFIG, "prometheusPassword"],
            expect: [
                /linkerd-fleet:prometheusUsername: credentials are set for a Prometheus, but linkerd-fleet:prometheusUrl does not say which one/,
            ],
        },
        {
            title: "a user name without a password",
            config: viz({ prometheusUsername: "viz" }),
            expect: [/linkerd-fleet:prometheusPassword: basic-auth credentials need both/],
        },
        {
            title: "a Prometheus password in plain text",
            config: viz({ prometheusUsername: "viz", prometheusPassword: "pw" }),
            expect: [/linkerd-fleet:prometheusPassword: is stored in plain text/],
        },
        {
            title: "an unknown Prometheus mode",
            config: viz({ prometheusScrapeConfig: "operator" }),
            expect: [
                /linkerd-fleet:prometheusScrapeConfig: "operator" is not one of fragment .*, secret .* or podMonitors/,
            ],
        },
        {
            title: "a scrape Secret without a namespace",
            config: viz({ prometheusScrapeConfig: "secret" }),
            expect: [
                /linkerd-fleet:prometheusScrapeSecretNamespace: linkerd-fleet:prometheusScrapeConfig is "secret", so the Secret must go into the namespace/,
            ],
        },
        {
            title: "scrape Secret settings in another mode",
            config: viz({ prometheusScrapeSecretNamespace: "monitoring" }),
            expect: [
                /linkerd-fleet:prometheusScrapeSecretNamespace: only applies when linkerd-fleet:prometheusScrapeConfig is "secret"/,
            ],
        },
        {
            title: "PodMonitor labels in another mode, and a malformed label",
            config: viz({ prometheusPodMonitorLabels: ["release kube-prometheus"] }),
            expect: [
                /linkerd-fleet:prometheusPodMonitorLabels: only applies when/,
                /"release kube-prometheus" is not <label>=<value>/,
            ],
        },
        {
            title: "a tap-admin subject of an unknown kind",
            config: viz({ tapAdmins: ["Team:sre"] }),
            expect: [
                /linkerd-fleet:tapAdmins: "Team:sre" is not <kind>:<name> with a kind among User, Group, ServiceAccount/,
            ],
        },
        {
            title: "a tap-admin ServiceAccount without namespace",
            config: viz({ tapAdmins: ["ServiceAccount:tap-bot"] }),
            expect: [/"ServiceAccount:tap-bot": a ServiceAccount is written ServiceAccount:<namespace>\/<name>/],
        },
        {
            title: "viz settings without viz",
            config: singleClusterConfig({ prometheusUrl: "http://prometheus:9090", tapAdmins: ["Group:sre"] }),
            expect: [
                /linkerd-fleet:prometheusUrl: only applies when viz is installed/,
                /linkerd-fleet:tapAdmins: only applies when viz is installed/,
            ],
        },
        {
            title: "an unknown default inbound policy",
            config: singleClusterConfig({ defaultInboundPolicy: "strict" }),
            expect: [
                /linkerd-fleet:defaultInboundPolicy: "strict" is not one of all-unauthenticated, all-authenticated/,
            ],
        },
        {
            title: "a policy that stops scraping, with no Prometheus identity to authorize",
            config: viz({ defaultInboundPolicy: "deny" }),
            expect: [/linkerd-fleet:defaultInboundPolicy: "deny" stops a Prometheus that is not meshed from scraping/],
        },
        {
            title: "scrape authorization without namespaces",
            config: viz({ defaultInboundPolicy: "deny", prometheusServiceAccount: "monitoring/prometheus" }),
            expect: [
                /linkerd-fleet:scrapeAuthorizationNamespaces: "deny" stops this Prometheus from scraping the proxies; list the namespaces/,
            ],
        },
        {
            title: "both a ServiceAccount and networks for the Prometheus",
            config: viz({ prometheusServiceAccount: "monitoring/prometheus", prometheusNetworks: ["10.0.0.0/8"] }),
            expect: [/linkerd-fleet:prometheusServiceAccount: set together with linkerd-fleet:prometheusNetworks/],
        },
        {
            title: "a malformed CIDR and ServiceAccount",
            config: viz({
                defaultInboundPolicy: "deny",
                prometheusNetworks: ["10.0.0.0/33"],
                scrapeAuthorizationNamespaces: ["shop"],
            }),
            expect: [/linkerd-fleet:prometheusNetworks: "10.0.0.0\/33" is not a CIDR/],
        },
        {
            title: "a Prometheus ServiceAccount not of the form namespace/name",
            config: viz({ prometheusServiceAccount: "prometheus" }),
            expect: [/linkerd-fleet:prometheusServiceAccount: "prometheus" is not <namespace>\/<name>/],
        },
        {
            title: "a scrape interval that is not a duration",
            config: viz({ prometheusScrapeInterval: "10" }),
            expect: [/linkerd-fleet:prometheusScrapeInterval: "10" is not a Prometheus duration/],
        },
        {
            title: "a dashboard host that is not a regular expression",
            config: viz({ vizDashboardEnforcedHost: "^(dashboard" }),
            expect: [/linkerd-fleet:vizDashboardEnforcedHost: "\^\(dashboard" is not a regular expression/],
        },
    ];
}
