// Resource requests and limits: the HA defaults from upstream's values-ha.yaml, and the overrides a
// stack sets as `<component>.<cpu|memory|ephemeral-storage>.<request|limit>=<quantity>` (for the
// proxy, `<resource>.<bound>=<quantity>`). Quantities follow Kubernetes' own grammar.
import { clone, deepMerge, getPath, type Values } from "../charts/values.ts";
import type { ConfigReader } from "../config/reader.ts";
import { parseQuantity } from "../config/rules/quantity.ts";

/** A bound pair; an empty string leaves the bound unset, as the chart does. */
export interface Bounds {
    request?: string;
    limit?: string;
}

/** The chart's `Resources` shape. */
export interface Resources {
    cpu?: Bounds;
    memory?: Bounds;
    "ephemeral-storage"?: Bounds;
}

/** Components whose resources can be set, and the chart key each maps to. */
export const RESOURCE_COMPONENTS = {
    destination: "destinationResources",
    identity: "identityResources",
    heartbeat: "heartbeatResources",
    proxyInjector: "proxyInjectorResources",
    spValidator: "spValidatorResources",
    policyController: "policyController.resources",
    // Not a controller: the default of every injected proxy in the cluster (set by proxyResources).
    proxy: "proxy.resources",
} as const;

export type ResourceComponent = keyof typeof RESOURCE_COMPONENTS;
export type ResourceOverrides = Partial<Record<ResourceComponent, Resources>>;

const ENTRY = /^([A-Za-z]+)\.(cpu|memory|ephemeral-storage)\.(request|limit)=(.*)$/;

/** `controlPlaneResources` and `proxyResources`, merged into one set of overrides. */
export function parseResources(reader: ConfigReader): ResourceOverrides {
    const controllers = (Object.keys(RESOURCE_COMPONENTS) as ResourceComponent[]).filter((c) => c !== "proxy");
    return {
        ...parseEntries(reader, "controlPlaneResources", reader.list("controlPlaneResources"), controllers, ""),
        ...parseEntries(
            reader,
            "proxyResources",
            reader.list("proxyResources").map((e) => `proxy.${e}`),
            ["proxy"],
            "proxy.",
        ),
    };
}

function parseEntries(
    reader: ConfigReader,
    key: string,
    entries: string[],
    components: readonly ResourceComponent[],
    implied: string,
): ResourceOverrides {
    const overrides: ResourceOverrides = {};
    const seen = new Set<string>();
    for (const entry of entries) {
        const shown = entry.slice(implied.length);
        const match = ENTRY.exec(entry);
        if (!match || !components.includes(match[1] as ResourceComponent)) {
            reader.problem(
                key,
                `"${shown}" is not of the form ` +
                    (implied
                        ? "<cpu|memory|ephemeral-storage>.<request|limit>=<quantity>, e.g. memory.limit=250Mi"
                        : `<component>.<cpu|memory|ephemeral-storage>.<request|limit>=<quantity> with a component among ` +
                          `${components.join(", ")}, e.g. destination.memory.limit=500Mi`),
            );
            continue;
        }
        const [, component, resource, bound, quantity] = match;
        const path = `${component}.${resource}.${bound}`;
        if (seen.has(path)) {
            reader.problem(key, `"${path.slice(implied.length)}" is set twice; keep one entry.`);
            continue;
        }
        seen.add(path);
        const value = quantity === "" ? 0 : parseQuantity(quantity);
        if (value === undefined || value < 0) {
            reader.problem(
                key,
                `"${quantity}" in "${shown}" is not a ${value === undefined ? "" : "non-negative "}Kubernetes quantity ` +
                    `(such as 100m, 0.5, 1e3, 250Mi or 1Gi); an empty value removes the bound.`,
            );
            continue;
        }
        const resources = (overrides[component as ResourceComponent] ??= {});
        (resources[resource as keyof Resources] ??= {})[bound as keyof Bounds] = quantity;
    }
    return overrides;
}

/** The resources of every component: HA defaults (when on) with the overrides on top. */
export function effectiveResources(haValues: Values | undefined, overrides: ResourceOverrides): ResourceOverrides {
    const result: ResourceOverrides = {};
    for (const [component, chartKey] of Object.entries(RESOURCE_COMPONENTS) as [ResourceComponent, string][]) {
        const base = (haValues ? getPath(haValues, chartKey) : undefined) as Resources | undefined;
        const merged = deepMerge(clone(base ?? {}), overrides[component] ?? {});
        if (Object.keys(merged).length > 0) {
            result[component] = merged;
        }
    }
    return result;
}

/** Requests above their limits, which Kubernetes rejects only when a pod is created, mid-rollout. */
export function requestAboveLimit(
    resources: ResourceOverrides,
): { component: string; resource: string; request: string; limit: string }[] {
    const found = [];
    for (const [component, byResource] of Object.entries(resources)) {
        for (const [resource, bounds] of Object.entries(byResource ?? {}) as [string, Bounds][]) {
            const request = bounds.request ? parseQuantity(bounds.request) : undefined;
            const limit = bounds.limit ? parseQuantity(bounds.limit) : undefined;
            if (request !== undefined && limit !== undefined && request > limit) {
                found.push({ component, resource, request: bounds.request!, limit: bounds.limit! });
            }
        }
    }
    return found;
}
