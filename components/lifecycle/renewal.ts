// When a certificate is renewed, and how the engine is made to do it. The program reads what it
// deployed last time (its own outputs), decides with the clock, and counts renewals. The count is
// the certificate's `replacementTrigger`, set from the first deployment on: the engine replaces a
// resource only when its last and its new trigger are both set and differ (pulumi/pulumi
// pkg/resource/deploy/step_generator.go, shouldTriggerReplace), so a trigger that appeared only
// at the first renewal would replace nothing on the run that announces the renewal.
import type * as pulumi from "@pulumi/pulumi";

const HOUR_MS = 3_600_000;

/** Whether `notAfter` is inside the renewal window at `now`. */
export function renewalDue(notAfter: string | undefined, now: Date, renewBeforeHours: number): boolean {
    return notAfter !== undefined && now.getTime() >= Date.parse(notAfter) - renewBeforeHours * HOUR_MS;
}

export interface RenewalDecision {
    /** The renewal count this run deploys: the last one, plus one when due. */
    count: number;
    due: boolean;
}

/** The decision for a certificate deployed with `previousCount` renewals that expires at `notAfter`. */
export function renewal(
    previousCount: number | undefined,
    notAfter: string | undefined,
    now: Date,
    renewBeforeHours: number,
): RenewalDecision {
    const count = previousCount ?? 0;
    const due = renewalDue(notAfter, now, renewBeforeHours);
    return { count: due ? count + 1 : count, due };
}

/** The resource option that renews a certificate when its count goes up: always set, 0 included. */
export function renewalTrigger(count: number): Pick<pulumi.CustomResourceOptions, "replacementTrigger"> {
    return { replacementTrigger: count };
}
