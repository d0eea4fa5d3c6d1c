// Resource options shared by components.
import * as pulumi from "@pulumi/pulumi";

/**
 * A transform that keeps an object in the cluster when Pulumi deletes it (the provider's Delete is
 * skipped). Transforms run in the engine, so this reaches every object a Helm chart or YAML file
 * component renders, which resource options given to the component itself do not.
 */
export const retainOnDelete: pulumi.ResourceTransform = (args) => ({
    props: args.props,
    opts: pulumi.mergeOptions(args.opts, { retainOnDelete: true }),
});
