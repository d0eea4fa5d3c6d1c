// One benchmark scenario, in a fresh process: load the program, evaluate it under Pulumi's mocks,
// and print how many milliseconds that took since the process started (module loading included,
// as in a real `pulumi preview`). Run by bench.ts; not a test.
import { performance } from "perf_hooks";
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";

interface Fixture {
    anchorPem: string;
    issuerPem: string;
    issuerKeyPem: string;
    notAfter: string;
}

const [scenario, linksArg] = process.argv.slice(2);
const links = Number(linksArg ?? 0);
const fixture = JSON.parse(fs.readFileSync(process.env.BENCH_FIXTURE!, "utf8")) as Fixture;
const PROJECT = "linkerd-fleet";
const clusters = Array.from({ length: 10 }, (_, i) => `c${i}`);

/** Bundle and tokens a mesh member publishes (what StackReferences to it return). */
function memberOutputs(cluster: string) {
    return {
        multiclusterLinkBundle: {
            format: 1,
            clusterName: cluster,
            apiServerUrl: `https://${cluster}.example.com:6443`,
            apiServerCaData: Buffer.from(fixture.anchorPem).toString("base64"),
            clusterDomain: "cluster.local",
            trustDomain: "cluster.local",
            linkerdNamespace: "linkerd",
            linkerdVersion: "edge-26.6.3",
            trustAnchorsPem: fixture.anchorPem,
            trustAnchorFingerprints: [],
            flatNetwork: false,
            allowedSources: clusters.filter((c) => c !== cluster),
            gateway: {
                addresses: ["203.0.113.1"],
                port: 4143,
                identity: "linkerd-gateway.linkerd-multicluster.serviceaccount.identity.linkerd.cluster.local",
                probe: { path: "/ready", port: 4191, periodSeconds: 3 },
            },
        },
        multiclusterLinkTokens: Object.fromEntries(clusters.map((c) => [c, `token-${cluster}-for-${c}`])),
    };
}

function stackOutputs(name: string): Record<string, unknown> {
    if (name.endsWith("/trust")) {
        return {
            trustAnchorsPem: fixture.anchorPem,
            trustAnchorFingerprints: [],
            identityIssuers: Object.fromEntries(
                clusters.map((c) => [
                    c,
                    { certPem: fixture.issuerPem, privateKeyPem: fixture.issuerKeyPem, notAfter: fixture.notAfter },
                ]),
            ),
        };
    }
    const member = name.split("/")[2];
    return clusters.includes(member) && member !== "c0" ? memberOutputs(member) : {};
}

const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
        switch (args.type) {
            case "tls:index/privateKey:PrivateKey":
                return {
                    id: args.name,
                    state: { privateKeyPem: fixture.issuerKeyPem, privateKeyPemPkcs8: fixture.issuerKeyPem },
                };
            case "tls:index/certRequest:CertRequest":
                return { id: args.name, state: { certRequestPem: "request" } };
            case "tls:index/selfSignedCert:SelfSignedCert":
                return { id: args.name, state: { certPem: fixture.anchorPem, validityEndTime: fixture.notAfter } };
            case "tls:index/locallySignedCert:LocallySignedCert":
                return { id: args.name, state: { certPem: fixture.issuerPem, validityEndTime: fixture.notAfter } };
            case "pulumi:pulumi:StackReference":
                return {
                    id: args.inputs.name,
                    state: {
                        name: args.inputs.name,
                        outputs: stackOutputs(args.inputs.name),
                        secretOutputNames: ["identityIssuers", "multiclusterLinkTokens"],
                    },
                };
            default:
                return { id: args.custom ? args.name : undefined, state: { ...args.inputs, resources: [] } };
        }
    },
    call(args) {
        throw new Error(`unexpected call ${args.token}`);
    },
};

function config(): Record<string, string> {
    const kubeconfig = [
        "apiVersion: v1",
        "clusters: [{name: c, cluster: {server: 'https://c.example.com:6443', certificate-authority-data: " +
            Buffer.from(fixture.anchorPem).toString("base64") +
            "}}]",
        "contexts: [{name: admin, context: {cluster: c, user: u}}]",
        "current-context: admin",
        "users: [{name: u, user: {token: t}}]",
    ].join("\n");
    const base = { "kubernetes:strictMode": "true", [`${PROJECT}:kubeconfig`]: kubeconfig };
    if (scenario === "one-cluster") {
        return { ...base, [`${PROJECT}:clusterName`]: "dev" };
    }
    // A member of a 10-cluster full mesh: trust from a trust stack, links to `links` others.
    return {
        ...base,
        [`${PROJECT}:clusterName`]: "c0",
        [`${PROJECT}:trustStack`]: `acme/${PROJECT}/trust`,
        [`${PROJECT}:multiclusterEnabled`]: "true",
        [`${PROJECT}:multiclusterAllowedSources`]: JSON.stringify(clusters.slice(1)),
        [`${PROJECT}:multiclusterLinks`]: JSON.stringify(
            clusters.slice(1, 1 + links).map((c) => `acme/${PROJECT}/${c}`),
        ),
    };
}

async function main() {
    await pulumi.runtime.setMocks(mocks, PROJECT, scenario === "one-cluster" ? "dev" : "c0", false, "acme");
    if (scenario !== "empty") {
        const cfg = config();

        pulumi.runtime.setAllConfig(cfg, [`${PROJECT}:kubeconfig`]);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const program = require("../../index") as () => Promise<Record<string, unknown>>;
        const outputs = await program();
        await Promise.all(
            Object.values(outputs).map(
                (o) => new Promise((resolve) => (pulumi.Output.isInstance(o) ? o.apply(resolve) : resolve(o))),
            ),
        );
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await (require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> }).waitForRPCs();
    process.stdout.write(JSON.stringify({ scenario, links, ms: performance.now() }) + "\n");
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
