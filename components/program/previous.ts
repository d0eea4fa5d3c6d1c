// What this stack recorded in its last run: its state, and the outputs it published that its own
// next run needs (the trust it published, the request it made). A stack deployed by the previous
// version recorded its state differently; that is read once and converted.
import { CLUSTER_OUTPUT, type ClusterOutput, TRUST_OUTPUT, type TrustOutput } from "../contract/outputs.ts";
import { legacyState } from "../contract/legacy.ts";
import type { StackRead } from "../contract/read.ts";
import { readOutput } from "../contract/reader.ts";
import { STATE_OUTPUT, type StackState } from "../contract/state.ts";

export interface PreviousRun {
    state?: StackState;
    trust?: TrustOutput;
    cluster?: ClusterOutput;
}

export function previousRun(read: StackRead, now: Date, problems: string[]): PreviousRun {
    if (!read.found) {
        problems.push(
            `this stack's last outputs could not be read (${read.message}); they decide renewals and rotation steps, so nothing is planned without them.`,
        );
        return {};
    }
    const fix =
        "The stack's outputs were changed by hand, or by another program: restore them (pulumi stack history), then run again.";
    const options = { required: false, fix, self: true };
    const state =
        readOutput(read.stack, STATE_OUTPUT, problems, options) ?? legacyState(read.stack, now.toISOString(), problems);
    return {
        state,
        trust: readOutput(read.stack, TRUST_OUTPUT, problems, options),
        cluster: readOutput(read.stack, CLUSTER_OUTPUT, problems, options),
    };
}
