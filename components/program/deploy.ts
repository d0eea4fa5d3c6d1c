// Deploy: registers what the plan decided, and returns the stack's outputs. Nothing here refuses
// anything; every check ran in the plan.
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { deployCluster } from "./deployCluster.ts";
import { deployTrust } from "./deployTrust.ts";
import { stackOutputs, type StackOutputs } from "./outputs.ts";
import type { StackPlan } from "./plan.ts";

/**
 * `parent` lets a test or another program root everything under one component; a stack leaves it
 * unset. `provider` is a host program's Kubernetes provider (the plan then reads no cluster access).
 */
export function deployStack(plan: StackPlan, parent?: pulumi.Resource, provider?: k8s.Provider): StackOutputs {
    for (const warning of plan.warnings) {
        void pulumi.log.warn(warning);
    }
    for (const info of plan.infos) {
        void pulumi.log.info(info);
    }
    const trust = plan.trust && deployTrust(plan.trust, parent);
    const cluster = plan.cluster && deployCluster(plan, trust, parent, provider);
    return stackOutputs(plan, trust, cluster);
}
