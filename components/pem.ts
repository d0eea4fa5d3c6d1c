// PEM handling shared by the PKI components.
import { X509Certificate } from "crypto";

/**
 * Trims a PEM and ends it with exactly one newline. Linkerd once failed on a trailing blank line
 * in the trust root (linkerd2#3880), and normalised PEMs compare and concatenate predictably.
 */
export function normalizePem(pem: string): string {
    return pem.trim() + "\n";
}

/** Concatenates certificates into one bundle, in the order given. */
export function bundlePems(pems: readonly string[]): string {
    return pems.map(normalizePem).join("");
}

/** Splits a bundle into its certificates (normalised). */
export function splitPemBundle(bundle: string): string[] {
    return (bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(normalizePem);
}

/** SHA-256 fingerprint of a certificate, as `AB:CD:…` (the form `openssl x509 -fingerprint -sha256` prints). */
export function sha256Fingerprint(pem: string): string {
    return new X509Certificate(pem).fingerprint256;
}
