// TLS for the admission webhooks and the tap API service. Linkerd's charts would otherwise
// generate a fresh certificate on every render, so every update would change Secrets and caBundles
// and roll the pods that checksum them. A per-cluster CA kept in state makes renders identical. It
// is a chain of its own, separate from the mesh identity (Linkerd's guidance).
import * as pulumi from "@pulumi/pulumi";
import { renewal, renewalTrigger } from "../lifecycle/renewal.ts";
import { normalizePem } from "../trust/pem.ts";
import { SERVING_USES, selfSignedCa, signedCertificate } from "../trust/pki.ts";

/** Validity of each cluster's webhook CA: ten years; the serving certificates it signs are renewed. */
export const WEBHOOK_CA_VALIDITY_HOURS = 87600;

export interface WebhookAuthorityArgs {
    /** Written into the CA's subject, to tell clusters' CAs apart. */
    clusterName: string;
    validityHours: number;
    /** What the last run recorded for each serving certificate (by DNS name), the clock, and the window. */
    renewal: {
        previous: Readonly<Record<string, { renewals: number; notAfter: string }>>;
        now: Date;
        renewBeforeHours: number;
    };
}

/** A webhook's serving certificate: the chart's `crtPEM`, `keyPEM` (secret) and `caBundle`. */
export interface ServingCert {
    crtPEM: pulumi.Output<string>;
    keyPEM: pulumi.Output<string>;
    caBundle: pulumi.Output<string>;
}

/** A cluster's webhook CA: an ECDSA P-256 self-signed CA that signs only webhook serving certificates. */
export class WebhookAuthority extends pulumi.ComponentResource {
    public readonly certPem: pulumi.Output<string>;
    public readonly notAfter: pulumi.Output<string>;
    private readonly privateKeyPem: pulumi.Output<string>;
    private readonly renewal: WebhookAuthorityArgs["renewal"];
    private readonly issued = new Map<string, { renewals: number; notAfter: pulumi.Output<string> }>();

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
     * The serving certificate of the Service `dnsName` (`<service>.<namespace>.svc`, the name the API
     * server dials), renewed inside its window. Its resources are children of `parent`.
     */
    issueServingCert(
        name: string,
        args: { dnsName: string; validityHours: number },
        parent: pulumi.Resource,
    ): ServingCert {
        const last = this.renewal.previous[args.dnsName];
        const decision = renewal(last?.renewals, last?.notAfter, this.renewal.now, this.renewal.renewBeforeHours);
        if (decision.due) {
            void pulumi.log.info(
                `Renewing the serving certificate of ${args.dnsName}: it expires on ${last!.notAfter}.`,
            );
        }
        const { key, cert } = signedCertificate(
            name,
            {
                commonName: args.dnsName,
                dnsNames: [args.dnsName],
                isCaCertificate: false,
                allowedUses: SERVING_USES,
                validityHours: args.validityHours,
                signer: { certPem: this.certPem, privateKeyPem: this.privateKeyPem },
            },
            { parent, ...renewalTrigger(decision.count) },
        );
        this.issued.set(args.dnsName, { renewals: decision.count, notAfter: cert.validityEndTime });
        // PKCS#8, because Linkerd's policy validator is documented to need it; the others accept it too.
        return {
            crtPEM: cert.certPem.apply(normalizePem),
            keyPEM: pulumi.secret(key.privateKeyPemPkcs8.apply(normalizePem)),
            caBundle: this.certPem,
        };
    }

    /** Renewal count and not-after of every serving certificate issued, by DNS name (for the next run). */
    servingCerts(): pulumi.Output<Record<string, { renewals: number; notAfter: string }>> {
        const entries = [...this.issued];
        return pulumi
            .all(entries.map(([, cert]) => cert.notAfter))
            .apply((ends) =>
                Object.fromEntries(
                    entries.map(([dns, cert], i) => [dns, { renewals: cert.renewals, notAfter: ends[i] }]),
                ),
            );
    }
}
