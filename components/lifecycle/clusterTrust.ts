// The trust a cluster installs: the bundle, and the identity issuer (its own key, with the
// certificate the trust stack signed; or one made elsewhere). Read from the trust stack and checked
// as Linkerd would check it, before anything is registered.
import { X509Certificate } from "node:crypto";
import { type IssuedCertificate, TRUST_OUTPUT, type TrustOutput } from "../contract/outputs.ts";
import { LEGACY_ISSUERS_OUTPUT, type LegacyIssuer } from "../contract/legacy.ts";
import type { StackOutputs } from "../contract/read.ts";
import { readOutput } from "../contract/reader.ts";
import type { ClusterState } from "../contract/state.ts";
import type { ExternalIssuer } from "../trust/externalIssuer.ts";
import { splitPemBundle } from "../trust/pem.ts";
import { caProblems, chainsTo, privateKeyProblem, validityProblem } from "../trust/x509.ts";
import { type IssuerSlotPlan, planIssuerSlots } from "./issuerSlots.ts";

export interface ClusterTrustPlan {
    /** The bundle PEM, when it is known now (always, but on a trust-owning stack's first run). */
    bundlePem?: string;
    slots: IssuerSlotPlan;
    /** When the installed certificate was first installed (now, when it changes this run). */
    issuerSince: string;
}

export interface ClusterTrustInput {
    cluster: string;
    /** This stack's qualified name. */
    self: string;
    now: Date;
    renewBeforeHours: number;
    previous?: ClusterState;
    /** The request this stack published last run. */
    previousRequest?: { slot: number; csrPem: string };
    external?: ExternalIssuer;
    /** Where the trust comes from: another stack (read), or this stack's own trust root. */
    trust:
        | { kind: "stack"; key: string; read: StackOutputs }
        | { kind: "own"; bundlePem?: string; anchors: readonly X509Certificate[]; reissue: boolean };
    problems: string[];
    warnings: string[];
}

export function planClusterTrust(input: ClusterTrustInput): ClusterTrustPlan {
    if (input.trust.kind === "own") {
        return finish(input, input.trust.bundlePem, input.trust.anchors, {
            kind: "local",
            reissue: input.trust.reissue,
        });
    }
    const read = input.trust.read;
    const fix = `Run pulumi up in ${read.name} first (the stack that owns the trust root), then here again.`;
    const trust = readOutput(read, TRUST_OUTPUT, input.problems, { required: true, fix });
    const legacy = readOutput(read, LEGACY_ISSUERS_OUTPUT, input.problems, { required: false, fix })?.[input.cluster];
    if (!trust) {
        return finish(input, undefined, [], { kind: "trust", stack: read.name });
    }
    const anchors = checkBundle(trust, read.name, input);
    const certificate = checkIssued(trust.issuers[input.cluster], anchors, read.name, input);
    checkIssuedFor(trust, read.name, input, certificate !== undefined || legacy !== undefined);
    const legacyIssuer = legacy && checkLegacy(legacy, anchors, read.name, input);
    return finish(input, trust.bundlePem, anchors, {
        kind: "trust",
        stack: read.name,
        certificate,
        legacy: legacyIssuer,
    });
}

function finish(
    input: ClusterTrustInput,
    bundlePem: string | undefined,
    anchors: readonly X509Certificate[],
    source: Parameters<typeof planIssuerSlots>[0]["source"],
): ClusterTrustPlan {
    const slots = planIssuerSlots({
        now: input.now,
        renewBeforeHours: input.renewBeforeHours,
        previous: {
            slots: input.previous?.slots ?? [],
            current: input.previous?.current,
            request: input.previousRequest,
        },
        source: input.external
            ? { kind: "external", certificatePem: input.external.certPem, keyPem: input.external.keyPem }
            : source,
        parse: (pem) => new X509Certificate(pem),
    });
    for (const message of slots.messages.filter((m) => m.level === "error")) {
        input.problems.push(message.text);
    }
    if (input.external && anchors.length > 0 && !chainsTo(input.external.cert, anchors)) {
        input.problems.push(
            `${input.external.key}: is not signed by any anchor of the trust bundle; proxies could not verify the ` +
                `identities it issues. Use an issuer signed by one of the bundle's anchors.`,
        );
    }
    checkInstalledValidity(input, slots);
    const since = slots.changed || !input.previous?.current ? input.now.toISOString() : input.previous.current.since;
    return { bundlePem, slots, issuerSince: since };
}

/** The bundle from the trust stack, as Linkerd requires anchors to be. */
function checkBundle(trust: TrustOutput, stack: string, input: ClusterTrustInput): X509Certificate[] {
    const anchors = splitPemBundle(trust.bundlePem).map((pem) => new X509Certificate(pem));
    for (const [i, anchor] of anchors.entries()) {
        const problems = [...caProblems(anchor, "anchor"), validityProblem(anchor, input.now)].filter(
            (p) => p !== undefined,
        );
        for (const problem of problems) {
            input.problems.push(
                `stack "${stack}", output ${TRUST_OUTPUT.name}: bundlePem certificate ${i + 1} ${problem}; it cannot be a trust anchor. Fix the anchors of that stack.`,
            );
        }
    }
    return anchors;
}

/**
 * A trust stack that does not list this stack in issueFor never signs its request: with nothing to
 * install that is a refusal saying what to add; a cluster that still runs its issuer is warned.
 */
function checkIssuedFor(trust: TrustOutput, stack: string, input: ClusterTrustInput, hasIssuer: boolean): void {
    if (trust.issuesFor === undefined || trust.issuesFor.includes(input.self) || input.external) {
        return;
    }
    const message =
        `${input.trust.kind === "stack" ? input.trust.key : "trustStack"}: trust stack "${stack}" does not issue for ` +
        `cluster "${input.cluster}" (this stack, ${input.self}, is not in its issueFor), so it will never sign this ` +
        `stack's issuer request. Add it there: pulumi config set --path 'issueFor[${trust.issuesFor.length}]' ${input.self} ` +
        `--stack ${stack}, run pulumi up there, then here again.`;
    (hasIssuer || input.previous?.current ? input.warnings : input.problems).push(message);
}

/** The certificate the trust stack signed for this cluster: for this stack, a CA that chains to the bundle. */
function checkIssued(
    issued: IssuedCertificate | undefined,
    anchors: X509Certificate[],
    stack: string,
    input: ClusterTrustInput,
): IssuedCertificate | undefined {
    if (!issued) {
        return undefined;
    }
    const where = `stack "${stack}", output ${TRUST_OUTPUT.name}: issuers.${input.cluster}`;
    if (issued.stack !== input.self) {
        input.problems.push(
            `${where} was signed for stack ${issued.stack}, not for this one (${input.self}): two stacks claim cluster ` +
                `"${input.cluster}". Give each cluster its own clusterName.`,
        );
        return undefined;
    }
    const cert = new X509Certificate(issued.certificatePem);
    // Expiry is not a fault of the trust stack's output: the certificate it signed ran out before
    // this stack ran. The slot plan renews it, and checkInstalledValidity decides what that means.
    const validity = validityProblem(cert, input.now);
    const problems = [...caProblems(cert, "issuer"), validity?.startsWith("expired") ? undefined : validity].filter(
        (p) => p !== undefined,
    );
    if (!chainsTo(cert, anchors)) {
        problems.push("is not signed by any anchor of the bundle");
    }
    for (const problem of problems) {
        input.problems.push(`${where}.certificatePem ${problem}. Run pulumi up in ${stack}, then here again.`);
    }
    return problems.length === 0 ? issued : undefined;
}

/** The previous version's issuer (certificate and key) for this cluster, during the migration. */
function checkLegacy(
    legacy: LegacyIssuer,
    anchors: X509Certificate[],
    stack: string,
    input: ClusterTrustInput,
): { certPem: string; keyPem: string } | undefined {
    const cert = new X509Certificate(legacy.certPem);
    const problems = [
        ...caProblems(cert, "issuer"),
        validityProblem(cert, input.now),
        privateKeyProblem(legacy.privateKeyPem, cert),
    ].filter((p) => p !== undefined);
    if (!chainsTo(cert, anchors)) {
        problems.push("is not signed by any anchor of the bundle");
    }
    for (const problem of problems) {
        input.problems.push(
            `stack "${stack}", output ${LEGACY_ISSUERS_OUTPUT.name}: the issuer of "${input.cluster}" ${problem}.`,
        );
    }
    return problems.length === 0 ? { certPem: legacy.certPem, keyPem: legacy.privateKeyPem } : undefined;
}

/** The installed issuer must be valid now; an expired one is an error unless this run requests its successor. */
function checkInstalledValidity(input: ClusterTrustInput, slots: IssuerSlotPlan): void {
    const pem = "certificatePem" in slots.install ? slots.install.certificatePem : undefined;
    if (!pem) {
        return;
    }
    const problem = validityProblem(new X509Certificate(pem), input.now);
    const requestsSuccessor =
        slots.renewing ||
        (slots.requestSlot !== undefined && !(input.previous?.slots ?? []).includes(slots.requestSlot));
    if (problem && requestsSuccessor && problem.startsWith("expired")) {
        input.warnings.push(
            `the identity issuer this cluster runs ${problem}; this run requests its successor (slot ${slots.requestSlot}): run pulumi up in the trust stack, then here again.`,
        );
    } else if (problem) {
        input.problems.push(
            `the identity issuer this cluster runs ${problem}. ${slots.requestSlot !== undefined ? `Its request for slot ${slots.requestSlot} is published: run pulumi up in the trust stack, then here again.` : "Replace it."}`,
        );
    }
}
