// Just enough DER to read what Node's X509Certificate does not expose: the basicConstraints path
// length, keyUsage, the signature algorithm, and the parts of a PKCS#10 certificate request that
// are needed to verify it. Node (OpenSSL) does the cryptography and everything else; an ASN.1
// library would add about 60 ms to every preview. tests/der.test.ts checks this against OpenSSL.

export interface Tlv {
    tag: number;
    /** Offset of the tag byte. */
    offset: number;
    /** Offsets of the contents. */
    start: number;
    end: number;
}

/** The TLV at `offset`; throws on truncated or indefinite-length encodings. */
export function readTlv(der: Uint8Array, offset: number): Tlv {
    if (offset + 2 > der.length) {
        throw new Error("truncated DER");
    }
    const tag = der[offset];
    let length = der[offset + 1];
    let start = offset + 2;
    if (length & 0x80) {
        const bytes = length & 0x7f;
        if (bytes === 0 || bytes > 4 || start + bytes > der.length) {
            throw new Error("unsupported DER length");
        }
        length = 0;
        for (let i = 0; i < bytes; i++) {
            length = length * 256 + der[start + i];
        }
        start += bytes;
    }
    if (start + length > der.length) {
        throw new Error("truncated DER");
    }
    return { tag, offset, start, end: start + length };
}

/** The TLVs directly inside a constructed `parent`. */
export function children(der: Uint8Array, parent: Tlv): Tlv[] {
    const result: Tlv[] = [];
    for (let offset = parent.start; offset < parent.end;) {
        const child = readTlv(der, offset);
        result.push(child);
        offset = child.end;
    }
    return result;
}

export function bytesOf(der: Uint8Array, tlv: Tlv): Uint8Array {
    return der.subarray(tlv.offset, tlv.end);
}

export function contentsOf(der: Uint8Array, tlv: Tlv): Uint8Array {
    return der.subarray(tlv.start, tlv.end);
}

/** Dotted form of an OBJECT IDENTIFIER's contents. */
export function oidOf(der: Uint8Array, tlv: Tlv): string {
    const bytes = contentsOf(der, tlv);
    const parts: number[] = [];
    let value = 0;
    for (const byte of bytes) {
        value = value * 128 + (byte & 0x7f);
        if (!(byte & 0x80)) {
            parts.push(value);
            value = 0;
        }
    }
    const first = parts.shift() ?? 0;
    return [Math.min(Math.floor(first / 40), 2), first - Math.min(Math.floor(first / 40), 2) * 40, ...parts].join(".");
}

const TAG = { boolean: 0x01, integer: 0x02, bitString: 0x03, sequence: 0x30 };
const EXTENSIONS_TAG = 0xa3; // [3] EXPLICIT in TBSCertificate

export interface CertificateExtensions {
    /** basicConstraints: whether CA, and the path length when one is given. */
    basicConstraints?: { ca: boolean; pathLength?: number };
    /** keyUsage bits, by name, when the extension is present. */
    keyUsage?: Set<string>;
}

const KEY_USAGE_BITS = [
    "digitalSignature",
    "contentCommitment",
    "keyEncipherment",
    "dataEncipherment",
    "keyAgreement",
    "keyCertSign",
    "cRLSign",
    "encipherOnly",
    "decipherOnly",
];

/** The certificate's signatureAlgorithm OID and the two extensions above. */
export function readCertificate(der: Uint8Array): { signatureAlgorithm: string; extensions: CertificateExtensions } {
    const certificate = readTlv(der, 0);
    const [tbs, algorithm] = children(der, certificate);
    const signatureAlgorithm = oidOf(der, children(der, algorithm)[0]);
    const extensions: CertificateExtensions = {};
    const wrapper = children(der, tbs).find((t) => t.tag === EXTENSIONS_TAG);
    for (const extension of wrapper ? children(der, children(der, wrapper)[0]) : []) {
        const parts = children(der, extension);
        const oid = oidOf(der, parts[0]);
        const inner = contentsOf(der, parts[parts.length - 1]); // extnValue holds the extension's own DER
        const value = readTlv(inner, 0);
        if (oid === "2.5.29.19") {
            extensions.basicConstraints = readBasicConstraints(inner, value);
        } else if (oid === "2.5.29.15") {
            extensions.keyUsage = readKeyUsage(inner, value);
        }
    }
    return { signatureAlgorithm, extensions };
}

function readBasicConstraints(der: Uint8Array, sequence: Tlv): { ca: boolean; pathLength?: number } {
    let ca = false;
    let pathLength: number | undefined;
    for (const field of children(der, sequence)) {
        if (field.tag === TAG.boolean) {
            ca = der[field.start] !== 0;
        } else if (field.tag === TAG.integer) {
            pathLength = contentsOf(der, field).reduce((n, byte) => n * 256 + byte, 0);
        }
    }
    return { ca, pathLength };
}

function readKeyUsage(der: Uint8Array, bitString: Tlv): Set<string> {
    const bytes = contentsOf(der, bitString).subarray(1); // the first byte counts unused bits
    const names = new Set<string>();
    KEY_USAGE_BITS.forEach((name, bit) => {
        if (bytes[bit >> 3] & (0x80 >> (bit & 7))) {
            names.add(name);
        }
    });
    return names;
}

export interface CertificationRequest {
    /** DER of CertificationRequestInfo: the bytes the signature covers. */
    info: Uint8Array;
    /** DER of the SubjectPublicKeyInfo. */
    subjectPublicKeyInfo: Uint8Array;
    /** DER of the subject Name. */
    subject: Uint8Array;
    signatureAlgorithm: string;
    signature: Uint8Array;
}

/** The parts of a PKCS#10 request (RFC 2986). Throws when it is not one. */
export function readCertificationRequest(der: Uint8Array): CertificationRequest {
    const request = readTlv(der, 0);
    if (request.tag !== TAG.sequence || request.end !== der.length) {
        throw new Error("not a DER SEQUENCE");
    }
    const [info, algorithm, signature] = children(der, request);
    const [version, subject, subjectPublicKeyInfo] = children(der, info);
    if (version.tag !== TAG.integer || subject.tag !== TAG.sequence || subjectPublicKeyInfo.tag !== TAG.sequence) {
        throw new Error("not a certification request");
    }
    if (signature.tag !== TAG.bitString) {
        throw new Error("no signature");
    }
    return {
        info: bytesOf(der, info),
        subjectPublicKeyInfo: bytesOf(der, subjectPublicKeyInfo),
        subject: bytesOf(der, subject),
        signatureAlgorithm: oidOf(der, children(der, algorithm)[0]),
        signature: contentsOf(der, signature).subarray(1),
    };
}

/** The commonName (2.5.4.3) values in a DER Name. */
export function commonNamesOf(der: Uint8Array): string[] {
    const names: string[] = [];
    const name = readTlv(der, 0);
    for (const rdn of children(der, name)) {
        for (const attribute of children(der, rdn)) {
            const [type, value] = children(der, attribute);
            if (oidOf(der, type) === "2.5.4.3") {
                names.push(new TextDecoder().decode(contentsOf(der, value)));
            }
        }
    }
    return names;
}
