// Keeping objects that other software, or the user's workloads, rely on.
import * as pulumi from "@pulumi/pulumi";

/**
 * A transform that keeps an object in the cluster when Pulumi deletes it (the provider's delete
 * is skipped). Transforms run in the engine, so this reaches every object a chart or YAML file
 * component renders, which options given to the component itself do not.
 */
export const retainOnDelete: pulumi.ResourceTransform = (args) => ({
    props: args.props,
    opts: pulumi.mergeOptions(args.opts, { retainOnDelete: true }),
});

/** The same, for CustomResourceDefinitions only: a chart's CRDs stay, its other objects go. */
export const retainCrdsOnDelete: pulumi.ResourceTransform = (args) =>
    args.type === "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition" ? retainOnDelete(args) : undefined;
