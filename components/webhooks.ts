// TLS for the admission webhooks and the tap API service. Linkerd's charts would otherwise
// generate a fresh certificate on every render, so every `pulumi up` would change Secrets and
// caBundles and roll the pods that checksum them. A per-cluster CA kept in state makes renders
// identical. It is a chain of its own, separate from the mesh identity (Linkerd's guidance).
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { normalizePem } from "./pem";

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
        const key = new tls.PrivateKey(`${name}-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent: this });
        const cert = new tls.SelfSignedCert(
            `${name}-cert`,
            {
                privateKeyPem: key.privateKeyPem,
                subject: { commonName: `webhook-ca.${args.clusterName}.linkerd`, organization: "linkerd-fleet" },
                isCaCertificate: true,
                maxPathLength: 1,
                allowedUses: ["cert_signing", "crl_signing"],
                validityPeriodHours: args.validityHours,
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
        // PKCS#8, because Linkerd's policy validator is documented to need it; the others accept it too.
        const key = new tls.PrivateKey(`${name}-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent });
        const csr = new tls.CertRequest(
            `${name}-csr`,
            { privateKeyPem: key.privateKeyPem, subject: { commonName: args.dnsName }, dnsNames: [args.dnsName] },
            { parent },
        );
        const cert = new tls.LocallySignedCert(
            `${name}-cert`,
            {
                certRequestPem: csr.certRequestPem,
                caCertPem: this.certPem,
                caPrivateKeyPem: this.privateKeyPem,
                allowedUses: ["digital_signature", "server_auth"],
                validityPeriodHours: args.validityHours,
            },
            { parent },
        );
        return {
            crtPEM: cert.certPem.apply(normalizePem),
            keyPEM: pulumi.secret(key.privateKeyPemPkcs8.apply(normalizePem)),
            caBundle: this.certPem,
            notAfter: cert.validityEndTime,
        };
    }
}
