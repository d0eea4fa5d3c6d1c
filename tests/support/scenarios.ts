// Fleets brought up as the README describes, for tests that need other stacks' real outputs.
import { clusterStackConfig, stackOf, trustStackConfig } from "./fixtures.ts";
import { Fleet } from "./fleet.ts";
import type { ProgramRun } from "./harness.ts";

export interface LinkedFleet {
    fleet: Fleet;
    /** The config of each stack, as last run. */
    configs: Record<string, Record<string, unknown>>;
    last: Record<string, ProgramRun>;
}

/**
 * A trust stack issuing for `clusters`, each cluster with multicluster on: the first links to every
 * other one, which allow it. Runs trust, clusters, trust, clusters, clusters: a fleet at rest.
 */
export async function linkedFleet(
    clusters: string[] = ["east", "west"],
    extra: Record<string, Record<string, unknown>> = {},
): Promise<LinkedFleet> {
    const fleet = new Fleet();
    const [source, ...targets] = clusters;
    const configs: Record<string, Record<string, unknown>> = { trust: trustStackConfig(clusters, extra.trust) };
    for (const cluster of clusters) {
        configs[cluster] = clusterStackConfig(cluster, {
            multiclusterEnabled: true,
            ...(cluster === source
                ? { multiclusterLinks: targets.map(stackOf) }
                : { multiclusterAllowedSources: [source] }),
            ...extra[cluster],
        });
        fleet.multiclusterObjects(cluster, {
            address: `203.0.113.${10 + clusters.indexOf(cluster)}`,
            sources: cluster === source ? [] : [source],
        });
    }
    const last: Record<string, ProgramRun> = {};
    const pass = async (stacks: string[]) => {
        for (const stack of stacks) {
            last[stack] = await fleet.run(stack, configs[stack]);
        }
    };
    await pass(["trust"]);
    await pass(clusters);
    await pass(["trust"]);
    await pass(clusters);
    await pass(clusters);
    return { fleet, configs, last };
}
