// Certificate signing requests that cluster stacks publish for their identity issuers. The trust
// stack signs only a request that parses, is signed by its own key (proof that the cluster holds
// the key), uses ECDSA P-256 with SHA-256, and asks for Linkerd's issuer subject.
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { commonNamesOf, readCertificationRequest } from "./der.ts";
import { pemToDer } from "./pem.ts";

const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

export interface VerifiedRequest {
    publicKey: KeyObject;
    /** DER of the requested public key, for comparison with certificates. */
    subjectPublicKeyInfo: Uint8Array;
    commonName: string;
}

/** The request's key and subject, or what is wrong with it. */
export function verifyRequest(pem: string): VerifiedRequest | { problem: string } {
    const der = pemToDer(pem, "CERTIFICATE REQUEST");
    if (!der) {
        return { problem: "is not one PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----)" };
    }
    let request;
    let publicKey: KeyObject;
    try {
        request = readCertificationRequest(der);
        publicKey = createPublicKey({ key: Buffer.from(request.subjectPublicKeyInfo), format: "der", type: "spki" });
    } catch {
        return { problem: "is not a well-formed PKCS#10 certificate request" };
    }
    if (publicKey.asymmetricKeyType !== "ec" || publicKey.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
        return { problem: "requests a certificate for a key that is not ECDSA P-256" };
    }
    if (request.signatureAlgorithm !== ECDSA_WITH_SHA256) {
        return { problem: "is not signed with ECDSA-SHA256" };
    }
    if (!verify("sha256", request.info, publicKey, Buffer.from(request.signature))) {
        return { problem: "has a signature that does not verify: it was not made with the requested key" };
    }
    const names = commonNamesOf(request.subject);
    if (names.length !== 1) {
        return { problem: "does not name exactly one subject common name" };
    }
    return { publicKey, subjectPublicKeyInfo: request.subjectPublicKeyInfo, commonName: names[0] };
}
