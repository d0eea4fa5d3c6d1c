// Reads the link bundle of every target stack this cluster links to, and decides, before any
// resource is created, which links can be made now, which must wait, and which are wrong.
import * as pulumi from "@pulumi/pulumi";
import { ClusterSettings, LinkTarget } from "./config";
import { LINK_OUTPUTS, LinkBundle, linkBundleProblems, LinkTokens } from "./linkBundle";

export interface ReadyLink {
    target: LinkTarget;
    bundle: LinkBundle;
    /** This source's token on the target (secret). */
    token: pulumi.Output<string>;
}

export interface WaitingLink {
    target: LinkTarget;
    reason: string;
}

export interface LinkPlan {
    ready: ReadyLink[];
    waiting: WaitingLink[];
}

/** Wrong links: every problem, each naming the config key and the target stack. */
export class LinkError extends pulumi.RunError {
    constructor(
        readonly stack: string,
        readonly problems: string[],
    ) {
        super(
            `Cannot link the cluster of stack "${stack}" (${problems.length} problem${problems.length === 1 ? "" : "s"}); ` +
                `nothing was created:\n` +
                problems.map((p) => `  - ${p}`).join("\n"),
        );
        this.name = "LinkError";
    }
}

/**
 * Reads each target's bundle and tokens through a StackReference (a read; it creates nothing).
 * Stack references are read at preview, so the plan is known before any resource is registered.
 */
export async function planLinks(
    stack: string,
    project: string,
    cluster: ClusterSettings,
    opts: { parent?: pulumi.Resource },
): Promise<LinkPlan> {
    const key = `${project}:multiclusterLinks`;
    const plan: LinkPlan = { ready: [], waiting: [] };
    const problems: string[] = [];
    const seenClusters = new Map<string, string>();

    for (const target of cluster.multicluster?.links ?? []) {
        const reference = new pulumi.StackReference(
            `link-${target.stackName.replace(/\//g, "-")}`,
            {
                name: target.stackName,
            },
            opts,
        );
        const bundleDetails = await reference.getOutputDetails(LINK_OUTPUTS.bundle);
        const bundleValue = bundleDetails.value ?? bundleDetails.secretValue;
        if (bundleValue === undefined) {
            plan.waiting.push({
                target,
                reason:
                    `stack "${target.stackName}" has not published a link bundle yet (it needs ` +
                    `${project}:multiclusterEnabled and one pulumi up)`,
            });
            continue;
        }
        const bundleProblems = linkBundleProblems(bundleValue);
        if (bundleProblems.length > 0) {
            problems.push(
                `${key}: the link bundle of "${target.stackName}" is incomplete: ${bundleProblems.join("; ")}. Run ` +
                    `pulumi up in that stack with this program's version, then here again.`,
            );
            continue;
        }
        const bundle = bundleValue as LinkBundle;
        if (bundle.clusterName === cluster.name) {
            problems.push(
                `${key}: "${target.stackName}" is the stack of a cluster also named "${cluster.name}"; a cluster does ` +
                    `not link to itself, and two clusters of one mesh need different names.`,
            );
            continue;
        }
        const earlier = seenClusters.get(bundle.clusterName);
        if (earlier !== undefined) {
            problems.push(
                `${key}: "${target.stackName}" and "${earlier}" are both cluster "${bundle.clusterName}"; link to it once.`,
            );
            continue;
        }
        seenClusters.set(bundle.clusterName, target.stackName);
        if (target.mode === "pod-to-pod" && !bundle.flatNetwork) {
            problems.push(
                `${key}: "${target.stackName} gateway=false" asks for a pod-to-pod link, but cluster ` +
                    `"${bundle.clusterName}" does not declare a flat network (its pods are not known to be reachable ` +
                    `from here). Set ${project}:multiclusterFlatNetwork true in that stack if they are, or link ` +
                    `through its gateway.`,
            );
            continue;
        }
        const tokensDetails = await reference.getOutputDetails(LINK_OUTPUTS.tokens);
        const tokens = (tokensDetails.secretValue ?? tokensDetails.value ?? {}) as LinkTokens;
        const token = tokens[cluster.name];
        if (!token) {
            const allowed = bundle.allowedSources.includes(cluster.name);
            if (allowed) {
                plan.waiting.push({
                    target,
                    reason: `cluster "${bundle.clusterName}" allows "${cluster.name}" but has not issued its token yet`,
                });
            } else {
                problems.push(
                    `${key}: cluster "${bundle.clusterName}" (stack "${target.stackName}") has no token for ` +
                        `"${cluster.name}": add "${cluster.name}" to ${project}:multiclusterAllowedSources in that ` +
                        `stack and run pulumi up there, then here again.`,
                );
            }
            continue;
        }
        if (target.mode === "gateway" && bundle.gateway.addresses.length === 0) {
            plan.waiting.push({
                target,
                reason:
                    `the gateway of cluster "${bundle.clusterName}" has no address yet (its load balancer has none, ` +
                    `or set ${project}:multiclusterGatewayAddresses there)`,
            });
            continue;
        }
        plan.ready.push({ target, bundle, token: pulumi.secret(token) });
    }

    if (problems.length > 0) {
        throw new LinkError(stack, problems);
    }
    for (const waiting of plan.waiting) {
        void pulumi.log.warn(
            `${key}: not linking to "${waiting.target.stackName}" yet: ${waiting.reason}. Run pulumi up here again ` +
                `once it has.`,
        );
    }
    return plan;
}
