// Deploy: registers what the plan decided, and returns the stack's outputs. Nothing here refuses
// anything; every check ran in the plan.
import * as pulumi from "@pulumi/pulumi";
import { deployCluster } from "./deployCluster.ts";
import { deployTrust } from "./deployTrust.ts";
import { stackOutputs, type StackOutputs } from "./outputs.ts";
import type { StackPlan } from "./plan.ts";

/** `parent` lets a test or another program root everything under one component; a stack leaves it unset. */
export function deployStack(plan: StackPlan, parent?: pulumi.Resource): StackOutputs {
    for (const warning of plan.warnings) {
        void pulumi.log.warn(warning);
    }
    for (const info of plan.infos) {
        void pulumi.log.info(info);
    }
    const trust = plan.trust && deployTrust(plan.trust, parent);
    const cluster = plan.cluster && deployCluster(plan, trust, parent);
    return stackOutputs(plan, trust, cluster);
}
