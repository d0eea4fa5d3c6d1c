// Helm values as plain objects: merging the way Helm merges value files (objects recursively,
// anything else, lists included, replaces), and paths into them.
import * as pulumi from "@pulumi/pulumi";

export type Values = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Values {
    return typeof value === "object" && value !== null && !Array.isArray(value) && !pulumi.Output.isInstance(value);
}

/** Merges `patch` into `target` (objects recursively; anything else replaces; undefined is skipped). Returns `target`. */
export function deepMerge<T extends object>(target: T, patch: object): T {
    const t = target as Values;
    for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) {
            continue;
        }
        t[key] = isPlainObject(value) && isPlainObject(t[key]) ? deepMerge(t[key], value) : value;
    }
    return target;
}

export function clone<T>(value: T): T {
    return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function getPath(object: Values, dotted: string): unknown {
    return dotted.split(".").reduce<unknown>((o, k) => (isPlainObject(o) ? o[k] : undefined), object);
}

/** Sets `value` at a dotted path, or at a list of keys (which may hold dots themselves). */
export function setPath(object: Values, dotted: string | readonly string[], value: unknown): void {
    const keys = typeof dotted === "string" ? dotted.split(".") : dotted;
    let cursor = object;
    for (const key of keys.slice(0, -1)) {
        if (!isPlainObject(cursor[key])) {
            cursor[key] = {};
        }
        cursor = cursor[key] as Values;
    }
    cursor[keys[keys.length - 1]] = value;
}

/** Every leaf of `value` with its keys from the top (lists and empty objects are leaves). */
export function leaves(value: Values, prefix: readonly string[] = []): { keys: string[]; value: unknown }[] {
    return Object.entries(value).flatMap(([key, item]) => {
        const keys = [...prefix, key];
        return isPlainObject(item) && Object.keys(item).length > 0 ? leaves(item, keys) : [{ keys, value: item }];
    });
}
