// The certificate lifecycle area's config keys: the renewal window, and the expiry alerts.
import { parseLabels } from "../config/labels.ts";
import type { KeySpecs } from "../config/keys.ts";
import type { ConfigReader } from "../config/reader.ts";
import { dns1123LabelProblem } from "../config/rules/kubernetes.ts";

/** Renewal opens at least 61 days before expiry: linkerd check warns from 60 days. */
export const MIN_RENEW_BEFORE_HOURS = 24 * 61;

export const LIFECYCLE_KEYS = {
    certificateRenewBeforeHours: { type: "integer", default: 2160, roles: ["trust", "cluster"] },
    expiryAlerts: { type: "boolean", default: false, roles: ["cluster"] },
    expiryAlertsNamespace: { type: "string", default: "linkerd", roles: ["cluster"] },
    expiryAlertsLabels: { type: "array", default: [], roles: ["cluster"] },
} as const satisfies KeySpecs;

export interface LifecycleSettings {
    /** Renew issuers and webhook certificates this long before they expire. */
    renewBeforeHours: number;
    /** A PrometheusRule alerting on certificate expiry (Prometheus Operator). */
    alerts?: { namespace: string; labels: Record<string, string> };
}

/** The renewal window must open before linkerd check warns, and leave each certificate at least half its life. */
export function parseLifecycle(
    reader: ConfigReader,
    validities: { key: string; hours: number }[],
    installsCluster: boolean,
): LifecycleSettings {
    const renewBeforeHours = reader.integer("certificateRenewBeforeHours");
    if (renewBeforeHours < MIN_RENEW_BEFORE_HOURS) {
        reader.problem(
            "certificateRenewBeforeHours",
            `${renewBeforeHours} hours is less than 61 days; certificates must be renewed before linkerd check starts warning, 60 days before expiry.`,
        );
    }
    for (const { key, hours } of validities) {
        if (renewBeforeHours * 2 > hours) {
            reader.problem(
                "certificateRenewBeforeHours",
                `renewing ${renewBeforeHours} hours before expiry leaves certificates valid for ${hours} hours (${reader.key(key)}) less than half their life; lower it or raise ${reader.key(key)}.`,
            );
        }
    }
    return { renewBeforeHours, alerts: installsCluster ? parseAlerts(reader) : undefined };
}

function parseAlerts(reader: ConfigReader): LifecycleSettings["alerts"] {
    if (!reader.boolean("expiryAlerts")) {
        reader.refuseIfSet(
            ["expiryAlertsNamespace", "expiryAlertsLabels"],
            `only applies when ${reader.key("expiryAlerts")} is true`,
            (k) => `Fix: pulumi config set ${reader.key("expiryAlerts")} true, or pulumi config rm ${k}`,
        );
        return undefined;
    }
    const namespace = reader.string("expiryAlertsNamespace");
    const problem = dns1123LabelProblem(namespace);
    if (problem) {
        reader.problem("expiryAlertsNamespace", `"${namespace}" ${problem}.`);
    }
    return { namespace, labels: parseLabels(reader, "expiryAlertsLabels") };
}
