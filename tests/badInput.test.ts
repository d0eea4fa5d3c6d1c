// The bad-input matrix: config values, other stacks' outputs and the stack's own last outputs, each
// wrong in one way a careless or hostile user could make it. Every case must be refused by the plan
// with a message that names the key (or the stack and its output), and with nothing registered.
import * as assert from "node:assert";
import {
    clusterStackConfig,
    KUBECONFIG,
    SECRET_KUBECONFIG,
    singleClusterConfig,
    stackOf,
    TRUST_STACK,
    trustStackConfig,
} from "./support/fixtures.ts";
import { Fleet } from "./support/fleet.ts";
import { type RunFailure, runProgram, type RunOptions, type StackFixture } from "./support/harness.ts";
import { days, type MadeCert, makeCert } from "./support/pki.ts";
import { linkedFleet, type LinkedFleet } from "./support/scenarios.ts";

interface Case {
    name: string;
    options: () => RunOptions;
    /** What the message must say: the key, or the stack and its output. */
    names: RegExp;
    /** Strings that must not appear in the message (secret material). */
    hidden?: string[];
}

const SECRETS_IN_KUBECONFIG = [
    "kubeconfig-fixture-token-0123456789",
    "kubeconfig-fixture-reader-token",
    "kubeconfig-fixture-other-cluster-token",
];

async function assertRefused(c: Case): Promise<void> {
    const options = c.options();
    let failure: RunFailure | undefined;
    try {
        await runProgram(options);
    } catch (error) {
        failure = error as RunFailure;
    }
    assert.ok(failure, `${c.name}: the run succeeded`);
    assert.strictEqual(failure.name, "PlanError", `${c.name}: not refused by the plan: ${failure.stack}`);
    assert.match(failure.message, /cannot be deployed \(\d+ problems?\); nothing was created or changed/);
    assert.match(failure.message, c.names, `${c.name}: the message does not name the source:\n${failure.message}`);
    assert.deepStrictEqual(
        failure.registrations.map((r) => `${r.type}::${r.name}`),
        [],
        `${c.name}: registered before refusing`,
    );
    for (const hidden of [...SECRETS_IN_KUBECONFIG, ...(c.hidden ?? [])]) {
        assert.ok(!failure.message.includes(hidden), `${c.name}: the message quotes secret material`);
        assert.ok(!failure.logs.some((l) => l.includes(hidden)), `${c.name}: a log quotes secret material`);
    }
}

/** A single-cluster stack (Pulumi.dev.yaml) with `overrides`; `secret` lists keys set with --secret. */
function singleStack(overrides: Record<string, unknown>, secret: string[] = []): () => RunOptions {
    const config = Object.fromEntries(
        Object.entries(singleClusterConfig(overrides)).filter(([, v]) => v !== undefined),
    );
    return () => ({
        config,
        secretKeys: [...SECRET_KUBECONFIG, ...secret],
    });
}

/** Config values, one wrong thing each, in the single-cluster stack. */
function configCases(pki: Pki): Case[] {
    const k = (key: string) => new RegExp(`linkerd-fleet:${key}\\b`);
    const c = (name: string, key: string, overrides: Record<string, unknown>, secret: string[] = []): Case => ({
        name,
        options: singleStack(overrides, secret),
        names: k(key),
    });
    return [
        c("a cluster name with a path and a newline", "clusterName", { clusterName: "../x\n" }),
        c("a cluster name of 64 characters", "clusterName", { clusterName: "a".repeat(64) }),
        c("a cluster name in capitals", "clusterName", { clusterName: "Prod" }),
        c("a context the kubeconfig lacks", "kubeContext", { kubeContext: "staging-admin" }),
        c("a kubeconfig that is not YAML", "kubeconfig", { kubeconfig: "{ not: [yaml" }),
        c("a kubeconfig without clusters", "kubeconfig", { kubeconfig: "apiVersion: v1\nkind: Config\n" }),
        {
            name: "a kubeconfig set in plain text",
            options: () => ({ config: singleClusterConfig() }),
            names: k("kubeconfig"),
        },
        c("an unknown key (a typo)", "clustername", { clustername: "dev" }),
        c("a trust anchor valid for a week", "trustAnchorValidityHours", { trustAnchorValidityHours: 168 }),
        c("an issuer that outlives half the anchor", "issuerValidityHours", { issuerValidityHours: 50000 }),
        c("a negative issuer validity", "issuerValidityHours", { issuerValidityHours: -1 }),
        c("an issuer valid for a day", "issuerValidityHours", { issuerValidityHours: 24 }),
        c("no anchor generation", "trustAnchorGenerations", { trustAnchorGenerations: [] }),
        c("a generation listed twice", "trustAnchorGenerations", { trustAnchorGenerations: ["1", "1"] }),
        c("an empty generation name", "trustAnchorGenerations", { trustAnchorGenerations: ["1", ""] }),
        c("a generation named like a path", "trustAnchorGenerations", { trustAnchorGenerations: ["../2"] }),
        c("signing with a generation not in the bundle", "trustAnchorSigningGeneration", {
            trustAnchorSigningGeneration: "2",
        }),
        c("an external anchor that is not a certificate", "externalTrustAnchorPem", {
            externalTrustAnchorPem: "not a certificate",
        }),
        c("an external anchor pasted with its private key", "externalTrustAnchorPem", {
            externalTrustAnchorPem: pki.anchor.certPem + pki.anchor.keyPem,
        }),
        c("an external anchor with pathlen:0", "externalTrustAnchorPem", {
            externalTrustAnchorPem: pki.pathlenZero.certPem,
        }),
        c("an external anchor that is not a CA", "externalTrustAnchorPem", {
            externalTrustAnchorPem: pki.leaf.certPem,
        }),
        c("an expired external anchor", "externalTrustAnchorPem", { externalTrustAnchorPem: pki.expired.certPem }),
        c("an external anchor not yet valid", "externalTrustAnchorPem", {
            externalTrustAnchorPem: pki.future.certPem,
        }),
        c(
            "an external anchor key set in plain text",
            "externalTrustAnchorKeyPem",
            { externalTrustAnchorPem: pki.anchor.certPem, externalTrustAnchorKeyPem: pki.anchor.keyPem },
            [],
        ),
        c(
            "an external anchor key of another certificate",
            "externalTrustAnchorKeyPem",
            { externalTrustAnchorPem: pki.anchor.certPem, externalTrustAnchorKeyPem: pki.other.keyPem },
            ["externalTrustAnchorKeyPem"],
        ),
        c(
            "the root itself as the cluster's issuer",
            "identityIssuerCertPem",
            {
                externalTrustAnchorPem: pki.anchor.certPem,
                identityIssuerCertPem: pki.anchor.certPem,
                identityIssuerKeyPem: pki.anchor.keyPem,
            },
            ["identityIssuerKeyPem"],
        ),
        c(
            "an issuer paired with another issuer's key",
            "identityIssuerKeyPem",
            {
                externalTrustAnchorPem: pki.anchor.certPem,
                identityIssuerCertPem: pki.issuer.certPem,
                identityIssuerKeyPem: pki.otherIssuer.keyPem,
            },
            ["identityIssuerKeyPem"],
        ),
        c(
            "an issuer that expired two days ago",
            "identityIssuerCertPem",
            {
                externalTrustAnchorPem: pki.anchor.certPem,
                identityIssuerCertPem: pki.expiredIssuer.certPem,
                identityIssuerKeyPem: pki.expiredIssuer.keyPem,
            },
            ["identityIssuerKeyPem"],
        ),
        c(
            "an issuer from another root",
            "identityIssuerCertPem",
            {
                externalTrustAnchorPem: pki.anchor.certPem,
                identityIssuerCertPem: pki.otherIssuer.certPem,
                identityIssuerKeyPem: pki.otherIssuer.keyPem,
            },
            ["identityIssuerKeyPem"],
        ),
        c(
            "an issuer key set in plain text",
            "identityIssuerKeyPem",
            {
                externalTrustAnchorPem: pki.anchor.certPem,
                identityIssuerCertPem: pki.issuer.certPem,
                identityIssuerKeyPem: pki.issuer.keyPem,
            },
            [],
        ),
        c("renewal before a zero-hour window", "certificateRenewBeforeHours", { certificateRenewBeforeHours: 0 }),
        c("renewal window longer than the issuer lives", "certificateRenewBeforeHours", {
            certificateRenewBeforeHours: 9000,
        }),
        c("an alert label that is not a label", "expiryAlertsLabels", {
            expiryAlerts: true,
            expiryAlertsLabels: ["release=kube prometheus"],
        }),
        c("an alert namespace that is not a name", "expiryAlertsNamespace", {
            expiryAlerts: true,
            expiryAlertsNamespace: "Monitoring_NS",
        }),
        c("a chart repository over http", "linkerdChartRepository", {
            linkerdChartRepository: "http://charts.example.com",
        }),
        c("a chart repository with credentials in the URL", "linkerdChartRepository", {
            linkerdChartRepository: "https://user:hunter2@charts.example.com",
        }),
        c("a chart version that is not pinned here", "linkerdChartVersion", { linkerdChartVersion: "2024.1.1" }),
        c(
            "a repository password without a user name",
            "linkerdChartRepositoryPassword",
            { linkerdChartRepositoryPassword: "hunter2" },
            ["linkerdChartRepositoryPassword"],
        ),
        c("a repository CA that is not a certificate", "linkerdChartRepositoryCaPem", {
            linkerdChartRepositoryCaPem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        }),
        c("a control-plane quantity Kubernetes rejects", "controlPlaneResources", {
            controlPlaneResources: ["memory.request=1.5.5Gi"],
        }),
        c("a proxy resource that does not exist", "proxyResources", { proxyResources: ["gpu.request=1"] }),
        c("a request above its limit", "proxyResources", {
            proxyResources: ["memory.request=2Gi", "memory.limit=1Gi"],
        }),
        c("an unknown Gateway API mode", "gatewayApiCrds", { gatewayApiCrds: "maybe" }),
        c("a Gateway API release outside the supported window", "gatewayApiVersion", {
            gatewayApiVersion: "v1.0.0",
        }),
        c("a heartbeat minute of 61", "heartbeatSchedule", { heartbeatSchedule: "61 * * * *" }),
        c("a heartbeat schedule with a newline", "heartbeatSchedule", { heartbeatSchedule: "0 3 * * *\nx: y" }),
        c("webhook certificates valid for no time", "webhookCertValidityHours", { webhookCertValidityHours: 0 }),
        c("an unknown inbound policy", "defaultInboundPolicy", { defaultInboundPolicy: "allow" }),
        c("a cluster domain in capitals", "clusterDomain", { clusterDomain: "Cluster.Local" }),
        c("a trust domain with an underscore", "identityTrustDomain", { identityTrustDomain: "bad_domain.example" }),
        c("a clock skew without a unit", "identityClockSkewAllowance", { identityClockSkewAllowance: "20" }),
        c("a relative CNI directory", "cniNetDir", { cniEnabled: true, cniNetDir: "etc/cni/net.d" }),
        c("an unknown CNI chart value", "cniValues", { cniEnabled: true, cniValues: { notAKey: true } }),
        c("CNI options without the CNI plugin", "cniNetDir", { cniNetDir: "/etc/cni/other" }),
        c("a meshed namespace with an unknown mode", "meshedNamespaces", { meshedNamespaces: ["shop=sidecar"] }),
        c("kube-system as a meshed namespace", "meshedNamespaces", { meshedNamespaces: ["kube-system"] }),
        c("a clock skew allowance over an hour", "identityClockSkewAllowance", { identityClockSkewAllowance: "2h" }),
        c("a negative proxy quantity", "proxyResources", { proxyResources: ["memory.request=-1Mi"] }),
        c("render mode with a context", "kubeContext", {
            kubeconfig: undefined,
            "kubernetes:strictMode": undefined,
            renderYamlTo: "rendered",
        }),
        c("render mode with links", "multiclusterLinks", {
            kubeconfig: undefined,
            kubeContext: undefined,
            "kubernetes:strictMode": undefined,
            renderYamlTo: "rendered",
            multiclusterEnabled: true,
            multiclusterLinks: [stackOf("west")],
        }),
        c("a meshed namespace listed twice", "meshedNamespaces", { meshedNamespaces: ["shop", "shop"] }),
        c("an empty meshed namespace", "meshedNamespaces", { meshedNamespaces: [""] }),
        c("a chart value the program owns", "controlPlaneValues", {
            controlPlaneValues: { identity: { issuer: { scheme: "kubernetes.io/tls" } } },
        }),
        c("a chart value that does not exist", "controlPlaneValues", { controlPlaneValues: { nodeSelektor: {} } }),
        c("a Prometheus URL with a newline", "prometheusUrl", {
            vizEnabled: true,
            prometheusUrl: "http://prometheus.monitoring.svc:9090\nimage: evil",
        }),
        c("a Prometheus URL with credentials in it", "prometheusUrl", {
            vizEnabled: true,
            prometheusUrl: "https://admin:hunter2@prometheus.example.com",
        }),
        c(
            "a Prometheus password sent over http",
            "prometheusUrl",
            {
                vizEnabled: true,
                prometheusUrl: "http://prometheus.monitoring.svc:9090",
                prometheusUsername: "viz",
                prometheusPassword: "hunter2",
            },
            ["prometheusPassword"],
        ),
        c("a Grafana URL that injects YAML", "grafanaUrl", {
            vizEnabled: true,
            prometheusUrl: "http://prometheus.monitoring.svc:9090",
            grafanaUrl: "grafana.monitoring:3000\n  evil: true",
        }),
        c("an unknown scrape configuration mode", "prometheusScrapeConfig", {
            vizEnabled: true,
            prometheusUrl: "http://prometheus.monitoring.svc:9090",
            prometheusScrapeConfig: "all",
        }),
        c("a scrape interval Prometheus rejects", "prometheusScrapeInterval", {
            vizEnabled: true,
            prometheusUrl: "http://prometheus.monitoring.svc:9090",
            prometheusScrapeInterval: "10",
        }),
        c("a PodMonitor label that is not a label", "prometheusPodMonitorLabels", {
            vizEnabled: true,
            prometheusUrl: "http://prometheus.monitoring.svc:9090",
            prometheusScrapeConfig: "podMonitors",
            prometheusPodMonitorLabels: ["release"],
        }),
        c("a Prometheus network that is not a CIDR", "prometheusNetworks", {
            vizEnabled: true,
            prometheusUrl: "http://prometheus.monitoring.svc:9090",
            prometheusNetworks: ["10.0.0.0/33"],
        }),
        c("an empty tap admin", "tapAdmins", {
            vizEnabled: true,
            prometheusUrl: "http://prometheus.monitoring.svc:9090",
            tapAdmins: [""],
        }),
        c("an enforced dashboard host that changes the YAML", "vizDashboardEnforcedHost", {
            vizEnabled: true,
            prometheusUrl: "http://prometheus.monitoring.svc:9090",
            vizDashboardEnforcedHost: "^dashboard\\.example\\.com$\n  evil: true",
        }),
        c("an enforced dashboard host that is not RE2", "vizDashboardEnforcedHost", {
            vizEnabled: true,
            prometheusUrl: "http://prometheus.monitoring.svc:9090",
            vizDashboardEnforcedHost: "^(?=dash)dashboard$",
        }),
        c("a viz value the program owns", "vizValues", {
            vizEnabled: true,
            prometheusUrl: "http://prometheus.monitoring.svc:9090",
            vizValues: { prometheus: { enabled: true } },
        }),
        c("a link listed twice", "multiclusterLinks", {
            multiclusterEnabled: true,
            multiclusterLinks: [stackOf("west"), stackOf("west")],
        }),
        c("a link to this stack", "multiclusterLinks", {
            multiclusterEnabled: true,
            multiclusterLinks: [stackOf("dev")],
        }),
        c("an allowed source that is not a cluster name", "multiclusterAllowedSources", {
            multiclusterEnabled: true,
            multiclusterAllowedSources: ["East Coast"],
        }),
        c("an API server URL over http", "multiclusterApiServerUrl", {
            multiclusterEnabled: true,
            multiclusterApiServerUrl: "http://dev.k8s.example.com:6443",
        }),
        c("an API server URL with a user in it", "multiclusterApiServerUrl", {
            multiclusterEnabled: true,
            multiclusterApiServerUrl: "https://admin:x@dev.k8s.example.com:6443",
        }),
        c("a gateway port of 70000", "multiclusterGatewayPort", {
            multiclusterEnabled: true,
            multiclusterGatewayPort: 70000,
        }),
        c("a gateway port of -1", "multiclusterGatewayPort", {
            multiclusterEnabled: true,
            multiclusterGatewayPort: -1,
        }),
        c("a node port outside the node-port range", "multiclusterGatewayNodePort", {
            multiclusterEnabled: true,
            multiclusterGatewayServiceType: "NodePort",
            multiclusterGatewayNodePort: 80,
        }),
        c("an unknown Service type", "multiclusterGatewayServiceType", {
            multiclusterEnabled: true,
            multiclusterGatewayServiceType: "Ingress",
        }),
        c("a load-balancer class that injects YAML", "multiclusterGatewayLoadBalancerClass", {
            multiclusterEnabled: true,
            multiclusterGatewayLoadBalancerClass: "example.com/lb\nexternalTrafficPolicy: Local",
        }),
        c("a load-balancer IP that is not an address", "multiclusterGatewayLoadBalancerIP", {
            multiclusterEnabled: true,
            multiclusterGatewayLoadBalancerIP: "999.1.1.1",
        }),
        c("a source range that is not a CIDR", "multiclusterGatewayLoadBalancerSourceRanges", {
            multiclusterEnabled: true,
            multiclusterGatewayLoadBalancerSourceRanges: ["0.0.0.0"],
        }),
        c("a Service annotation without a value", "multiclusterGatewayServiceAnnotations", {
            multiclusterEnabled: true,
            multiclusterGatewayServiceAnnotations: ["service.beta.kubernetes.io/aws-load-balancer-type"],
        }),
        c("a multicluster value that does not exist", "multiclusterValues", {
            multiclusterEnabled: true,
            multiclusterValues: { gateway: { replicaz: 3 } },
        }),
        c("a trust stack named as a path", "trustStack", { trustStack: "acme/linkerd-fleet/../trust" }),
        c("an acknowledgement that is not key=value", "acknowledgeIdentityChanges", {
            acknowledgeIdentityChanges: ["clusterName"],
        }),
        c("render mode with a Kubernetes version below the charts' floor", "renderKubernetesVersion", {
            kubeconfig: undefined,
            kubeContext: undefined,
            "kubernetes:strictMode": undefined,
            renderYamlTo: "rendered",
            renderKubernetesVersion: "1.20.0",
        }),
    ];
}

interface Pki {
    anchor: MadeCert;
    other: MadeCert;
    issuer: MadeCert;
    otherIssuer: MadeCert;
    expiredIssuer: MadeCert;
    pathlenZero: MadeCert;
    leaf: MadeCert;
    expired: MadeCert;
    future: MadeCert;
}

async function makePki(): Promise<Pki> {
    const anchor = await makeCert({ commonName: "root.linkerd.cluster.local" });
    const other = await makeCert({ commonName: "other-root.example" });
    return {
        anchor,
        other,
        issuer: await makeCert({ commonName: "identity.linkerd.cluster.local", issuer: anchor, pathLength: 0 }),
        otherIssuer: await makeCert({ commonName: "identity.linkerd.cluster.local", issuer: other, pathLength: 0 }),
        expiredIssuer: await makeCert({
            commonName: "identity.linkerd.cluster.local",
            issuer: anchor,
            notBefore: days(-30),
            notAfter: days(-2),
        }),
        pathlenZero: await makeCert({ commonName: "root-pathlen0.example", pathLength: 0 }),
        leaf: await makeCert({ commonName: "leaf.example", ca: false }),
        expired: await makeCert({ commonName: "expired-root.example", notBefore: days(-400), notAfter: days(-1) }),
        future: await makeCert({ commonName: "future-root.example", notBefore: days(2), notAfter: days(400) }),
    };
}

/** Deep copy of a fleet's published outputs, with `edit` applied to one stack's. */
function edited(
    stacks: Record<string, StackFixture>,
    stack: string,
    edit: (outputs: Record<string, any>, fixture: StackFixture) => void,
): Record<string, StackFixture> {
    const copy = structuredClone(stacks);
    edit(copy[stack].outputs, copy[stack]);
    return copy;
}

/** Outputs of other stacks, wrong in one way each, as read by a cluster stack, a trust stack or a link. */
function crossStackCases(ctx: { single: Fleet; linked: LinkedFleet; pki: Pki }): Case[] {
    const east = stackOf("east");
    const west = stackOf("west");
    const trustOutput = /stack "acme\/linkerd-fleet\/trust", output linkerdTrust/;
    // A cluster stack "east" reading its trust from "trust", on its first run.
    const readsTrust = (
        name: string,
        edit: (o: Record<string, any>) => void,
        names = trustOutput,
        secretLegacy = false,
    ): Case => ({
        name: `trust stack output: ${name}`,
        options: () => ({
            stack: "east",
            config: clusterStackConfig("east"),
            secretKeys: SECRET_KUBECONFIG,
            stacks: edited(ctx.single.stacks, TRUST_STACK, (o, f) => {
                edit(o);
                if (secretLegacy) {
                    f.secretOutputNames = [...(f.secretOutputNames ?? []), "identityIssuers"];
                }
            }),
            previous: ctx.single.stacks[east],
        }),
        names,
        hidden: [ctx.pki.issuer.keyPem, ctx.pki.otherIssuer.keyPem].map((k) => k.split("\n")[1]),
    });
    const issued = (o: Record<string, any>) => o.linkerdTrust.issuers.east;
    // The trust stack reading cluster stacks' requests.
    const readsCluster = (name: string, edit: (o: Record<string, any>) => void): Case => ({
        name: `cluster stack output: ${name}`,
        options: () => ({
            stack: "trust",
            config: trustStackConfig(["east"]),
            stacks: edited(ctx.single.stacks, east, edit),
            previous: ctx.single.stacks[TRUST_STACK],
        }),
        names: /stack "acme\/linkerd-fleet\/east", output linkerdCluster/,
    });
    // "east" linking to "west" in strict mode, after the fleet came up.
    const readsLink = (
        name: string,
        edit: (o: Record<string, any>, f: StackFixture) => void,
        names = /stack "acme\/linkerd-fleet\/west", output multicluster/,
    ): Case => ({
        name: `link target: ${name}`,
        options: () => ({
            stack: "east",
            config: { ...ctx.linked.configs.east, multiclusterStrictLinks: true },
            secretKeys: SECRET_KUBECONFIG,
            stacks: edited(ctx.linked.fleet.stacks, west, edit),
            previous: ctx.linked.fleet.stacks[east],
            renderedChildren: ctx.linked.fleet.clusters[east].rendered,
            liveObjects: ctx.linked.fleet.clusters[east].live,
        }),
        names,
    });
    const bundle = (o: Record<string, any>) => o.multiclusterLinkBundle;
    const linkTo = (reason: RegExp) =>
        new RegExp(
            `linkerd-fleet:multiclusterLinks: the link to acme/linkerd-fleet/west cannot be updated: ${reason.source}`,
        );
    // This stack's own last outputs, damaged.
    const readsSelf = (name: string, edit: (o: Record<string, any>) => void): Case => ({
        name: `own last outputs: ${name}`,
        options: () => ({
            stack: "east",
            config: clusterStackConfig("east"),
            secretKeys: SECRET_KUBECONFIG,
            stacks: ctx.single.stacks,
            previous: edited(ctx.single.stacks, east, edit)[east],
        }),
        names: /this stack's last run \(acme\/linkerd-fleet\/east\), output linkerdState/,
    });
    return [
        {
            name: "trust stack that does not exist",
            options: () => ({
                stack: "east",
                config: clusterStackConfig("east", { trustStack: "acme/linkerd-fleet/trusst" }),
                secretKeys: SECRET_KUBECONFIG,
            }),
            names: /linkerd-fleet:trustStack: stack "acme\/linkerd-fleet\/trusst" does not exist/,
        },
        readsTrust("missing", (o) => delete o.linkerdTrust),
        readsTrust("a string", (o) => (o.linkerdTrust = "not a certificate")),
        readsTrust("a number", (o) => (o.linkerdTrust = 12345)),
        readsTrust("an unknown format", (o) => (o.linkerdTrust.format = 99)),
        readsTrust("a bundle that is not a certificate", (o) => (o.linkerdTrust.bundlePem = "not a certificate")),
        readsTrust("a bundle that is a number", (o) => (o.linkerdTrust.bundlePem = 12345)),
        readsTrust("a bundle with a private key in it", (o) => {
            o.linkerdTrust.bundlePem += ctx.pki.anchor.keyPem;
        }),
        readsTrust("a bundle from another root", (o) => (o.linkerdTrust.bundlePem = ctx.pki.other.certPem)),
        readsTrust("an issued certificate that is not one", (o) => (issued(o).certificatePem = "garbage")),
        readsTrust("an issued certificate for another key", (o) => {
            issued(o).certificatePem = ctx.pki.issuer.certPem;
        }),
        readsTrust("an issued certificate that is the anchor itself", (o) => {
            issued(o).certificatePem = o.linkerdTrust.bundlePem;
        }),
        readsTrust("an issued certificate for another stack", (o) => (issued(o).stack = stackOf("west"))),
        readsTrust("issuers that are a list", (o) => (o.linkerdTrust.issuers = [issued(o)])),
        readsTrust("an anchor record of the wrong type", (o) => (o.linkerdTrust.anchors = [{ id: 1 }])),
        readsTrust(
            "a migrating issuer whose key is another's",
            (o) => {
                o.identityIssuers = {
                    east: {
                        certPem: ctx.pki.issuer.certPem,
                        privateKeyPem: ctx.pki.otherIssuer.keyPem,
                        notAfter: ctx.pki.issuer.cert.notAfter.toISOString(),
                    },
                };
            },
            /stack "acme\/linkerd-fleet\/trust", output identityIssuers/,
            true,
        ),
        readsTrust(
            "migrating issuers published in plain text",
            (o) => {
                o.identityIssuers = {
                    east: {
                        certPem: ctx.pki.issuer.certPem,
                        privateKeyPem: ctx.pki.issuer.keyPem,
                        notAfter: ctx.pki.issuer.cert.notAfter.toISOString(),
                    },
                };
            },
            /stack "acme\/linkerd-fleet\/trust", output identityIssuers .*: is published in plain text/,
        ),
        readsCluster("a request that is not a CSR", (o) => (o.linkerdCluster.request.csrPem = "garbage")),
        readsCluster("a request whose signature does not verify", (o) => {
            const pem: string = o.linkerdCluster.request.csrPem;
            const body = pem.split("\n").slice(1, -2).join("");
            const der = Buffer.from(body, "base64");
            der[der.length - 5] ^= 0xff;
            o.linkerdCluster.request.csrPem =
                "-----BEGIN CERTIFICATE REQUEST-----\n" +
                der
                    .toString("base64")
                    .match(/.{1,64}/g)!
                    .join("\n") +
                "\n-----END CERTIFICATE REQUEST-----\n";
        }),
        readsCluster("a cluster name with a newline", (o) => (o.linkerdCluster.clusterName = "east\nx: y")),
        readsCluster("a cluster output of the wrong type", (o) => (o.linkerdCluster = ["east"])),
        readsCluster("a request slot that is negative", (o) => (o.linkerdCluster.request.slot = -1)),
        {
            ...readsLink("a stack that does not exist", () => undefined),
            options: () => {
                const options = readsLink("", () => undefined).options();
                delete options.stacks![west];
                return options;
            },
            names: /linkerd-fleet:multiclusterLinks: stack "acme\/linkerd-fleet\/west" does not exist/,
        },
        readsLink(
            "no link bundle",
            (o) => delete o.multiclusterLinkBundle,
            /multiclusterLinks: the link to acme\/linkerd-fleet\/west cannot be updated: stack acme\/linkerd-fleet\/west has not published a link bundle/,
        ),
        readsLink("an API server over http", (o) => (bundle(o).apiServerUrl = "http://west.k8s.example.com:6443")),
        readsLink("an API server with credentials", (o) => {
            bundle(o).apiServerUrl = "https://admin:hunter2@west.k8s.example.com:6443";
        }),
        readsLink("a cluster name like ../x and a newline", (o) => (bundle(o).clusterName = "../x\n")),
        readsLink("a cluster name of 58 characters", (o) => (bundle(o).clusterName = "w".repeat(58))),
        readsLink("a gateway port of 70000", (o) => (bundle(o).gateway.port = 70000)),
        readsLink("a gateway port of -1", (o) => (bundle(o).gateway.port = -1)),
        readsLink("a gateway address that injects YAML", (o) => {
            bundle(o).gateway.addresses = ["203.0.113.1\nevil: true"];
        }),
        readsLink("an older bundle format", (o) => (bundle(o).format = 1)),
        readsLink(
            "a bundle from another root",
            (o) => (bundle(o).trustAnchorsPem = ctx.pki.other.certPem),
            linkTo(/this cluster's identity issuer does not chain to the trust bundle of "west"/),
        ),
        readsLink(
            "an issuer that does not chain to this cluster's bundle",
            (o) => (bundle(o).issuerCertificatePem = ctx.pki.otherIssuer.certPem),
            linkTo(/the identity issuer of "west" does not chain to this cluster's trust bundle/),
        ),
        readsLink("a token that is a number", (o) => (o.multiclusterLinkTokens.tokens.east = 12345)),
        readsLink("tokens published in plain text", (_o, f) => {
            f.secretOutputNames = (f.secretOutputNames ?? []).filter((n) => n !== "multiclusterLinkTokens");
        }),
        readsLink(
            "access revoked",
            (o) => {
                delete o.multiclusterLinkTokens.tokens.east;
                bundle(o).allowedSources = [];
            },
            linkTo(/cluster "west" does not allow "east" \(never, or no longer\)/),
        ),
        readsSelf("an unknown format", (o) => (o.linkerdState.format = 99)),
        readsSelf("the wrong type", (o) => (o.linkerdState = "state")),
    ];
}

describe("bad input is refused before anything is registered", function () {
    this.timeout(120_000);
    let pki: Pki;
    let single: Fleet;
    let linked: LinkedFleet;
    const cases: { config: Case[]; cross: Case[] } = { config: [], cross: [] };

    before(async () => {
        pki = await makePki();
        // A trust stack and cluster "east" as they are after bring-up: trust, east, trust.
        single = new Fleet();
        await single.run("trust", trustStackConfig(["east"]));
        await single.run("east", clusterStackConfig("east"));
        await single.run("trust", trustStackConfig(["east"]));
        await single.run("east", clusterStackConfig("east"));
        linked = await linkedFleet();
        cases.config = configCases(pki);
        cases.cross = crossStackCases({ single, linked, pki });
    });

    it("the fixtures themselves are accepted", async () => {
        await runProgram({ config: singleClusterConfig(), secretKeys: SECRET_KUBECONFIG });
        await runProgram({
            stack: "east",
            config: clusterStackConfig("east"),
            secretKeys: SECRET_KUBECONFIG,
            stacks: single.stacks,
            previous: single.stacks[stackOf("east")],
        });
        const strict = await runProgram({
            stack: "east",
            config: { ...linked.configs.east, multiclusterStrictLinks: true },
            secretKeys: SECRET_KUBECONFIG,
            stacks: linked.fleet.stacks,
            previous: linked.fleet.stacks[stackOf("east")],
            renderedChildren: linked.fleet.clusters[stackOf("east")].rendered,
            liveObjects: linked.fleet.clusters[stackOf("east")].live,
        });
        assert.ok(strict.find("linkerd:multicluster:ClusterLink", "link-west"), strict.summary().join("\n"));
    });

    it("has at least 80 cases, at least 25 of them cross-stack", () => {
        assert.ok(cases.config.length + cases.cross.length >= 80, `${cases.config.length + cases.cross.length}`);
        assert.ok(cases.cross.length >= 25, `${cases.cross.length}`);
    });

    it("refuses every bad config value, naming its key", async () => {
        const failures: string[] = [];
        for (const c of cases.config) {
            await assertRefused(c).catch((e: Error) => failures.push(e.message));
        }
        assert.deepStrictEqual(failures, []);
    });

    it("refuses every bad output of another stack (and of its own last run), naming the stack and the output", async () => {
        const failures: string[] = [];
        for (const c of cases.cross) {
            await assertRefused(c).catch((e: Error) => failures.push(e.message));
        }
        assert.deepStrictEqual(failures, []);
    });

    it("never quotes the kubeconfig's credentials, even when it is wrong", async () => {
        await assertRefused({
            name: "a context the kubeconfig lacks",
            options: singleStack({ kubeContext: "nope" }),
            names: /kubeContext/,
            hidden: [KUBECONFIG],
        });
    });
});
