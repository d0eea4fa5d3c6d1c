// PEM text: certificates, bundles of them, and the private-key blocks that must never travel in a
// non-secret value.
import { X509Certificate } from "node:crypto";

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END \1-----/g;

/**
 * Trims a PEM and ends it with exactly one newline. Linkerd once failed on a trailing blank line
 * in the trust root (linkerd2#3880); normalised PEMs also compare and concatenate predictably.
 */
export function normalizePem(pem: string): string {
    return pem.trim() + "\n";
}

/** Concatenates certificates into one bundle, in the order given. */
export function bundlePems(pems: readonly string[]): string {
    return pems.map(normalizePem).join("");
}

export interface PemBlocks {
    /** Each block, normalised, with its label (CERTIFICATE, PRIVATE KEY, ...). */
    blocks: { label: string; pem: string }[];
    /** Whether anything but blocks and whitespace is in the text. */
    stray: boolean;
}

export function pemBlocks(text: string): PemBlocks {
    const blocks: PemBlocks["blocks"] = [];
    let rest = text;
    for (const match of text.matchAll(BLOCK)) {
        blocks.push({ label: match[1], pem: normalizePem(match[0]) });
        rest = rest.replace(match[0], "");
    }
    return { blocks, stray: rest.trim() !== "" };
}

/** Whether `text` holds private-key material of any kind (PEM label ending in PRIVATE KEY). */
export function holdsPrivateKey(text: string): boolean {
    return /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text);
}

/** The certificates of a bundle, normalised (no validation; see x509.ts for that). */
export function splitPemBundle(bundle: string): string[] {
    return pemBlocks(bundle)
        .blocks.filter((b) => b.label === "CERTIFICATE")
        .map((b) => b.pem);
}

/** SHA-256 fingerprint, `AB:CD:…` (as `openssl x509 -fingerprint -sha256` prints it). */
export function sha256Fingerprint(pem: string): string {
    return new X509Certificate(pem).fingerprint256;
}

/** The DER inside a single-block PEM of `label`, or undefined. */
export function pemToDer(pem: string, label: string): Uint8Array | undefined {
    const { blocks, stray } = pemBlocks(pem);
    if (stray || blocks.length !== 1 || blocks[0].label !== label) {
        return undefined;
    }
    const body = blocks[0].pem.split(/\r?\n/).slice(1, -2).join("");
    return Buffer.from(body, "base64");
}
