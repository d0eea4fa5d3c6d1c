// The plan of a stack that owns the trust root: which anchors it holds, whether the configured
// change of anchors is a safe next rotation step for the whole fleet, and which issuer certificate
// it signs (or keeps) for each cluster. Every decision is made here, before anything is registered.
import { X509Certificate } from "node:crypto";
import type { ClusterOutput } from "../contract/outputs.ts";
import type { TrustState } from "../contract/state.ts";
import type { StackRead } from "../contract/read.ts";
import { anchorIds, isExternalAnchorId } from "../trust/anchors.ts";
import type { TrustSettings } from "../trust/config.ts";
import { splitPemBundle } from "../trust/pem.ts";
import { issuanceDecision, validityFinding } from "./expiry.ts";
import { type ClusterView, memberOf, runsOwnKey, viewCluster } from "./fleet.ts";
import { decideRotation, type FleetMember, type RotationDecision } from "./rotation.ts";

export interface SignedIssuer {
    cluster: string;
    stack: string;
    slot: number;
    requestPem: string;
    validityHours: number;
    /** Why it is the previous certificate rather than a new one, when it is. */
    kept?: string;
}

export interface TrustPlan {
    settings: TrustSettings;
    /** Issuers to sign (or keep) for other cluster stacks. */
    issuers: SignedIssuer[];
    /** Clusters still on an issuer made here by the previous version, with its renewal count. */
    legacy: { cluster: string; renewals: number }[];
    rotation: RotationDecision;
    /** Each cluster's part in the rotation, for the trustRotation output. */
    fleet: FleetMember[];
    /** The deployed bundle, by id (for the cluster plan of a stack that is its own trust). */
    deployedAnchors: ReadonlyMap<string, X509Certificate>;
    /** Generations leaving the bundle this run (registered once more, unprotected; deleted next run). */
    retiring: string[];
    /** The validity each existing generation was created with. */
    anchorValidity: Record<string, number>;
}

export interface TrustPlanInput {
    settings: TrustSettings;
    self: string;
    now: Date;
    previous?: TrustState;
    /** The published bundle of the last run (its PEMs), when there was one. */
    previousBundlePem?: string;
    reads: ReadonlyMap<string, StackRead>;
    /** The stack's own cluster, when it installs one (it is in the fleet too): its name, and what it published last run. */
    ownCluster?: { name: string; output?: ClusterOutput };
    /** certificateRenewBeforeHours: an issuer must live at least twice as long. */
    renewBeforeHours: number;
    keys: {
        issueFor: string;
        generations: string;
        signing: string;
        issuerValidityHours: string;
        renewBeforeHours: string;
    };
    problems: string[];
    warnings: string[];
}

export function planTrust(input: TrustPlanInput): TrustPlan {
    const { settings, previous } = input;
    const known = knownAnchors(input);
    const ctx = {
        self: input.self,
        key: input.keys.issueFor,
        anchors: known,
        signedBefore: new Set(Object.values(previous?.signed ?? {}).map((s) => s.stack)),
        problems: input.problems,
        warnings: input.warnings,
    };
    const views = settings.issueFor.map((stack) => viewCluster(input.reads.get(stack)!, ctx));
    checkClusterNames(views, input);
    const own: FleetMember[] = input.ownCluster
        ? [
              input.ownCluster.output
                  ? memberOf(input.self, input.ownCluster.output, known)
                  : { cluster: input.ownCluster.name, stack: input.self, selfIssued: false },
          ]
        : [];
    const fleet = [...own, ...views.map((v) => v.member)];
    checkAnchorValidity(input, known);
    const rotation = decideRotation({
        deployed: previous && { members: previous.anchors.map((a) => a.id), signer: previous.signer },
        desired: { members: anchorIds(settings.anchors), signer: settings.anchors.signer },
        fleet,
        expired: new Set(
            (previous?.anchors ?? []).filter((a) => Date.parse(a.notAfter) <= input.now.getTime()).map((a) => a.id),
        ),
        now: input.now,
        keys: { generations: input.keys.generations, signing: input.keys.signing },
    });
    input.problems.push(...rotation.errors);
    input.warnings.push(...rotation.warnings);
    const issuers = views.flatMap((view) => issuerFor(view, input));
    const legacy = Object.entries(previous?.legacyIssuers ?? {})
        .filter(([cluster]) => !views.some((v) => v.output?.clusterName === cluster && runsOwnKey(v)))
        .filter(([cluster]) => cluster !== input.ownCluster?.name)
        .map(([cluster, renewals]) => ({ cluster, renewals }));
    const retiring = (previous?.anchors ?? [])
        .map((a) => a.id)
        .filter(
            (id) =>
                !anchorIds(settings.anchors).includes(id) &&
                !isExternalAnchorId(id) &&
                !(previous?.retiring ?? []).includes(id),
        );
    for (const id of retiring) {
        input.warnings.push(
            `Retiring trust anchor generation "${id}": it leaves every cluster's bundle with this run, and its key and ` +
                `certificate are kept unprotected one more run; the next pulumi up of this stack deletes them.`,
        );
    }
    const anchorValidity = existingValidity(input);
    return { settings, issuers, legacy, rotation, fleet, deployedAnchors: known, retiring, anchorValidity };
}

/**
 * The validity of each deployed generation, as it was created: a new trustAnchorValidityHours only
 * applies to generations added later, since changing it would replace (and the engine refuse to
 * replace) a protected anchor.
 */
function existingValidity(input: TrustPlanInput): Record<string, number> {
    const recorded = Object.fromEntries(
        (input.previous?.anchors ?? [])
            .filter((a) => a.validityHours !== undefined)
            .map((a) => [a.id, a.validityHours!] as const),
    );
    for (const [id, hours] of Object.entries(recorded)) {
        if (hours !== input.settings.anchorValidityHours && input.settings.anchors.generations.includes(id)) {
            input.warnings.push(
                `${input.keys.generations}: trust anchor "${id}" keeps the validity it was made with (${hours} hours); ` +
                    `trustAnchorValidityHours (${input.settings.anchorValidityHours}) applies to generations added from now on.`,
            );
        }
    }
    return recorded;
}

/** Certificates of every anchor this stack knows: last run's bundle, and the configured external ones. */
function knownAnchors(input: TrustPlanInput): Map<string, X509Certificate> {
    const known = new Map<string, X509Certificate>();
    const pems = input.previousBundlePem ? splitPemBundle(input.previousBundlePem) : [];
    for (const anchor of input.previous?.anchors ?? []) {
        const pem = pems.find((p) => new X509Certificate(p).fingerprint256 === anchor.fingerprint);
        if (pem) {
            known.set(anchor.id, new X509Certificate(pem));
        }
    }
    for (const anchor of input.settings.anchors.external) {
        known.set(anchor.id, anchor.cert);
    }
    return known;
}

function checkClusterNames(views: ClusterView[], input: TrustPlanInput): void {
    const seen = new Map<string, string>();
    for (const view of views.filter((v) => v.output)) {
        const name = view.output!.clusterName;
        const other = name === input.ownCluster?.name ? "this stack's own cluster" : seen.get(name);
        if (other) {
            input.problems.push(
                `${input.keys.issueFor}: stacks ${view.stack} and ${other} are both cluster "${name}"; every cluster of a mesh ` +
                    `needs its own name (clusterName).`,
            );
        }
        seen.set(name, view.stack);
    }
}

/** Anchors that stay in the bundle must be valid now; anchors about to expire warn. */
function checkAnchorValidity(input: TrustPlanInput, known: ReadonlyMap<string, X509Certificate>): void {
    for (const id of anchorIds(input.settings.anchors)) {
        const cert = known.get(id);
        const deployed = input.previous?.anchors.find((a) => a.id === id);
        const notAfter = cert ? cert.validTo : deployed?.notAfter;
        if (notAfter === undefined) {
            continue; // a generation created by this run
        }
        const finding = validityFinding(
            { name: `trust anchor "${id}"`, notBefore: cert?.validFrom, notAfter },
            input.now,
        );
        if (finding?.level === "error") {
            input.problems.push(`${input.keys.generations}: ${finding.message} Rotate it out (README: rotation).`);
        } else if (finding) {
            input.warnings.push(finding.message);
        }
    }
}

/** The certificate to register for one cluster: a new signature, the previous one, or none. */
function issuerFor(view: ClusterView, input: TrustPlanInput): SignedIssuer[] {
    const cluster = view.output?.clusterName;
    const previous = Object.values(input.previous?.signed ?? {}).find((s) => s.stack === view.stack);
    const keep = (reason: string): SignedIssuer[] =>
        previous
            ? [
                  {
                      cluster: cluster ?? view.member.cluster,
                      stack: view.stack,
                      slot: previous.slot,
                      requestPem: previous.csrPem,
                      validityHours: input.settings.issuerValidityHours,
                      kept: reason,
                  },
              ]
            : [];
    const request = view.output?.request;
    if (!cluster || !request || !view.requestKey) {
        return keep(`stack ${view.stack} has no valid request this run`);
    }
    const signer = input.settings.anchors.signer;
    if (signer === undefined) {
        input.problems.push(
            `${input.keys.signing}: cluster "${cluster}" (stack ${view.stack}) asks for an issuer, and no anchor of this ` +
                `stack can sign (an external anchor needs its key).`,
        );
        return [];
    }
    const unchanged =
        previous?.slot === request.slot && previous.csrPem === request.csrPem && previous.signedBy === signer;
    if (!unchanged) {
        const decision = issuanceDecision({
            issuer: `The identity issuer of "${cluster}"`,
            signer: { id: signer, notAfter: signerNotAfter(input, signer) },
            validityHours: input.settings.issuerValidityHours,
            now: input.now,
            rotationStarted: rotationStarted(input, signer),
            renewBeforeHours: input.renewBeforeHours,
            keys: {
                generations: input.keys.generations,
                issuerValidityHours: input.keys.issuerValidityHours,
                renewBeforeHours: input.keys.renewBeforeHours,
            },
        });
        if (decision.kind === "refuse") {
            input.problems.push(decision.message);
            return [];
        }
        if (decision.kind === "defer") {
            input.warnings.push(decision.message);
            return keep(decision.message);
        }
    }
    return [
        {
            cluster,
            stack: view.stack,
            slot: request.slot,
            requestPem: request.csrPem,
            validityHours: input.settings.issuerValidityHours,
        },
    ];
}

/** The signing anchor's not-after: known for deployed and external anchors; a new one lasts its validity. */
function signerNotAfter(input: TrustPlanInput, signer: string): string {
    const external = input.settings.anchors.external.find((a) => a.id === signer);
    const deployed = input.previous?.anchors.find((a) => a.id === signer);
    return external
        ? new Date(external.cert.validTo).toISOString()
        : (deployed?.notAfter ??
              new Date(input.now.getTime() + input.settings.anchorValidityHours * 3_600_000).toISOString());
}

/** Whether the bundle holds an anchor that outlives the signer: a rotation has started, and can take over. */
export function rotationStarted(input: Pick<TrustPlanInput, "settings" | "previous" | "now">, signer: string): boolean {
    const end = (id: string) => Date.parse(signerNotAfter(input as TrustPlanInput, id));
    return anchorIds(input.settings.anchors).some((id) => id !== signer && end(id) > end(signer));
}
