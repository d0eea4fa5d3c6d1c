// Building blocks for the program's certificates, all ECDSA P-256 (what Linkerd requires of its
// identity certificates, and what the webhooks accept). Child names are `${name}-key`,
// `${name}-csr` and `${name}-cert`; they are state identities and must never change.
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";

/** Key usages of every CA in this program, as @pulumi/tls spells them (snake_case; unknown strings are ignored). */
export const CA_USES = ["cert_signing", "crl_signing"];

export interface SelfSignedCaArgs {
    subject: { commonName: string; organization?: string };
    /** Number of CAs allowed below this one. */
    maxPathLength: number;
    validityHours: number;
}

/** A self-signed CA: its key and certificate. */
export function selfSignedCa(name: string, args: SelfSignedCaArgs, opts: pulumi.CustomResourceOptions) {
    const key = new tls.PrivateKey(`${name}-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, opts);
    const cert = new tls.SelfSignedCert(
        `${name}-cert`,
        {
            privateKeyPem: key.privateKeyPem,
            subject: args.subject,
            isCaCertificate: true,
            maxPathLength: args.maxPathLength,
            allowedUses: CA_USES,
            validityPeriodHours: args.validityHours,
        },
        opts,
    );
    return { key, cert };
}

export interface SignedCertificateArgs {
    commonName: string;
    dnsNames?: string[];
    isCaCertificate: boolean;
    allowedUses: string[];
    validityHours: number;
    signer: { certPem: pulumi.Input<string>; privateKeyPem: pulumi.Input<string> };
}

/** A key, its certificate request and the certificate `signer` issues for it. */
export function signedCertificate(name: string, args: SignedCertificateArgs, opts: pulumi.CustomResourceOptions) {
    const key = new tls.PrivateKey(`${name}-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, opts);
    const csr = new tls.CertRequest(
        `${name}-csr`,
        { privateKeyPem: key.privateKeyPem, subject: { commonName: args.commonName }, dnsNames: args.dnsNames },
        opts,
    );
    const cert = new tls.LocallySignedCert(
        `${name}-cert`,
        {
            certRequestPem: csr.certRequestPem,
            caCertPem: args.signer.certPem,
            caPrivateKeyPem: args.signer.privateKeyPem,
            isCaCertificate: args.isCaCertificate,
            allowedUses: args.allowedUses,
            validityPeriodHours: args.validityHours,
        },
        opts,
    );
    return { key, cert };
}
