// One release of a Linkerd chart. Normally Pulumi's Chart v4, rendered by the provider against the
// live cluster, so that a preview shows the diff of every object. In render mode (no cluster) the
// provider's Chart v4 would assume Kubernetes v1.20.0, which Linkerd's charts refuse
// (kubeVersion >=1.31.0-0), and it has no way to be told otherwise; there the chart is Chart v3,
// rendered client-side against the Kubernetes version the stack states.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { archivePath, type ChartSource, type LinkerdChartName } from "./source.ts";

export interface LinkerdChartArgs {
    chart: LinkerdChartName;
    /** Helm release name; default: the chart's name. */
    release?: string;
    source: ChartSource;
    namespace: pulumi.Input<string>;
    values: Record<string, unknown>;
    /** Render mode: the Kubernetes version to render against. */
    renderFor?: string;
}

export type LinkerdChart = k8s.helm.v4.Chart | k8s.helm.v3.Chart;

export function linkerdChart(
    name: string,
    args: LinkerdChartArgs,
    opts: pulumi.ComponentResourceOptions,
): LinkerdChart {
    return args.renderFor === undefined ? chartV4(name, args, opts) : chartV3(name, args, args.renderFor, opts);
}

function chartV4(name: string, args: LinkerdChartArgs, opts: pulumi.ComponentResourceOptions): k8s.helm.v4.Chart {
    const { location, version, credentials, caPem } = args.source;
    const login = repositoryLogin(credentials);
    const ca = caPem ? { caFile: new pulumi.asset.StringAsset(caPem) } : {};
    const base = { name: args.release ?? args.chart, namespace: args.namespace, values: args.values };
    switch (location.kind) {
        case "repository":
            return new k8s.helm.v4.Chart(
                name,
                { ...base, chart: args.chart, version, repositoryOpts: { repo: location.url, ...login, ...ca } },
                opts,
            );
        case "oci":
            return new k8s.helm.v4.Chart(
                name,
                { ...base, chart: `${location.url}/${args.chart}`, version, repositoryOpts: { ...login, ...ca } },
                opts,
            );
        case "archives":
            return new k8s.helm.v4.Chart(
                name,
                { ...base, chart: archivePath(location.folder, args.chart, version) },
                opts,
            );
    }
}

/** Chart v3 takes the Helm release name as its resource name. */
function chartV3(
    _name: string,
    args: LinkerdChartArgs,
    kubeVersion: string,
    opts: pulumi.ComponentResourceOptions,
): k8s.helm.v3.Chart {
    const { location, version, credentials, caPem } = args.source;
    const release = args.release ?? args.chart;
    const common = { namespace: args.namespace, values: args.values, kubeVersion };
    const login = repositoryLogin(credentials);
    // The SDK copies fetchOpts into the provider's JSON as it is, and the provider reads `ca_file`
    // there (invoke_helm_template.go, HelmFetchOpts): a `caFile` key would be ignored silently.
    const ca = caPem ? { ca_file: caFileOf(caPem) } : {};
    switch (location.kind) {
        case "repository":
            return new k8s.helm.v3.Chart(
                release,
                { ...common, chart: args.chart, version, fetchOpts: { repo: location.url, ...login, ...ca } },
                opts,
            );
        case "oci":
            return new k8s.helm.v3.Chart(
                release,
                { ...common, chart: `${location.url}/${args.chart}`, version, fetchOpts: { ...login, ...ca } },
                opts,
            );
        case "archives":
            return new k8s.helm.v3.Chart(
                release,
                { ...common, path: archivePath(location.folder, args.chart, version) },
                opts,
            );
    }
}

/**
 * Chart v3 takes the repository's CA as a file path (the provider's helm pull reads it), where
 * Chart v4 takes its content. The PEM is written into a folder only this user can write, under a
 * name derived from its content, so the path is the same on every run.
 */
function caFileOf(caPem: string): string {
    const folder = path.join(os.tmpdir(), `linkerd-fleet-${process.getuid?.() ?? "user"}`);
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(folder);
    const foreign = process.getuid !== undefined && stat.uid !== process.getuid();
    if (!stat.isDirectory() || foreign || (stat.mode & 0o022) !== 0) {
        throw new Error(`${folder} is not a folder only this user can write; remove it and run again.`);
    }
    const file = path.join(
        folder,
        `chart-repository-ca-${createHash("sha256").update(caPem).digest("hex").slice(0, 16)}.pem`,
    );
    fs.writeFileSync(file, caPem, { mode: 0o600 });
    return file;
}

/** A repository or registry login, the password (and a secret user name) kept secret. */
function repositoryLogin(credentials: ChartSource["credentials"]) {
    return (
        credentials && {
            username: credentials.username.secret
                ? pulumi.secret(credentials.username.value)
                : credentials.username.value,
            password: pulumi.secret(credentials.password),
        }
    );
}
