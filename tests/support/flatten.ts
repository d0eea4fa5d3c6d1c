/** Flattens nested values to dotted leaf paths (an empty object stays a leaf). */
export function flatten(value: unknown, prefix = ""): Record<string, unknown> {
    if (value && typeof value === "object" && !Array.isArray(value)) {
        const entries = Object.entries(value as Record<string, unknown>);
        if (entries.length === 0 && prefix) {
            return { [prefix]: {} };
        }
        return Object.assign({}, ...entries.map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));
    }
    return { [prefix]: value };
}
