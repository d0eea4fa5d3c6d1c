// Which links this cluster makes this run, decided before anything is registered. A link to a
// target whose stack publishes a complete, compatible bundle, a token for this cluster, and trust
// that verifies both ways is made (or updated). A target that is briefly unavailable or invalid
// keeps its link as last applied, with a warning that names it, and fails the update only in strict
// mode. Removing a link stays an explicit config change: it leaves multiclusterLinks.
import { X509Certificate } from "node:crypto";
import { LINK_BUNDLE_OUTPUT, LINK_TOKENS_OUTPUT, type LinkBundle } from "../contract/links.ts";
import type { StackRead } from "../contract/read.ts";
import { readOutput, unreadable } from "../contract/reader.ts";
import type { KeptLink } from "../contract/state.ts";
import { splitPemBundle } from "../trust/pem.ts";
import { chainsTo } from "../trust/x509.ts";
import type { LinkTarget, MulticlusterSettings } from "./config.ts";
import { linkSpec } from "./linkSpec.ts";

export type LinkDecision =
    | { kind: "fresh"; target: LinkTarget; bundle: LinkBundle; token: string; record: KeptLink }
    | { kind: "kept"; target: LinkTarget; record: KeptLink; reason: string }
    | { kind: "waiting"; target: LinkTarget; reason: string };

export interface OwnTrust {
    cluster: string;
    clusterDomain: string;
    trustDomain: string;
    /** This run's bundle and issuer certificate, when known now. */
    bundlePem?: string;
    issuerPem?: string;
}

export interface LinkPlanInput {
    own: OwnTrust;
    settings: MulticlusterSettings;
    reads: ReadonlyMap<string, StackRead>;
    previous: Readonly<Record<string, KeptLink>>;
    key: string;
    problems: string[];
    warnings: string[];
}

export function planLinks(input: LinkPlanInput): LinkDecision[] {
    const seen = new Map<string, string>();
    return input.settings.links.map((target) => {
        const assessed = assess(target, input, seen);
        if (assessed.kind === "fresh") {
            return assessed;
        }
        const kept = input.previous[target.stack];
        if (input.settings.strictLinks) {
            input.problems.push(
                `${input.key}: the link to ${target.stack} cannot be ${kept ? "updated" : "made"}: ${assessed.reason}. ` +
                    `(multiclusterStrictLinks is on; turn it off to keep the last applied link and deploy the rest.)`,
            );
        } else {
            const verb = kept ? "keeps its last applied configuration" : "is not made yet";
            input.warnings.push(`${input.key}: the link to ${target.stack} ${verb}: ${assessed.reason}.`);
        }
        return kept ? { kind: "kept", target, record: kept, reason: assessed.reason } : assessed;
    });
}

function assess(target: LinkTarget, input: LinkPlanInput, seen: Map<string, string>): LinkDecision {
    const waiting = (reason: string): LinkDecision => ({ kind: "waiting", target, reason });
    const read = input.reads.get(target.stack)!;
    if (!read.found) {
        return waiting(unreadable(read, input.key));
    }
    const found: string[] = [];
    const fix = `Run pulumi up in ${target.stack} with this program's version.`;
    const bundle = readOutput(read.stack, LINK_BUNDLE_OUTPUT, found, { required: false, fix });
    if (!bundle) {
        return waiting(
            found.length
                ? found.join("; ")
                : `stack ${target.stack} has not published a link bundle (it needs multiclusterEnabled and a pulumi up)`,
        );
    }
    const conflict = bundle.clusterName === input.own.cluster ? "this cluster" : seen.get(bundle.clusterName);
    if (conflict) {
        input.problems.push(
            `${input.key}: ${target.stack} is cluster "${bundle.clusterName}", the same name as ${conflict}; every cluster of a mesh needs its own name, and each is linked once.`,
        );
        return waiting("its cluster name is taken");
    }
    seen.set(bundle.clusterName, target.stack);
    if (target.mode === "pod-to-pod" && !bundle.flatNetwork) {
        input.problems.push(
            `${input.key}: "${target.stack} gateway=false" asks for a pod-to-pod link, but cluster "${bundle.clusterName}" does ` +
                `not declare a flat network. Set multiclusterFlatNetwork true in that stack if its pods are reachable from here, or link through its gateway.`,
        );
        return waiting("it is not on a flat network");
    }
    const tokens = readOutput(read.stack, LINK_TOKENS_OUTPUT, found, { required: false, fix });
    const token = tokens?.tokens[input.own.cluster];
    if (!token) {
        return waiting(
            found.length
                ? found.join("; ")
                : bundle.allowedSources.includes(input.own.cluster)
                  ? `cluster "${bundle.clusterName}" allows "${input.own.cluster}" but has not issued its token yet`
                  : `cluster "${bundle.clusterName}" does not allow "${input.own.cluster}" (never, or no longer): add it to ` +
                    `multiclusterAllowedSources in ${target.stack}, or remove the link from ${input.key}`,
        );
    }
    if (target.mode === "gateway" && bundle.gateway.addresses.length === 0) {
        return waiting(
            `the gateway of cluster "${bundle.clusterName}" has no address yet (its load balancer has none; or set multiclusterGatewayAddresses there)`,
        );
    }
    const trust = trustProblem(input.own, bundle);
    if (trust) {
        return waiting(trust);
    }
    for (const [what, mine, theirs] of [
        ["trust domain", input.own.trustDomain, bundle.trustDomain],
        ["cluster domain", input.own.clusterDomain, bundle.clusterDomain],
    ] as const) {
        if (mine !== theirs) {
            input.warnings.push(
                `${input.key}: clusters "${input.own.cluster}" and "${bundle.clusterName}" have different ${what}s ("${mine}" and "${theirs}"); the link uses the target's. Check that this is intended.`,
            );
        }
    }
    const record: KeptLink = {
        clusterName: bundle.clusterName,
        mode: target.mode,
        spec: linkSpec(bundle, target.mode),
        trustDomain: bundle.trustDomain,
        clusterDomain: bundle.clusterDomain,
        probePort: bundle.gateway.probe.port,
    };
    return { kind: "fresh", target, bundle, token, record };
}

/**
 * Both sides must verify each other: this cluster's issuer against the target's bundle, and the
 * target's issuer against this cluster's bundle. Overlapping bundles are not enough (mid-rotation,
 * a cluster at step 2 against one at step 0 shares an anchor, yet neither verifies the other).
 */
export function trustProblem(own: OwnTrust, target: LinkBundle): string | undefined {
    const theirAnchors = splitPemBundle(target.trustAnchorsPem).map((p) => new X509Certificate(p));
    const theirIssuer = new X509Certificate(target.issuerCertificatePem);
    if (
        own.bundlePem !== undefined &&
        !chainsTo(
            theirIssuer,
            splitPemBundle(own.bundlePem).map((p) => new X509Certificate(p)),
        )
    ) {
        return `the identity issuer of "${target.clusterName}" does not chain to this cluster's trust bundle, so this cluster's proxies would refuse its workloads (run pulumi up in both stacks, and in the trust stack, until both run the same rotation step)`;
    }
    if (own.issuerPem !== undefined && !chainsTo(new X509Certificate(own.issuerPem), theirAnchors)) {
        return `this cluster's identity issuer does not chain to the trust bundle of "${target.clusterName}", so its proxies would refuse this cluster's workloads (run pulumi up there, and in the trust stack, until both run the same rotation step)`;
    }
    return undefined;
}
