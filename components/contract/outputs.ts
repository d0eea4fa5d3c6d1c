// The cross-stack contract: every stack output that another stack, or this stack's next run,
// reads. Each has a name, a type, a format version and a decoder; reader.ts reads them all the
// same way. Renaming an output, or changing its type without a new format, breaks every stack that
// reads it.
import { dns1123LabelProblem } from "../config/rules/kubernetes.ts";
import { stackNameProblem } from "../config/rules/stackName.ts";
import { parseBundle } from "../trust/x509.ts";
import { array, type Decoder, integer, literal, object, optional, record, refine, string } from "./decode.ts";

export interface OutputSpec<T> {
    name: string;
    format: number;
    decoder: Decoder<T>;
    /** Whether the output must be secret (credentials), so that a plain one is refused. */
    secret: boolean;
    /** What the output is, for messages. */
    what: string;
}

export const isoTime = refine(string, (v) => (Number.isNaN(Date.parse(v)) ? "is not an RFC 3339 time" : undefined));
export const clusterName = refine(string, dns1123LabelProblem);
export const stackName = refine(string, stackNameProblem);
export const certificates = refine(string, (v) => {
    const parsed = parseBundle(v);
    return "problem" in parsed ? parsed.problem : undefined;
});
export const slot = integer(0, 1_000_000);

// --- Published by the stack that owns the trust root; read by every cluster stack. ---

export interface AnchorRecord {
    /** A generation name, or `external-<fingerprint prefix>` for an anchor made elsewhere. */
    id: string;
    fingerprint: string;
    notAfter: string;
}

export interface IssuedCertificate {
    /** The cluster stack the certificate was signed for. */
    stack: string;
    /** The issuer key slot of that stack (see lifecycle/issuerSlots.ts). */
    slot: number;
    certificatePem: string;
    notAfter: string;
    /** The anchor (id) that signed it. */
    signedBy: string;
}

export interface TrustOutput {
    format: 1;
    bundlePem: string;
    anchors: AnchorRecord[];
    signer?: string;
    /** By cluster name. */
    issuers: Record<string, IssuedCertificate>;
    /** The cluster stacks it signs requests for (issueFor), so that a stack left out can say so. */
    issuesFor?: string[];
}

const anchorRecord = object<AnchorRecord>({ id: string, fingerprint: string, notAfter: isoTime });
const issuedCertificate = object<IssuedCertificate>({
    stack: stackName,
    slot,
    certificatePem: certificates,
    notAfter: isoTime,
    signedBy: string,
});

export const TRUST_OUTPUT: OutputSpec<TrustOutput> = {
    name: "linkerdTrust",
    format: 1,
    secret: false,
    what: "the trust bundle and the issuer certificates it signed",
    decoder: object<TrustOutput>({
        format: literal(1),
        bundlePem: certificates,
        anchors: array(anchorRecord),
        signer: optional(string),
        issuers: record(issuedCertificate, dns1123LabelProblem),
        issuesFor: optional(array(stackName, { unique: true })),
    }),
};

// --- Published by every cluster stack; read by the trust stack (requests, what the cluster runs). ---

export interface IssuerRequest {
    slot: number;
    csrPem: string;
}

export interface RunningTrust {
    /** Fingerprints of the bundle the cluster installed. */
    bundleFingerprints: string[];
    issuerCertificatePem: string;
    /** The key slot of this stack the issuer belongs to; absent for an issuer made elsewhere (or migrating). */
    issuerSlot?: number;
    /** When the cluster first installed this issuer certificate. */
    issuerSince: string;
}

export interface ClusterOutput {
    format: 1;
    clusterName: string;
    /** The stack whose trust root this cluster installs (its own name when it owns the root). */
    trustStack: string;
    request?: IssuerRequest;
    running?: RunningTrust;
}

export const CLUSTER_OUTPUT: OutputSpec<ClusterOutput> = {
    name: "linkerdCluster",
    format: 1,
    secret: false,
    what: "the cluster's issuer request and the trust it runs",
    decoder: object<ClusterOutput>({
        format: literal(1),
        clusterName,
        trustStack: stackName,
        request: optional(object<IssuerRequest>({ slot, csrPem: string })),
        running: optional(
            object<RunningTrust>({
                bundleFingerprints: array(string, { unique: true }),
                issuerCertificatePem: certificates,
                issuerSlot: optional(slot),
                issuerSince: isoTime,
            }),
        ),
    }),
};
