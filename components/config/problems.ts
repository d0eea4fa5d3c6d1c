// Problems found while planning a stack: each names where it comes from (a config key, or another
// stack and its output), what is wrong and how to fix it. The plan collects all of them and fails
// once, before anything is registered.
import * as pulumi from "@pulumi/pulumi";

export class Problems {
    private readonly found: string[] = [];

    add(message: string): void {
        this.found.push(message);
    }

    get count(): number {
        return this.found.length;
    }

    all(): readonly string[] {
        return this.found;
    }

    /** Throws a `PlanError` for `stack` when anything was found. */
    throwIfAny(stack: string): void {
        if (this.found.length > 0) {
            throw new PlanError(stack, this.found);
        }
    }
}

/**
 * The one error a plan fails with: every problem, one per line. A `RunError`, so Pulumi prints the
 * message without a stack trace.
 */
export class PlanError extends pulumi.RunError {
    readonly stack: string;
    readonly problems: readonly string[];

    constructor(stack: string, problems: readonly string[]) {
        const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
        super(
            `Stack "${stack}" cannot be deployed (${count}); nothing was created or changed:\n` +
                problems.map((p) => `  - ${p}`).join("\n"),
        );
        this.name = "PlanError";
        this.stack = stack;
        this.problems = problems;
    }
}
