// Trust-anchor rotation across every cluster, driven by config in the trust-owning stack:
//   1. add a generation        → every cluster's bundle holds old and new;
//   2. sign with the new one   → every issuer is re-signed by the new anchor;
//   3. retire the old one      → it leaves the bundle; its protected resources are removed deliberately.
// Each step is a config edit followed by `pulumi up` of the trust stack, then of every cluster
// stack, then workload restarts. The checks here stop the edits that would break trust: skipping a
// step, or doing two at once. Pure functions over the settings and the last deployment.
import { EXTERNAL_ANCHOR, OwnedTrust } from "./config";
import { PreviousState } from "./renewal";

export interface RotationCheck {
    errors: string[];
    warnings: string[];
}

/** Whether the configured change of anchors is a safe next step from what was deployed last. */
export function rotationCheck(trust: OwnedTrust, previous: PreviousState, project: string): RotationCheck {
    const key = (k: string) => `${project}:${k}`;
    const result: RotationCheck = { errors: [], warnings: [] };
    const deployed = Object.keys(previous.anchorNotAfter).filter((g) => g !== EXTERNAL_ANCHOR);
    if (deployed.length === 0) {
        return result; // The first deployment: nothing to rotate from.
    }

    const added = trust.anchorGenerations.filter((g) => !deployed.includes(g));
    const retired = deployed.filter((g) => !trust.anchorGenerations.includes(g));

    if (
        trust.signingGeneration !== EXTERNAL_ANCHOR &&
        !deployed.includes(trust.signingGeneration) &&
        Object.keys(previous.issuerSignedBy).length > 0
    ) {
        result.errors.push(
            `${key("trustAnchorSigningGeneration")}: generation "${trust.signingGeneration}" was not in the bundle ` +
                `of the last pulumi up, so no proxy trusts it yet; issuers signed by it would break every cluster. ` +
                `Step 1 first: add it to ${key("trustAnchorGenerations")} while still signing with ` +
                `"${Object.values(previous.issuerSignedBy)[0]}", pulumi up this stack and every cluster stack, ` +
                `restart the meshed workloads, and only then switch signing.`,
        );
    }

    for (const generation of retired) {
        const signs = Object.entries(previous.issuerSignedBy)
            .filter(([, signer]) => signer === generation)
            .map(([cluster]) => cluster);
        if (signs.length > 0) {
            result.errors.push(
                `${key("trustAnchorGenerations")}: generation "${generation}" still signs the issuers of ` +
                    `${signs.join(", ")} (as of the last pulumi up); removing it now would leave those clusters' ` +
                    `certificates unverifiable. Step 2 first: set ${key("trustAnchorSigningGeneration")} to a newer ` +
                    `generation, pulumi up this stack and every cluster stack, restart the meshed workloads (or ` +
                    `wait 24 hours), and only then retire it.`,
            );
        } else {
            const urns = previous.anchorUrns[generation] ?? [];
            result.warnings.push(
                `Retiring trust anchor generation "${generation}": it leaves every cluster's bundle. Its key and ` +
                    `certificate are protected, so this update fails until you unprotect them deliberately:` +
                    (urns.length > 0
                        ? urns.map((u) => `\n  pulumi state unprotect '${u}'`).join("")
                        : " (see README)") +
                    `\nthen run pulumi up again.`,
            );
        }
    }
    if (added.length > 0 && retired.length > 0) {
        result.errors.push(
            `${key("trustAnchorGenerations")}: adds ${added.join(", ")} and retires ${retired.join(", ")} in one ` +
                `step; clusters would have no anchor in common with the certificates their proxies hold. Add the ` +
                `new generation first, and retire the old one two steps later.`,
        );
    }
    return result;
}

export interface RotationStatus {
    generations: string[];
    signing: string;
    step: string;
    /** Restarts needed once this stack and every cluster stack have run pulumi up with this config. */
    restarts: string;
    next: string;
}

/** Where a rotation stands, and the restarts it needs: the `trustRotation` stack output. */
export function rotationStatus(trust: OwnedTrust, previous: PreviousState, project: string): RotationStatus {
    const generations = [...trust.anchorGenerations, ...(trust.externalAnchor ? [EXTERNAL_ANCHOR] : [])];
    const signing = trust.signingGeneration;
    const deployed = Object.keys(previous.anchorNotAfter);
    const base = { generations, signing };
    const restartAll =
        "after pulumi up of this stack and then of every cluster stack: restart each cluster's control plane " +
        "(kubectl -n linkerd rollout restart deploy), then every meshed workload (kubectl rollout restart), so that " +
        "every proxy";
    if (generations.length > 1 && signing === generations[0]) {
        return {
            ...base,
            step: "1 of 3: the bundle holds the old and the new anchor; issuers are still signed by the old one",
            restarts: `${restartAll} trusts both anchors (proxies read trust anchors only at start-up).`,
            next: `set ${project}:trustAnchorSigningGeneration to ${generations.find((g) => g !== signing)}`,
        };
    }
    if (generations.length > 1) {
        const old = generations.filter((g) => g !== signing);
        return {
            ...base,
            step: "2 of 3: issuers are signed by the new anchor; the old one is still trusted",
            restarts: `${restartAll} gets a certificate from the new issuer (or wait 24 hours, the certificates' lifetime).`,
            next: `remove ${old.join(", ")} from ${project}:trustAnchorGenerations (then unprotect as the preview says)`,
        };
    }
    const justRetired = deployed.some((g) => !generations.includes(g));
    return {
        ...base,
        step: justRetired ? "3 of 3: the old anchor is retired" : "steady: one anchor",
        restarts: justRetired
            ? "after pulumi up of every cluster stack: restart meshed workloads so that proxies drop the retired anchor."
            : "none",
        next: `to rotate, add a generation to ${project}:trustAnchorGenerations (step 1)`,
    };
}
