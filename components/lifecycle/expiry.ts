// Expiry guardrails, checked when the plan is made (never inside an apply):
// - an anchor or issuer that is expired or not yet valid is an error;
// - one that expires within 60 days is a warning (linkerd check warns at the same point);
// - an issuer must never outlive the anchor that signs it. When a renewal is due and the signing
//   anchor would not cover a new issuer, there are two ways out, and the error names both.
import { iso } from "../trust/x509.ts";
import { MIN_RENEW_BEFORE_HOURS } from "./config.ts";

/** `linkerd check` warns this many days before an anchor or issuer expires. */
export const EXPIRY_WARNING_DAYS = 60;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface Dated {
    name: string;
    notBefore?: string;
    notAfter: string;
}

/** Error (expired, not yet valid) or warning (within 60 days) for `item`, or nothing. */
export function validityFinding(item: Dated, now: Date): { level: "error" | "warning"; message: string } | undefined {
    if (item.notBefore !== undefined && Date.parse(item.notBefore) > now.getTime()) {
        return {
            level: "error",
            message: `${item.name} is not valid until ${iso(item.notBefore)}; check the clock of whoever made it.`,
        };
    }
    if (Date.parse(item.notAfter) <= now.getTime()) {
        return { level: "error", message: `${item.name} expired on ${iso(item.notAfter)}.` };
    }
    if (Date.parse(item.notAfter) - now.getTime() <= EXPIRY_WARNING_DAYS * DAY_MS) {
        return {
            level: "warning",
            message: `${item.name} expires on ${iso(item.notAfter)}, within ${EXPIRY_WARNING_DAYS} days (linkerd check warns too).`,
        };
    }
    return undefined;
}

export interface IssuanceCheck {
    /** The issuer about to be signed, for messages. */
    issuer: string;
    signer: { id: string; notAfter: string };
    validityHours: number;
    now: Date;
    /** Whether a newer anchor is already in the bundle (a rotation has started): then signing can wait for it. */
    rotationStarted: boolean;
    /** certificateRenewBeforeHours: an issuer lives at least twice as long (lifecycle/config.ts). */
    renewBeforeHours: number;
    keys: { generations: string; issuerValidityHours: string; renewBeforeHours: string };
}

export type IssuanceDecision =
    { kind: "sign" } | { kind: "defer"; message: string } | { kind: "refuse"; message: string };

/**
 * Whether an issuer valid for `validityHours` from now may be signed by `signer`. It may when the
 * anchor outlives it. Otherwise: while a rotation is under way, signing waits for its step 2 (the
 * cluster keeps its current issuer); before that, the plan fails and names both ways out.
 */
export function issuanceDecision(check: IssuanceCheck): IssuanceDecision {
    const until = check.now.getTime() + check.validityHours * HOUR_MS;
    const anchorEnd = Date.parse(check.signer.notAfter);
    if (until <= anchorEnd) {
        return { kind: "sign" };
    }
    const fits = Math.floor((anchorEnd - check.now.getTime()) / HOUR_MS) - 1;
    if (check.rotationStarted) {
        return {
            kind: "defer",
            message:
                `${check.issuer} is not signed yet: trust anchor "${check.signer.id}" expires on ${iso(check.signer.notAfter)}, ` +
                `before a new issuer would (${iso(new Date(until))}); it is signed at step 2 of the rotation under way, by the ` +
                `new anchor. The cluster keeps its current issuer until then.`,
        };
    }
    return {
        kind: "refuse",
        message:
            `${check.issuer} is due, but trust anchor "${check.signer.id}" expires on ${iso(check.signer.notAfter)}, before a ` +
            `new issuer valid for ${check.validityHours} hours would (${iso(new Date(until))}). Either start a rotation: add ` +
            `a generation to ${check.keys.generations} (step 1; the issuer is then signed by the new anchor at step 2, and ` +
            `the cluster keeps its current issuer meanwhile)${shorterIssuer(check, fits)}.`,
    };
}

/** The second way out, when the anchor leaves room for it: a validity that ends before the anchor. */
function shorterIssuer(check: IssuanceCheck, fits: number): string {
    const { issuerValidityHours, renewBeforeHours } = check.keys;
    if (fits >= 2 * check.renewBeforeHours) {
        return `; or issue a shorter-lived issuer: set ${issuerValidityHours} to ${fits} or less`;
    }
    if (fits >= 2 * MIN_RENEW_BEFORE_HOURS) {
        return (
            `; or issue a shorter-lived issuer: set ${issuerValidityHours} to ${fits} or less, and ${renewBeforeHours} ` +
            `to ${Math.floor(fits / 2)} or less (at least ${MIN_RENEW_BEFORE_HOURS}), since an issuer lives at least twice its renewal window`
        );
    }
    return `. The anchor has ${Math.max(fits, 0)} hours left, too few for a shorter-lived issuer (at least ${2 * MIN_RENEW_BEFORE_HOURS}): rotate`;
}
