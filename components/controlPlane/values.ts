// Typed values for the linkerd-crds and linkerd-control-plane charts. Precedence, lowest first:
// chart defaults, upstream's HA values (when on), resource overrides, what the program owns
// (identity, webhook certificates, settings with config keys of their own), then the stack's own
// overrides (controlPlaneValues), which may not touch what the program owns.
import * as pulumi from "@pulumi/pulumi";
import type { OwnedKeys } from "../charts/overrides.ts";
import { clone, deepMerge, getPath, setPath, type Values } from "../charts/values.ts";
import { RESOURCE_COMPONENTS, type ResourceComponent, type ResourceOverrides, type Resources } from "./resources.ts";

/** Resources upstream's values-ha.yaml gives the controllers (its `controller_resources` anchor). */
const HA_CONTROLLER_RESOURCES: Resources = {
    cpu: { limit: "", request: "100m" },
    memory: { limit: "250Mi", request: "50Mi" },
};

/**
 * Upstream's `values-ha.yaml` for the supported releases (identical in 2026.6.3 and 2026.8.3),
 * YAML anchors expanded, key for key. `controllerResources` only holds the anchor upstream and
 * `highAvailability` is the flag `linkerd check` reads; both are kept so that what is applied equals
 * `helm install -f values-ha.yaml`.
 */
export function highAvailabilityValues(): Values {
    return {
        enablePodDisruptionBudget: true,
        controller: { podDisruptionBudget: { maxUnavailable: 1 } },
        deploymentStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: "25%" } },
        enablePodAntiAffinity: true,
        proxy: { resources: { cpu: { request: "100m" }, memory: { limit: "250Mi", request: "20Mi" } } },
        controllerReplicas: 3,
        controllerResources: clone(HA_CONTROLLER_RESOURCES),
        destinationResources: clone(HA_CONTROLLER_RESOURCES),
        identityResources: { cpu: clone(HA_CONTROLLER_RESOURCES.cpu), memory: { limit: "250Mi", request: "10Mi" } },
        heartbeatResources: clone(HA_CONTROLLER_RESOURCES),
        proxyInjectorResources: clone(HA_CONTROLLER_RESOURCES),
        webhookFailurePolicy: "Fail",
        spValidatorResources: clone(HA_CONTROLLER_RESOURCES),
        highAvailability: true,
    };
}

/** A webhook's serving certificate, as the chart takes it. */
export interface WebhookTls {
    crtPEM: pulumi.Input<string>;
    keyPEM: pulumi.Input<string>;
    caBundle: pulumi.Input<string>;
}

export interface Domains {
    clusterDomain: string;
    identityTrustDomain: string;
}

export interface ControlPlaneValuesArgs {
    trustAnchorsPem: pulumi.Input<string>;
    issuerCertPem: pulumi.Input<string>;
    /** Wrapped as a secret here whatever it arrives as. */
    issuerKeyPem: pulumi.Input<string>;
    webhooks: { proxyInjector: WebhookTls; profileValidator: WebhookTls; policyValidator: WebhookTls };
    heartbeatSchedule: string;
    highAvailability: boolean;
    resources: ResourceOverrides;
    defaultInboundPolicy: string;
    cniEnabled: boolean;
    clockSkewAllowance: string;
    domains: Domains;
    /** The Prometheus the daily heartbeat queries. */
    prometheusUrl?: pulumi.Input<string>;
    /** The stack's overrides (controlPlaneValues), merged last. */
    overrides: Values;
}

/** The chart's `clusterDomain` and `identityTrustDomain`, only where they differ from the defaults. */
export function customDomains(domains: Domains): Values {
    return {
        clusterDomain: domains.clusterDomain !== "cluster.local" ? domains.clusterDomain : undefined,
        identityTrustDomain:
            domains.identityTrustDomain !== domains.clusterDomain ? domains.identityTrustDomain : undefined,
    };
}

export function crdsValues(): Values {
    // Gateway API comes from upstream's own release, at a version this Linkerd supports.
    return { installGatewayAPI: false };
}

export function controlPlaneValues(args: ControlPlaneValuesArgs): Values {
    const values: Values = args.highAvailability ? highAvailabilityValues() : {};
    for (const [component, chartKey] of Object.entries(RESOURCE_COMPONENTS) as [ResourceComponent, string][]) {
        const override = args.resources[component];
        if (override) {
            setPath(values, chartKey, deepMerge(clone((getPath(values, chartKey) as Resources) ?? {}), override));
        }
    }
    deepMerge(values, {
        identityTrustAnchorsPEM: args.trustAnchorsPem,
        identity: {
            issuer: {
                scheme: "linkerd.io/tls",
                tls: { crtPEM: args.issuerCertPem, keyPEM: pulumi.secret(args.issuerKeyPem) },
                clockSkewAllowance: args.clockSkewAllowance !== "20s" ? args.clockSkewAllowance : undefined,
            },
        },
        // With the certificates (and the CA that signed them) supplied, the chart stops generating
        // new ones on every render, which would roll the control plane on every update.
        proxyInjector: { externalSecret: false, ...args.webhooks.proxyInjector },
        profileValidator: { externalSecret: false, ...args.webhooks.profileValidator },
        policyValidator: { externalSecret: false, ...args.webhooks.policyValidator },
        // The chart's default schedule is "render time + 10 minutes", new on every render.
        heartbeatSchedule: args.heartbeatSchedule,
        prometheusUrl: args.prometheusUrl,
        ...customDomains(args.domains),
        cniEnabled: args.cniEnabled ? true : undefined,
        proxy: { defaultInboundPolicy: args.defaultInboundPolicy },
    });
    return deepMerge(values, args.overrides);
}

/** What controlPlaneValues may not set, and the config key (or area) that sets it instead. */
export const CONTROL_PLANE_OWNED: OwnedKeys = {
    identityTrustAnchorsPEM: "the trust bundle comes from the trust root",
    "identity.issuer": "the issuer comes from the certificate lifecycle (identityIssuer* keys for one made elsewhere)",
    "identity.externalCA": "the trust bundle comes from the trust root",
    ...webhookCertificateKeys("proxyInjector", "profileValidator", "policyValidator"),
    heartbeatSchedule: "use heartbeatSchedule",
    prometheusUrl: "use prometheusUrl",
    clusterDomain: "use clusterDomain",
    identityTrustDomain: "use identityTrustDomain",
    cniEnabled: "use cniEnabled",
    "proxy.defaultInboundPolicy": "use defaultInboundPolicy",
    podMonitor: "use prometheusScrapeConfig podMonitors",
};

/** The certificate fields of webhooks whose certificates come from the cluster's webhook CA. */
export function webhookCertificateKeys(...webhooks: string[]): OwnedKeys {
    const fields = ["externalSecret", "crtPEM", "keyPEM", "caBundle", "injectCaFrom", "injectCaFromSecret"];
    return Object.fromEntries(
        webhooks.flatMap((webhook) =>
            fields.map((field) => [`${webhook}.${field}`, "its certificates come from the cluster's webhook CA"]),
        ),
    );
}
