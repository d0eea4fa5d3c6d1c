// The cluster side of its identity issuer: a private key per slot, made in the cluster's own stack,
// and the certificate request the stack publishes for its newest slot. lifecycle/issuerSlots.ts
// decides the slots; a slot's resources are named after it, so opening a new slot for a renewal
// leaves the installed one untouched until its successor's certificate arrives.
import * as pulumi from "@pulumi/pulumi";
import { IDENTITY_ISSUER_COMMON_NAME } from "./anchors.ts";
import { normalizePem } from "./pem.ts";
import { certificateRequest, privateKey } from "./pki.ts";

export interface ClusterIssuerArgs {
    /** Key slots to hold, oldest first. */
    slots: number[];
}

export class ClusterIssuer extends pulumi.ComponentResource {
    /** Each slot's certificate request (PEM). */
    public readonly requests: ReadonlyMap<number, pulumi.Output<string>>;
    /** Each slot's private key (secret). */
    public readonly keys: ReadonlyMap<number, pulumi.Output<string>>;

    constructor(name: string, args: ClusterIssuerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:trust:ClusterIssuer", name, {}, opts);
        const requests = new Map<number, pulumi.Output<string>>();
        const keys = new Map<number, pulumi.Output<string>>();
        for (const slot of args.slots) {
            const key = privateKey(`${name}-key-${slot}`, { parent: this });
            const request = certificateRequest(
                `${name}-request-${slot}`,
                { privateKeyPem: key.privateKeyPem, commonName: IDENTITY_ISSUER_COMMON_NAME },
                { parent: this },
            );
            keys.set(slot, pulumi.secret(key.privateKeyPem.apply(normalizePem)));
            requests.set(slot, request.certRequestPem.apply(normalizePem));
        }
        this.requests = requests;
        this.keys = keys;
        this.registerOutputs({});
    }
}
