// The certificate checks against OpenSSL: the DER reader's basicConstraints, keyUsage and
// signature algorithm; certificate requests and their signatures; what may be an anchor or an issuer.
import * as assert from "node:assert";
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { verifyRequest } from "../components/trust/csr.ts";
import { readCertificate } from "../components/trust/der.ts";
import { caProblems, parseBundle, privateKeyProblem, validityProblem } from "../components/trust/x509.ts";
import { certificateText } from "./support/openssl.ts";
import { days, makeCert } from "./support/pki.ts";

function openssl(dir: string, args: string[]): string {
    return execFileSync("openssl", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** A self-signed certificate made by OpenSSL with the given extensions. */
function opensslCert(extensions: string[], key: "ec" | "rsa" = "ec"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "x509-"));
    if (key === "ec") {
        openssl(dir, ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "k.pem"]);
    } else {
        openssl(dir, ["genrsa", "-out", "k.pem", "2048"]);
    }
    openssl(dir, [
        "req",
        "-x509",
        "-new",
        "-key",
        "k.pem",
        "-subj",
        "/CN=test",
        "-days",
        "10",
        "-sha256",
        ...extensions.flatMap((e) => ["-addext", e]),
        "-out",
        "c.pem",
    ]);
    return fs.readFileSync(path.join(dir, "c.pem"), "utf8");
}

describe("reading certificates, against OpenSSL", () => {
    const variants: string[][] = [
        ["basicConstraints=critical,CA:TRUE,pathlen:1", "keyUsage=critical,keyCertSign,cRLSign"],
        ["basicConstraints=critical,CA:TRUE,pathlen:0", "keyUsage=critical,digitalSignature"],
        ["basicConstraints=critical,CA:TRUE"],
        ["basicConstraints=CA:FALSE", "keyUsage=digitalSignature,keyEncipherment"],
        ["basicConstraints=critical,CA:TRUE,pathlen:12", "keyUsage=keyCertSign"],
        ["keyUsage=critical,keyCertSign,cRLSign,digitalSignature,keyAgreement"],
    ];
    for (const extensions of variants) {
        it(`reads ${extensions.join(" + ")} as OpenSSL does`, () => {
            const pem = opensslCert(extensions);
            const text = certificateText(pem);
            const { extensions: read, signatureAlgorithm } = readCertificate(new X509Certificate(pem).raw);
            assert.strictEqual(signatureAlgorithm, "1.2.840.10045.4.3.2");
            const ca = /CA:TRUE/.test(text);
            assert.strictEqual(read.basicConstraints?.ca ?? false, ca);
            const pathlen = /pathlen:(\d+)/.exec(text)?.[1];
            assert.strictEqual(read.basicConstraints?.pathLength, pathlen === undefined ? undefined : Number(pathlen));
            const usage = /X509v3 Key Usage:.*\n\s*(.*)/.exec(text)?.[1];
            const names: Record<string, string> = {
                "Digital Signature": "digitalSignature",
                "Key Encipherment": "keyEncipherment",
                "Certificate Sign": "keyCertSign",
                "CRL Sign": "cRLSign",
                "Key Agreement": "keyAgreement",
            };
            assert.deepStrictEqual(
                [...(read.keyUsage ?? [])].sort(),
                usage
                    ? usage
                          .split(", ")
                          .map((u) => names[u.trim()])
                          .sort()
                    : [],
            );
        });
    }

    it("reads an RSA signature as not ECDSA-SHA256", () => {
        const pem = opensslCert(["basicConstraints=critical,CA:TRUE"], "rsa");
        assert.strictEqual(readCertificate(new X509Certificate(pem).raw).signatureAlgorithm, "1.2.840.113549.1.1.11");
    });
});

describe("what may be a trust anchor or an identity issuer", () => {
    it("accepts an ECDSA P-256 CA as either, and an RSA-2048 CA as an anchor only", () => {
        const ec = new X509Certificate(
            opensslCert(["basicConstraints=critical,CA:TRUE,pathlen:1", "keyUsage=critical,keyCertSign,cRLSign"]),
        );
        assert.deepStrictEqual(caProblems(ec, "anchor"), []);
        const rsa = new X509Certificate(
            opensslCert(["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign"], "rsa"),
        );
        assert.deepStrictEqual(caProblems(rsa, "anchor"), []);
        assert.ok(caProblems(rsa, "issuer").some((p) => /RSA-2048 key; Linkerd needs ECDSA P-256/.test(p)));
    });

    it("refuses an anchor with path length 0, a CA without keyCertSign, a leaf, and a root as an issuer", () => {
        const pathlen0 = new X509Certificate(
            opensslCert(["basicConstraints=critical,CA:TRUE,pathlen:0", "keyUsage=critical,keyCertSign"]),
        );
        assert.match(caProblems(pathlen0, "anchor").join(), /path length 0/);
        const noSign = new X509Certificate(
            opensslCert(["basicConstraints=critical,CA:TRUE", "keyUsage=critical,digitalSignature"]),
        );
        assert.match(caProblems(noSign, "anchor").join(), /keyCertSign/);
        const leaf = new X509Certificate(opensslCert(["basicConstraints=CA:FALSE"]));
        assert.match(caProblems(leaf, "issuer").join(), /not a CA certificate/);
        const root = new X509Certificate(
            opensslCert(["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign"]),
        );
        assert.match(caProblems(root, "issuer").join(), /self-signed, a root/);
    });

    it("refuses expired and not-yet-valid certificates, keys of other certificates, and keys pasted with certificates", async () => {
        const now = new Date();
        const expired = await makeCert({ commonName: "old", notBefore: days(-30), notAfter: days(-1) });
        const future = await makeCert({ commonName: "future", notBefore: days(2), notAfter: days(30) });
        assert.match(validityProblem(new X509Certificate(expired.certPem), now)!, /expired on/);
        assert.match(validityProblem(new X509Certificate(future.certPem), now)!, /not valid until/);
        const other = await makeCert({ commonName: "other" });
        assert.match(privateKeyProblem(other.keyPem, new X509Certificate(expired.certPem))!, /does not belong/);
        assert.strictEqual(privateKeyProblem(expired.keyPem, new X509Certificate(expired.certPem)), undefined);
        const pasted = parseBundle(expired.certPem + expired.keyPem);
        assert.ok("problem" in pasted && /private key/.test(pasted.problem));
        assert.ok("problem" in parseBundle("not a certificate"));
        assert.ok("problem" in parseBundle(`${expired.certPem}garbage`));
    });
});

describe("certificate requests, against OpenSSL", () => {
    function request(subject = "/CN=identity.linkerd.cluster.local", curve = "prime256v1"): string {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csr-"));
        openssl(dir, ["ecparam", "-name", curve, "-genkey", "-noout", "-out", "k.pem"]);
        openssl(dir, ["req", "-new", "-key", "k.pem", "-subj", subject, "-sha256", "-out", "r.pem"]);
        return fs.readFileSync(path.join(dir, "r.pem"), "utf8");
    }

    it("verifies a request OpenSSL made, and reads its subject and key", () => {
        const pem = request();
        const verified = verifyRequest(pem);
        assert.ok(!("problem" in verified), JSON.stringify(verified));
        assert.strictEqual(verified.commonName, "identity.linkerd.cluster.local");
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csr-"));
        fs.writeFileSync(path.join(dir, "r.pem"), pem);
        const theirs = openssl(dir, ["req", "-in", "r.pem", "-noout", "-pubkey"]);
        assert.strictEqual(
            Buffer.from(verified.subjectPublicKeyInfo).toString("base64"),
            theirs.replace(/-----[A-Z ]+-----|\s/g, ""),
        );
    });

    it("refuses a request whose signature does not verify, another curve, and something else", () => {
        const pem = request();
        const body = pem.split("\n");
        // Flip a byte of the signature (the end of the DER), keeping the base64 valid.
        const line = body.length - 3;
        body[line] = body[line].slice(0, 4) + (body[line][4] === "A" ? "B" : "A") + body[line].slice(5);
        const tampered = verifyRequest(body.join("\n"));
        assert.ok("problem" in tampered);
        assert.match((verifyRequest(request("/CN=x", "secp384r1")) as { problem: string }).problem, /not ECDSA P-256/);
        assert.match(
            (verifyRequest("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n") as { problem: string })
                .problem,
            /one PEM certificate request/,
        );
    });
});
