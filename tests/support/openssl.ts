// OpenSSL as an independent oracle for the certificates the program produces.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

function withFiles<T>(files: Record<string, string>, fn: (paths: Record<string, string>) => T): T {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkerd-fleet-test-"));
    try {
        const paths: Record<string, string> = {};
        for (const [name, content] of Object.entries(files)) {
            paths[name] = path.join(dir, name);
            fs.writeFileSync(paths[name], content);
        }
        return fn(paths);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

function openssl(args: string[]): string {
    return execFileSync("openssl", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** `openssl x509 -text` of a certificate. */
export function certificateText(pem: string): string {
    return withFiles({ "cert.pem": pem }, (p) => openssl(["x509", "-in", p["cert.pem"], "-noout", "-text"]));
}

/**
 * Verifies `certPem` against the trusted `bundlePem` (and optional intermediates), as a TLS peer
 * would. Returns true when OpenSSL answers "OK"; false (never throws) otherwise.
 */
export function verifies(
    bundlePem: string,
    certPem: string,
    options: { untrusted?: string; purpose?: string; atTime?: Date } = {},
): boolean {
    return withFiles(
        { "bundle.pem": bundlePem, "cert.pem": certPem, "untrusted.pem": options.untrusted ?? "" },
        (p) => {
            const args = ["verify", "-CAfile", p["bundle.pem"]];
            if (options.untrusted) {
                args.push("-untrusted", p["untrusted.pem"]);
            }
            if (options.purpose) {
                args.push("-purpose", options.purpose);
            }
            if (options.atTime) {
                args.push("-attime", String(Math.floor(options.atTime.getTime() / 1000)));
            }
            args.push(p["cert.pem"]);
            try {
                return openssl(args).trim().endsWith(": OK");
            } catch {
                return false;
            }
        },
    );
}

/** The public key (PEM) that a private key belongs to, as OpenSSL derives it. */
export function publicKeyOfPrivateKey(privateKeyPem: string): string {
    return withFiles({ "key.pem": privateKeyPem }, (p) => openssl(["pkey", "-in", p["key.pem"], "-pubout"]));
}

/** The public key (PEM) in a certificate, as OpenSSL reads it. */
export function publicKeyOfCertificate(certPem: string): string {
    return withFiles({ "cert.pem": certPem }, (p) => openssl(["x509", "-in", p["cert.pem"], "-noout", "-pubkey"]));
}

/** `openssl x509 -fingerprint -sha256` of a certificate, e.g. `AB:CD:…`. */
export function sha256FingerprintOf(certPem: string): string {
    const out = withFiles({ "cert.pem": certPem }, (p) =>
        openssl(["x509", "-in", p["cert.pem"], "-noout", "-fingerprint", "-sha256"]),
    );
    return out.trim().split("=")[1];
}

/**
 * Signs a certificate for `identity` with `issuer` (ECDSA P-256, one day). With `ca: false` this is
 * what Linkerd's identity controller issues to each proxy; `ca: true` makes a subordinate CA.
 */
export function signCertificate(
    issuerCertPem: string,
    issuerKeyPem: string,
    identity: string,
    options: { ca?: boolean } = {},
): { certPem: string; keyPem: string } {
    const extensions = options.ca
        ? "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
        : `basicConstraints=critical,CA:FALSE\nsubjectAltName=DNS:${identity}\nextendedKeyUsage=serverAuth,clientAuth\n`;
    return withFiles(
        { "issuer.pem": issuerCertPem, "issuer.key": issuerKeyPem, "ext.cnf": `[ext]\n${extensions}` },
        (p) => {
            const dir = path.dirname(p["issuer.pem"]);
            const key = path.join(dir, "leaf.key");
            const csr = path.join(dir, "leaf.csr");
            openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key]);
            openssl(["req", "-new", "-key", key, "-subj", `/CN=${identity}`, "-out", csr]);
            const certPem = openssl([
                "x509",
                "-req",
                "-in",
                csr,
                "-CA",
                p["issuer.pem"],
                "-CAkey",
                p["issuer.key"],
                "-CAcreateserial",
                "-days",
                "1",
                "-sha256",
                "-extfile",
                p["ext.cnf"],
                "-extensions",
                "ext",
            ]);
            return { certPem, keyPem: fs.readFileSync(key, "utf8") };
        },
    );
}
