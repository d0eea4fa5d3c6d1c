// Certificates made outside the program ("existing PKI"), good and bad, for the tests.
import "reflect-metadata";
import * as crypto from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(crypto.webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export interface MadeCert {
    certPem: string;
    keyPem: string;
    cert: x509.X509Certificate;
    keys: crypto.webcrypto.CryptoKeyPair;
}

export interface MakeCertArgs {
    commonName: string;
    key?: "P-256" | "P-384" | "RSA";
    /** Signing hash (with the signer's key type). Default SHA-256. */
    hash?: "SHA-256" | "SHA-384";
    ca?: boolean;
    /** basicConstraints pathLenConstraint (CA only). */
    pathLength?: number;
    notBefore?: Date;
    notAfter?: Date;
    /** Signed by this CA; self-signed when absent. */
    issuer?: MadeCert;
}

const DAY = 86_400_000;

function algorithm(key: MakeCertArgs["key"], hash: string) {
    return key === "RSA"
        ? { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash }
        : { name: "ECDSA", namedCurve: key ?? "P-256", hash };
}

/** Makes a certificate (and its key) with the given properties. */
export async function makeCert(args: MakeCertArgs): Promise<MadeCert> {
    const hash = args.hash ?? "SHA-256";
    const keyAlgorithm = algorithm(args.key, hash);
    const keys = (await crypto.webcrypto.subtle.generateKey(keyAlgorithm, true, [
        "sign",
        "verify",
    ])) as crypto.webcrypto.CryptoKeyPair;
    const signer = args.issuer ?? { keys, cert: undefined };
    const signerAlgorithm = args.issuer ? { ...signer.keys.privateKey.algorithm, hash } : keyAlgorithm;
    const ca = args.ca ?? true;
    const extensions: x509.Extension[] = [
        new x509.BasicConstraintsExtension(ca, ca ? args.pathLength : undefined, true),
        new x509.KeyUsagesExtension(
            ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature,
            true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ];
    if (args.issuer) {
        extensions.push(await x509.AuthorityKeyIdentifierExtension.create(args.issuer.keys.publicKey));
    }
    const cert = await x509.X509CertificateGenerator.create({
        serialNumber: crypto
            .randomBytes(8)
            .toString("hex")
            .replace(/^[89a-f]/, "1"),
        subject: `CN=${args.commonName}`,
        issuer: args.issuer ? args.issuer.cert.subject : `CN=${args.commonName}`,
        notBefore: args.notBefore ?? new Date(Date.now() - DAY),
        notAfter: args.notAfter ?? new Date(Date.now() + 365 * DAY),
        signingAlgorithm: signerAlgorithm,
        publicKey: keys.publicKey,
        signingKey: signer.keys.privateKey,
        extensions,
    });
    const pkcs8 = Buffer.from(await crypto.webcrypto.subtle.exportKey("pkcs8", keys.privateKey)).toString("base64");
    const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join("\n")}\n-----END PRIVATE KEY-----\n`;
    return { certPem: cert.toString("pem") + "\n", keyPem, cert, keys };
}

export const days = (n: number) => new Date(Date.now() + n * DAY);
