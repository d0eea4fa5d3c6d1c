// TLS for the admission webhooks and the tap API service. Linkerd's charts would otherwise
// generate a fresh certificate on every render, so every `pulumi up` would change Secrets and
// caBundles and roll the pods that checksum them. A per-cluster CA kept in state makes renders
// identical. It is a chain of its own, separate from the mesh identity (Linkerd's guidance).
import * as pulumi from "@pulumi/pulumi";
import { normalizePem } from "./pem";
import { selfSignedCa, signedCertificate } from "./pki";
import { renewal, renewalOptions } from "./renewal";

export interface WebhookAuthorityArgs {
    /** Name of the cluster, written into the CA's subject to tell clusters' CAs apart. */
    clusterName: string;
    /** Validity of the CA certificate, in hours. */
    validityHours: number;
    /**
     * Renewal of the serving certificates (see renewal.ts): what the last deployment recorded for
     * each (by DNS name), the clock, and how long before expiry to renew.
     */
    renewal: {
        previousCounts: Record<string, number>;
        previousNotAfter: Record<string, string>;
        now: Date;
        renewBeforeHours: number;
    };
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
    private readonly renewal: WebhookAuthorityArgs["renewal"];
    /** Every serving certificate issued so far: its renewal count and not-after, by DNS name. */
    private readonly issued = new Map<string, { count: number; notAfter: pulumi.Output<string> }>();

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
        this.renewal = args.renewal;
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
        const { count, due } = renewal(
            this.renewal.previousCounts[args.dnsName],
            this.renewal.previousNotAfter[args.dnsName],
            this.renewal.now,
            this.renewal.renewBeforeHours,
        );
        if (due) {
            void pulumi.log.info(`Renewing the serving certificate of ${args.dnsName}.`);
        }
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
            { parent, ...renewalOptions(count) },
        );
        this.issued.set(args.dnsName, { count, notAfter: cert.validityEndTime });
        // PKCS#8, because Linkerd's policy validator is documented to need it; the others accept it too.
        return {
            crtPEM: cert.certPem.apply(normalizePem),
            keyPEM: pulumi.secret(key.privateKeyPemPkcs8.apply(normalizePem)),
            caBundle: this.certPem,
            notAfter: cert.validityEndTime,
        };
    }

    /** Renewal count of every serving certificate issued, by DNS name (recorded for the next run). */
    renewalCounts(): Record<string, number> {
        return Object.fromEntries([...this.issued].map(([dnsName, cert]) => [dnsName, cert.count]));
    }

    /** Not-after of every serving certificate issued, by DNS name. */
    servingCertNotAfter(): pulumi.Output<Record<string, string>> {
        const entries = [...this.issued];
        return pulumi
            .all(entries.map(([, cert]) => cert.notAfter))
            .apply((ends) => Object.fromEntries(entries.map(([dnsName], i) => [dnsName, ends[i]])));
    }
}
