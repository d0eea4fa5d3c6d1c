// Typed values for the linkerd-viz chart: upstream's HA values (when on), then what this program
// owns, then the stack's own overrides (vizValues), which may not touch what the program owns.
import * as pulumi from "@pulumi/pulumi";
import type { OwnedKeys } from "../charts/overrides.ts";
import { clone, deepMerge, type Values } from "../charts/values.ts";
import type { Resources } from "../controlPlane/resources.ts";
import { customDomains, type Domains, webhookCertificateKeys, type WebhookTls } from "../controlPlane/values.ts";

/**
 * Upstream's viz `values-ha.yaml` (the same in 2026.6.3 and 2026.8.3), anchors expanded. `resources`
 * only holds the anchor upstream, and `prometheus.resources` concerns the bundled Prometheus, which
 * is disabled here; both are kept so that the HA values equal upstream's.
 */
export function vizHighAvailabilityValues(): Values {
    const resources: Resources = { cpu: { limit: "", request: "100m" }, memory: { limit: "250Mi", request: "50Mi" } };
    return {
        enablePodAntiAffinity: true,
        enablePodDisruptionBudget: true,
        resources: clone(resources),
        tap: { replicas: 3, resources: clone(resources) },
        dashboard: { resources: clone(resources) },
        prometheus: {
            resources: { cpu: { limit: "", request: "300m" }, memory: { limit: "8192Mi", request: "300Mi" } },
        },
    };
}

export interface VizValuesArgs {
    prometheusUrl: pulumi.Input<string>;
    /** Name of the Secret with `user` and `password` for the Prometheus, when it needs basic auth. */
    prometheusCredsSecret?: pulumi.Input<string>;
    grafana?: { url: pulumi.Input<string> } | { externalUrl: pulumi.Input<string> };
    linkerdNamespace: pulumi.Input<string>;
    tap: WebhookTls;
    tapInjector: WebhookTls;
    dashboard: { restrictPrivileges: boolean; enforcedHostRegexp?: pulumi.Input<string> };
    highAvailability: boolean;
    domains: Domains;
    overrides: Values;
}

export function vizValues(args: VizValuesArgs): Values {
    const values: Values = args.highAvailability ? vizHighAvailabilityValues() : {};
    deepMerge(values, {
        linkerdNamespace: args.linkerdNamespace,
        // The organisation's Prometheus; the bundled one must be disabled on every install and upgrade.
        prometheusUrl: args.prometheusUrl,
        prometheus: { enabled: false },
        prometheusCredsSecret: args.prometheusCredsSecret,
        ...customDomains(args.domains),
        grafana: args.grafana,
        // Helm hooks do not run under Pulumi's Chart; the program puts the metadata on the namespace itself.
        createNamespaceMetadataJob: false,
        tap: { externalSecret: false, ...args.tap },
        tapInjector: { externalSecret: false, ...args.tapInjector },
        dashboard: {
            restrictPrivileges: args.dashboard.restrictPrivileges,
            enforcedHostRegexp: args.dashboard.enforcedHostRegexp,
        },
    });
    return deepMerge(values, args.overrides);
}

export const VIZ_OWNED: OwnedKeys = {
    prometheusUrl: "use prometheusUrl",
    "prometheus.enabled": "viz always reads the organisation's Prometheus",
    prometheusCredsSecret: "use prometheusUsername and prometheusPassword",
    linkerdNamespace: "the control plane's namespace is fixed",
    createNamespaceMetadataJob: "the program puts the namespace metadata on the namespace itself",
    ...webhookCertificateKeys("tap", "tapInjector"),
    grafana: "use grafanaUrl or grafanaExternalUrl",
    "dashboard.restrictPrivileges": "use vizDashboardRestrictPrivileges",
    "dashboard.enforcedHostRegexp": "use vizDashboardEnforcedHost",
    clusterDomain: "use clusterDomain",
    identityTrustDomain: "use identityTrustDomain",
};
