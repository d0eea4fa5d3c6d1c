// `key=value` lists: Kubernetes labels (key and value by Kubernetes' rules) or annotations (any
// value without control characters).
import type { ConfigReader } from "./reader.ts";
import { annotationKeyProblem, labelValueProblem, qualifiedNameProblem } from "./rules/kubernetes.ts";

export function parseLabels(
    reader: ConfigReader,
    name: string,
    options: { annotations?: boolean } = {},
): Record<string, string> {
    const result: Record<string, string> = {};
    for (const entry of reader.list(name)) {
        const at = entry.indexOf("=");
        const [key, value] = at < 0 ? [entry, undefined] : [entry.slice(0, at), entry.slice(at + 1)];
        const problem =
            value === undefined
                ? `is not <key>=<value>`
                : options.annotations
                  ? (annotationKeyProblem(key) && `has a key that ${annotationKeyProblem(key)}`) ||
                    (/[\u0000-\u001f\u007f]/.test(value) ? "has a value with control characters" : undefined)
                  : (qualifiedNameProblem(key) && `has a key that ${qualifiedNameProblem(key)}`) ||
                    (labelValueProblem(value) && `has a value that ${labelValueProblem(value)}`);
        if (problem) {
            reader.problem(name, `"${entry}" ${problem}.`);
        } else if (key in result) {
            reader.problem(name, `sets "${key}" twice; keep one entry.`);
        } else {
            result[key] = value!;
        }
    }
    return result;
}
