// What a cluster runs, read from the control plane's chart values as its last run registered them,
// and the mTLS checks between clusters, with Node's X.509 (OpenSSL underneath).
import { X509Certificate } from "node:crypto";
import type { ProgramRun } from "./harness.ts";

export interface Running {
    bundle: X509Certificate[];
    issuer: X509Certificate;
    issuerKeyPem: string;
}

function splitPem(text: string): string[] {
    return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** The trust bundle and issuer a cluster's control plane is given, or undefined when none is installed. */
export function running(run: ProgramRun): Running | undefined {
    const chart = run.find("kubernetes:helm.sh/v4:Chart", "linkerd-control-plane");
    if (!chart) {
        return undefined;
    }
    const values = chart.inputs.values as {
        identityTrustAnchorsPEM: string;
        identity: { issuer: { tls: { crtPEM: string; keyPEM: string } } };
    };
    return {
        bundle: splitPem(values.identityTrustAnchorsPEM).map((p) => new X509Certificate(p)),
        issuer: new X509Certificate(values.identity.issuer.tls.crtPEM),
        issuerKeyPem: values.identity.issuer.tls.keyPEM,
    };
}

/** Whether `cert` is signed by one of `bundle` (name chaining and signature). */
export function chainsTo(cert: X509Certificate, bundle: readonly X509Certificate[]): boolean {
    return bundle.some((anchor) => cert.checkIssued(anchor) && cert.verify(anchor.publicKey));
}

/** Whether two clusters' proxies accept each other's workload certificates. */
export function mutualTrust(a: Running, b: Running): string | undefined {
    const common = a.bundle.some((x) => b.bundle.some((y) => x.fingerprint256 === y.fingerprint256));
    if (!common) {
        return "no common anchor";
    }
    if (!chainsTo(a.issuer, b.bundle)) {
        return "the first issuer does not verify against the second bundle";
    }
    if (!chainsTo(b.issuer, a.bundle)) {
        return "the second issuer does not verify against the first bundle";
    }
    return undefined;
}
