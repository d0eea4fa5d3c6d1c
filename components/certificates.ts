// Checks on PEM certificates and keys, with Node's X509Certificate: what Linkerd itself requires of
// its identity certificates (ECDSA P-256 with SHA-256 signatures, CAs, issuers chaining to the
// bundle, within validity), plus the expiry guardrails. Pure functions: no resources.
import { createPrivateKey, createPublicKey, X509Certificate } from "crypto";
import { splitPemBundle } from "./pem";

/** `linkerd check` warns this many days before an anchor or issuer expires. */
export const EXPIRY_WARNING_DAYS = 60;
const DAY_MS = 86_400_000;

/** DER of the AlgorithmIdentifier OID ecdsa-with-SHA256 (1.2.840.10045.4.3.2). */
const ECDSA_WITH_SHA256_OID = Buffer.from([0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]);

/** Reads one DER TLV at `offset`; returns where its content starts and ends. */
function derElement(der: Buffer, offset: number): { contentStart: number; end: number } {
    let length = der[offset + 1];
    let contentStart = offset + 2;
    if (length & 0x80) {
        const bytes = length & 0x7f;
        length = 0;
        for (let i = 0; i < bytes; i++) {
            length = length * 256 + der[offset + 2 + i];
        }
        contentStart += bytes;
    }
    return { contentStart, end: contentStart + length };
}

/** Whether a certificate is signed with ECDSA-SHA256 (its outer signatureAlgorithm field). */
export function signedWithEcdsaSha256(cert: X509Certificate): boolean {
    const der = cert.raw;
    const certificate = derElement(der, 0);
    const tbs = derElement(der, certificate.contentStart);
    const algorithm = derElement(der, tbs.end);
    return der
        .subarray(algorithm.contentStart, algorithm.contentStart + ECDSA_WITH_SHA256_OID.length)
        .equals(ECDSA_WITH_SHA256_OID);
}

/** Parses every certificate of a PEM bundle; throws a message naming `what` if any is malformed. */
export function parseCertificates(pem: string, what: string): X509Certificate[] {
    const blocks = splitPemBundle(pem);
    if (blocks.length === 0) {
        throw new Error(`${what} holds no PEM certificate`);
    }
    return blocks.map((block, i) => {
        try {
            return new X509Certificate(block);
        } catch {
            throw new Error(`${what}: certificate ${i + 1} is not a valid PEM certificate`);
        }
    });
}

/** Problems that make `cert` unusable as a Linkerd anchor or issuer (a CA on ECDSA P-256, signed with SHA-256). */
export function linkerdCaProblems(cert: X509Certificate, what: string): string[] {
    const problems: string[] = [];
    const key = cert.publicKey;
    if (key.asymmetricKeyType !== "ec") {
        problems.push(`${what} has a ${key.asymmetricKeyType?.toUpperCase()} key; Linkerd needs ECDSA P-256`);
    } else if (key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
        problems.push(
            `${what} uses curve ${key.asymmetricKeyDetails?.namedCurve}; Linkerd needs ECDSA P-256 (prime256v1)`,
        );
    }
    if (!signedWithEcdsaSha256(cert)) {
        problems.push(`${what} is not signed with ECDSA-SHA256`);
    }
    if (!cert.ca) {
        problems.push(`${what} is not a CA certificate (basicConstraints CA:TRUE); Linkerd signs certificates with it`);
    }
    return problems;
}

/** Problems with a certificate's validity at `now`. */
export function validityProblems(cert: X509Certificate, what: string, now: Date): string[] {
    if (Date.parse(cert.validFrom) > now.getTime()) {
        return [`${what} is not valid before ${iso(cert.validFrom)}`];
    }
    if (Date.parse(cert.validTo) <= now.getTime()) {
        return [`${what} expired on ${iso(cert.validTo)}`];
    }
    return [];
}

/** Whether `cert` was issued and signed by one of `anchors`. */
export function chainsTo(cert: X509Certificate, anchors: X509Certificate[]): boolean {
    return anchors.some((anchor) => cert.checkIssued(anchor) && cert.verify(anchor.publicKey));
}

/** Problems with a private key meant for `cert`: not PEM, not P-256, not the certificate's key. */
export function privateKeyProblems(keyPem: string, cert: X509Certificate, what: string): string[] {
    let key;
    try {
        key = createPrivateKey(keyPem);
    } catch {
        // Never quote the key, even a malformed one.
        return [`${what} is not a valid PEM private key`];
    }
    if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
        return [`${what} is not an ECDSA P-256 key`];
    }
    const fromKey = createPublicKey(key).export({ type: "spki", format: "der" });
    const fromCert = cert.publicKey.export({ type: "spki", format: "der" });
    return fromKey.equals(fromCert) ? [] : [`${what} does not belong to its certificate`];
}

export interface ExpiryFinding {
    level: "warning" | "error";
    message: string;
}

/**
 * Expiry guardrails for one cluster's chain:
 * - a warning when the anchor or the issuer expires within 60 days;
 * - an error when the issuer outlives its anchor (nothing verifies once the anchor expires);
 * - at the issuer's next planned renewal a new issuer valid for `issuerValidityHours` is signed:
 *   if the anchor expires before that new issuer would, a warning says to rotate the anchor before
 *   the renewal, and an error stops the renewal itself when it is due now.
 */
export function expiryFindings(args: {
    anchorNotAfter: Date;
    anchorName: string;
    issuerNotAfter: Date;
    issuerName: string;
    issuerValidityHours: number;
    renewBeforeHours: number;
    now: Date;
}): ExpiryFinding[] {
    const findings: ExpiryFinding[] = [];
    const warnAt = args.now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS;
    for (const [name, notAfter] of [
        [args.anchorName, args.anchorNotAfter],
        [args.issuerName, args.issuerNotAfter],
    ] as const) {
        if (notAfter.getTime() <= warnAt) {
            findings.push({
                level: "warning",
                message: `${name} expires on ${notAfter.toISOString()}, within ${EXPIRY_WARNING_DAYS} days (linkerd check warns too).`,
            });
        }
    }
    if (args.issuerNotAfter > args.anchorNotAfter) {
        findings.push({
            level: "error",
            message:
                `${args.issuerName} (until ${args.issuerNotAfter.toISOString()}) outlives ${args.anchorName} ` +
                `(until ${args.anchorNotAfter.toISOString()}): once the anchor expires nothing it signed verifies. ` +
                `Rotate the trust anchor (add a new generation and sign issuers with it).`,
        });
        return findings;
    }
    const renewal = new Date(
        Math.max(args.now.getTime(), args.issuerNotAfter.getTime() - args.renewBeforeHours * 3_600_000),
    );
    const renewedUntil = new Date(renewal.getTime() + args.issuerValidityHours * 3_600_000);
    if (args.anchorNotAfter < renewedUntil) {
        const due = renewal.getTime() === args.now.getTime();
        findings.push({
            level: due ? "error" : "warning",
            message:
                `${args.anchorName} expires on ${args.anchorNotAfter.toISOString()}, before the issuer that ` +
                `${args.issuerName}'s ${due ? "renewal, due now," : `next renewal (${renewal.toISOString()})`} ` +
                `would sign expires (${renewedUntil.toISOString()}). Rotate the trust anchor` +
                `${due ? " first" : ` before ${renewal.toISOString()}`} (add a new generation and sign issuers with it).`,
        });
    }
    return findings;
}

function iso(date: string): string {
    return new Date(date).toISOString();
}
