// Building blocks for the program's certificates, all ECDSA P-256 (what Linkerd requires of its
// identity certificates, and what the webhooks accept). The names given become state identities
// and must never change: a renamed key is a new key.
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";

/** Key usages of every CA in this program, as @pulumi/tls spells them (snake_case; unknown strings are ignored). */
export const CA_USES = ["cert_signing", "crl_signing"];
/** Key usages of a TLS serving certificate. */
export const SERVING_USES = ["digital_signature", "server_auth"];

export interface Signer {
    certPem: pulumi.Input<string>;
    /** Secret. */
    privateKeyPem: pulumi.Input<string>;
}

export function privateKey(name: string, opts: pulumi.CustomResourceOptions): tls.PrivateKey {
    return new tls.PrivateKey(name, { algorithm: "ECDSA", ecdsaCurve: "P256" }, opts);
}

export interface SelfSignedCaArgs {
    subject: { commonName: string; organization?: string };
    /** Number of CAs allowed below this one. */
    maxPathLength: number;
    validityHours: number;
}

/** A self-signed CA: `${name}-key` and `${name}-cert`. */
export function selfSignedCa(name: string, args: SelfSignedCaArgs, opts: pulumi.CustomResourceOptions) {
    const key = privateKey(`${name}-key`, opts);
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

export function certificateRequest(
    name: string,
    args: { privateKeyPem: pulumi.Input<string>; commonName: string; dnsNames?: string[] },
    opts: pulumi.CustomResourceOptions,
): tls.CertRequest {
    return new tls.CertRequest(
        name,
        { privateKeyPem: args.privateKeyPem, subject: { commonName: args.commonName }, dnsNames: args.dnsNames },
        opts,
    );
}

export interface SignRequestArgs {
    requestPem: pulumi.Input<string>;
    signer: Signer;
    isCaCertificate: boolean;
    allowedUses: string[];
    validityHours: number;
}

/** The certificate `signer` issues for a request (whose subject and names it copies). */
export function signRequest(
    name: string,
    args: SignRequestArgs,
    opts: pulumi.CustomResourceOptions,
): tls.LocallySignedCert {
    return new tls.LocallySignedCert(
        name,
        {
            certRequestPem: args.requestPem,
            caCertPem: args.signer.certPem,
            caPrivateKeyPem: args.signer.privateKeyPem,
            isCaCertificate: args.isCaCertificate,
            allowedUses: args.allowedUses,
            validityPeriodHours: args.validityHours,
        },
        opts,
    );
}

/** A key, its request and the certificate `signer` issues for it: `${name}-key`, `-csr`, `-cert`. */
export function signedCertificate(
    name: string,
    args: Omit<SignRequestArgs, "requestPem"> & { commonName: string; dnsNames?: string[] },
    opts: pulumi.CustomResourceOptions,
) {
    const key = privateKey(`${name}-key`, opts);
    const request = certificateRequest(
        `${name}-csr`,
        { privateKeyPem: key.privateKeyPem, commonName: args.commonName, dnsNames: args.dnsNames },
        opts,
    );
    const cert = signRequest(`${name}-cert`, { ...args, requestPem: request.certRequestPem }, opts);
    return { key, request, cert };
}
