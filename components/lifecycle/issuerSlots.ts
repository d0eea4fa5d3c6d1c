// A cluster's identity issuer over time. Its private key is made in the cluster's own stack, in a
// numbered slot, and never leaves it: the stack publishes a certificate request for its newest
// slot, the trust stack signs it, and the next run installs the certificate. A renewal opens the
// next slot while the current one stays installed, so the cluster keeps its issuer until the new
// certificate arrives. A stack that owns the trust root signs its own cluster's request in the
// same run. Pure: last state, what the trust stack published, config and clock.
import type { X509Certificate } from "node:crypto";
import type { IssuedCertificate } from "../contract/outputs.ts";
import type { CurrentIssuer } from "../contract/state.ts";
import { verifyRequest } from "../trust/csr.ts";
import { samePublicKey } from "../trust/x509.ts";
import { renewalDue } from "./renewal.ts";

export type IssuerInstall =
    | { kind: "trust"; slot: number; certificatePem: string }
    | { kind: "local"; slot: number }
    | { kind: "legacy"; certificatePem: string; keyPem: string }
    | { kind: "external"; certificatePem: string; keyPem: string }
    | { kind: "none" };

export interface IssuerSlotPlan {
    /** Key slots to register, oldest first. */
    slots: number[];
    /** The slot whose request is published; undefined with an external issuer. */
    requestSlot?: number;
    install: IssuerInstall;
    /** Whether this run opens a new slot because the installed issuer is due for renewal. */
    renewing: boolean;
    /** Whether the installed certificate differs from last run's (then `since` is now). */
    changed: boolean;
    messages: { level: "info" | "warning" | "error"; text: string }[];
}

export interface IssuerSlotInput {
    now: Date;
    renewBeforeHours: number;
    previous: { slots: number[]; current?: CurrentIssuer; request?: { slot: number; csrPem: string } };
    /** Where the certificates come from: this stack (local), another stack, or an issuer made elsewhere. */
    source:
        | { kind: "local"; reissue: boolean }
        | {
              kind: "trust";
              stack: string;
              certificate?: IssuedCertificate;
              legacy?: { certPem: string; keyPem: string };
          }
        | { kind: "external"; certificatePem: string; keyPem: string };
    /** The certificate the plan would install, parsed (for the renewal window); by PEM. */
    parse: (pem: string) => X509Certificate;
}

export function planIssuerSlots(input: IssuerSlotInput): IssuerSlotPlan {
    const { source, previous } = input;
    if (source.kind === "external") {
        const changed = previous.current?.certificatePem !== source.certificatePem;
        return { slots: [], install: { ...source }, renewing: false, changed, messages: [] };
    }
    return source.kind === "local" ? planLocal(input, source.reissue) : planFromTrust(input, source);
}

/** Signed in this stack: a new slot when due, installed in the same run. */
function planLocal(input: IssuerSlotInput, reissue: boolean): IssuerSlotPlan {
    const newest = Math.max(-1, ...input.previous.slots);
    const current = input.previous.current;
    const due =
        current !== undefined &&
        renewalDue(input.parse(current.certificatePem).validTo, input.now, input.renewBeforeHours);
    const slot = newest < 0 || due ? newest + 1 : newest;
    const messages: IssuerSlotPlan["messages"] = due
        ? [
              {
                  level: "info",
                  text: `Renewing the identity issuer (new key in slot ${slot}): the current one expires on ${iso(current!.certificatePem, input)}.`,
              },
          ]
        : [];
    return {
        slots: [slot],
        requestSlot: slot,
        install: { kind: "local", slot },
        renewing: due,
        changed: slot !== newest || reissue || current?.source !== "slot",
        messages,
    };
}

function planFromTrust(
    input: IssuerSlotInput,
    source: Extract<IssuerSlotInput["source"], { kind: "trust" }>,
): IssuerSlotPlan {
    const { previous } = input;
    const messages: IssuerSlotPlan["messages"] = [];
    const fresh = freshCertificate(input, source, messages);
    const slots = [...previous.slots];
    let install: IssuerInstall = { kind: "none" };
    if (fresh) {
        install = { kind: "trust", slot: fresh.slot, certificatePem: fresh.certificatePem };
    } else if (previous.current?.source === "slot" && previous.current.slot !== undefined) {
        install = { kind: "trust", slot: previous.current.slot, certificatePem: previous.current.certificatePem };
    } else if (source.legacy) {
        install = { kind: "legacy", certificatePem: source.legacy.certPem, keyPem: source.legacy.keyPem };
    }
    let renewing = false;
    if (slots.length === 0) {
        slots.push(0);
        messages.push({
            level: "info",
            text: `Requesting an identity issuer (slot 0) from trust stack ${source.stack}.`,
        });
    } else if (install.kind === "none") {
        messages.push({
            level: "info",
            text:
                `Waiting for trust stack ${source.stack} to sign this stack's issuer request (slot ${Math.max(...slots)}); ` +
                `Linkerd is installed once it has: run pulumi up there, then here again.`,
        });
    } else if (install.kind === "trust" && install.slot === Math.max(...slots)) {
        const notAfter = input.parse(install.certificatePem).validTo;
        if (renewalDue(notAfter, input.now, input.renewBeforeHours)) {
            renewing = true;
            slots.push(install.slot + 1);
            messages.push({
                level: "info",
                text:
                    `Renewing the identity issuer: it expires on ${new Date(notAfter).toISOString()}; requesting a ` +
                    `certificate for a new key (slot ${install.slot + 1}) from trust stack ${source.stack}. The current ` +
                    `issuer stays installed until the new certificate arrives.`,
            });
        }
    }
    const keep = install.kind === "trust" ? install.slot : Math.max(...slots);
    const kept = slots.filter((s) => s >= keep);
    const changed = install.kind === "none" ? false : installedPem(install) !== previous.current?.certificatePem;
    return { slots: kept, requestSlot: Math.max(...kept), install, renewing, changed, messages };
}

/** The trust stack's certificate for one of this stack's slots, when it belongs to that slot's key. */
function freshCertificate(
    input: IssuerSlotInput,
    source: Extract<IssuerSlotInput["source"], { kind: "trust" }>,
    messages: IssuerSlotPlan["messages"],
): IssuedCertificate | undefined {
    const certificate = source.certificate;
    if (!certificate) {
        return undefined;
    }
    const { request, current } = input.previous;
    const cert = input.parse(certificate.certificatePem);
    let expectedKey: Uint8Array | undefined;
    if (request && request.slot === certificate.slot) {
        const verified = verifyRequest(request.csrPem);
        expectedKey = "problem" in verified ? undefined : verified.subjectPublicKeyInfo;
    } else if (current?.source === "slot" && current.slot === certificate.slot) {
        expectedKey = input.parse(current.certificatePem).publicKey.export({ type: "spki", format: "der" });
    }
    if (!input.previous.slots.includes(certificate.slot)) {
        messages.push({
            level: "warning",
            text: `trust stack ${source.stack} publishes a certificate for slot ${certificate.slot}, which this stack no longer has; it is ignored until it signs the current request.`,
        });
        return undefined;
    }
    if (!expectedKey || !samePublicKey(expectedKey, cert)) {
        messages.push({
            level: "error",
            text:
                `trust stack ${source.stack}, output linkerdTrust: the certificate for this cluster (slot ` +
                `${certificate.slot}) is not for this stack's key. Check that no other stack claims this cluster's name, ` +
                `then run pulumi up in ${source.stack}.`,
        });
        return undefined;
    }
    return certificate;
}

function installedPem(install: IssuerInstall): string | undefined {
    return "certificatePem" in install ? install.certificatePem : undefined;
}

function iso(pem: string, input: IssuerSlotInput): string {
    return new Date(input.parse(pem).validTo).toISOString();
}
