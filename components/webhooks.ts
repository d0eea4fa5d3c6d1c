// TLS for the admission webhooks and the tap API service. Linkerd's charts would otherwise
// generate a fresh certificate on every render, so every `pulumi up` would change Secrets and
// caBundles and roll the pods that checksum them. A per-cluster CA kept in state makes renders
// identical. It is a chain of its own, separate from the mesh identity (Linkerd's guidance).
import * as pulumi from "@pulumi/pulumi";
import { normalizePem } from "./pem";
import { selfSignedCa, signedCertificate } from "./pki";

export interface WebhookAuthorityArgs {
    /** Name of the cluster, written into the CA's subject to tell clusters' CAs apart. */
    clusterName: string;
    /** Validity of the CA certificate, in hours. */
    validityHours: number;
}

/** Serving certificate for one webhook: the chart's `crtPEM`, `keyPEM` (secret) and `caBundle`. */
export interface WebhookServingCert {
    crtPEM: pulumi.Output<string>;
    keyPEM: pulumi.Output<string>;
    caBundle: pulumi.Output<string>;
    notAfter: pulumi.Output<string>;
}

/** A cluster's webhook CA: an ECDSA P-256 self-signed CA that signs only webhook serving certificates. */
export class WebhookAuthority extends pulumi.ComponentResource {
    public readonly certPem: pulumi.Output<string>;
    public readonly notAfter: pulumi.Output<string>;
    private readonly privateKeyPem: pulumi.Output<string>;

    constructor(name: string, args: WebhookAuthorityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:pki:WebhookAuthority", name, {}, opts);
        const { key, cert } = selfSignedCa(
            name,
            {
                subject: { commonName: `webhook-ca.${args.clusterName}.linkerd`, organization: "linkerd-fleet" },
                maxPathLength: 1,
                validityHours: args.validityHours,
            },
            { parent: this },
        );
        this.certPem = cert.certPem.apply(normalizePem);
        this.notAfter = cert.validityEndTime;
        this.privateKeyPem = pulumi.secret(key.privateKeyPem);
        this.registerOutputs({ certPem: this.certPem, notAfter: this.notAfter });
    }

    /**
     * Issues the serving certificate of the Service `dnsName` (`<service>.<namespace>.svc`, the name
     * the API server dials). The resources are children of `parent`, the component that uses them.
     */
    issueServingCert(
        name: string,
        args: { dnsName: string; validityHours: number },
        parent: pulumi.Resource,
    ): WebhookServingCert {
        const { key, cert } = signedCertificate(
            name,
            {
                commonName: args.dnsName,
                dnsNames: [args.dnsName],
                isCaCertificate: false,
                allowedUses: ["digital_signature", "server_auth"],
                validityHours: args.validityHours,
                signer: { certPem: this.certPem, privateKeyPem: this.privateKeyPem },
            },
            { parent },
        );
        // PKCS#8, because Linkerd's policy validator is documented to need it; the others accept it too.
        return {
            crtPEM: cert.certPem.apply(normalizePem),
            keyPEM: pulumi.secret(key.privateKeyPemPkcs8.apply(normalizePem)),
            caBundle: this.certPem,
            notAfter: cert.validityEndTime,
        };
    }
}
