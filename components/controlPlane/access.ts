// How the stack reaches its cluster: the kubeconfig (from this project's key, or from
// kubernetes:kubeconfig as a Pulumi ESC environment usually sets it), the context, and render mode.
// Nothing ever falls back to $KUBECONFIG, and only the chosen context's cluster and user are kept:
// the provider, and so the stack's state, never hold other clusters' credentials. No message
// quotes the kubeconfig or anything from it.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import type { KeySpecs } from "../config/keys.ts";
import type { ConfigReader, Text } from "../config/reader.ts";
import { urlProblem } from "../config/rules/url.ts";

export const ACCESS_KEYS = {
    kubeconfig: { type: "string", default: "", secret: "required", roles: ["cluster"] },
    kubeContext: { type: "string", default: "", secret: "allowed", roles: ["cluster"] },
    renderYamlTo: { type: "string", default: "", roles: ["cluster"] },
    renderKubernetesVersion: { type: "string", default: "", roles: ["cluster"] },
    adoptExistingObjects: { type: "boolean", default: false, roles: ["cluster"] },
} as const satisfies KeySpecs;

export interface LiveAccess {
    kind: "live";
    /** The kubeconfig reduced to the chosen context, its cluster and its user (secret where it is used). */
    kubeconfig: string;
    context: Text;
    /** The context's API server, and its CA data, when the kubeconfig has them. */
    server?: string;
    caData?: string;
    /** A digest of the API server URL: the identity guard compares it between runs. */
    serverDigest?: string;
    /** Adopt objects that already exist (installed by Helm or the CLI) instead of failing on them. */
    adopt: boolean;
}

export interface RenderAccess {
    kind: "render";
    folder: string;
}

/** A host program passes its own provider (the library's embedding): nothing to read from config. */
export interface HostAccess {
    kind: "host";
}

export type ClusterAccess = LiveAccess | RenderAccess | HostAccess;

/** What the stack's config says about reaching the cluster; `home` is where ~/.kube/config is. */
export function parseAccess(reader: ConfigReader, home: string = os.homedir()): ClusterAccess | undefined {
    if (reader.snapshot.hostProvider) {
        reader.refuseIfSet(
            ["kubeconfig", "kubeContext", "renderYamlTo", "adoptExistingObjects"],
            "does not apply: the host program passes its own Kubernetes provider",
            () => "Set it on that provider instead.",
        );
        return { kind: "host" };
    }
    const folder = reader.optionalString("renderYamlTo");
    if (folder !== undefined) {
        return parseRender(reader, folder);
    }
    if (reader.snapshot.values["kubernetes:strictMode"] !== "true") {
        reader.problemAt(
            "kubernetes:strictMode",
            `must be "true" in a stack that installs into a cluster, so that nothing reaches a cluster through an ` +
                "ambient kubeconfig. Fix: pulumi config set kubernetes:strictMode true",
        );
    }
    const source = kubeconfigSource(reader, home);
    if (!source) {
        return undefined;
    }
    const context = reader.text("kubeContext") ?? escContext(reader);
    return minify(reader, source, context, reader.boolean("adoptExistingObjects"));
}

function parseRender(reader: ConfigReader, folder: string): RenderAccess {
    if (reader.snapshot.values["kubernetes:strictMode"] === "true") {
        reader.problemAt(
            "kubernetes:strictMode",
            `strict mode demands a kubeconfig and a context, which render mode (${reader.key("renderYamlTo")}) cannot ` +
                "take. Fix: pulumi config rm kubernetes:strictMode for this stack.",
        );
    }
    reader.refuseIfSet(
        ["kubeconfig", "kubeContext", "adoptExistingObjects"],
        "does not apply in render mode (renderYamlTo), which never contacts a cluster",
        (key) => `Remove it: pulumi config rm ${key}`,
    );
    if (/[\u0000-\u001f]/.test(folder) || folder.trim() !== folder) {
        reader.problem("renderYamlTo", "is not a folder name (it has surrounding spaces or control characters).");
    }
    return { kind: "render", folder };
}

interface KubeconfigSource {
    text: string;
    origin: string;
    /** The folder relative file paths in it are relative to (a file's own folder). */
    folder?: string;
}

function kubeconfigSource(reader: ConfigReader, home: string): KubeconfigSource | undefined {
    const own = reader.credential("kubeconfig");
    const esc = reader.snapshot.values["kubernetes:kubeconfig"];
    if (own !== undefined && esc !== undefined) {
        reader.problem(
            "kubeconfig",
            "is set, and so is kubernetes:kubeconfig; keep one: pulumi config rm kubernetes:kubeconfig (or this key).",
        );
    }
    if (own !== undefined) {
        return { text: own, origin: reader.key("kubeconfig") };
    }
    if (esc !== undefined) {
        if (!reader.snapshot.secretKeys.has("kubernetes:kubeconfig")) {
            reader.problemAt(
                "kubernetes:kubeconfig",
                "is in plain text; it holds cluster credentials. Set it as a secret (in ESC: fn::secret).",
            );
            return undefined;
        }
        return esc.includes("\n")
            ? { text: esc, origin: "kubernetes:kubeconfig" }
            : fileSource(reader, esc, "kubernetes:kubeconfig");
    }
    const context = reader.isSet("kubeContext") || reader.snapshot.values["kubernetes:context"] !== undefined;
    if (!context) {
        reader.problem(
            "kubeconfig",
            `a cluster stack needs a kubeconfig: pulumi config set --secret ${reader.key("kubeconfig")} < path/to/kubeconfig, ` +
                `or a context in ~/.kube/config: pulumi config set ${reader.key("kubeContext")} <context>, or ` +
                `kubernetes:kubeconfig from a Pulumi ESC environment.`,
        );
        return undefined;
    }
    return fileSource(reader, path.join(home, ".kube", "config"), "~/.kube/config");
}

function fileSource(reader: ConfigReader, file: string, origin: string): KubeconfigSource | undefined {
    if (!fs.existsSync(file)) {
        reader.problem(
            "kubeconfig",
            `${origin} names a kubeconfig file that does not exist here; set ${reader.key("kubeconfig")} (secret) instead.`,
        );
        return undefined;
    }
    return { text: fs.readFileSync(file, "utf8"), origin, folder: path.dirname(file) };
}

function escContext(reader: ConfigReader): Text | undefined {
    const value = reader.snapshot.values["kubernetes:context"];
    return value === undefined ? undefined : { value, secret: reader.snapshot.secretKeys.has("kubernetes:context") };
}

type Entry = {
    name?: unknown;
    context?: Record<string, unknown>;
    cluster?: Record<string, unknown>;
    user?: Record<string, unknown>;
};

/** The chosen context with only its cluster and user, relative paths made absolute. */
function minify(
    reader: ConfigReader,
    source: KubeconfigSource,
    wanted: Text | undefined,
    adopt: boolean,
): LiveAccess | undefined {
    const doc = parseQuietly(source.text);
    if (!doc) {
        reader.problem(
            "kubeconfig",
            `${source.origin} is not a kubeconfig (YAML or JSON). Set it again from a working kubeconfig file.`,
        );
        return undefined;
    }
    const list = (key: string) => (Array.isArray(doc[key]) ? (doc[key] as Entry[]) : []);
    const contexts = list("contexts");
    const name = wanted?.value ?? (typeof doc["current-context"] === "string" ? doc["current-context"] : undefined);
    const context = contexts.find((c) => c?.name === name);
    if (!name || !context?.context) {
        const shownName = wanted?.secret ? "the configured context" : name ? `context "${name}"` : "no context";
        reader.problem(
            "kubeContext",
            `${shownName} is not in ${source.origin} (it has ${contexts.length} context(s)); name one of its contexts: ` +
                `pulumi config set ${reader.key("kubeContext")} <context>`,
        );
        return undefined;
    }
    const cluster = list("clusters").find((c) => c?.name === context.context!.cluster);
    const user = list("users").find((u) => u?.name === context.context!.user);
    if (!cluster?.cluster) {
        reader.problem("kubeContext", `the chosen context's cluster is not in ${source.origin}.`);
        return undefined;
    }
    const server = typeof cluster.cluster.server === "string" ? cluster.cluster.server : undefined;
    if (
        server !== undefined &&
        urlProblem(server, { schemes: ["https", "http"], path: true })?.includes("credentials")
    ) {
        reader.problem(
            "kubeconfig",
            `the chosen cluster's server URL in ${source.origin} carries credentials (user:password@); use a token or certificate instead.`,
        );
    }
    const reduced = {
        apiVersion: "v1",
        kind: "Config",
        clusters: [absolutePaths(cluster, source.folder)],
        users: user ? [absolutePaths(user, source.folder)] : [],
        contexts: [context],
        "current-context": name,
    };
    return {
        kind: "live",
        kubeconfig: stringify(reduced),
        context: wanted ?? { value: name, secret: reader.snapshot.secretKeys.has(reader.key("kubeconfig")) },
        server,
        caData:
            typeof cluster.cluster["certificate-authority-data"] === "string"
                ? (cluster.cluster["certificate-authority-data"] as string)
                : undefined,
        serverDigest: server && createHash("sha256").update(server).digest("hex").slice(0, 16),
        adopt,
    };
}

/** The document, or undefined; never the parser's message, which quotes the (secret) text. */
function parseQuietly(text: string): Record<string, unknown> | undefined {
    try {
        const doc: unknown = parse(text);
        return doc && typeof doc === "object" && !Array.isArray(doc) ? (doc as Record<string, unknown>) : undefined;
    } catch {
        return undefined;
    }
}

const PATH_FIELDS = ["certificate-authority", "client-certificate", "client-key", "tokenFile"];

/** Kubectl reads relative paths in a kubeconfig file relative to that file; keep them meaning the same. */
function absolutePaths(entry: Entry, folder: string | undefined): Entry {
    if (!folder) {
        return entry;
    }
    const copy = JSON.parse(JSON.stringify(entry)) as Entry;
    const body = (copy.cluster ?? copy.user ?? {}) as Record<string, unknown>;
    for (const field of PATH_FIELDS) {
        if (typeof body[field] === "string" && !path.isAbsolute(body[field] as string)) {
            body[field] = path.join(folder, body[field] as string);
        }
    }
    return copy;
}
