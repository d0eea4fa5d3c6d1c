// How a config key is declared. Each area declares its own keys (see each area's `config.ts`);
// program/keys.ts puts them together, and tests/projectFile.test.ts checks that Pulumi.yaml
// declares exactly these, the way the Pulumi CLI needs them.

export type KeyType = "string" | "integer" | "boolean" | "array" | "object";

/**
 * Whether a key may be set with `pulumi config set --secret`:
 * - `never`: its value names resources or decides what is registered, which is never secret;
 * - `allowed`: it flows only into resource inputs and outputs, which then stay secret;
 * - `required`: it is a credential or key, refused in plain text.
 */
export type SecretPolicy = "never" | "allowed" | "required";

export interface KeySpec {
    type: KeyType;
    /**
     * The default Pulumi.yaml declares, which the CLI copies into the configuration of every stack
     * that does not set the key. Optional keys default to their type's empty value ("", 0, [] or
     * {}), because the CLI treats a key declared without a default as required in every stack.
     */
    default: string | number | boolean | readonly string[] | Readonly<Record<string, never>>;
    secret?: SecretPolicy;
    /** Stack roles the key belongs to; set elsewhere it is refused as not applying. */
    roles: readonly StackRole[];
}

/** What a stack does: own the trust root, install into a cluster, or both. */
export type StackRole = "trust" | "cluster";

export type KeySpecs = Readonly<Record<string, KeySpec>>;

/** The text Pulumi stores for a value of `spec`'s type (arrays and objects as JSON). */
export function storedForm(value: KeySpec["default"]): string {
    return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}
