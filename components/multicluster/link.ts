// A link from this (source) cluster to a target: the two credential Secrets and the Link that
// `linkerd multicluster link-gen` prints for the target, applied in the source cluster (the matching
// `controllers` entry lives in the source's linkerd-multicluster release).
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { credentialsSecretName } from "./linkSpec.ts";

export interface ClusterLinkArgs {
    targetCluster: string;
    /**
     * `fresh`: the kubeconfig (base64, secret) built from the target's bundle and this cluster's token.
     * `kept`: the target is unavailable this run; the Secrets keep the data they hold (the engine
     * keeps an ignored input's last value), so the link goes on working as last applied.
     */
    credentials: { kind: "fresh"; kubeconfig: pulumi.Input<string> } | { kind: "kept" };
    /** The Link's spec (as link-gen writes it). */
    spec: Record<string, unknown>;
    trustDomain: string;
    clusterDomain: string;
    /** Release of this (source) cluster, for the created-by annotation link-gen writes. */
    linkerdVersion: string;
    linkerdNamespace: pulumi.Input<string>;
    multiclusterNamespace: pulumi.Input<string>;
    /** The multicluster chart: it installs the Link CRD and the controller that reads these objects. */
    prerequisites: pulumi.Resource[];
}

export class ClusterLink extends pulumi.ComponentResource {
    public readonly targetCluster: string;

    constructor(name: string, args: ClusterLinkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:multicluster:ClusterLink", name, {}, opts);
        const target = args.targetCluster;
        const type = "mirror.linkerd.io/remote-kubeconfig";
        const fresh = args.credentials.kind === "fresh";
        const data: Record<string, pulumi.Input<string>> = args.credentials.kind === "fresh"
            ? { kubeconfig: pulumi.secret(args.credentials.kubeconfig) }
            : {};
        const keep: pulumi.CustomResourceOptions = fresh ? {} : { ignoreChanges: ["data"] };
        // Read by the service-mirror controller of this link.
        const forController = new k8s.core.v1.Secret(
            `${name}-credentials`,
            { metadata: { name: credentialsSecretName(target), namespace: args.multiclusterNamespace }, type, data },
            { parent: this, dependsOn: args.prerequisites, ...keep },
        );
        // Read by the destination controller for pod-to-pod and federated services. It only notices
        // Secrets being added or deleted, not changed, so a new kubeconfig replaces the Secret.
        const forDestination = new k8s.core.v1.Secret(
            `${name}-discovery-credentials`,
            {
                metadata: {
                    name: credentialsSecretName(target),
                    namespace: args.linkerdNamespace,
                    labels: { "multicluster.linkerd.io/cluster-name": target },
                    annotations: {
                        "multicluster.linkerd.io/trust-domain": args.trustDomain,
                        "multicluster.linkerd.io/cluster-domain": args.clusterDomain,
                    },
                },
                type,
                data,
            },
            {
                parent: this,
                dependsOn: args.prerequisites,
                replaceOnChanges: ["data"],
                deleteBeforeReplace: true,
                ...keep,
            },
        );
        new k8s.apiextensions.CustomResource(
            `${name}-link`,
            {
                apiVersion: "multicluster.linkerd.io/v1alpha3",
                kind: "Link",
                metadata: {
                    name: target,
                    namespace: args.multiclusterNamespace,
                    annotations: { "linkerd.io/created-by": `linkerd/cli ${args.linkerdVersion}` },
                },
                spec: args.spec,
            },
            { parent: this, dependsOn: [...args.prerequisites, forController, forDestination] },
        );
        this.targetCluster = target;
        this.registerOutputs({ targetCluster: target });
    }
}
