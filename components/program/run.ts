// The program: plan (read and validate everything, decide everything), then deploy.
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { readRuntimeConfig } from "../config/snapshot.ts";
import { deployStack } from "./deploy.ts";
import { planStack } from "./plan.ts";
import type { StackReader } from "./reads.ts";

/**
 * The oldest Pulumi CLI this program runs under: the engine honours `replacementTrigger` since
 * 3.208.0, and stopped firing it on mere dependency changes in 3.226.0 (pulumi/pulumi CHANGELOG).
 * An older engine would ignore the trigger silently, and certificate renewals would do nothing.
 */
export const MINIMUM_PULUMI_CLI = "3.226.0";

export async function requireCli(): Promise<void> {
    try {
        await pulumi.requirePulumiVersion(`>=${MINIMUM_PULUMI_CLI}`);
    } catch (error) {
        const found = /does not satisfy|does not support/.test(String(error)) ? "" : ` (${String(error)})`;
        throw new pulumi.RunError(
            `This program needs Pulumi CLI ${MINIMUM_PULUMI_CLI} or newer: older engines ignore the replacementTrigger ` +
                `that renews certificates${found}. Upgrade the CLI (https://www.pulumi.com/docs/install/) and run again.`,
        );
    }
}

export interface LinkerdProgramOptions {
    /** The clock (tests). */
    now?: Date;
    /** How other stacks are read (tests); the engine's readStackOutputs by default. */
    read?: StackReader;
    /** A component to register everything under (a host program's). */
    parent?: pulumi.Resource;
    /**
     * A host program's Kubernetes provider for the stack's cluster. Then the config names no
     * kubeconfig, context or render folder; multicluster needs multiclusterApiServerUrl and its CA.
     */
    provider?: k8s.Provider;
    /** The namespace of this program's config keys in the host's stack (default: the project's name). */
    configNamespace?: string;
}

/** Plans the stack from its config and the stacks it reads, then registers it; returns its outputs. */
export async function linkerdProgram(options: LinkerdProgramOptions = {}): Promise<Record<string, unknown>> {
    await requireCli();
    const snapshot = readRuntimeConfig({ namespace: options.configNamespace, hostProvider: !!options.provider });
    const plan = await planStack(snapshot, options.now ?? new Date(), options.read);
    return deployStack(plan, options.parent, options.provider);
}
