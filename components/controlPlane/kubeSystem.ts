// The kube-system label that keeps Linkerd's admission webhooks away from the cluster's own
// components. Since Linkerd 2.12 the proxy injector skips kube-system by name, but the
// service-profile and policy validators do not, and with HA's failurePolicy "Fail" a stalled
// validator must never block kube-system; a customised injector namespaceSelector could also drop
// the by-name exclusion. The label is cheap defence in depth.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** The label Linkerd's webhooks' namespaceSelectors exclude (a label, with the `config.` prefix). */
export const ADMISSION_WEBHOOKS_LABEL = { "config.linkerd.io/admission-webhooks": "disabled" };

/** Labels kube-system with a server-side-apply patch; the namespace is never owned by the program. */
export class KubeSystemLabel extends pulumi.ComponentResource {
    public readonly namespace: pulumi.Output<string>;

    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:index:KubeSystemLabel", name, {}, opts);
        const patch = new k8s.core.v1.NamespacePatch(
            `${name}-patch`,
            { metadata: { name: "kube-system", labels: ADMISSION_WEBHOOKS_LABEL } },
            { parent: this },
        );
        this.namespace = patch.metadata.apply((m) => m?.name ?? "kube-system");
        this.registerOutputs({ namespace: this.namespace });
    }
}
