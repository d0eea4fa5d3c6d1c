// Certificate renewal without relying on a provider feature: the program reads what it deployed
// last time (its own stack's outputs, through a StackReference to itself, which Pulumi supports and
// tests), decides with the clock which certificates are inside their renewal window, and bumps
// their renewal count. The count is the certificates' `replacementTrigger`: the engine replaces a
// resource when the trigger differs from the value it recorded, and only then. So the decision is
// a pure function of (last deployment, clock, config), and a second run changes nothing.
import * as pulumi from "@pulumi/pulumi";

/** Stack outputs the program reads back from its own last deployment. */
export const STATE_OUTPUTS = {
    renewals: "certificateRenewals",
    issuerNotAfter: "issuerNotAfter",
    issuerSignedBy: "issuerSignedBy",
    anchorNotAfter: "trustAnchorNotAfter",
    anchorUrns: "trustAnchorUrns",
    webhookCertNotAfter: "webhookCertNotAfter",
} as const;

export interface Renewals {
    /** Renewal count of each cluster's identity issuer (trust-owning stack). */
    issuers: Record<string, number>;
    /** Renewal count of each webhook serving certificate (cluster stack). */
    webhooks: Record<string, number>;
}

/** What the last successful deployment of this stack recorded. Empty on a stack's first run. */
export interface PreviousState {
    renewals: Renewals;
    issuerNotAfter: Record<string, string>;
    issuerSignedBy: Record<string, string>;
    /** Anchor generations that existed, with their not-after. */
    anchorNotAfter: Record<string, string>;
    anchorUrns: Record<string, string[]>;
    webhookCertNotAfter: Record<string, string>;
}

export function emptyPreviousState(): PreviousState {
    return {
        renewals: { issuers: {}, webhooks: {} },
        issuerNotAfter: {},
        issuerSignedBy: {},
        anchorNotAfter: {},
        anchorUrns: {},
        webhookCertNotAfter: {},
    };
}

/** Reads this stack's last outputs through a StackReference to itself (a read; nothing is created). */
export async function readPreviousState(opts: { parent?: pulumi.Resource }): Promise<PreviousState> {
    const self = new pulumi.StackReference(
        "previous-deployment",
        { name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}` },
        opts,
    );
    const read = async <T>(name: string, fallback: T): Promise<T> => {
        const details = await self.getOutputDetails(name);
        return ((details.value ?? details.secretValue) as T | undefined) ?? fallback;
    };
    const state = emptyPreviousState();
    const [renewals, issuerNotAfter, issuerSignedBy, anchorNotAfter, anchorUrns, webhookCertNotAfter] =
        await Promise.all([
            read<Partial<Renewals>>(STATE_OUTPUTS.renewals, {}),
            read(STATE_OUTPUTS.issuerNotAfter, state.issuerNotAfter),
            read(STATE_OUTPUTS.issuerSignedBy, state.issuerSignedBy),
            read(STATE_OUTPUTS.anchorNotAfter, state.anchorNotAfter),
            read(STATE_OUTPUTS.anchorUrns, state.anchorUrns),
            read(STATE_OUTPUTS.webhookCertNotAfter, state.webhookCertNotAfter),
        ]);
    return {
        renewals: { issuers: renewals.issuers ?? {}, webhooks: renewals.webhooks ?? {} },
        issuerNotAfter,
        issuerSignedBy,
        anchorNotAfter,
        anchorUrns,
        webhookCertNotAfter,
    };
}

/**
 * The renewal decision for one certificate. `notAfter` is its expiry as last deployed (undefined
 * before its first deployment). Inside the window (`now >= notAfter - renewBeforeHours`) the count
 * goes up by one, which replaces the certificate; outside it, the count stays.
 */
export function renewal(
    previousCount: number | undefined,
    notAfter: string | undefined,
    now: Date,
    renewBeforeHours: number,
): { count: number; due: boolean } {
    const count = previousCount ?? 0;
    if (notAfter === undefined) {
        return { count, due: false };
    }
    const due = now.getTime() >= Date.parse(notAfter) - renewBeforeHours * 3_600_000;
    return { count: due ? count + 1 : count, due };
}

/**
 * Resource options that renew a certificate when its count goes up. A count of 0 sets no trigger,
 * so certificates deployed before any renewal are left as they are.
 */
export function renewalOptions(count: number): pulumi.CustomResourceOptions {
    return count > 0 ? { replacementTrigger: count } : {};
}
