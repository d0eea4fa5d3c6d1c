// Alerts on certificate expiry, for clusters whose Prometheus runs under Prometheus Operator. The
// identity controller exports the issuer's remaining lifetime (`issuer_cert_ttl_seconds`, since
// Linkerd 2.18); nothing exports the trust anchor's, so its not-after is written into the rule.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { X509Certificate } from "node:crypto";
import { EXPIRY_WARNING_DAYS } from "./expiry.ts";
import { splitPemBundle } from "../trust/pem.ts";

const DAY_SECONDS = 86_400;

export interface AlertRule {
    alert: string;
    expr: string;
    for: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
}

/** The alerting rule group: issuer TTL (from the metric) and the earliest anchor expiry (from the bundle). */
export function expiryRuleGroups(trustAnchorsPem: string): { name: string; rules: AlertRule[] }[] {
    const anchors = splitPemBundle(trustAnchorsPem).map((pem) => new X509Certificate(pem));
    const earliest = Math.min(...anchors.map((a) => Math.floor(Date.parse(a.validTo) / 1000)));
    const warn = EXPIRY_WARNING_DAYS * DAY_SECONDS;
    return [
        {
            name: "linkerd-certificates",
            rules: [
                {
                    alert: "LinkerdIdentityIssuerExpiresSoon",
                    expr: `min(issuer_cert_ttl_seconds) < ${warn}`,
                    for: "1h",
                    labels: { severity: "warning" },
                    annotations: {
                        summary: "Linkerd's identity issuer expires within 60 days",
                        description:
                            "The issuer should have been renewed (renewal starts certificateRenewBeforeHours before expiry): " +
                            "run pulumi up of this cluster's stack (it requests a new certificate), of the trust stack (it " +
                            "signs it), and of this cluster's stack again (it installs it).",
                    },
                },
                {
                    alert: "LinkerdIdentityIssuerExpiresVerySoon",
                    expr: `min(issuer_cert_ttl_seconds) < ${7 * DAY_SECONDS}`,
                    for: "10m",
                    labels: { severity: "critical" },
                    annotations: {
                        summary: "Linkerd's identity issuer expires within 7 days",
                        description: "Proxies cannot get certificates once the issuer expires: renew it now.",
                    },
                },
                {
                    alert: "LinkerdIdentityIssuerTTLMissing",
                    expr: "absent(issuer_cert_ttl_seconds)",
                    for: "1h",
                    labels: { severity: "warning" },
                    annotations: {
                        summary: "No Linkerd issuer TTL is scraped",
                        description:
                            "Prometheus scrapes no issuer_cert_ttl_seconds from linkerd-identity: check the " +
                            "linkerd-controller scrape job, or the expiry alerts above cannot fire.",
                    },
                },
                {
                    alert: "LinkerdTrustAnchorExpiresSoon",
                    // vector(): a comparison of two scalars would need `bool` and could not alert.
                    expr: `vector(${earliest} - time()) < ${warn}`,
                    for: "1h",
                    labels: { severity: "warning" },
                    annotations: {
                        summary: "A Linkerd trust anchor expires within 60 days",
                        description:
                            `The earliest anchor of this cluster's bundle expires at ${new Date(earliest * 1000).toISOString()}. ` +
                            "Rotate it (README: trust anchor rotation).",
                    },
                },
            ],
        },
    ];
}

export interface ExpiryAlertsArgs {
    namespace: string;
    labels: Record<string, string>;
    trustAnchorsPem: pulumi.Input<string>;
    /** The control plane: the rule watches its identity controller. */
    prerequisites: pulumi.Resource[];
}

/** A PrometheusRule (monitoring.coreos.com/v1) with the expiry alerts. */
export class ExpiryAlerts extends pulumi.ComponentResource {
    constructor(name: string, args: ExpiryAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("linkerd:index:ExpiryAlerts", name, {}, opts);
        new k8s.apiextensions.CustomResource(
            `${name}-rule`,
            {
                apiVersion: "monitoring.coreos.com/v1",
                kind: "PrometheusRule",
                metadata: { name: "linkerd-certificate-expiry", namespace: args.namespace, labels: args.labels },
                spec: { groups: pulumi.output(args.trustAnchorsPem).apply(expiryRuleGroups) },
            },
            { parent: this, dependsOn: args.prerequisites },
        );
        this.registerOutputs({});
    }
}
