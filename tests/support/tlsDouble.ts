// A test double of the @pulumi/tls resources that builds real X.509 objects from the exact inputs
// the program passes, following the provider's semantics (terraform-provider-tls, which
// @pulumi/tls wraps): snake_case `allowed_uses` split into key usages and extended key usages,
// subject key IDs on CAs (SHA-1 of the public key), authority key IDs from the signer, a path
// length only when > 0 (Go's x509 reads 0 as "unset"), subject and DNS names copied from the CSR,
// not-before "now" and not-after "now + validityPeriodHours".
//
// Where the provider is lenient the double is strict, so that tests catch mistakes the provider
// would hide: an unknown allowed use (the provider ignores it silently) throws here.
//
// It keeps state per URN, as the engine does: a resource registered again with the same inputs keeps
// its outputs; different inputs replace it; and the replacementTrigger follows the engine's rule
// (pulumi/pulumi pkg/resource/deploy/step_generator.go, shouldTriggerReplace): an unknown trigger
// replaces, a trigger missing on either side replaces nothing, otherwise a change replaces. In a
// preview nothing is created: a new or replaced resource's outputs are unknown. A stack's resources
// that a run no longer registers leave the state (the engine deletes them).
import "reflect-metadata";
import * as crypto from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(crypto.webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const KEY_USAGES: Record<string, number> = {
    digital_signature: x509.KeyUsageFlags.digitalSignature,
    content_commitment: x509.KeyUsageFlags.nonRepudiation,
    key_encipherment: x509.KeyUsageFlags.keyEncipherment,
    data_encipherment: x509.KeyUsageFlags.dataEncipherment,
    key_agreement: x509.KeyUsageFlags.keyAgreement,
    cert_signing: x509.KeyUsageFlags.keyCertSign,
    crl_signing: x509.KeyUsageFlags.cRLSign,
    encipher_only: x509.KeyUsageFlags.encipherOnly,
    decipher_only: x509.KeyUsageFlags.decipherOnly,
};

const EXTENDED_KEY_USAGES: Record<string, string> = {
    any_extended: "2.5.29.37.0",
    server_auth: x509.ExtendedKeyUsage.serverAuth,
    client_auth: x509.ExtendedKeyUsage.clientAuth,
    code_signing: x509.ExtendedKeyUsage.codeSigning,
    email_protection: x509.ExtendedKeyUsage.emailProtection,
    timestamping: x509.ExtendedKeyUsage.timeStamping,
    ocsp_signing: x509.ExtendedKeyUsage.ocspSigning,
};

const CURVES: Record<string, string> = { P224: "secp224r1", P256: "prime256v1", P384: "secp384r1", P521: "secp521r1" };
const ECDSA_P256 = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };

export const TLS_TYPES = {
    privateKey: "tls:index/privateKey:PrivateKey",
    selfSignedCert: "tls:index/selfSignedCert:SelfSignedCert",
    certRequest: "tls:index/certRequest:CertRequest",
    locallySignedCert: "tls:index/locallySignedCert:LocallySignedCert",
} as const;

type Inputs = Record<string, unknown>;

export interface TlsState {
    inputs: string;
    trigger: unknown;
    outputs: Inputs;
}

/** The engine's rule for replacementTrigger. `UNKNOWN` stands for a value unknown at preview. */
export function shouldTriggerReplace(next: unknown, previous: unknown): boolean {
    if (next === UNKNOWN || previous === UNKNOWN) {
        return true;
    }
    if (next === undefined || next === null || previous === undefined || previous === null) {
        return false;
    }
    return JSON.stringify(next) !== JSON.stringify(previous);
}

export const UNKNOWN = Symbol("unknown");

export class TlsDouble {
    /** By URN: what the engine's state holds for each resource. */
    readonly state = new Map<string, TlsState>();
    /** Every resource created (not merely kept), in order, by URN: replacements show here. */
    readonly created: string[] = [];

    /** The clock: certificates start at `now()`. */
    now: () => Date;

    constructor(now: () => Date = () => new Date()) {
        this.now = now;
    }

    handles(type: string): boolean {
        return (Object.values(TLS_TYPES) as string[]).includes(type);
    }

    /**
     * The outputs of a tls resource registered at `urn` with `inputs` (secret wrappers removed;
     * unknown values undefined). In a preview, new or replaced resources have unknown outputs.
     */
    async register(urn: string, type: string, inputs: Inputs, trigger: unknown, preview: boolean): Promise<Inputs> {
        const previous = this.state.get(urn);
        const key = JSON.stringify(inputs);
        const replace = !previous || previous.inputs !== key || shouldTriggerReplace(trigger, previous.trigger);
        if (!replace) {
            // The new state takes the goal's trigger, replaced or not (step_generator.go, NewState).
            if (!preview) {
                previous.trigger = trigger;
            }
            return { ...inputs, ...previous.outputs };
        }
        if (preview || !inputsKnown(type, inputs)) {
            return { ...inputs };
        }
        const outputs = await this.build(type, inputs);
        this.state.set(urn, { inputs: key, trigger, outputs });
        this.created.push(urn);
        return { ...inputs, ...outputs };
    }

    /** Drops the resources of `stack` that a run did not register (the engine deletes them). */
    prune(stack: string, registered: ReadonlySet<string>): void {
        for (const urn of [...this.state.keys()]) {
            if (urn.startsWith(`urn:pulumi:${stack}::`) && !registered.has(urn)) {
                this.state.delete(urn);
            }
        }
    }

    private async build(type: string, inputs: Inputs): Promise<Inputs> {
        switch (type) {
            case TLS_TYPES.privateKey:
                return privateKey(inputs);
            case TLS_TYPES.certRequest:
                return certRequest(inputs);
            case TLS_TYPES.selfSignedCert:
                return selfSignedCert(inputs, this.now());
            case TLS_TYPES.locallySignedCert:
                return locallySignedCert(inputs, this.now());
            default:
                throw new Error(`tls double: unsupported type ${type}`);
        }
    }
}

/** Whether the inputs a resource is built from are all known (in a preview, upstream outputs may not be). */
function inputsKnown(type: string, inputs: Inputs): boolean {
    const needed: Record<string, string[]> = {
        [TLS_TYPES.privateKey]: [],
        [TLS_TYPES.certRequest]: ["privateKeyPem"],
        [TLS_TYPES.selfSignedCert]: ["privateKeyPem"],
        [TLS_TYPES.locallySignedCert]: ["certRequestPem", "caCertPem", "caPrivateKeyPem"],
    };
    return (needed[type] ?? []).every((k) => typeof inputs[k] === "string");
}

function privateKey(inputs: Inputs): Inputs {
    if (inputs.algorithm !== "ECDSA") {
        throw new Error(`tls double: only ECDSA keys are modelled, got ${String(inputs.algorithm)}`);
    }
    // The provider's default curve is P224, so a missing ecdsaCurve yields a P-224 key here too.
    const curve = (inputs.ecdsaCurve as string | undefined) ?? "P224";
    const { privateKey: key, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: CURVES[curve] });
    return {
        privateKeyPem: key.export({ type: "sec1", format: "pem" }).toString(),
        privateKeyPemPkcs8: key.export({ type: "pkcs8", format: "pem" }).toString(),
        publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    };
}

async function keyPair(privateKeyPem: string): Promise<crypto.webcrypto.CryptoKeyPair> {
    const key = crypto.createPrivateKey(privateKeyPem);
    if (key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
        throw new Error(
            `tls double: certificates are only modelled for ECDSA P-256 keys, got ${key.asymmetricKeyDetails?.namedCurve}`,
        );
    }
    return {
        privateKey: key.toCryptoKey(ECDSA_P256, true, ["sign"]),
        publicKey: crypto.createPublicKey(key).toCryptoKey(ECDSA_P256, true, ["verify"]),
    };
}

function subjectName(subject: unknown): string {
    const s = (subject ?? {}) as Record<string, unknown>;
    const known = new Set(["commonName", "organization", "organizationalUnit"]);
    for (const field of Object.keys(s)) {
        if (!known.has(field)) {
            throw new Error(`tls double: subject field ${field} is not modelled`);
        }
    }
    const parts: string[] = [];
    if (s.organization) {
        parts.push(`O=${String(s.organization)}`);
    }
    if (s.organizationalUnit) {
        parts.push(`OU=${String(s.organizationalUnit)}`);
    }
    if (s.commonName) {
        parts.push(`CN=${String(s.commonName)}`);
    }
    return parts.join(", ");
}

async function certRequest(inputs: Inputs): Promise<Inputs> {
    const keys = await keyPair(inputs.privateKeyPem as string);
    const dnsNames = (inputs.dnsNames as string[] | undefined) ?? [];
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
        name: subjectName(inputs.subject),
        keys,
        signingAlgorithm: ECDSA_P256,
        extensions: dnsNames.length
            ? [new x509.SubjectAlternativeNameExtension(dnsNames.map((value) => ({ type: "dns" as const, value })))]
            : [],
    });
    return { certRequestPem: csr.toString("pem") + "\n" };
}

function usageExtensions(allowedUses: unknown): x509.Extension[] {
    let flags = 0;
    const extended: string[] = [];
    for (const use of (allowedUses as string[] | undefined) ?? []) {
        if (use in KEY_USAGES) {
            flags |= KEY_USAGES[use];
        } else if (use in EXTENDED_KEY_USAGES) {
            extended.push(EXTENDED_KEY_USAGES[use]);
        } else {
            throw new Error(`tls double: "${use}" is not an allowed use the provider knows (it would ignore it)`);
        }
    }
    const extensions: x509.Extension[] = [];
    if (flags) {
        extensions.push(new x509.KeyUsagesExtension(flags, true));
    }
    if (extended.length) {
        extensions.push(new x509.ExtendedKeyUsageExtension(extended, false));
    }
    return extensions;
}

function basicConstraints(inputs: Inputs): x509.Extension {
    const isCa = inputs.isCaCertificate === true;
    const maxPathLength = inputs.maxPathLength as number | undefined;
    return new x509.BasicConstraintsExtension(
        isCa,
        isCa && maxPathLength !== undefined && maxPathLength > 0 ? maxPathLength : undefined,
        true,
    );
}

function validity(inputs: Inputs, now: Date) {
    const hours = inputs.validityPeriodHours as number;
    if (!Number.isInteger(hours) || hours <= 0) {
        throw new Error(`tls double: validityPeriodHours must be a positive integer, got ${String(hours)}`);
    }
    const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const notAfter = new Date(notBefore.getTime() + hours * 3600_000);
    return { notBefore, notAfter };
}

function serialNumber(): string {
    const bytes = crypto.randomBytes(16);
    bytes[0] &= 0x7f;
    return bytes.toString("hex");
}

function certOutputs(cert: x509.X509Certificate, notBefore: Date, notAfter: Date): Inputs {
    return {
        certPem: cert.toString("pem") + "\n",
        validityStartTime: notBefore.toISOString().replace(".000Z", "Z"),
        validityEndTime: notAfter.toISOString().replace(".000Z", "Z"),
        readyForRenewal: false,
    };
}

async function selfSignedCert(inputs: Inputs, now: Date): Promise<Inputs> {
    const keys = await keyPair(inputs.privateKeyPem as string);
    const name = subjectName(inputs.subject);
    const isCa = inputs.isCaCertificate === true;
    if (isCa && name === "") {
        throw new Error("tls double: a CA certificate needs at least one distinguished name (provider error)");
    }
    const { notBefore, notAfter } = validity(inputs, now);
    const extensions = [...usageExtensions(inputs.allowedUses), basicConstraints(inputs)];
    if (isCa || inputs.setSubjectKeyId === true) {
        extensions.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey));
    }
    const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serialNumber(),
        subject: name,
        issuer: name,
        notBefore,
        notAfter,
        signingAlgorithm: ECDSA_P256,
        publicKey: keys.publicKey,
        signingKey: keys.privateKey,
        extensions,
    });
    return certOutputs(cert, notBefore, notAfter);
}

async function locallySignedCert(inputs: Inputs, now: Date): Promise<Inputs> {
    const csr = new x509.Pkcs10CertificateRequest(inputs.certRequestPem as string);
    if (!(await csr.verify())) {
        throw new Error("tls double: the certificate request's signature does not verify");
    }
    const ca = new x509.X509Certificate(inputs.caCertPem as string);
    const caKeys = await keyPair(inputs.caPrivateKeyPem as string);
    const caPublic = Buffer.from(await crypto.webcrypto.subtle.exportKey("spki", caKeys.publicKey));
    if (!caPublic.equals(Buffer.from(ca.publicKey.rawData))) {
        throw new Error("tls double: caPrivateKeyPem does not belong to caCertPem");
    }
    const { notBefore, notAfter } = validity(inputs, now);
    const isCa = inputs.isCaCertificate === true;
    const publicKey = await csr.publicKey.export(ECDSA_P256, ["verify"]);
    const extensions = [...usageExtensions(inputs.allowedUses), basicConstraints(inputs)];
    if (isCa || inputs.setSubjectKeyId === true) {
        extensions.push(await x509.SubjectKeyIdentifierExtension.create(publicKey));
    }
    const caSki = ca.getExtension(x509.SubjectKeyIdentifierExtension);
    if (caSki) {
        extensions.push(new x509.AuthorityKeyIdentifierExtension(caSki.keyId, false));
    }
    const san = csr.getExtension("2.5.29.17");
    if (san) {
        extensions.push(new x509.SubjectAlternativeNameExtension(san.rawData));
    }
    const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serialNumber(),
        subject: csr.subjectName,
        issuer: ca.subjectName,
        notBefore,
        notAfter,
        signingAlgorithm: ECDSA_P256,
        publicKey,
        signingKey: caKeys.privateKey,
        extensions,
    });
    return certOutputs(cert, notBefore, notAfter);
}
