// The mesh's identity PKI: one trust root shared by every cluster, and one identity issuer per
// cluster signed by it (Linkerd's production guidance). Only the stack that owns the trust root
// creates these; cluster stacks receive the bundle and their issuer through stack outputs.
import * as pulumi from "@pulumi/pulumi";
import { bundlePems, normalizePem, sha256Fingerprint } from "./pem";
import { CA_USES, selfSignedCa, signedCertificate } from "./pki";

/** Linkerd's conventional subject for trust anchors. */
export const TRUST_ANCHOR_COMMON_NAME = "root.linkerd.cluster.local";
/** Linkerd's conventional subject for identity issuers (`identity.<linkerd namespace>.<trust domain>`). */
export const IDENTITY_ISSUER_COMMON_NAME = "identity.linkerd.cluster.local";

export interface TrustRootArgs {
    /**
     * Identifies the anchor generation. It is part of the resource names, so that adding a new
     * generation for a rotation never renames (and so never replaces) an existing anchor.
     */
    generation: string;
    /** Validity of the anchor certificate, in hours. */
    validityHours: number;
}

/**
 * The trust root: an ECDSA P-256 self-signed CA. Its key and certificate are protected, so the
 * engine refuses any plan that would replace or delete them, and nothing renews them implicitly
 * (no early renewal): a new anchor only ever comes as a new generation beside the old one.
 */
export class TrustRoot extends pulumi.ComponentResource {
    /** The bundle every cluster trusts (PEM, normalised). */
    public readonly bundlePem: pulumi.Output<string>;
    /** SHA-256 fingerprints of the certificates in the bundle, in bundle order. */
    public readonly fingerprints: pulumi.Output<string[]>;
    /** Not-after (RFC 3339) of each anchor, by generation. */
    public readonly notAfter: pulumi.Output<Record<string, string>>;
    /** The anchor that signs issuers: its certificate, and its key as a secret. Never exported. */
    public readonly signer: { certPem: pulumi.Output<string>; privateKeyPem: pulumi.Output<string> };

    constructor(name: string, args: TrustRootArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:trust:TrustRoot", name, {}, opts);

        const { key, cert } = selfSignedCa(
            `${name}-anchor-${args.generation}`,
            {
                subject: { commonName: TRUST_ANCHOR_COMMON_NAME },
                // Allows exactly one CA (the cluster issuer) below the anchor, as step's root-ca profile does.
                maxPathLength: 1,
                validityHours: args.validityHours,
            },
            { parent: this, protect: true },
        );

        const anchorPem = cert.certPem.apply(normalizePem);
        this.bundlePem = anchorPem.apply((pem) => bundlePems([pem]));
        this.fingerprints = anchorPem.apply((pem) => [sha256Fingerprint(pem)]);
        this.notAfter = cert.validityEndTime.apply((end) => ({ [args.generation]: end }));
        this.signer = { certPem: anchorPem, privateKeyPem: pulumi.secret(key.privateKeyPem) };

        this.registerOutputs({
            bundlePem: this.bundlePem,
            fingerprints: this.fingerprints,
            notAfter: this.notAfter,
        });
    }
}

export interface IdentityIssuerArgs {
    /** The anchor that signs this issuer. */
    signer: { certPem: pulumi.Input<string>; privateKeyPem: pulumi.Input<string> };
    /** Validity of the issuer certificate, in hours. */
    validityHours: number;
}

/**
 * One cluster's identity issuer: an ECDSA P-256 CA signed by the trust root, which the cluster's
 * identity controller uses to sign workload certificates.
 */
export class IdentityIssuer extends pulumi.ComponentResource {
    public readonly certPem: pulumi.Output<string>;
    /** Secret. */
    public readonly privateKeyPem: pulumi.Output<string>;
    /** RFC 3339. */
    public readonly notAfter: pulumi.Output<string>;

    constructor(name: string, args: IdentityIssuerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:trust:IdentityIssuer", name, {}, opts);

        const { key, cert } = signedCertificate(
            name,
            {
                commonName: IDENTITY_ISSUER_COMMON_NAME,
                isCaCertificate: true,
                // No maxPathLength: @pulumi/tls cannot encode pathlen 0 (0 means "unset"); the
                // anchor's pathlen 1 already forbids any CA below the issuer.
                allowedUses: CA_USES,
                validityHours: args.validityHours,
                signer: args.signer,
            },
            { parent: this },
        );

        this.certPem = cert.certPem.apply(normalizePem);
        this.privateKeyPem = pulumi.secret(key.privateKeyPem.apply(normalizePem));
        this.notAfter = cert.validityEndTime;

        this.registerOutputs({ certPem: this.certPem, privateKeyPem: this.privateKeyPem, notAfter: this.notAfter });
    }
}
