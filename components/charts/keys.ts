// The value keys of a pinned chart. Linkerd's charts have no values schema and Helm silently
// ignores keys they do not read, so a misspelt value would do nothing; every value this program,
// or a user's override, sets is checked against the chart's own keys (each area's chartKeys.ts,
// written from the chart's values.yaml and the `.Values` paths its templates read).

export interface ChartKeys {
    chart: string;
    /** Every known path, and every prefix of one. */
    paths: ReadonlySet<string>;
    /** Paths under which anything goes (maps and lists such as podAnnotations or tolerations). */
    freeForm: ReadonlySet<string>;
}

/**
 * Builds the keys of `chart` from whitespace-separated dotted paths. A path that no other path
 * extends is a leaf; leaves listed in `freeForm` accept any keys below them.
 */
export function chartKeys(chart: string, text: string, freeForm: readonly string[]): ChartKeys {
    const paths = new Set<string>();
    for (const path of text.split(/\s+/).filter(Boolean)) {
        const parts = path.split(".");
        parts.forEach((_, i) => paths.add(parts.slice(0, i + 1).join(".")));
    }
    for (const key of freeForm) {
        if (!paths.has(key)) {
            throw new Error(`${chart}: free-form key ${key} is not a key of the chart`);
        }
    }
    return { chart, paths, freeForm: new Set(freeForm) };
}

/** Whether `path` (dotted) is a value the chart reads. */
export function isChartKey(keys: ChartKeys, path: string): boolean {
    if (keys.paths.has(path)) {
        return true;
    }
    const parts = path.split(".");
    return parts.some((_, i) => keys.freeForm.has(parts.slice(0, i + 1).join(".")));
}

/** The known key closest to an unknown `path`: its longest known prefix, for messages. */
export function knownPrefix(keys: ChartKeys, path: string): string | undefined {
    const parts = path.split(".");
    for (let i = parts.length - 1; i > 0; i--) {
        const prefix = parts.slice(0, i).join(".");
        if (keys.paths.has(prefix)) {
            return prefix;
        }
    }
    return undefined;
}
