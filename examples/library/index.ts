// An existing per-cluster Pulumi program (here reduced to its provider and one namespace of its
// own) that adds Linkerd through the linkerd-fleet package. linkerd-fleet's settings live under
// their own config namespace, `linkerd:` (linkerd:clusterName, linkerd:trustStack, ...), so they
// never mix with the host's keys. Its outputs are spread into the stack's outputs: the next run
// reads them back (renewal counts, rotation steps, identity guards), and other stacks read the
// cross-stack ones (linkerdCluster, multiclusterLinkBundle, ...).
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { linkerdProgram } from "linkerd-fleet";

export default async () => {
    const config = new pulumi.Config();
    // The host's own cluster access: in a real program, the cluster it creates (EKS, GKE, ...).
    const provider = new k8s.Provider("platform", {
        kubeconfig: config.requireSecret("kubeconfig"),
        enableServerSideApply: true,
    });
    // The host's own workloads, meshed by the annotation Linkerd's injector reads.
    const shop = new k8s.core.v1.Namespace(
        "shop",
        { metadata: { name: "shop", annotations: { "linkerd.io/inject": "enabled" } } },
        { provider },
    );
    const linkerd = await linkerdProgram({ provider, configNamespace: "linkerd" });
    return { shopNamespace: shop.metadata.name, ...linkerd };
};
