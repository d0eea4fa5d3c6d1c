// Namespaces the platform team wants meshed, typically the ingress controller's. The program only
// annotates them, with a server-side-apply patch: it never owns (or deletes) them, and on destroy
// only the annotation goes.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ConfigReader } from "../config/reader.ts";
import { dns1123LabelProblem } from "../config/rules/kubernetes.ts";

export const INJECTION_MODES = ["enabled", "ingress", "disabled"] as const;
export type InjectionMode = (typeof INJECTION_MODES)[number];

export interface MeshedNamespace {
    name: string;
    mode: InjectionMode;
}

/** `namespace` or `namespace=<enabled|ingress|disabled>` entries. */
export function parseMeshedNamespaces(reader: ConfigReader): MeshedNamespace[] {
    const result: MeshedNamespace[] = [];
    for (const entry of reader.list("meshedNamespaces")) {
        const [name, mode = "enabled", extra] = entry.split("=");
        const nameProblem = dns1123LabelProblem(name);
        if (extra !== undefined || nameProblem) {
            reader.problem(
                "meshedNamespaces",
                `"${entry}" is not <namespace> or <namespace>=<mode>${nameProblem ? `: "${name}" ${nameProblem}` : ""}.`,
            );
        } else if (!INJECTION_MODES.includes(mode as InjectionMode)) {
            reader.problem(
                "meshedNamespaces",
                `"${mode}" in "${entry}" is not an injection mode (${INJECTION_MODES.join(", ")}).`,
            );
        } else if (["kube-system", "cert-manager"].includes(name) || name.startsWith("linkerd")) {
            reader.problem(
                "meshedNamespaces",
                `"${name}" is never injected (Linkerd's injector skips kube-system and cert-manager, and its own ` +
                    `namespaces are managed by this program). Run the workloads to mesh elsewhere.`,
            );
        } else if (result.some((n) => n.name === name)) {
            reader.problem("meshedNamespaces", `"${name}" is listed twice.`);
        } else {
            result.push({ name, mode: mode as InjectionMode });
        }
    }
    return result;
}

export interface MeshedNamespacesArgs {
    namespaces: MeshedNamespace[];
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
