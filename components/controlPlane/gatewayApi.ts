// Gateway API CRDs, a prerequisite of Linkerd that its charts no longer install.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { gatewayApiStandardInstallUrl } from "../charts/releases.ts";
import { retainOnDelete } from "./retain.ts";

export interface GatewayApiCrdsArgs {
    /** Gateway API release, e.g. `v1.5.1`. */
    version: string;
}

/**
 * The upstream standard-channel Gateway API CRDs at a pinned release. Other software (ingress
 * controllers, other meshes) uses them too, so every CRD stays in the cluster when this program
 * stops managing it: removing them would delete every route in the cluster.
 */
export class GatewayApiCrds extends pulumi.ComponentResource {
    public readonly version: string;

    constructor(name: string, args: GatewayApiCrdsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:index:GatewayApiCrds", name, {}, opts);
        new k8s.yaml.v2.ConfigFile(
            `${name}-standard`,
            { file: gatewayApiStandardInstallUrl(args.version) },
            { parent: this, transforms: [retainOnDelete] },
        );
        this.version = args.version;
        this.registerOutputs({ version: this.version });
    }
}
