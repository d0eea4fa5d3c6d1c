// Registers the trust root and the issuer certificates the plan decided on.
import type * as pulumi from "@pulumi/pulumi";
import type { TrustPlan } from "../lifecycle/trustPlan.ts";
import { IssuerCertificate } from "../trust/issuerCertificate.ts";
import { LegacyIssuer } from "../trust/legacyIssuer.ts";
import { TrustRoot } from "../trust/trustRoot.ts";

export interface DeployedTrust {
    root: TrustRoot;
    /** By cluster name: the certificate signed for it, with the request and stack it was signed for. */
    certificates: Map<
        string,
        { certificate: IssuerCertificate; stack: string; slot: number; requestPem: pulumi.Input<string> }
    >;
    legacy: Map<string, LegacyIssuer>;
}

export function deployTrust(plan: TrustPlan, parent: pulumi.Resource | undefined): DeployedTrust {
    const root = new TrustRoot(
        "trust-root",
        {
            anchors: plan.settings.anchors,
            validityHours: plan.settings.anchorValidityHours,
            existingValidity: plan.anchorValidity,
            retiring: plan.retiring,
        },
        { parent },
    );
    const certificates: DeployedTrust["certificates"] = new Map();
    for (const issuer of plan.issuers) {
        certificates.set(issuer.cluster, {
            certificate: signIssuer(issuer.cluster, issuer.requestPem, plan, root, parent),
            stack: issuer.stack,
            slot: issuer.slot,
            requestPem: issuer.requestPem,
        });
    }
    const legacy = new Map(
        plan.legacy.map(({ cluster, renewals }) => [
            cluster,
            new LegacyIssuer(
                `identity-issuer-${cluster}`,
                { signer: root.signer!, validityHours: plan.settings.issuerValidityHours, renewals },
                { parent },
            ),
        ]),
    );
    return { root, certificates, legacy };
}

/** The certificate of one cluster's issuer, signed by the trust root's signing anchor. */
export function signIssuer(
    cluster: string,
    requestPem: pulumi.Input<string>,
    plan: TrustPlan,
    root: TrustRoot,
    parent: pulumi.Resource | undefined,
): IssuerCertificate {
    // The plan has refused every request when no anchor can sign.
    return new IssuerCertificate(
        `issuer-certificate-${cluster}`,
        { requestPem, signer: root.signer!, validityHours: plan.settings.issuerValidityHours },
        { parent },
    );
}
