// Letting the organisation's Prometheus, and nothing else new, scrape what its jobs target, under
// Linkerd's policies as the pinned charts set them up:
// - the `linkerd` namespace: destination, identity and the proxy injector pin all-unauthenticated
//   (charts/linkerd-control-plane/templates/*.yaml), so nothing is needed, and nothing may tighten them;
// - `linkerd-viz` and the workloads' namespaces follow the cluster's default policy: when it refuses
//   the Prometheus, a Server per scraped port keeps that policy for everyone else, and an
//   AuthorizationPolicy admits the Prometheus;
// - `linkerd-multicluster`: the chart's own Servers on its admin ports admit only viz's bundled
//   Prometheus (linkerd-viz/prometheus), whatever the default, so the Prometheus needs an
//   AuthorizationPolicy on each of them (multicluster/charts/linkerd-multicluster/templates/service-mirror-policy.yaml).
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { InboundPolicy } from "../controlPlane/config.ts";
import type { ScrapeClient } from "./config.ts";

/** Whether proxies under `policy` refuse a scrape from `client`: a meshed Prometheus is authenticated and in the cluster; an unmeshed one is neither. */
export function scrapeBlockedBy(policy: InboundPolicy, client: ScrapeClient["kind"]): boolean {
    switch (policy) {
        case "all-unauthenticated":
        case "audit":
            return false;
        case "all-authenticated":
        case "cluster-authenticated":
        case "cluster-unauthenticated":
            return client === "networks";
        case "deny":
            return true;
    }
}

/** The multicluster chart's Servers on admin ports (service-mirror-policy.yaml). */
export const MULTICLUSTER_ADMIN_SERVERS = [
    "linkerd-admin",
    "service-mirror",
    "controller",
    "local-service-mirror",
] as const;

export interface ScrapedNamespace {
    namespace: string;
    /** Container ports scraped there: the proxies' `linkerd-admin`, and viz's own `admin` ports in the viz namespace. */
    ports: string[];
    /** Pods left out (they have a Server of their own on that port, from the chart). */
    excludeComponents: string[];
}

export interface AuthorizationArgs {
    client: ScrapeClient;
    /** The cluster's default policy, kept by the Servers for every other client. */
    accessPolicy: InboundPolicy;
    dependsOn: pulumi.Resource[];
}

/** A Server per scraped port that keeps `accessPolicy` for everyone else, and an AuthorizationPolicy for the Prometheus. */
export function authorizeNamespace(
    name: string,
    target: ScrapedNamespace,
    args: AuthorizationArgs,
    parent: pulumi.Resource,
): void {
    const servers = target.ports.map(
        (port) =>
            new k8s.apiextensions.CustomResource(
                `${name}-${port === "linkerd-admin" ? "server" : `${port}-server`}`,
                {
                    apiVersion: "policy.linkerd.io/v1beta3",
                    kind: "Server",
                    metadata: { name: serverName(port), namespace: target.namespace },
                    spec: {
                        podSelector: target.excludeComponents.length
                            ? {
                                  matchExpressions: [
                                      { key: "component", operator: "NotIn", values: target.excludeComponents },
                                  ],
                              }
                            : {},
                        port,
                        proxyProtocol: "HTTP/1",
                        accessPolicy: args.accessPolicy,
                    },
                },
                { parent, dependsOn: args.dependsOn },
            ),
    );
    authorizeOnServers(
        name,
        { namespace: target.namespace, servers: target.ports.map(serverName), ...args },
        parent,
        servers,
    );
}

function serverName(port: string): string {
    return port === "linkerd-admin" ? "linkerd-fleet-proxy-admin" : `linkerd-fleet-${port}`;
}

/** An AuthorizationPolicy for the Prometheus on each of `servers` (existing Servers, or ones made here). */
export function authorizeOnServers(
    name: string,
    args: AuthorizationArgs & { namespace: string; servers: readonly string[] },
    parent: pulumi.Resource,
    servers: pulumi.Resource[] = [],
): void {
    const needs: pulumi.Resource[] = [...args.dependsOn, ...servers];
    let authentication: Record<string, string>;
    if (args.client.kind === "serviceAccount") {
        authentication = { kind: "ServiceAccount", name: args.client.name, namespace: args.client.namespace };
    } else {
        needs.push(
            new k8s.apiextensions.CustomResource(
                `${name}-networks`,
                {
                    apiVersion: "policy.linkerd.io/v1alpha1",
                    kind: "NetworkAuthentication",
                    metadata: { name: "linkerd-fleet-prometheus", namespace: args.namespace },
                    spec: { networks: args.client.cidrs.map((cidr) => ({ cidr })) },
                },
                { parent, dependsOn: args.dependsOn },
            ),
        );
        authentication = {
            group: "policy.linkerd.io",
            kind: "NetworkAuthentication",
            name: "linkerd-fleet-prometheus",
        };
    }
    for (const server of args.servers) {
        const suffix = server === "linkerd-fleet-proxy-admin" ? "" : `-${server}`;
        new k8s.apiextensions.CustomResource(
            `${name}-authorization${suffix}`,
            {
                apiVersion: "policy.linkerd.io/v1alpha1",
                kind: "AuthorizationPolicy",
                metadata: { name: `linkerd-fleet-prometheus-scrape${suffix}`, namespace: args.namespace },
                spec: {
                    targetRef: { group: "policy.linkerd.io", kind: "Server", name: server },
                    requiredAuthenticationRefs: [authentication],
                },
            },
            { parent, dependsOn: needs },
        );
    }
}
