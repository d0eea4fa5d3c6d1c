// URLs that the program hands to other software. Parsed with Node's WHATWG URL parser, after
// checks on the raw text: that parser silently drops tabs and newlines and trims spaces, which
// would hide exactly the characters that break the YAML or the flags a URL is written into.

export interface UrlPolicy {
    /** Accepted schemes, without the colon. */
    schemes: readonly string[];
    /** Whether a path is allowed (an API base address may need one; a host address does not). */
    path?: boolean;
}

/** `text` with anything between "//" and "@" (a URL's user:password) removed: for messages. */
export function withoutCredentials(text: string): string {
    return text.replace(/\/\/[^/\s]*@/g, "//(credentials removed)@");
}

/** What is wrong with `raw` as a URL under `policy`, or undefined. Never quotes the URL. */
export function urlProblem(raw: string, policy: UrlPolicy): string | undefined {
    const characters = unsafeCharacterProblem(raw);
    if (characters) {
        return characters;
    }
    if (raw.includes("\\")) {
        return "contains a backslash, which URL parsers disagree about";
    }
    let url: URL;
    try {
        url = new URL(raw);
    } catch {
        return `is not a URL (${policy.schemes.map((s) => `${s}://`).join(" or ")}<host>)`;
    }
    const scheme = url.protocol.slice(0, -1);
    if (!policy.schemes.includes(scheme)) {
        return `uses ${scheme}://; only ${policy.schemes.map((s) => `${s}://`).join(" or ")} is accepted here`;
    }
    if (url.username !== "" || url.password !== "" || /^[^/]*\/\/[^/]*@/.test(raw)) {
        return "carries credentials (user:password@); set them in their own secret keys, never in a URL";
    }
    if (url.hostname === "") {
        return "has no host";
    }
    if (url.search !== "" || raw.includes("?")) {
        return "has a query string, which is not part of an address";
    }
    if (url.hash !== "" || raw.includes("#")) {
        return "has a fragment (#...), which is not part of an address";
    }
    if (!policy.path && url.pathname !== "/" && url.pathname !== "") {
        return "has a path; give the address alone (scheme, host and port)";
    }
    return undefined;
}

/** `host` or `host:port` (an in-cluster address such as grafana.monitoring:3000). */
export function hostPortProblem(raw: string): string | undefined {
    const characters = unsafeCharacterProblem(raw);
    if (characters) {
        return characters;
    }
    const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(raw);
    if (!match || (match[2] !== undefined && (Number(match[2]) < 1 || Number(match[2]) > 65535))) {
        return "is not a host or host:port address (such as grafana.monitoring.svc.cluster.local:3000)";
    }
    return undefined;
}

/** Control characters and whitespace, which no address or flag value may contain. */
export function unsafeCharacterProblem(raw: string): string | undefined {
    if (/[\u0000-\u0020\u007f-\u00a0\u2028\u2029]/.test(raw)) {
        return "contains whitespace or control characters (a space, tab or line break)";
    }
    return undefined;
}
