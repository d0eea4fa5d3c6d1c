// The one validating reader for everything that crosses stacks: another stack's outputs, or this
// stack's own from its last run. A wrong shape, a wrong type, an unknown format version or a
// missing output becomes a message naming the stack, the output and what to do.
import type { OutputSpec } from "./outputs.ts";
import type { StackOutputs, StackRead } from "./read.ts";

export interface ReadOptions {
    /** Whether a missing output is a problem (else it reads as undefined). */
    required: boolean;
    /** What to do about a problem, e.g. "run pulumi up in that stack". */
    fix: string;
}

/** Where outputs come from, as messages name it. */
export function describeSource(stack: StackOutputs | string, self: boolean): string {
    const name = typeof stack === "string" ? stack : stack.name;
    return self ? `this stack's last run (${name})` : `stack "${name}"`;
}

/**
 * Output `spec.name` of `stack`, decoded, or undefined with the problems added to `problems`.
 * The value's secretness is checked against the spec: a credential published in plain text is
 * refused (its stack must be fixed), and a plain output published as a secret is accepted.
 */
export function readOutput<T>(
    stack: StackOutputs,
    spec: OutputSpec<T>,
    problems: string[],
    options: ReadOptions & { self?: boolean },
): T | undefined {
    const where = `${describeSource(stack, options.self ?? false)}, output ${spec.name} (${spec.what})`;
    const value = stack.outputs[spec.name];
    if (value === undefined || value === null) {
        if (options.required) {
            problems.push(`${where}: is missing. ${options.fix}`);
        }
        return undefined;
    }
    if (spec.secret && !stack.secretNames.has(spec.name)) {
        problems.push(`${where}: is published in plain text, though it holds credentials. ${options.fix}`);
        return undefined;
    }
    const format = (value as { format?: unknown }).format;
    // Format 0: the previous version's outputs, which carried no format field.
    if (spec.format !== 0 && typeof value === "object" && format !== spec.format) {
        problems.push(
            `${where}: has format ${JSON.stringify(format ?? "none")}; this program reads format ${spec.format}. ` +
                options.fix,
        );
        return undefined;
    }
    const found: string[] = [];
    const decoded = spec.decoder(value, spec.name, found);
    if (decoded === undefined || found.length > 0) {
        problems.push(`${where}: ${found.length > 0 ? found.join("; ") : "does not decode"}. ${options.fix}`);
        return undefined;
    }
    return decoded;
}

/** A message for a stack that could not be read, naming the config key that names it. */
export function unreadable(read: Extract<StackRead, { found: false }>, configKey: string): string {
    return read.missing
        ? `${configKey}: stack "${read.name}" does not exist (or this account cannot read it). Create it with ` +
              `pulumi stack init ${read.name} and run pulumi up there, or fix the name in ${configKey}`
        : `${configKey}: stack "${read.name}" could not be read: ${read.message}`;
}
