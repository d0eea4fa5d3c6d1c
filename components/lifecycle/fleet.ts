// What the trust stack learns from the cluster stacks it issues for: each one's published output
// (its issuer request, and the trust it runs), read and validated, and what that means for the
// rotation gate. Pure, over the reads the plan made.
import { X509Certificate } from "node:crypto";
import { type ClusterOutput, CLUSTER_OUTPUT } from "../contract/outputs.ts";
import type { StackRead } from "../contract/read.ts";
import { readOutput, unreadable } from "../contract/reader.ts";
import { verifyRequest } from "../trust/csr.ts";
import { samePublicKey, signedBy } from "../trust/x509.ts";
import type { FleetMember } from "./rotation.ts";

export interface ClusterView {
    stack: string;
    output?: ClusterOutput;
    /** The request's key, when it has one that verifies. */
    requestKey?: Uint8Array;
    member: FleetMember;
}

export interface FleetReadContext {
    /** This stack's qualified name: clusters must name it as their trust stack. */
    self: string;
    /** The `issueFor` key, for messages. */
    key: string;
    /** Certificates of the anchors this stack knows (deployed or configured), by id. */
    anchors: ReadonlyMap<string, X509Certificate>;
    /** Cluster stacks this stack signed an issuer for in its last deployment. */
    signedBefore: ReadonlySet<string>;
    problems: string[];
    warnings: string[];
}

/** The view of one cluster stack listed in `issueFor`. */
export function viewCluster(read: StackRead, ctx: FleetReadContext): ClusterView {
    const stack = read.found ? read.stack.name : read.name;
    const member: FleetMember = { cluster: stack, stack, selfIssued: false };
    if (!read.found) {
        if (read.missing && ctx.signedBefore.has(stack)) {
            // The engine says the same for a stack deleted and one this account may no longer read;
            // a cluster that ran an issuer signed here may still run Linkerd, so it blocks rotation.
            member.unreadable = "it was signed for before, and now does not exist or cannot be read";
            ctx.warnings.push(
                `${unreadable(read, ctx.key)}. This stack signed its issuer before, so the cluster may still run ` +
                    `Linkerd: rotation steps wait for it. If the cluster is gone, remove it from ${ctx.key}.`,
            );
        } else if (read.missing) {
            ctx.warnings.push(`${unreadable(read, ctx.key)}; no issuer is signed for it until then.`);
        } else {
            ctx.problems.push(unreadable(read, ctx.key));
            member.unreadable = read.message;
        }
        return { stack, member };
    }
    const output = readOutput(read.stack, CLUSTER_OUTPUT, ctx.problems, {
        required: false,
        fix: `Run pulumi up in ${stack} with this program's version, then here again.`,
    });
    if (!output) {
        return { stack, member };
    }
    Object.assign(member, memberOf(stack, output, ctx.anchors));
    if (output.trustStack !== ctx.self) {
        ctx.warnings.push(
            `${ctx.key}: stack ${stack} reads its trust from ${output.trustStack}, not from this stack; nothing is signed ` +
                `for it here. Remove it from ${ctx.key}, or set its trustStack to ${ctx.self}.`,
        );
        return { stack, member };
    }
    return { stack, output, member, requestKey: requestKey(output, stack, ctx) };
}

function requestKey(output: ClusterOutput, stack: string, ctx: FleetReadContext): Uint8Array | undefined {
    if (!output.request) {
        return undefined;
    }
    const verified = verifyRequest(output.request.csrPem);
    const where = `stack "${stack}", output ${CLUSTER_OUTPUT.name}: request.csrPem`;
    if ("problem" in verified) {
        ctx.problems.push(`${where} ${verified.problem}. Run pulumi up in ${stack} with this program's version.`);
        return undefined;
    }
    if (!/^identity\.[a-z0-9.-]+$/.test(verified.commonName)) {
        ctx.problems.push(
            `${where} asks for the subject "${verified.commonName}", not an identity issuer's (identity.<namespace>.<trust domain>).`,
        );
        return undefined;
    }
    for (const [id, anchor] of ctx.anchors) {
        if (samePublicKey(verified.subjectPublicKeyInfo, anchor)) {
            ctx.problems.push(
                `${where} asks to certify the key of trust anchor "${id}": an anchor can never be a cluster's issuer.`,
            );
            return undefined;
        }
    }
    return verified.subjectPublicKeyInfo;
}

/** A cluster's part in the rotation, from what it published. */
export function memberOf(
    stack: string,
    output: ClusterOutput,
    anchors: ReadonlyMap<string, X509Certificate>,
): FleetMember {
    const running = output.running && {
        members: output.running.bundleFingerprints.map((fp) => idOf(fp, anchors)),
        issuerSignedBy: signerOf(output.running.issuerCertificatePem, anchors),
        issuerSince: output.running.issuerSince,
    };
    return {
        cluster: output.clusterName,
        stack,
        running,
        selfIssued: output.request === undefined && output.running?.issuerSlot === undefined,
    };
}

/** The id of the anchor with `fingerprint`, or `unknown`. */
function idOf(fingerprint: string, anchors: ReadonlyMap<string, X509Certificate>): string {
    for (const [id, anchor] of anchors) {
        if (anchor.fingerprint256 === fingerprint) {
            return id;
        }
    }
    return "unknown";
}

/** The id of the anchor that signed `pem`, or `unknown`. */
export function signerOf(pem: string, anchors: ReadonlyMap<string, X509Certificate>): string {
    const cert = new X509Certificate(pem);
    for (const [id, anchor] of anchors) {
        if (signedBy(cert, anchor)) {
            return id;
        }
    }
    return "unknown";
}

/** Whether a cluster runs an issuer for a key of its own (it has left the previous version's issuer behind). */
export function runsOwnKey(view: ClusterView): boolean {
    return view.output?.running?.issuerSlot !== undefined;
}
