// Typed values for the linkerd-multicluster chart: upstream's HA values (when on), then what this
// program owns (the gateway, remote access, one controller per link), then the stack's overrides
// (multiclusterValues), which may not touch what the program owns.
import type * as pulumi from "@pulumi/pulumi";
import type { OwnedKeys } from "../charts/overrides.ts";
import { deepMerge, type Values } from "../charts/values.ts";
import type { GatewaySettings } from "./config.ts";

/** The gateway's probe: the chart's defaults, set explicitly so that the link bundle can state them. */
export const GATEWAY_PROBE = { path: "/ready", port: 4191, periodSeconds: 3 };

/** Upstream's multicluster `values-ha.yaml` (the whole file, the same in 2026.6.3 and 2026.8.3). */
export function multiclusterHighAvailabilityValues(): Values {
    return { gateway: { replicas: 3 }, enablePodAntiAffinity: true };
}

/**
 * Upstream's values-ha leaves the per-link service-mirror controllers at one replica. They elect a
 * leader through a Lease, so two replicas on different nodes keep every link mirrored through a node
 * failure or drain (the chart adds their PDB because HA's top-level enablePodAntiAffinity is on).
 */
export const HA_LINK_CONTROLLERS = { replicas: 2, enablePodAntiAffinity: true };

export interface ControllerEntry {
    link: { ref: { name: string } };
    gateway: { enabled: boolean; probe?: { port: number } };
}

export interface MulticlusterValuesArgs {
    linkerdNamespace: pulumi.Input<string>;
    identityTrustDomain: string;
    gateway: GatewaySettings;
    /** One remote-access ServiceAccount per source cluster allowed to link here. */
    remoteAccessServiceAccounts: string[];
    /** One service-mirror controller per link this cluster makes. */
    controllers: ControllerEntry[];
    highAvailability: boolean;
    overrides: Values;
}

export function multiclusterValues(args: MulticlusterValuesArgs): Values {
    const values: Values = args.highAvailability ? multiclusterHighAvailabilityValues() : {};
    deepMerge(values, {
        linkerdNamespace: args.linkerdNamespace,
        // Used for the gateway's identity annotation; the CLI fills it from linkerd-config, Helm does not.
        identityTrustDomain: args.identityTrustDomain,
        // Helm hooks do not run under Pulumi's Chart; the program puts the metadata on the namespace itself.
        createNamespaceMetadataJob: false,
        gateway: {
            enabled: true,
            serviceType: args.gateway.serviceType,
            port: args.gateway.port,
            nodePort: args.gateway.nodePort,
            serviceAnnotations: args.gateway.serviceAnnotations,
            loadBalancerClass: args.gateway.loadBalancerClass,
            loadBalancerIP: args.gateway.loadBalancerIP,
            loadBalancerSourceRanges: args.gateway.loadBalancerSourceRanges,
            probe: {
                path: GATEWAY_PROBE.path,
                port: GATEWAY_PROBE.port,
                seconds: GATEWAY_PROBE.periodSeconds,
                nodePort: args.gateway.probeNodePort,
            },
        },
        remoteMirrorServiceAccount: args.remoteAccessServiceAccounts.length > 0,
        remoteMirrorServiceAccountName: args.remoteAccessServiceAccounts,
        controllers: args.controllers,
        controllerDefaults: args.highAvailability ? HA_LINK_CONTROLLERS : undefined,
    });
    return deepMerge(values, args.overrides);
}

export const MULTICLUSTER_OWNED: OwnedKeys = {
    linkerdNamespace: "the control plane's namespace is fixed",
    identityTrustDomain: "use identityTrustDomain",
    createNamespaceMetadataJob: "the program puts the namespace metadata on the namespace itself",
    "gateway.enabled": "the gateway is always on",
    "gateway.serviceType": "use multiclusterGatewayServiceType",
    "gateway.port": "use multiclusterGatewayPort",
    "gateway.nodePort": "use multiclusterGatewayNodePort",
    "gateway.serviceAnnotations": "use multiclusterGatewayServiceAnnotations",
    "gateway.loadBalancerClass": "use multiclusterGatewayLoadBalancerClass",
    "gateway.loadBalancerIP": "use multiclusterGatewayLoadBalancerIP",
    "gateway.loadBalancerSourceRanges": "use multiclusterGatewayLoadBalancerSourceRanges",
    "gateway.probe": "the probe is published in the link bundle as the program sets it",
    "gateway.name": "other clusters' links name the gateway as the chart's default",
    remoteMirrorServiceAccount: "use multiclusterAllowedSources",
    remoteMirrorServiceAccountName: "use multiclusterAllowedSources",
    controllers: "use multiclusterLinks",
};
