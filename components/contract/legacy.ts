// The outputs of the program's previous version, read once when a stack deployed by it runs this
// version: its own bookkeeping (turned into a StackState) and, during the migration to issuer
// requests, the trust stack's `identityIssuers` (secret: it holds every cluster's issuer key).
import { externalAnchorId } from "../trust/anchors.ts";
import { array, integer, object, optional, record, string } from "./decode.ts";
import { certificates, isoTime, type OutputSpec } from "./outputs.ts";
import type { StackOutputs } from "./read.ts";
import type { DeployedAnchor, StackState } from "./state.ts";

export interface LegacyIssuer {
    certPem: string;
    privateKeyPem: string;
    notAfter: string;
}

/** Published by trust stacks of the previous version, and by this version while clusters migrate. */
export const LEGACY_ISSUERS_OUTPUT: OutputSpec<Record<string, LegacyIssuer>> = {
    name: "identityIssuers",
    format: 0,
    secret: true,
    what: "the issuers of the previous version, keys included (migration)",
    decoder: record(object<LegacyIssuer>({ certPem: certificates, privateKeyPem: string, notAfter: isoTime })),
};

const counts = record(integer(0, 1_000_000));
const times = record(isoTime);
const renewals = object({ issuers: optional(counts), webhooks: optional(counts) });

/**
 * This stack's state as the previous version recorded it, or undefined when it recorded none.
 * Its outputs had no format; every one is optional. Anchors become generation ids (the external
 * anchor, which it tracked by its earliest not-after only, `external-<fingerprint prefix>`).
 */
export function legacyState(stack: StackOutputs, at: string, problems: string[]): StackState | undefined {
    const o = stack.outputs;
    if (o.certificateRenewals === undefined && o.trustAnchorNotAfter === undefined) {
        return undefined;
    }
    const found: string[] = [];
    const renewalCounts = renewals(o.certificateRenewals ?? {}, "certificateRenewals", found);
    const anchorNotAfter = optional(times)(o.trustAnchorNotAfter, "trustAnchorNotAfter", found) ?? {};
    const anchorUrns = optional(record(array(string)))(o.trustAnchorUrns, "trustAnchorUrns", found) ?? {};
    const fingerprints = optional(array(string))(o.trustAnchorFingerprints, "trustAnchorFingerprints", found) ?? [];
    const signedBy = optional(record(string))(o.issuerSignedBy, "issuerSignedBy", found) ?? {};
    const webhookNotAfter = optional(times)(o.webhookCertNotAfter, "webhookCertNotAfter", found) ?? {};
    const clusterName = typeof o.clusterName === "string" ? o.clusterName : undefined;
    if (found.length > 0) {
        problems.push(`this stack's last run (the previous version's outputs): ${found.join("; ")}`);
        return undefined;
    }
    const generations = Object.keys(anchorNotAfter).filter((g) => g !== "external");
    const anchors: DeployedAnchor[] = generations.map((id, i) => ({
        id,
        fingerprint: fingerprints[i] ?? "",
        notAfter: anchorNotAfter[id],
        urns: anchorUrns[id] ?? [],
    }));
    for (const fingerprint of fingerprints.slice(generations.length)) {
        anchors.push({ id: externalAnchorId(fingerprint), fingerprint, notAfter: anchorNotAfter.external, urns: [] });
    }
    const webhooks = Object.fromEntries(
        Object.entries(webhookNotAfter).map(([dns, notAfter]) => [
            dns,
            { renewals: renewalCounts?.webhooks?.[dns] ?? 0, notAfter },
        ]),
    );
    const trustOwner = o.trustAnchorNotAfter !== undefined;
    return {
        format: 1,
        at,
        identity: { trustOwner, clusterName },
        trust: trustOwner
            ? {
                  anchors,
                  signer: Object.values(signedBy)[0],
                  signed: {},
                  legacyIssuers: { ...(renewalCounts?.issuers ?? {}) },
                  retiring: [],
              }
            : undefined,
        cluster: clusterName ? { slots: [], webhooks, links: {} } : undefined,
    };
}
