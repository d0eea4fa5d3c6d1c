// A small typed decoder for JSON that comes from another stack (or this stack's last run): each
// decoder checks shape and type, and reports every problem with the path of the offending field.

export type Decoder<T> = (value: unknown, path: string, problems: string[]) => T | undefined;

function fail<T>(problems: string[], path: string, message: string): T | undefined {
    problems.push(`${path} ${message}`);
    return undefined;
}

export const string: Decoder<string> = (value, path, problems) =>
    typeof value === "string" && value !== "" ? value : fail(problems, path, "is missing or not a non-empty string");

export const boolean: Decoder<boolean> = (value, path, problems) =>
    typeof value === "boolean" ? value : fail(problems, path, "is missing or not a boolean");

export function integer(min: number, max: number): Decoder<number> {
    return (value, path, problems) =>
        typeof value === "number" && Number.isInteger(value) && value >= min && value <= max
            ? value
            : fail(problems, path, `is missing or not a whole number from ${min} to ${max}`);
}

export function literal<T extends string | number>(expected: T): Decoder<T> {
    return (value, path, problems) =>
        value === expected
            ? expected
            : fail(problems, path, `is ${JSON.stringify(value)}, not ${JSON.stringify(expected)}`);
}

/** `decoder`, then a check of the decoded value that returns what is wrong, or undefined. */
export function refine<T>(decoder: Decoder<T>, check: (value: T) => string | undefined): Decoder<T> {
    return (value, path, problems) => {
        const decoded = decoder(value, path, problems);
        if (decoded === undefined) {
            return undefined;
        }
        const problem = check(decoded);
        return problem === undefined ? decoded : fail(problems, path, problem);
    };
}

export function optional<T>(decoder: Decoder<T>): Decoder<T | undefined> {
    return (value, path, problems) =>
        value === undefined || value === null ? undefined : decoder(value, path, problems);
}

export function array<T>(item: Decoder<T>, options: { unique?: boolean } = {}): Decoder<T[]> {
    return (value, path, problems) => {
        if (!Array.isArray(value)) {
            return fail(problems, path, "is missing or not a list");
        }
        const before = problems.length;
        const items = value.map((entry, i) => item(entry, `${path}[${i}]`, problems));
        if (options.unique && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) {
            problems.push(`${path} lists an entry twice`);
        }
        return problems.length === before ? (items as T[]) : undefined;
    };
}

export function record<T>(entry: Decoder<T>, key?: (name: string) => string | undefined): Decoder<Record<string, T>> {
    return (value, path, problems) => {
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
            return fail(problems, path, "is missing or not an object");
        }
        const before = problems.length;
        const result: Record<string, T> = {};
        for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
            const keyProblem = key?.(name);
            if (keyProblem) {
                problems.push(`${path} has a key ${JSON.stringify(name)} that ${keyProblem}`);
                continue;
            }
            const decoded = entry(item, `${path}.${name}`, problems);
            if (decoded !== undefined) {
                result[name] = decoded;
            }
        }
        return problems.length === before ? result : undefined;
    };
}

type Fields<T> = { [K in keyof T]-?: Decoder<T[K]> };

/** An object with exactly these fields (unknown fields are reported: they mean a newer format). */
export function object<T extends object>(fields: Fields<T>): Decoder<T> {
    return (value, path, problems) => {
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
            return fail(problems, path, "is missing or not an object");
        }
        const input = value as Record<string, unknown>;
        const before = problems.length;
        const result: Record<string, unknown> = {};
        for (const [name, decoder] of Object.entries(fields) as [string, Decoder<unknown>][]) {
            const decoded = decoder(input[name], `${path}.${name}`, problems);
            if (decoded !== undefined) {
                result[name] = decoded;
            }
        }
        for (const name of Object.keys(input).filter((n) => !(n in fields))) {
            problems.push(`${path}.${name} is not a field this program knows`);
        }
        return problems.length === before ? (result as T) : undefined;
    };
}

export function oneOf<T extends string>(values: readonly T[]): Decoder<T> {
    return (value, path, problems) =>
        values.includes(value as T) ? (value as T) : fail(problems, path, `is not one of ${values.join(", ")}`);
}

/** Any JSON object, kept as it is (a Kubernetes spec recorded by this program). */
export const jsonObject: Decoder<Record<string, unknown>> = (value, path, problems) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : fail(problems, path, "is missing or not an object");
