// Namespaces the platform team wants meshed, typically the ingress controller's. The program only
// annotates them, with a server-side-apply patch: it never owns (or deletes) the namespaces, and
// on destroy only the annotation goes.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { InjectionMode } from "./config";

export interface MeshedNamespacesArgs {
    namespaces: { name: string; mode: InjectionMode }[];
    /** The control plane: its injector acts on pods created after the annotation. */
    prerequisites: pulumi.Resource[];
}

export class MeshedNamespaces extends pulumi.ComponentResource {
    constructor(name: string, args: MeshedNamespacesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:index:MeshedNamespaces", name, {}, opts);
        for (const namespace of args.namespaces) {
            new k8s.core.v1.NamespacePatch(
                `${name}-${namespace.name}`,
                { metadata: { name: namespace.name, annotations: { "linkerd.io/inject": namespace.mode } } },
                { parent: this, dependsOn: args.prerequisites },
            );
        }
        this.registerOutputs({});
    }
}
