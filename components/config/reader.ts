// Reads the stack's configuration by the declared type of each key, recording a problem (and
// returning the default) for a bad value. Secretness travels with every value that may be secret,
// and no message ever quotes a secret value.
import * as pulumi from "@pulumi/pulumi";
import type { KeySpec, KeySpecs, StackRole } from "./keys.ts";
import { storedForm } from "./keys.ts";
import type { Problems } from "./problems.ts";
import type { ConfigSnapshot } from "./snapshot.ts";
import { withoutCredentials } from "./rules/url.ts";
import { closest } from "./suggest.ts";

/** A value that may be secret: where it lands (inputs, outputs) it stays secret. */
export interface Text {
    value: string;
    secret: boolean;
}

/** A value that may be secret, as a resource input: secret when it was set with --secret. */
export function asInput(text: Text): pulumi.Input<string>;
export function asInput(text: Text | undefined): pulumi.Input<string> | undefined;
export function asInput(text: Text | undefined): pulumi.Input<string> | undefined {
    return text === undefined ? undefined : text.secret ? pulumi.secret(text.value) : text.value;
}

export class ConfigReader {
    readonly snapshot: ConfigSnapshot;
    private readonly specs: KeySpecs;
    private readonly problems: Problems;
    /** Things worth telling the user that are not errors. */
    readonly warnings: string[] = [];

    constructor(snapshot: ConfigSnapshot, specs: KeySpecs, problems: Problems) {
        this.snapshot = snapshot;
        this.specs = specs;
        this.problems = problems;
    }

    /** Records a warning about `name`. */
    warn(name: string, message: string): void {
        this.warnings.push(`${this.key(name)}: ${message}`);
    }

    /** The key as `pulumi config` names it: `<namespace>:<name>` (the namespace is the project's). */
    key(name: string): string {
        return `${this.snapshot.namespace}:${name}`;
    }

    /** Whether the stack sets `name` to something other than its declared default. */
    isSet(name: string): boolean {
        const value = this.snapshot.values[this.key(name)];
        return value !== undefined && value !== storedForm(this.spec(name).default);
    }

    isSecret(name: string): boolean {
        return this.snapshot.secretKeys.has(this.key(name));
    }

    /** Records a problem about `name`. */
    problem(name: string, message: string): void {
        this.problems.add(`${this.key(name)}: ${message}`);
    }

    /** Records a problem about a key of another namespace (kubernetes:strictMode, kubernetes:kubeconfig). */
    problemAt(fullKey: string, message: string): void {
        this.problems.add(`${fullKey}: ${message}`);
    }

    /** `"value"`, or a placeholder when it is secret, never with a URL's credentials: for messages. */
    shown(name: string): string {
        return this.isSecret(name) ? "(its secret value)" : withoutCredentials(JSON.stringify(this.raw(name) ?? ""));
    }

    /** A plain string (never secret); the default when unset. */
    string(name: string): string {
        return this.plain(name) ?? storedForm(this.spec(name).default);
    }

    /** A plain string (never secret); undefined when unset. */
    optionalString(name: string): string | undefined {
        return this.plain(name);
    }

    /** A string that may be secret; undefined when unset. */
    text(name: string): Text | undefined {
        const value = this.read(name, "allowed");
        return value === undefined ? undefined : { value, secret: this.isSecret(name) };
    }

    /** A credential or private key: refused unless stored as a secret. Undefined when unset. */
    credential(name: string): string | undefined {
        return this.read(name, "required");
    }

    integer(name: string): number {
        return this.optionalInteger(name) ?? (this.spec(name).default as number);
    }

    /** An integer; undefined when unset (its declared default, 0, means unset). */
    optionalInteger(name: string): number | undefined {
        const value = this.plain(name);
        if (value === undefined) {
            return undefined;
        }
        if (!/^[+-]?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
            this.problem(
                name,
                `${this.shown(name)} is not a whole number. Fix: pulumi config set ${this.key(name)} <number>`,
            );
            return undefined;
        }
        return Number(value);
    }

    boolean(name: string): boolean {
        const value = this.plain(name);
        if (value === undefined) {
            return this.spec(name).default as boolean;
        }
        if (value !== "true" && value !== "false") {
            this.problem(
                name,
                `${this.shown(name)} is not true or false. Fix: pulumi config set ${this.key(name)} true`,
            );
            return this.spec(name).default as boolean;
        }
        return value === "true";
    }

    /** A list of non-empty, distinct strings (never secret). */
    list(name: string): string[] {
        const value = this.plain(name);
        if (value === undefined) {
            return [...(this.spec(name).default as readonly string[])];
        }
        const parsed = parseJson(value);
        if (!Array.isArray(parsed) || !parsed.every((entry) => typeof entry === "string")) {
            this.problem(
                name,
                `is not a list of strings. Set its entries with: pulumi config set --path '${this.key(name)}[0]' <value>`,
            );
            return [];
        }
        const entries = parsed as string[];
        entries.forEach((entry, i) => {
            if (entry.trim() === "") {
                this.problem(name, `entry ${i} is empty; remove it: pulumi config rm --path '${this.key(name)}[${i}]'`);
            } else if (entries.indexOf(entry) !== i) {
                this.problem(name, `${JSON.stringify(entry)} is listed twice; remove the duplicate`);
            }
        });
        return entries.filter((entry, i) => entry.trim() !== "" && entries.indexOf(entry) === i);
    }

    /** A JSON object (secret allowed: then every value in it stays secret); undefined when unset. */
    object(name: string): { value: Record<string, unknown>; secret: boolean } | undefined {
        const raw = this.read(name, "allowed");
        if (raw === undefined) {
            return undefined;
        }
        const parsed = parseJson(raw);
        if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
            this.problem(
                name,
                `is not an object. Set it with: pulumi config set --path '${this.key(name)}.<key>' <value>, or in YAML`,
            );
            return undefined;
        }
        return { value: parsed as Record<string, unknown>, secret: this.isSecret(name) };
    }

    /** Refuses every key `names` that the stack sets: they do not apply here (`why`, `fix`). */
    refuseIfSet(names: readonly string[], why: string, fix: (key: string) => string): void {
        for (const name of names.filter((n) => this.isSet(n))) {
            this.problem(name, `${why}. ${fix(this.key(name))}`);
        }
    }

    /** Problems for keys of the project that no area declares (a typo would silently do nothing). */
    checkUnknownKeys(): void {
        const prefix = `${this.snapshot.namespace}:`;
        for (const full of Object.keys(this.snapshot.values).sort()) {
            const name = full.slice(prefix.length);
            if (full.startsWith(prefix) && !(name in this.specs)) {
                const hint = closest(name, Object.keys(this.specs));
                this.problems.add(
                    `${full}: unknown key.${hint ? ` Did you mean ${this.key(hint)}?` : ""} ` +
                        `Remove it with: pulumi config rm ${full}`,
                );
            }
        }
    }

    /** Problems for keys set in a stack whose roles they do not belong to. */
    checkRoles(roles: ReadonlySet<StackRole>, describe: (name: string, spec: KeySpec) => string): void {
        for (const [name, spec] of Object.entries(this.specs)) {
            if (this.isSet(name) && !spec.roles.some((role) => roles.has(role))) {
                this.problem(name, describe(name, spec));
            }
        }
    }

    private spec(name: string): KeySpec {
        const spec = this.specs[name];
        if (!spec) {
            throw new Error(`config key ${name} is read but declared by no area`);
        }
        return spec;
    }

    private raw(name: string): string | undefined {
        return this.isSet(name) ? this.snapshot.values[this.key(name)] : undefined;
    }

    /** A never-secret value. */
    private plain(name: string): string | undefined {
        return this.read(name, "never");
    }

    /** The value of `name` under the secret policy `reading`; undefined when unset or refused. */
    private read(name: string, reading: "never" | "allowed" | "required"): string | undefined {
        if ((this.spec(name).secret ?? "never") !== reading) {
            throw new Error(
                `config key ${name} is declared with secret "${this.spec(name).secret}" but read as "${reading}"`,
            );
        }
        const value = this.raw(name);
        if (value === undefined) {
            return undefined;
        }
        const secret = this.isSecret(name);
        if (secret && reading === "never") {
            this.problem(
                name,
                "is stored as a secret, but its value names resources or decides what is created, which can never " +
                    `be secret; set it again without --secret: pulumi config set ${this.key(name)} <value>`,
            );
            return undefined;
        }
        if (!secret && reading === "required") {
            this.problem(
                name,
                "is stored in plain text in the stack file; it is a credential or a private key. " +
                    `Fix: pulumi config set --secret ${this.key(name)} < file (or pipe the value in)`,
            );
            return undefined;
        }
        return value;
    }
}

function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}
