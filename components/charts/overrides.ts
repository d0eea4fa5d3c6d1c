// The escape hatch: chart values a stack sets for one chart (tolerations, node selectors, priority
// classes, image registries, ...). Every key must be a key of the pinned chart; keys the program
// owns (identity material, webhook certificates, what a config key already controls) are refused
// with the key to use instead. Overrides are merged last, over everything the program computed.
// When the config value is secret, every value in it stays secret.
import * as pulumi from "@pulumi/pulumi";
import type { ConfigReader } from "../config/reader.ts";
import { type ChartKeys, isChartKey, knownPrefix } from "./keys.ts";
import { leaves, setPath, type Values } from "./values.ts";

/** Value paths the program sets itself, with what to use instead. */
export type OwnedKeys = Readonly<Record<string, string>>;

/** The overrides of config key `name` for the chart of `keys`, or an empty object. */
export function parseOverrides(reader: ConfigReader, name: string, keys: ChartKeys, owned: OwnedKeys): Values {
    const read = reader.object(name);
    if (!read) {
        return {};
    }
    const result: Values = {};
    for (const leaf of leaves(read.value)) {
        const at = chartPath(keys, leaf.keys);
        const path = at.join(".");
        const problem = overrideProblem(keys, owned, path);
        if (problem) {
            reader.problem(name, `"${path}" ${problem}`);
            continue;
        }
        setPath(result, at, read.secret ? pulumi.secret(leaf.value) : leaf.value);
    }
    return result;
}

/**
 * Where a leaf goes in the chart's values. Dots in a key nest, as in `helm --set` (`proxy.image.name`),
 * until a free-form map is reached: its keys are the user's, and label keys such as
 * `node-role.kubernetes.io/infra` or `kubernetes.io/os` keep their dots.
 */
function chartPath(keys: ChartKeys, segments: readonly string[]): string[] {
    const at: string[] = [];
    for (const [i, segment] of segments.entries()) {
        const parts = segment.split(".");
        for (const [j, part] of parts.entries()) {
            if (at.length > 0 && keys.freeForm.has(at.join("."))) {
                return [...at, parts.slice(j).join("."), ...segments.slice(i + 1)];
            }
            at.push(part);
        }
    }
    return at;
}

function overrideProblem(keys: ChartKeys, owned: OwnedKeys, path: string): string | undefined {
    for (const [prefix, instead] of Object.entries(owned)) {
        if (path === prefix || path.startsWith(`${prefix}.`) || prefix.startsWith(`${path}.`)) {
            return `is set by this program (${prefix}); ${instead}.`;
        }
    }
    if (!isChartKey(keys, path)) {
        const near = knownPrefix(keys, path);
        return (
            `is not a value of the ${keys.chart} chart at the pinned version, so Helm would ignore it` +
            `${near ? ` (${near} is; check the keys below it in the chart's values.yaml)` : ""}.`
        );
    }
    return undefined;
}
