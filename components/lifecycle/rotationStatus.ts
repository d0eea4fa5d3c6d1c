// Where a rotation stands, and what each cluster runs: the `trustRotation` stack output.
import type { TrustState } from "./rotation.ts";
import type { FleetMember } from "./rotation.ts";

export interface RotationStatus {
    anchors: string[];
    signing: string;
    step: string;
    /** What the operator does once this stack and every cluster stack have run pulumi up. */
    restarts: string;
    next: string;
    /** Each cluster: what it runs, as it published it. */
    clusters: Record<string, string>;
}

const RESTART_ALL =
    "after pulumi up of this stack and of every cluster stack: restart each cluster's control plane " +
    "(kubectl -n linkerd rollout restart deploy), then every meshed workload (kubectl rollout restart), so that every proxy";

export function rotationStatus(
    desired: TrustState,
    fleet: readonly FleetMember[],
    project: string,
    justRetired: boolean,
): RotationStatus {
    const anchors = [...desired.members];
    const signing = desired.signer ?? "none";
    const clusters = Object.fromEntries(fleet.map((m) => [m.cluster, clusterState(m, desired)]));
    const base = { anchors, signing, clusters };
    if (anchors.length > 1 && signing === anchors[0]) {
        return {
            ...base,
            step: "1 of 3: every bundle holds the old and the new anchor; issuers are still signed by the old one",
            restarts: `${RESTART_ALL} trusts both anchors (proxies read trust anchors only at start-up).`,
            next: `set ${project}:trustAnchorSigningGeneration to ${anchors.find((a) => a !== signing)} (once every cluster runs this step)`,
        };
    }
    if (anchors.length > 1) {
        return {
            ...base,
            step: "2 of 3: issuers are signed by the new anchor; the old one is still trusted",
            restarts: `${RESTART_ALL} gets a certificate from the new issuer (or wait 24 hours, the certificates' lifetime).`,
            next: `remove ${anchors.filter((a) => a !== signing).join(", ")} from ${project}:trustAnchorGenerations (once every cluster runs this step, and 24 hours later)`,
        };
    }
    return {
        ...base,
        step: justRetired ? "3 of 3: the old anchor is retired" : "steady: one anchor",
        restarts: justRetired
            ? "after pulumi up of every cluster stack: restart meshed workloads so that proxies drop the retired anchor."
            : "none",
        next: `to rotate, add a generation to ${project}:trustAnchorGenerations (step 1)`,
    };
}

function clusterState(member: FleetMember, desired: TrustState): string {
    if (member.unreadable) {
        return `unreadable: ${member.unreadable}`;
    }
    if (!member.running) {
        return "installs nothing yet";
    }
    const { members, issuerSignedBy } = member.running;
    const current =
        members.length === desired.members.length &&
        members.every((m) => desired.members.includes(m)) &&
        (member.selfIssued || issuerSignedBy === desired.signer);
    return `${current ? "runs this step" : "behind"}: bundle ${members.join(", ")}, issuer signed by ${issuerSignedBy}`;
}
