// What Linkerd requires of the certificates of its identity chain, checked with Node's
// X509Certificate (OpenSSL) and the few fields der.ts reads:
// - every certificate parses, and is a CA (basicConstraints CA:TRUE);
// - an issuer has an ECDSA P-256 key and an ECDSA-SHA256 signature (linkerd's pkg/issuercerts);
//   an anchor the same, or RSA 2048/4096 signed with SHA256-RSA, which the CLI also accepts;
// - when keyUsage is present it allows certificate signing (OpenSSL and rustls refuse otherwise);
// - an anchor leaves room for the issuer below it (no path length 0), and an issuer is not
//   self-signed: a root used as an issuer would put the root's key into a cluster;
// - certificates are valid now, keys belong to their certificates, issuers chain to the bundle.
import { createPrivateKey, createPublicKey, X509Certificate } from "node:crypto";
import { readCertificate } from "./der.ts";
import { pemBlocks } from "./pem.ts";

const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
const SHA256_WITH_RSA = "1.2.840.113549.1.1.11";

export type CaRole = "anchor" | "issuer";

/** Every certificate of a PEM bundle, or what is wrong with the text (never quoting it). */
export function parseBundle(text: string): { certificates: X509Certificate[] } | { problem: string } {
    const { blocks, stray } = pemBlocks(text);
    if (blocks.some((b) => b.label.endsWith("PRIVATE KEY"))) {
        return { problem: "holds a private key, which must never be in a certificate value" };
    }
    if (stray || blocks.length === 0 || blocks.some((b) => b.label !== "CERTIFICATE")) {
        return { problem: "is not PEM certificates (-----BEGIN CERTIFICATE----- blocks and nothing else)" };
    }
    const certificates: X509Certificate[] = [];
    for (const [i, block] of blocks.entries()) {
        try {
            certificates.push(new X509Certificate(block.pem));
        } catch {
            return { problem: `holds a certificate (number ${i + 1}) that does not parse` };
        }
    }
    return { certificates };
}

/** Problems that make `cert` unusable in Linkerd's identity chain as `role`. */
export function caProblems(cert: X509Certificate, role: CaRole): string[] {
    const problems = keyProblems(cert, role);
    const { signatureAlgorithm, extensions } = readCertificate(cert.raw);
    const rsaAnchor = role === "anchor" && cert.publicKey.asymmetricKeyType === "rsa";
    if (signatureAlgorithm !== (rsaAnchor ? SHA256_WITH_RSA : ECDSA_WITH_SHA256)) {
        problems.push(`is not signed with ${rsaAnchor ? "SHA256-RSA" : "ECDSA-SHA256"}`);
    }
    if (!extensions.basicConstraints?.ca) {
        problems.push("is not a CA certificate (basicConstraints CA:TRUE), so it cannot sign certificates");
    }
    if (extensions.keyUsage && !extensions.keyUsage.has("keyCertSign")) {
        problems.push("has a keyUsage without certificate signing (keyCertSign)");
    }
    if (role === "anchor" && extensions.basicConstraints?.pathLength === 0) {
        problems.push(
            "has path length 0, so no CA may sit below it: the identity issuer signed by it, and every workload " +
                "certificate under that issuer, would fail verification",
        );
    }
    if (role === "issuer" && cert.checkIssued(cert) && cert.verify(cert.publicKey)) {
        problems.push("is self-signed, a root: an issuer must be signed by a trust anchor, never be one");
    }
    return problems;
}

function keyProblems(cert: X509Certificate, role: CaRole): string[] {
    const key = cert.publicKey;
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (key.asymmetricKeyType === "ec") {
        return curve === "prime256v1" ? [] : [`uses curve ${curve}; Linkerd needs ECDSA P-256`];
    }
    const bits = key.asymmetricKeyDetails?.modulusLength;
    if (role === "anchor" && key.asymmetricKeyType === "rsa" && (bits === 2048 || bits === 4096)) {
        return [];
    }
    return [
        `has a${key.asymmetricKeyType === "rsa" ? `n RSA-${bits}` : ` ${key.asymmetricKeyType}`} key; Linkerd needs ` +
            `ECDSA P-256${role === "anchor" ? " (or RSA 2048/4096 for an anchor)" : ""}`,
    ];
}

/** What is wrong with `cert`'s validity at `now`: not yet valid, or expired. */
export function validityProblem(cert: X509Certificate, now: Date): string | undefined {
    if (Date.parse(cert.validFrom) > now.getTime()) {
        return `is not valid until ${iso(cert.validFrom)}`;
    }
    if (Date.parse(cert.validTo) <= now.getTime()) {
        return `expired on ${iso(cert.validTo)}`;
    }
    return undefined;
}

/** Whether `cert` is issued and signed by one of `anchors`. */
export function chainsTo(cert: X509Certificate, anchors: readonly X509Certificate[]): boolean {
    return anchors.some((anchor) => signedBy(cert, anchor));
}

export function signedBy(cert: X509Certificate, anchor: X509Certificate): boolean {
    return cert.checkIssued(anchor) && cert.verify(anchor.publicKey);
}

/** What is wrong with `keyPem` as the key of `cert` (never quoting the key). */
export function privateKeyProblem(keyPem: string, cert: X509Certificate): string | undefined {
    let key;
    try {
        key = createPrivateKey(keyPem);
    } catch {
        return "is not a PEM private key";
    }
    if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
        return "is not an ECDSA P-256 key";
    }
    return samePublicKey(createPublicKey(key).export({ type: "spki", format: "der" }), cert)
        ? undefined
        : "does not belong to its certificate (the public keys differ)";
}

/** Whether `spki` (DER SubjectPublicKeyInfo) is `cert`'s public key. */
export function samePublicKey(spki: Uint8Array, cert: X509Certificate): boolean {
    return Buffer.from(spki).equals(cert.publicKey.export({ type: "spki", format: "der" }));
}

export function iso(date: string | Date): string {
    return new Date(date).toISOString();
}
