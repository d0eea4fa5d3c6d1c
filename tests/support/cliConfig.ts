// What the Pulumi CLI does with a stack's configuration before it runs any program: it applies the
// project's config schema (Pulumi.yaml) the way pulumi/pulumi pkg/workspace/config.go
// (ValidateStackConfigAndApplyProjectConfig) and sdk/go/common/workspace/project.go do:
// - the schema itself is checked when the project loads (arrays need `items`, defaults match types,
//   no default and value together, keys of other namespaces carry only `value`);
// - a key of the project's namespace declared without `default` or `value` is required in every
//   stack ("Stack 'dev' is missing configuration value 'x'");
// - typed keys are type-checked on the stored value, and `secret: true` ones must be encrypted;
// - defaults are copied into the configuration the program sees (arrays and objects as JSON).
// The mocks apply none of this; the harness applies it before every run.

export interface ConfigDeclaration {
    type?: "string" | "integer" | "boolean" | "array" | "object";
    items?: ConfigDeclaration;
    default?: unknown;
    value?: unknown;
    secret?: boolean;
    description?: string;
}

export interface ProjectFile {
    name: string;
    config?: Record<string, ConfigDeclaration | string | number | boolean>;
}

/** A stack value: what Pulumi.<stack>.yaml (or ESC) holds, and whether it is encrypted. */
export interface StackValue {
    value: unknown;
    secure: boolean;
}

export class CliConfigError extends Error {}

/** The project schema problems the CLI reports when it loads Pulumi.yaml. */
export function validateProject(project: ProjectFile): void {
    for (const [key, raw] of Object.entries(project.config ?? {})) {
        if (typeof raw !== "object" || raw === null) {
            continue;
        }
        const namespaced = key.includes(":") && !key.startsWith(`${project.name}:`);
        if (namespaced && raw.type !== undefined) {
            throw new CliConfigError(
                `Configuration key '${key}' is not namespaced by the project and should not define a type`,
            );
        }
        if (namespaced && raw.default !== undefined) {
            throw new CliConfigError(
                `Configuration key '${key}' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`,
            );
        }
        if (raw.default !== undefined && raw.value !== undefined) {
            throw new CliConfigError(`project config '${key}' cannot have both a 'default' and 'value' attribute`);
        }
        if (raw.type === "array" && raw.items === undefined) {
            throw new CliConfigError(
                `The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`,
            );
        }
        if (raw.type !== undefined && raw.default !== undefined && raw.default !== null && !matches(raw, raw.default)) {
            throw new CliConfigError(
                `The default value specified for configuration key '${key}' is not of the expected type '${typeName(raw)}'`,
            );
        }
    }
}

/**
 * The configuration the program receives: every value as a string, keyed `<namespace>:<key>`, and
 * the secret keys. Throws `CliConfigError` with the CLI's message where the CLI would refuse to run.
 */
export function applyProjectConfig(
    project: ProjectFile,
    stack: string,
    values: Record<string, StackValue>,
): { config: Record<string, string>; secretKeys: string[] } {
    validateProject(project);
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, { value, secure }] of Object.entries(values)) {
        config[key] = stored(value);
        if (secure) {
            secretKeys.push(key);
        }
    }
    const missing: string[] = [];
    for (const [key, raw] of Object.entries(project.config ?? {})) {
        const declaration: ConfigDeclaration = typeof raw === "object" && raw !== null ? raw : { value: raw };
        const full = key.includes(":") ? key : `${project.name}:${key}`;
        const inProject = full.startsWith(`${project.name}:`);
        const onStack = values[full];
        if (onStack === undefined) {
            const fallback = declaration.default ?? declaration.value;
            if (fallback === undefined || fallback === null) {
                if (inProject) {
                    missing.push(key);
                }
                continue;
            }
            config[full] = stored(fallback);
            if (declaration.type !== undefined && declaration.secret) {
                // The CLI inserts a default as plain text, which a secret key refuses.
                throw new CliConfigError(
                    `Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret`,
                );
            }
            continue;
        }
        if (declaration.type === undefined) {
            continue;
        }
        const parsed =
            typeof onStack.value === "string" && (declaration.type === "array" || declaration.type === "object")
                ? parseJson(onStack.value)
                : onStack.value;
        if (!matches(declaration, parsed)) {
            throw new CliConfigError(
                `Stack '${stack}' with configuration key '${key}' must be of type '${typeName(declaration)}'`,
            );
        }
        if (declaration.secret && !onStack.secure) {
            throw new CliConfigError(
                `Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret`,
            );
        }
    }
    if (missing.length > 0) {
        missing.sort();
        const list =
            missing.length === 1
                ? `'${missing[0]}'`
                : `${missing
                      .slice(0, -1)
                      .map((k) => `'${k}'`)
                      .join(", ")} and '${missing[missing.length - 1]}'`;
        throw new CliConfigError(
            `Stack '${stack}' is missing configuration value${missing.length === 1 ? "" : "s"} ${list}`,
        );
    }
    return { config, secretKeys };
}

/** How a value reaches the program: primitives as text, anything else as JSON. */
function stored(value: unknown): string {
    return typeof value === "string"
        ? value
        : typeof value === "number" || typeof value === "boolean"
          ? String(value)
          : JSON.stringify(value);
}

/** ValidateConfigValue: a stored scalar is a string; integers and booleans may be written as text. */
function matches(declaration: ConfigDeclaration, value: unknown): boolean {
    switch (declaration.type) {
        case undefined:
            return true;
        case "string":
            return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
        case "integer":
            return (
                (typeof value === "number" && Number.isInteger(value)) ||
                (typeof value === "string" && /^[+-]?\d+$/.test(value))
            );
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false";
        case "object":
            return typeof value === "object" && value !== null && !Array.isArray(value);
        case "array":
            return Array.isArray(value) && value.every((item) => matches(declaration.items ?? {}, item));
    }
}

function typeName(declaration: ConfigDeclaration): string {
    return declaration.type === "array" ? `array<${typeName(declaration.items ?? {})}>` : (declaration.type ?? "any");
}

function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}
