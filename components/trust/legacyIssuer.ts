// The identity issuer as the program's previous version made it: key and certificate both in the
// trust stack, the key handed to the cluster through the secret `identityIssuers` output. Kept,
// under the same resource names and inputs, only while a cluster migrates to its own key
// (lifecycle/migration.ts): registering it unchanged keeps the cluster's running issuer intact.
import * as pulumi from "@pulumi/pulumi";
import { renewalTrigger } from "../lifecycle/renewal.ts";
import { IDENTITY_ISSUER_COMMON_NAME } from "./anchors.ts";
import { normalizePem } from "./pem.ts";
import { CA_USES, signedCertificate, type Signer } from "./pki.ts";

export interface LegacyIssuerArgs {
    signer: Signer;
    validityHours: number;
    /** Its renewal count as the previous version recorded it. */
    renewals: number;
}

export class LegacyIssuer extends pulumi.ComponentResource {
    public readonly certPem: pulumi.Output<string>;
    /** Secret. */
    public readonly privateKeyPem: pulumi.Output<string>;
    public readonly notAfter: pulumi.Output<string>;

    constructor(name: string, args: LegacyIssuerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:trust:IdentityIssuer", name, {}, opts);
        const { key, cert } = signedCertificate(
            name,
            {
                commonName: IDENTITY_ISSUER_COMMON_NAME,
                isCaCertificate: true,
                allowedUses: CA_USES,
                validityHours: args.validityHours,
                signer: args.signer,
            },
            { parent: this, ...renewalTrigger(args.renewals) },
        );
        this.certPem = cert.certPem.apply(normalizePem);
        this.privateKeyPem = pulumi.secret(key.privateKeyPem.apply(normalizePem));
        this.notAfter = cert.validityEndTime;
        this.registerOutputs({ certPem: this.certPem, notAfter: this.notAfter });
    }
}
