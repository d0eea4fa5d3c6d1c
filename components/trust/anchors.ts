// The trust anchors a stack is configured with: generated ones, named by generation, and ones
// made elsewhere, named by fingerprint. An anchor's id is how the rotation steps, the published
// trust and every cluster's status refer to it.
import type { X509Certificate } from "node:crypto";

/** Linkerd's conventional subject for trust anchors. */
export const TRUST_ANCHOR_COMMON_NAME = "root.linkerd.cluster.local";
/** Linkerd's conventional subject for identity issuers (`identity.<linkerd namespace>.<trust domain>`). */
export const IDENTITY_ISSUER_COMMON_NAME = "identity.linkerd.cluster.local";

export interface ExternalAnchor {
    id: string;
    certPem: string;
    cert: X509Certificate;
    fingerprint: string;
}

export interface ConfiguredAnchors {
    /** Generated anchors, by generation name, in bundle order. */
    generations: string[];
    /** Anchors made elsewhere, after the generations in the bundle. */
    external: ExternalAnchor[];
    /** The id of the anchor that signs issuers; undefined when none can (an external anchor without its key). */
    signer?: string;
    /** The key of the signing external anchor (secret; plain here, wrapped where it is used). */
    externalKeyPem?: string;
}

/** The ids of the bundle, in bundle order. */
export function anchorIds(anchors: ConfiguredAnchors): string[] {
    return [...anchors.generations, ...anchors.external.map((a) => a.id)];
}

/** `external-` and the first 8 hex digits of the fingerprint. */
export function externalAnchorId(fingerprint: string): string {
    return `external-${fingerprint.replace(/:/g, "").slice(0, 8).toLowerCase()}`;
}

export function isExternalAnchorId(id: string): boolean {
    return id.startsWith("external-");
}
