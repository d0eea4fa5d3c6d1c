// The trust root: one ECDSA P-256 self-signed CA per generation, plus any anchors made elsewhere.
// Every generated key and certificate is protected, so the engine refuses any plan that would
// replace or delete them, and nothing renews them implicitly (no early renewal): a new anchor only
// ever comes as a new generation beside the old one.
import * as pulumi from "@pulumi/pulumi";
import { type ConfiguredAnchors, TRUST_ANCHOR_COMMON_NAME } from "./anchors.ts";
import { bundlePems, normalizePem, sha256Fingerprint } from "./pem.ts";
import { selfSignedCa, type Signer } from "./pki.ts";

export interface TrustRootArgs {
    anchors: ConfiguredAnchors;
    /**
     * Generations leaving the bundle: kept one more run, out of the bundle and unprotected, so that
     * the next run deletes them without the engine refusing to delete protected resources.
     */
    retiring?: string[];
    /** Validity of each new generated anchor, in hours. */
    validityHours: number;
    /** The validity each existing generation was created with: kept, since changing it would replace the anchor. */
    existingValidity?: Readonly<Record<string, number>>;
}

export interface AnchorInfo {
    id: string;
    fingerprint: string;
    notAfter: string;
    /** URNs of its protected resources (generated anchors only). */
    urns: string[];
    /** The validity it was created with (generated anchors only). */
    validityHours?: number;
}

export class TrustRoot extends pulumi.ComponentResource {
    /** The bundle every cluster trusts: the generations in order, then external anchors (PEM, normalised). */
    public readonly bundlePem: pulumi.Output<string>;
    /** Every anchor of the bundle, in bundle order. */
    public readonly anchors: pulumi.Output<AnchorInfo[]>;
    /** The anchor that signs issuers (certificate, and key as a secret), when one can. Never exported. */
    public readonly signer?: Signer & { id: string };

    constructor(name: string, args: TrustRootArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:trust:TrustRoot", name, {}, opts);
        const retiring = args.retiring ?? [];
        const generated = [...args.anchors.generations, ...retiring].map((generation) => {
            const validityHours = args.existingValidity?.[generation] ?? args.validityHours;
            const { key, cert } = selfSignedCa(
                // The generation is part of the name, so adding one never renames (replaces) another.
                `${name}-anchor-${generation}`,
                {
                    subject: { commonName: TRUST_ANCHOR_COMMON_NAME },
                    // Exactly one CA (the cluster's issuer) may sit below the anchor, as step's root-ca profile allows.
                    maxPathLength: 1,
                    validityHours,
                },
                { parent: this, protect: !retiring.includes(generation) },
            );
            const pem = cert.certPem.apply(normalizePem);
            const info = pulumi
                .all([pem, cert.validityEndTime, key.urn, cert.urn])
                .apply(([p, notAfter, keyUrn, certUrn]): AnchorInfo => ({
                    id: generation,
                    fingerprint: sha256Fingerprint(p),
                    notAfter,
                    urns: [keyUrn, certUrn],
                    validityHours,
                }));
            return { generation, key, pem, info };
        });
        const external = args.anchors.external.map((anchor): AnchorInfo => ({
            id: anchor.id,
            fingerprint: anchor.fingerprint,
            notAfter: new Date(anchor.cert.validTo).toISOString(),
            urns: [],
        }));
        const active = generated.filter((g) => !retiring.includes(g.generation));
        this.bundlePem = pulumi
            .all(active.map((g) => g.pem))
            .apply((pems) => bundlePems([...pems, ...args.anchors.external.map((a) => a.certPem)]));
        this.anchors = pulumi.all(active.map((g) => g.info)).apply((infos) => [...infos, ...external]);
        const signing = active.find((g) => g.generation === args.anchors.signer);
        const signingExternal = args.anchors.external.find((a) => a.id === args.anchors.signer);
        if (signing) {
            this.signer = {
                id: signing.generation,
                certPem: signing.pem,
                privateKeyPem: pulumi.secret(signing.key.privateKeyPem),
            };
        } else if (signingExternal && args.anchors.externalKeyPem) {
            this.signer = {
                id: signingExternal.id,
                certPem: signingExternal.certPem,
                privateKeyPem: pulumi.secret(args.anchors.externalKeyPem),
            };
        }
        this.registerOutputs({ bundlePem: this.bundlePem, anchors: this.anchors });
    }
}
