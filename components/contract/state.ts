// What a stack records for its own next run: the facts that decide renewals, rotation steps,
// identity guards and kept links. Read back through the same reader as other stacks' outputs.
import { array, boolean, integer, jsonObject, literal, object, oneOf, optional, record, string } from "./decode.ts";
import { certificates, clusterName, isoTime, type OutputSpec, slot, stackName } from "./outputs.ts";

/** The values that, once deployed, may only change with an explicit acknowledgement. */
export interface IdentityRecord {
    trustOwner: boolean;
    trustStack?: string;
    clusterName?: string;
    clusterDomain?: string;
    identityTrustDomain?: string;
    /** SHA-256 (hex, first 16) of the API server URL the stack deploys to. */
    apiServer?: string;
}

export interface DeployedAnchor {
    id: string;
    fingerprint: string;
    notAfter: string;
    /** URNs of its protected resources (generated anchors), for `pulumi state unprotect`. */
    urns: string[];
    /** The validity it was created with (generated anchors): kept, since a change would replace it. */
    validityHours?: number;
}

export interface SignedRequest {
    stack: string;
    slot: number;
    csrPem: string;
    signedBy: string;
    notAfter: string;
}

export interface TrustState {
    /** The anchors of the deployed bundle, in bundle order. */
    anchors: DeployedAnchor[];
    signer?: string;
    /** The last request signed for each cluster, so that its certificate is kept when its stack is unreadable. */
    signed: Record<string, SignedRequest>;
    /** Clusters still served by an issuer made in this stack (the format before issuer requests), with its renewal count. */
    legacyIssuers: Record<string, number>;
    /** Generations that left the bundle last run: registered unprotected then, deleted now. */
    retiring: string[];
}

export interface CurrentIssuer {
    /** `slot`: a key of this stack signed by the trust stack; `legacy` and `external`: installed from elsewhere. */
    source: "slot" | "legacy" | "external";
    slot?: number;
    certificatePem: string;
    since: string;
}

export interface KeptLink {
    clusterName: string;
    mode: "gateway" | "pod-to-pod";
    /** The Link's spec, as last applied. */
    spec: Record<string, unknown>;
    trustDomain: string;
    clusterDomain: string;
    probePort: number;
}

export interface ClusterState {
    /** Issuer key slots registered last run, oldest first. */
    slots: number[];
    current?: CurrentIssuer;
    /** Renewal count and not-after of each webhook serving certificate, by DNS name. */
    webhooks: Record<string, { renewals: number; notAfter: string }>;
    /** The last good configuration of each link, by target stack. */
    links: Record<string, KeptLink>;
}

export interface StackState {
    format: 1;
    /** When the run that wrote it planned. */
    at: string;
    identity: IdentityRecord;
    trust?: TrustState;
    cluster?: ClusterState;
}

const identity = object<IdentityRecord>({
    trustOwner: boolean,
    trustStack: optional(stackName),
    clusterName: optional(clusterName),
    clusterDomain: optional(string),
    identityTrustDomain: optional(string),
    apiServer: optional(string),
});

const trust = object<TrustState>({
    anchors: array(
        object<DeployedAnchor>({
            id: string,
            fingerprint: string,
            notAfter: isoTime,
            urns: array(string),
            validityHours: optional(integer(1, 10_000_000)),
        }),
    ),
    signer: optional(string),
    signed: record(
        object<SignedRequest>({ stack: stackName, slot, csrPem: string, signedBy: string, notAfter: isoTime }),
    ),
    legacyIssuers: record(integer(0, 1_000_000)),
    retiring: array(string),
});

const keptLink = object<KeptLink>({
    clusterName,
    mode: oneOf(["gateway", "pod-to-pod"] as const),
    spec: jsonObject,
    trustDomain: string,
    clusterDomain: string,
    probePort: integer(1, 65535),
});

const cluster = object<ClusterState>({
    slots: array(slot, { unique: true }),
    current: optional(
        object<CurrentIssuer>({
            source: oneOf(["slot", "legacy", "external"] as const),
            slot: optional(slot),
            certificatePem: certificates,
            since: isoTime,
        }),
    ),
    webhooks: record(object({ renewals: integer(0, 1_000_000), notAfter: isoTime })),
    links: record(keptLink),
});

export const STATE_OUTPUT: OutputSpec<StackState> = {
    name: "linkerdState",
    format: 1,
    secret: false,
    what: "what this stack recorded for its next run",
    decoder: object<StackState>({
        format: literal(1),
        at: isoTime,
        identity,
        trust: optional(trust),
        cluster: optional(cluster),
    }),
};
