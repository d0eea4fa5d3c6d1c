// Changes that, on a stack already deployed, would replace every Kubernetes object or break mTLS.
// Each is refused, with its consequence spelt out, unless `acknowledgeIdentityChanges` names the
// change exactly (`<key>=<new value>`), so that an acknowledgement left behind cannot let a later,
// different change through.
import type { IdentityRecord } from "../contract/state.ts";

export interface Guard {
    key: keyof IdentityRecord;
    /** The config key that changes it, for messages. */
    configKey: string;
    consequence: string;
}

const GUARDS: Guard[] = [
    {
        key: "clusterName",
        configKey: "clusterName",
        consequence:
            "the cluster's provider is keyed on its name, so every Kubernetes object of the stack would be deleted and created " +
            "again (Linkerd down meanwhile), and other clusters' links, which name it, would break",
    },
    {
        key: "identityTrustDomain",
        configKey: "identityTrustDomain",
        consequence:
            "every workload's identity (<sa>.<ns>.serviceaccount.identity.linkerd.<trust domain>) changes: authorization " +
            "policies naming identities stop matching, and linked clusters refuse the new identities until they are told",
    },
    {
        key: "clusterDomain",
        configKey: "clusterDomain",
        consequence:
            "Linkerd would resolve every Service under the new domain (and, unless identityTrustDomain is set, every workload " +
            "identity changes with it); a cluster's DNS domain is fixed when the cluster is created",
    },
    {
        key: "trustStack",
        configKey: "trustStack",
        consequence:
            "the cluster moves to another trust root: its workloads are refused by every cluster that does not trust the new " +
            "root, and it refuses theirs, until both share an anchor (see README: rotation)",
    },
    {
        key: "apiServer",
        configKey: "kubeconfig",
        consequence:
            "the stack would deploy into a different cluster: Pulumi would believe its objects exist there, update what is " +
            "not there and leave the old cluster's objects unmanaged",
    },
];

/** Problems for guarded values that changed since the last run without a matching acknowledgement; and unused acknowledgements. */
export function identityGuards(
    previous: IdentityRecord | undefined,
    current: IdentityRecord,
    acknowledgements: readonly string[],
    key: (name: string) => string,
): { problems: string[]; warnings: string[] } {
    const problems: string[] = acknowledgements.flatMap((a) => acknowledgementProblems(a, key));
    const used = new Set<string>();
    if (previous && previous.trustOwner !== current.trustOwner) {
        problems.push(
            `${key(previous.trustOwner ? "trustStack" : "issueFor")}: this stack ${previous.trustOwner ? "owns its trust root and would now read it from another stack" : "reads its trust from another stack and would now own one"}; ` +
                `that replaces the cluster's trust root (and ${previous.trustOwner ? "deletes this stack's protected anchors" : "breaks mTLS with every cluster of the mesh"}). Move clusters between trust roots with a rotation instead (README).`,
        );
    }
    for (const guard of GUARDS) {
        const [before, after] = [previous?.[guard.key], current[guard.key]];
        if (before === undefined || after === undefined || before === after) {
            continue;
        }
        const acknowledgement = `${guard.key}=${after}`;
        if (acknowledgements.includes(acknowledgement)) {
            used.add(acknowledgement);
            continue;
        }
        const shown = guard.key === "apiServer" ? "" : ` from "${before}" to "${after}"`;
        problems.push(
            `${key(guard.configKey)}: changes ${guard.key === "apiServer" ? "the API server this stack deploys to" : guard.key}${shown} on a deployed stack: ` +
                `${guard.consequence}. If that is intended, acknowledge exactly this change: pulumi config set --path ` +
                `'${key("acknowledgeIdentityChanges")}[0]' '${acknowledgement}'`,
        );
    }
    const warnings = acknowledgements
        .filter((a) => !used.has(a))
        .map((a) => `${key("acknowledgeIdentityChanges")}: "${a}" acknowledges no change of this run; remove it.`);
    return { problems, warnings };
}

/** An acknowledgement is `<guarded key>=<new value>`; anything else could never match a change. */
function acknowledgementProblems(acknowledgement: string, key: (name: string) => string): string[] {
    const name = acknowledgement.split("=", 1)[0];
    if (acknowledgement.includes("=") && GUARDS.some((g) => g.key === name)) {
        return [];
    }
    return [
        `${key("acknowledgeIdentityChanges")}: "${acknowledgement}" is not <key>=<new value> for one of ` +
            `${GUARDS.map((g) => g.key).join(", ")}; copy the acknowledgement the refusal printed.`,
    ];
}
