// Every config key of the project: each area declares its own; this puts them together (and keeps
// them apart: a key belongs to one area). Pulumi.yaml declares exactly these (tests/projectFile.test.ts).
import type { KeySpecs } from "../config/keys.ts";
import { CONTROL_PLANE_KEYS } from "../controlPlane/config.ts";
import { LIFECYCLE_KEYS } from "../lifecycle/config.ts";
import { MULTICLUSTER_KEYS } from "../multicluster/config.ts";
import { TRUST_KEYS } from "../trust/config.ts";
import { VIZ_KEYS } from "../viz/config.ts";

/** The keys of the program's composition: which stack owns the trust root, and acknowledgements. */
export const PROGRAM_KEYS = {
    trustStack: { type: "string", default: "", roles: ["cluster"] },
    acknowledgeIdentityChanges: { type: "array", default: [], roles: ["trust", "cluster"] },
} as const satisfies KeySpecs;

/** Each area's keys, by area (the README's configuration reference follows this grouping). */
export const KEY_AREAS: Readonly<Record<string, KeySpecs>> = {
    program: PROGRAM_KEYS,
    trust: TRUST_KEYS,
    lifecycle: LIFECYCLE_KEYS,
    controlPlane: CONTROL_PLANE_KEYS,
    viz: VIZ_KEYS,
    multicluster: MULTICLUSTER_KEYS,
};

export const ALL_KEYS: KeySpecs = Object.freeze(
    Object.entries(KEY_AREAS).reduce<Record<string, KeySpecs[string]>>((all, [area, keys]) => {
        for (const [key, spec] of Object.entries(keys)) {
            if (key in all) {
                throw new Error(`config key ${key} is declared by two areas (${area} and another)`);
            }
            all[key] = spec;
        }
        return all;
    }, {}),
);
