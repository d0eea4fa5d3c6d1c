// Where Linkerd's charts come from: a Helm repository over https (Linkerd's own, or a private
// mirror with credentials and its own CA), an OCI registry, or a folder of chart archives for an
// air-gapped install. Parsed from config; chart.ts turns it into the provider's inputs.
import * as fs from "node:fs";
import * as path from "node:path";
import type { KeySpecs } from "../config/keys.ts";
import type { ConfigReader, Text } from "../config/reader.ts";
import { urlProblem } from "../config/rules/url.ts";
import { parseBundle } from "../trust/x509.ts";
import { DEFAULT_CHART_VERSION, LINKERD_EDGE_REPOSITORY, LINKERD_RELEASES } from "./releases.ts";

export const CHART_SOURCE_KEYS = {
    linkerdChartRepository: { type: "string", default: LINKERD_EDGE_REPOSITORY, roles: ["cluster"] },
    linkerdChartVersion: { type: "string", default: DEFAULT_CHART_VERSION, roles: ["cluster"] },
    linkerdChartRepositoryUsername: { type: "string", default: "", secret: "allowed", roles: ["cluster"] },
    linkerdChartRepositoryPassword: { type: "string", default: "", secret: "required", roles: ["cluster"] },
    linkerdChartRepositoryCaPem: { type: "string", default: "", roles: ["cluster"] },
} as const satisfies KeySpecs;

export type ChartLocation =
    { kind: "repository"; url: string } | { kind: "oci"; url: string } | { kind: "archives"; folder: string };

export interface ChartSource {
    location: ChartLocation;
    /** The chart version of every Linkerd chart (they are released together). */
    version: string;
    credentials?: { username: Text; password: string };
    /** PEM of the CA that signs a private repository's certificate. */
    caPem?: string;
}

export const LINKERD_CHARTS = [
    "linkerd-crds",
    "linkerd-control-plane",
    "linkerd-viz",
    "linkerd-multicluster",
    "linkerd2-cni",
] as const;
export type LinkerdChartName = (typeof LINKERD_CHARTS)[number];

export function parseChartSource(reader: ConfigReader): ChartSource {
    const version = reader.string("linkerdChartVersion");
    if (!(version in LINKERD_RELEASES)) {
        reader.problem(
            "linkerdChartVersion",
            `"${version}" is not a Linkerd release this program knows (${Object.keys(LINKERD_RELEASES).join(", ")}): its ` +
                `values, HA values and version windows were checked against those. To use another, record its facts ` +
                `first (README: upgrading Linkerd).`,
        );
    }
    const location = parseLocation(reader, reader.string("linkerdChartRepository"));
    const username = reader.text("linkerdChartRepositoryUsername");
    const password = reader.credential("linkerdChartRepositoryPassword");
    const [hasUser, hasPassword] = [
        reader.isSet("linkerdChartRepositoryUsername"),
        reader.isSet("linkerdChartRepositoryPassword"),
    ];
    if (hasUser !== hasPassword) {
        reader.problem(
            hasUser ? "linkerdChartRepositoryPassword" : "linkerdChartRepositoryUsername",
            `a repository login needs both ${reader.key("linkerdChartRepositoryUsername")} and ` +
                `${reader.key("linkerdChartRepositoryPassword")} (secret).`,
        );
    }
    const caPem = reader.optionalString("linkerdChartRepositoryCaPem");
    if (caPem !== undefined) {
        const parsed = parseBundle(caPem);
        if ("problem" in parsed) {
            reader.problem(
                "linkerdChartRepositoryCaPem",
                `${parsed.problem}. Set it to the PEM of the repository's CA.`,
            );
        }
    }
    if (location?.kind === "archives" && (username || caPem)) {
        reader.problem(
            "linkerdChartRepository",
            "is a folder of chart archives; a login or CA only applies to a repository or registry.",
        );
    }
    return {
        location: location ?? { kind: "repository", url: LINKERD_EDGE_REPOSITORY },
        version,
        credentials: username && password ? { username, password } : undefined,
        caPem,
    };
}

function parseLocation(reader: ConfigReader, value: string): ChartLocation | undefined {
    if (/^(\.{1,2}\/|\/|file:\/\/)/.test(value)) {
        const folder = value.replace(/^file:\/\//, "");
        if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
            reader.problem("linkerdChartRepository", `names the folder ${folder}, which does not exist here.`);
            return undefined;
        }
        return { kind: "archives", folder: path.resolve(folder) };
    }
    const scheme = value.startsWith("oci://") ? "oci" : "https";
    const problem = urlProblem(value, { schemes: [scheme], path: true });
    if (problem) {
        reader.problem(
            "linkerdChartRepository",
            `${reader.shown("linkerdChartRepository")} ${problem}. Use an https:// Helm repository, an oci:// registry, or a folder of ` +
                `chart archives (./charts). Fix: pulumi config set ${reader.key("linkerdChartRepository")} ${LINKERD_EDGE_REPOSITORY}`,
        );
        return undefined;
    }
    if (/helm\.linkerd\.io\/stable\/?$/.test(value)) {
        reader.problem(
            "linkerdChartRepository",
            `${value} is frozen at Linkerd 2.14 and has none of these charts. Fix: pulumi config set ` +
                `${reader.key("linkerdChartRepository")} ${LINKERD_EDGE_REPOSITORY}`,
        );
        return undefined;
    }
    return { kind: scheme === "oci" ? "oci" : "repository", url: value.replace(/\/+$/, "") };
}

/** The archive of `chart` in a folder of archives: `<chart>-<version>.tgz`, as `helm pull` names it. */
export function archivePath(folder: string, chart: LinkerdChartName, version: string): string {
    return path.join(folder, `${chart}-${version}.tgz`);
}

/** Problems with the archives the stack will install from a folder (checked at plan time). */
export function missingArchives(source: ChartSource, charts: readonly LinkerdChartName[]): string[] {
    if (source.location.kind !== "archives") {
        return [];
    }
    const folder = source.location.folder;
    return charts
        .map((chart) => archivePath(folder, chart, source.version))
        .filter((file) => !fs.existsSync(file))
        .map(
            (file) => `the chart archive ${file} does not exist (fetch it with helm pull --version ${source.version})`,
        );
}
