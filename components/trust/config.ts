// The trust area's config keys and their parsing: the anchors of the stack that owns the trust
// root, the cluster stacks it issues for, and an issuer made elsewhere for a cluster.
import type { X509Certificate } from "node:crypto";
import type { KeySpecs } from "../config/keys.ts";
import type { ConfigReader } from "../config/reader.ts";
import { stackNameProblem } from "../config/rules/stackName.ts";
import { type ConfiguredAnchors, externalAnchorId, type ExternalAnchor } from "./anchors.ts";
import { normalizePem } from "./pem.ts";
import { caProblems, parseBundle, privateKeyProblem, validityProblem } from "./x509.ts";

export const TRUST_KEYS = {
    issueFor: { type: "array", default: [], roles: ["trust"] },
    trustAnchorValidityHours: { type: "integer", default: 87600, roles: ["trust"] },
    issuerValidityHours: { type: "integer", default: 8760, roles: ["trust"] },
    trustAnchorGenerations: { type: "array", default: ["1"], roles: ["trust"] },
    trustAnchorSigningGeneration: { type: "string", default: "", roles: ["trust"] },
    externalTrustAnchorPem: { type: "string", default: "", roles: ["trust"] },
    externalTrustAnchorKeyPem: { type: "string", default: "", secret: "required", roles: ["trust"] },
    identityIssuerCertPem: { type: "string", default: "", roles: ["cluster"] },
    identityIssuerKeyPem: { type: "string", default: "", secret: "required", roles: ["cluster"] },
} as const satisfies KeySpecs;

/** The name config uses for "the external anchor signs". */
export const EXTERNAL_SIGNER = "external";

export interface TrustSettings {
    anchors: ConfiguredAnchors;
    anchorValidityHours: number;
    issuerValidityHours: number;
    /** Cluster stacks to sign issuer requests for (fully qualified), besides this stack's own cluster. */
    issueFor: string[];
}

/** Reads the trust keys of a stack that owns the trust root (`self` is its qualified name). */
export function parseTrust(reader: ConfigReader, now: Date, self: string): TrustSettings {
    const anchorValidityHours = reader.integer("trustAnchorValidityHours");
    const issuerValidityHours = reader.integer("issuerValidityHours");
    checkValidities(reader, anchorValidityHours, issuerValidityHours);
    const issueFor = reader.list("issueFor").filter((stack) => {
        const problem =
            stackNameProblem(stack) ??
            (stack === self ? "is this stack; its own cluster always gets an issuer" : undefined);
        if (problem) {
            reader.problem("issueFor", `"${stack}" ${problem}. List the cluster stacks this stack signs issuers for.`);
        }
        return problem === undefined;
    });
    return { anchors: parseAnchors(reader, now), anchorValidityHours, issuerValidityHours, issueFor };
}

function checkValidities(reader: ConfigReader, anchorHours: number, issuerHours: number): void {
    if (anchorHours < 720) {
        reader.problem(
            "trustAnchorValidityHours",
            `${anchorHours} hours is too short for a trust anchor (at least 720; the default is 87600, ten years).`,
        );
    }
    if (issuerHours < 48) {
        reader.problem(
            "issuerValidityHours",
            `${issuerHours} hours is too short: an issuer must outlive the 24-hour workload certificates it signs with room to spare (at least 48).`,
        );
    }
    // The anchor must outlive an issuer by at least as long again, so that an issuer signed late in
    // the anchor's life still expires first and a rotation window always exists.
    if (issuerHours * 2 > anchorHours) {
        reader.problem(
            "issuerValidityHours",
            `an issuer valid for ${issuerHours} hours does not end well before the trust anchor (${anchorHours} hours); ` +
                `it may be at most half the anchor's lifetime (${Math.floor(anchorHours / 2)} hours).`,
        );
    }
}

function parseAnchors(reader: ConfigReader, now: Date): ConfiguredAnchors {
    const generations = reader.list("trustAnchorGenerations");
    for (const generation of generations) {
        if (!/^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/.test(generation) || generation.startsWith("external")) {
            reader.problem(
                "trustAnchorGenerations",
                `"${generation}" is not a generation name (lowercase letters, digits and "-", at most 32, such as 1, 2 ` +
                    `or 2027; names starting with "external" are reserved). It names the anchor's resources, so it never ` +
                    `changes once the anchor exists.`,
            );
        }
    }
    const external = parseExternalAnchors(reader, now);
    if (generations.length === 0 && external.length === 0) {
        reader.problem(
            "trustAnchorGenerations",
            `is empty and no ${reader.key("externalTrustAnchorPem")} is set, so the bundle would trust nothing. Keep ` +
                `at least one generation: pulumi config set --path '${reader.key("trustAnchorGenerations")}[0]' 1`,
        );
    }
    const externalKeyPem = reader.credential("externalTrustAnchorKeyPem");
    const keyed = externalKeyPem === undefined ? undefined : keyedExternalAnchor(reader, external, externalKeyPem);
    const configured = reader.optionalString("trustAnchorSigningGeneration");
    return {
        generations,
        external,
        signer: signerOf(reader, configured, generations, keyed),
        externalKeyPem: keyed ? externalKeyPem : undefined,
    };
}

function parseExternalAnchors(reader: ConfigReader, now: Date): ExternalAnchor[] {
    const text = reader.optionalString("externalTrustAnchorPem");
    if (text === undefined) {
        return [];
    }
    const parsed = parseBundle(text);
    if ("problem" in parsed) {
        reader.problem(
            "externalTrustAnchorPem",
            `${parsed.problem}. Set it to the PEM of the anchor certificate(s) alone.`,
        );
        return [];
    }
    const anchors: ExternalAnchor[] = [];
    for (const [i, cert] of parsed.certificates.entries()) {
        const what = parsed.certificates.length > 1 ? `certificate ${i + 1}` : "the certificate";
        const problems = [...caProblems(cert, "anchor"), validityProblem(cert, now)].filter((p) => p !== undefined);
        for (const problem of problems) {
            reader.problem("externalTrustAnchorPem", `${what} ${problem}; it cannot be a trust anchor.`);
        }
        if (anchors.some((a) => a.fingerprint === cert.fingerprint256)) {
            reader.problem("externalTrustAnchorPem", `${what} is listed twice; remove the duplicate.`);
            continue;
        }
        anchors.push(externalAnchor(cert));
    }
    return anchors;
}

function externalAnchor(cert: X509Certificate): ExternalAnchor {
    return {
        id: externalAnchorId(cert.fingerprint256),
        certPem: normalizePem(cert.toString()),
        cert,
        fingerprint: cert.fingerprint256,
    };
}

/** The external anchor whose key is `keyPem`, or undefined with a problem. */
function keyedExternalAnchor(
    reader: ConfigReader,
    external: ExternalAnchor[],
    keyPem: string,
): ExternalAnchor | undefined {
    if (external.length === 0) {
        reader.problem(
            "externalTrustAnchorKeyPem",
            `is set without ${reader.key("externalTrustAnchorPem")}; give the anchor's certificate too.`,
        );
        return undefined;
    }
    const match = external.find((anchor) => privateKeyProblem(keyPem, anchor.cert) === undefined);
    if (!match) {
        const problem = privateKeyProblem(keyPem, external[0].cert);
        reader.problem(
            "externalTrustAnchorKeyPem",
            `${external.length === 1 ? problem : "belongs to none of the certificates in " + reader.key("externalTrustAnchorPem")}.`,
        );
    }
    return match;
}

function signerOf(
    reader: ConfigReader,
    configured: string | undefined,
    generations: string[],
    keyed: ExternalAnchor | undefined,
): string | undefined {
    if (configured === undefined) {
        return generations[0] ?? keyed?.id;
    }
    if (configured === EXTERNAL_SIGNER) {
        if (!keyed) {
            reader.problem(
                "trustAnchorSigningGeneration",
                `the external anchor can only sign issuers with its key; set ${reader.key("externalTrustAnchorKeyPem")} ` +
                    `(secret), or sign with one of ${reader.key("trustAnchorGenerations")}.`,
            );
        }
        return keyed?.id;
    }
    if (!generations.includes(configured)) {
        reader.problem(
            "trustAnchorSigningGeneration",
            `"${configured}" is not in ${reader.key("trustAnchorGenerations")} (${generations.join(", ") || "empty"}); ` +
                `issuers can only be signed by an anchor in the bundle. Add it there first (step 1 of a rotation).`,
        );
        return generations[0];
    }
    return configured;
}
