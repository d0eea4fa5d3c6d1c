// Values that Linkerd's chart templates write into YAML without quoting them (see the `yamlContext`
// of each value in the areas' values modules). A value is safe when the line the template renders,
// parsed back, holds exactly the intended string: not a number, boolean or null, no extra keys or
// items, no comment swallowing the rest. Helm's parser (sigs.k8s.io/yaml over go-yaml) follows
// YAML 1.1, where `on` and `yes` are booleans, so the line must read the same under 1.1 and 1.2.
import { parseAllDocuments } from "yaml";

export interface YamlContext {
    /** How the chart writes the value, with `VALUE` where it goes, e.g. `- -enforced-host=VALUE`. */
    template: string;
}

/** A value written as a mapping value (`key: VALUE`). */
export const MAPPING_VALUE: YamlContext = { template: "key: VALUE" };
/** A value written as a sequence item (`- VALUE`). */
export const SEQUENCE_ITEM: YamlContext = { template: "- VALUE" };
/** A value written inside a flag argument (`- -flag=VALUE`). */
export function flagArgument(flag: string): YamlContext {
    return { template: `- ${flag}=VALUE` };
}
/** A value written inside a double-quoted flag argument (`- "-flag=VALUE"`). */
export function quotedFlagArgument(flag: string): YamlContext {
    return { template: `- "${flag}=VALUE"` };
}
/** A value written in double quotes (`key: "VALUE"`). */
export const QUOTED_VALUE: YamlContext = { template: 'key: "VALUE"' };

/** What goes wrong when `value` is rendered in `context`, or undefined when it reads back unchanged. */
export function yamlScalarProblem(value: string, context: YamlContext): string | undefined {
    if (/[\u0000-\u001f\u007f]/.test(value)) {
        return "contains a line break or control character, which would break the YAML the chart renders";
    }
    const line = context.template.replace("VALUE", value);
    const intended = literalText(context.template).replace("VALUE", value);
    for (const version of ["1.1", "1.2"] as const) {
        if (readBack(line, version) !== intended) {
            return (
                "would not survive the chart's templating: the chart writes it into YAML unquoted, where it would " +
                "read as something else (a number, boolean, comment, or extra YAML)"
            );
        }
    }
    return undefined;
}

/** The template's text as the scalar should read: for a quoted template, what is inside the quotes. */
function literalText(template: string): string {
    const scalar = template.startsWith("- ") ? template.slice(2) : template.slice(template.indexOf(": ") + 2);
    return scalar.startsWith('"') && scalar.endsWith('"') ? scalar.slice(1, -1) : scalar;
}

/** The one scalar the line holds, as YAML `version` reads it; undefined for anything else. */
function readBack(line: string, version: "1.1" | "1.2"): string | undefined {
    const documents = parseAllDocuments(line, { version, uniqueKeys: true });
    if (!Array.isArray(documents) || documents.length !== 1 || documents[0].errors.length > 0) {
        return undefined;
    }
    const parsed: unknown = documents[0].toJS();
    const values = Array.isArray(parsed)
        ? parsed
        : parsed && typeof parsed === "object"
          ? Object.entries(parsed as Record<string, unknown>).map(([k, v]) => (k === "key" ? v : undefined))
          : [];
    return values.length === 1 && typeof values[0] === "string" ? values[0] : undefined;
}
