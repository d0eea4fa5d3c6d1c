// The trust side of a cluster's identity issuer: the certificate the signing anchor issues for the
// request the cluster's stack published (or, in a stack that owns the trust root and installs a
// cluster, its own request). The key it certifies never comes near this stack.
import * as pulumi from "@pulumi/pulumi";
import { normalizePem } from "./pem.ts";
import { CA_USES, signRequest, type Signer } from "./pki.ts";

export interface IssuerCertificateArgs {
    /** The cluster's certificate request (PEM), verified by the plan. */
    requestPem: pulumi.Input<string>;
    signer: Signer;
    validityHours: number;
}

export class IssuerCertificate extends pulumi.ComponentResource {
    public readonly certPem: pulumi.Output<string>;
    /** RFC 3339. */
    public readonly notAfter: pulumi.Output<string>;

    constructor(name: string, args: IssuerCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:trust:IssuerCertificate", name, {}, opts);
        // A CA below the anchor. No maxPathLength: @pulumi/tls cannot encode path length 0 (it reads
        // 0 as unset); the anchor's path length 1 already forbids any CA below the issuer.
        const cert = signRequest(
            `${name}-cert`,
            {
                requestPem: args.requestPem,
                signer: args.signer,
                isCaCertificate: true,
                allowedUses: CA_USES,
                validityHours: args.validityHours,
            },
            { parent: this },
        );
        this.certPem = cert.certPem.apply(normalizePem);
        this.notAfter = cert.validityEndTime;
        this.registerOutputs({ certPem: this.certPem, notAfter: this.notAfter });
    }
}
