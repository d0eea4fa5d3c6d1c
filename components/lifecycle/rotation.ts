// Trust-anchor rotation across the fleet, driven by config in the stack that owns the trust root:
//   step 1: add an anchor          → every cluster's bundle holds old and new;
//   step 2: sign with the new one  → every issuer is re-signed by it;
//   step 3: retire the old one     → it leaves the bundle.
// An edit may take one step at a time, and only once every cluster the stack issues for has
// published that it runs the state of the last deployment. So no cluster is ever more than one step
// ahead of another, and any two share an anchor that both trust and that verifies both issuers.
// Generated and external anchors go through the same steps. Pure: config, last state, fleet, clock.

/** Anchors by id; the signer is the id that signs issuers. */
export interface TrustState {
    members: readonly string[];
    signer?: string;
}

export interface FleetMember {
    cluster: string;
    stack: string;
    /** What the cluster published that it runs; undefined when it has installed nothing yet. */
    running?: {
        /** Anchor ids of its bundle (fingerprints this stack does not know read as `unknown`). */
        members: string[];
        /** The anchor id that verifies its issuer, or `unknown`. */
        issuerSignedBy: string;
        issuerSince: string;
    };
    /** Whether its issuer is made elsewhere (not signed by this stack): then only its bundle is gated. */
    selfIssued: boolean;
    /** Why its stack could not be read this run (it then blocks every step). */
    unreadable?: string;
}

export type RotationChange = "none" | "add" | "sign" | "retire";

export interface RotationDecision {
    change: RotationChange;
    errors: string[];
    warnings: string[];
}

/** Workload certificates live 24 hours (the identity controller's issuanceLifetime), plus skew. */
export const LEAF_LIFETIME_HOURS = 25;

export interface RotationInput {
    deployed?: TrustState;
    desired: TrustState;
    fleet: readonly FleetMember[];
    /** Anchor ids that have expired (they may leave the bundle at any time). */
    expired: ReadonlySet<string>;
    now: Date;
    /** Config keys, for messages. */
    keys: { generations: string; signing: string };
}

export function decideRotation(input: RotationInput): RotationDecision {
    const { deployed, desired } = input;
    const result: RotationDecision = { change: "none", errors: [], warnings: [] };
    if (!deployed || deployed.members.length === 0) {
        return result; // the first deployment: nothing to rotate from
    }
    if (deployed.members.every((id) => input.expired.has(id))) {
        return recoverFromExpiry(input, result);
    }
    const added = desired.members.filter((id) => !deployed.members.includes(id));
    const retired = deployed.members.filter((id) => !desired.members.includes(id) && !input.expired.has(id));
    const signing = desired.signer !== deployed.signer;
    const changes = [added.length > 0, signing, retired.length > 0].filter(Boolean).length;
    if (changes > 1) {
        result.errors.push(
            `${input.keys.generations} / ${input.keys.signing}: this edit takes more than one rotation step at once ` +
                `(${describe(added, signing ? desired.signer : undefined, retired)}). Take one step per edit: add the new ` +
                `anchor, then sign with it, then retire the old one, with pulumi up of this stack and of every cluster ` +
                `stack in between.`,
        );
        return result;
    }
    result.change = added.length > 0 ? "add" : signing ? "sign" : retired.length > 0 ? "retire" : "none";
    if (result.change === "sign" && desired.signer !== undefined && !deployed.members.includes(desired.signer)) {
        result.errors.push(
            `${input.keys.signing}: anchor "${desired.signer}" was not in the bundle of the last pulumi up, so no proxy ` +
                `trusts it yet. Step 1 first: add it to the bundle while still signing with "${deployed.signer}".`,
        );
        return result;
    }
    if (result.change !== "none") {
        result.errors.push(...laggingClusters(input, result.change));
    }
    if (result.change === "retire") {
        result.errors.push(...retireProblems(input, retired));
    }
    return result;
}

/**
 * Every anchor of the last deployment has expired: no proxy of the fleet can verify any workload,
 * so the steps protect nothing any more. A new anchor may replace them in one edit.
 */
function recoverFromExpiry(input: RotationInput, result: RotationDecision): RotationDecision {
    const fresh = input.desired.members.filter((id) => !input.expired.has(id));
    if (fresh.length === 0) {
        return result; // the plan's validity check names the expired anchors
    }
    result.change = "add";
    result.warnings.push(
        `Every trust anchor of the last deployment (${input.deployed!.members.join(", ")}) has expired, so mTLS across ` +
            `the mesh has already stopped. This run replaces them in one step with ${fresh.join(", ")}: run pulumi up in ` +
            `every cluster stack, then restart each control plane and every meshed workload.`,
    );
    return result;
}

function describe(added: string[], signer: string | undefined, retired: string[]): string {
    return [
        added.length ? `adds ${added.join(", ")}` : "",
        signer ? `signs with ${signer}` : "",
        retired.length ? `retires ${retired.join(", ")}` : "",
    ]
        .filter(Boolean)
        .join(", ");
}

/** Clusters that do not yet run the last deployment's state: the next step waits for them. */
function laggingClusters(input: RotationInput, change: RotationChange): string[] {
    const deployed = input.deployed!;
    const problems: string[] = [];
    for (const member of input.fleet) {
        const where = `cluster "${member.cluster}" (stack ${member.stack})`;
        if (member.unreadable) {
            problems.push(
                `${where} could not be read (${member.unreadable}), so this stack cannot tell which step it runs.`,
            );
            continue;
        }
        const running = member.running;
        if (!running) {
            continue; // it installs nothing yet, and will start from whatever this run publishes
        }
        const sameBundle = sameMembers(running.members, deployed.members);
        const signedByDeployed = member.selfIssued || !deployed.signer || running.issuerSignedBy === deployed.signer;
        if (!sameBundle || !signedByDeployed) {
            problems.push(
                `${where} still runs ${runningText(running)}, not the last deployment of this stack ` +
                    `(bundle ${deployed.members.join(", ")}; issuers signed by ${deployed.signer ?? "none"}). The rotation ` +
                    `${stepName(change)} waits for it: run pulumi up in ${member.stack}, then here again.`,
            );
        }
    }
    return problems;
}

function retireProblems(input: RotationInput, retired: string[]): string[] {
    const problems: string[] = [];
    for (const member of input.fleet) {
        const signedBy = member.running?.issuerSignedBy;
        if (signedBy !== undefined && retired.includes(signedBy)) {
            problems.push(
                `cluster "${member.cluster}" (stack ${member.stack}) runs an issuer signed by "${signedBy}", which this ` +
                    `edit retires. Step 2 first: sign with a newer anchor, and run pulumi up in every cluster stack.`,
            );
        }
    }
    const lastSwitch = Math.max(0, ...input.fleet.map((m) => (m.running ? Date.parse(m.running.issuerSince) : 0)));
    const safeAt = lastSwitch + LEAF_LIFETIME_HOURS * 3_600_000;
    if (problems.length === 0 && safeAt > input.now.getTime()) {
        problems.push(
            `${input.keys.generations}: the last cluster switched to its new issuer at ${new Date(lastSwitch).toISOString()}; ` +
                `workload certificates from its previous issuer live up to 24 hours, and proxies that trust only the new ` +
                `bundle would refuse them. Retire the old anchor at ${new Date(safeAt).toISOString()} or later.`,
        );
    }
    return problems;
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
    return a.length === b.length && a.every((id) => b.includes(id));
}

function runningText(running: NonNullable<FleetMember["running"]>): string {
    return `bundle ${running.members.join(", ") || "(empty)"} with an issuer signed by ${running.issuerSignedBy}`;
}

function stepName(change: RotationChange): string {
    return {
        none: "",
        add: "step 1 (adding an anchor)",
        sign: "step 2 (signing with the new anchor)",
        retire: "step 3 (retiring the old anchor)",
    }[change];
}
