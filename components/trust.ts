// The mesh's identity PKI: one trust root shared by every cluster, and one identity issuer per
// cluster signed by it (Linkerd's production guidance). Only the stack that owns the trust root
// creates these; cluster stacks receive the bundle and their issuer through stack outputs.
import * as pulumi from "@pulumi/pulumi";
import { X509Certificate } from "crypto";
import { EXTERNAL_ANCHOR } from "./config";
import { bundlePems, normalizePem, sha256Fingerprint, splitPemBundle } from "./pem";
import { CA_USES, selfSignedCa, signedCertificate } from "./pki";
import { renewalOptions } from "./renewal";

/** Linkerd's conventional subject for trust anchors. */
export const TRUST_ANCHOR_COMMON_NAME = "root.linkerd.cluster.local";
/** Linkerd's conventional subject for identity issuers (`identity.<linkerd namespace>.<trust domain>`). */
export const IDENTITY_ISSUER_COMMON_NAME = "identity.linkerd.cluster.local";

export interface TrustRootArgs {
    /**
     * Anchor generations to keep in the bundle, in bundle order. A generation's name is part of its
     * resources' names, so adding one for a rotation never renames (and so never replaces) another.
     */
    generations: string[];
    /** Validity of each anchor certificate, in hours (fixed once an anchor exists). */
    validityHours: number;
    /** The generation that signs issuers, or EXTERNAL_ANCHOR for the external anchor. */
    signingGeneration: string;
    /** Anchor(s) made elsewhere: trusted (last in the bundle), and signing if a key is given. */
    external?: { certPem: string; keyPem?: pulumi.Output<string> };
}

/**
 * The trust root: one ECDSA P-256 self-signed CA per generation, plus any external anchor. Every
 * generated key and certificate is protected, so the engine refuses any plan that would replace or
 * delete them, and nothing renews them implicitly (no early renewal): a new anchor only ever
 * comes as a new generation beside the old one.
 */
export class TrustRoot extends pulumi.ComponentResource {
    /** The bundle every cluster trusts (PEM, normalised): the generations in order, then external anchors. */
    public readonly bundlePem: pulumi.Output<string>;
    /** SHA-256 fingerprints of the certificates in the bundle, in bundle order. */
    public readonly fingerprints: pulumi.Output<string[]>;
    /** Not-after (RFC 3339) of each anchor, by generation (`external` for the external anchor). */
    public readonly notAfter: pulumi.Output<Record<string, string>>;
    /** URNs of each generation's protected resources, for `pulumi state unprotect` when retiring it. */
    public readonly urns: pulumi.Output<Record<string, string[]>>;
    /**
     * The anchor that signs issuers: its certificate, and its key as a secret. Never exported.
     * Undefined when the signing anchor is external and its key was not given (nothing to sign).
     */
    public readonly signer?: { certPem: pulumi.Output<string>; privateKeyPem: pulumi.Output<string> };

    constructor(name: string, args: TrustRootArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:trust:TrustRoot", name, {}, opts);

        const anchors = args.generations.map((generation) => {
            const { key, cert } = selfSignedCa(
                `${name}-anchor-${generation}`,
                {
                    subject: { commonName: TRUST_ANCHOR_COMMON_NAME },
                    // Allows exactly one CA (the cluster issuer) below the anchor, as step's root-ca profile does.
                    maxPathLength: 1,
                    validityHours: args.validityHours,
                },
                { parent: this, protect: true },
            );
            return { generation, key, cert, pem: cert.certPem.apply(normalizePem) };
        });

        const externalPems = args.external ? splitPemBundle(args.external.certPem) : [];
        this.bundlePem = pulumi.all(anchors.map((a) => a.pem)).apply((pems) => bundlePems([...pems, ...externalPems]));
        this.fingerprints = this.bundlePem.apply((bundle) => splitPemBundle(bundle).map(sha256Fingerprint));
        this.notAfter = pulumi.all(anchors.map((a) => a.cert.validityEndTime)).apply((ends) => {
            const result: Record<string, string> = {};
            anchors.forEach((a, i) => (result[a.generation] = ends[i]));
            if (externalPems.length > 0) {
                const earliest = Math.min(...externalPems.map((pem) => Date.parse(new X509Certificate(pem).validTo)));
                result[EXTERNAL_ANCHOR] = new Date(earliest).toISOString();
            }
            return result;
        });
        this.urns = pulumi
            .all(anchors.map((a) => pulumi.all([a.key.urn, a.cert.urn])))
            .apply((pairs) => Object.fromEntries(anchors.map((a, i) => [a.generation, pairs[i]])));

        const signing = anchors.find((a) => a.generation === args.signingGeneration);
        if (signing) {
            this.signer = { certPem: signing.pem, privateKeyPem: pulumi.secret(signing.key.privateKeyPem) };
        } else if (args.signingGeneration === EXTERNAL_ANCHOR && args.external?.keyPem) {
            this.signer = {
                certPem: pulumi.output(normalizePem(args.external.certPem)),
                privateKeyPem: pulumi.secret(args.external.keyPem),
            };
        }

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
    /** How many times this issuer has been renewed; raising it replaces key and certificate (see renewal.ts). */
    renewals: number;
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
            { parent: this, ...renewalOptions(args.renewals) },
        );

        this.certPem = cert.certPem.apply(normalizePem);
        this.privateKeyPem = pulumi.secret(key.privateKeyPem.apply(normalizePem));
        this.notAfter = cert.validityEndTime;

        this.registerOutputs({ certPem: this.certPem, privateKeyPem: this.privateKeyPem, notAfter: this.notAfter });
    }
}
