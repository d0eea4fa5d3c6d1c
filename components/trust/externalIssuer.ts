// An identity issuer made elsewhere (a company PKI, or an existing install being adopted), given to
// a cluster as identityIssuerCertPem and identityIssuerKeyPem. Validated as Linkerd requires: one
// CA certificate, not a root, P-256, valid now, with its own key.
import type { X509Certificate } from "node:crypto";
import type { ConfigReader } from "../config/reader.ts";
import { normalizePem } from "./pem.ts";
import { caProblems, parseBundle, privateKeyProblem, validityProblem } from "./x509.ts";

export interface ExternalIssuer {
    certPem: string;
    cert: X509Certificate;
    /** Plain here; secret wherever it is used. */
    keyPem: string;
    /** The config key, for messages. */
    key: string;
}

export function parseExternalIssuer(reader: ConfigReader, now: Date): ExternalIssuer | undefined {
    const certPem = reader.optionalString("identityIssuerCertPem");
    const keyPem = reader.credential("identityIssuerKeyPem");
    const [hasCert, hasKey] = [reader.isSet("identityIssuerCertPem"), reader.isSet("identityIssuerKeyPem")];
    if (hasCert !== hasKey) {
        reader.problem(
            hasCert ? "identityIssuerKeyPem" : "identityIssuerCertPem",
            `an issuer made elsewhere needs both ${reader.key("identityIssuerCertPem")} and ` +
                `${reader.key("identityIssuerKeyPem")} (secret).`,
        );
    }
    if (certPem === undefined || keyPem === undefined) {
        return undefined;
    }
    const parsed = parseBundle(certPem);
    if ("problem" in parsed || parsed.certificates.length !== 1) {
        reader.problem(
            "identityIssuerCertPem",
            `${"problem" in parsed ? parsed.problem : `holds ${parsed.certificates.length} certificates`}; give the issuer's certificate alone.`,
        );
        return undefined;
    }
    const [cert] = parsed.certificates;
    const problems = [...caProblems(cert, "issuer"), validityProblem(cert, now)].filter((p) => p !== undefined);
    for (const problem of problems) {
        reader.problem("identityIssuerCertPem", `${problem}.`);
    }
    const keyProblem = privateKeyProblem(keyPem, cert);
    if (keyProblem) {
        reader.problem("identityIssuerKeyPem", `${keyProblem}.`);
    }
    return problems.length === 0 && !keyProblem
        ? { certPem: normalizePem(cert.toString()), cert, keyPem, key: reader.key("identityIssuerCertPem") }
        : undefined;
}
