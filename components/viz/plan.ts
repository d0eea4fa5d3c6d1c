// Decisions for viz: the scrape jobs, and which policy objects let the Prometheus scrape them.
import type { ConfigReader } from "../config/reader.ts";
import type { InboundPolicy } from "../controlPlane/config.ts";
import { LINKERD_NAMESPACE } from "../controlPlane/controlPlane.ts";
import type { VizSettings } from "./config.ts";
import { type ScrapedNamespace, scrapeBlockedBy } from "./scrapeAuthorization.ts";
import { linkerdScrapeJobs, type ScrapeJob } from "./scrapeJobs.ts";

export const VIZ_NAMESPACE = "linkerd-viz";
export const MULTICLUSTER_NAMESPACE = "linkerd-multicluster";

export interface VizPlan {
    settings: VizSettings;
    jobs: ScrapeJob[];
    /** Namespaces where the program adds Servers and an AuthorizationPolicy for the Prometheus. */
    authorize: ScrapedNamespace[];
    /** Whether the Prometheus can be let in to the multicluster namespace (it needs an identity for that). */
    multicluster: "scrape" | "unauthorized" | "absent";
}

export function planViz(
    reader: ConfigReader,
    settings: VizSettings,
    policy: InboundPolicy,
    multicluster: boolean,
    warnings: string[],
): VizPlan {
    const client = settings.client;
    const blocked = scrapeBlockedBy(policy, client?.kind ?? "networks");
    if (!client && blocked) {
        reader.problem(
            "defaultInboundPolicy",
            `"${policy}" stops a Prometheus that is not meshed from scraping, so viz would show no metrics. Name the ` +
                `Prometheus so that exactly it is let in: pulumi config set ${reader.key("prometheusServiceAccount")} ` +
                `<namespace>/<serviceaccount> (meshed), or pulumi config set --path '${reader.key("prometheusNetworks")}[0]' <cidr>.`,
        );
    }
    for (const ns of settings.authorizeNamespaces.filter((n) =>
        [LINKERD_NAMESPACE, VIZ_NAMESPACE, MULTICLUSTER_NAMESPACE].includes(n),
    )) {
        reader.problem(
            "scrapeAuthorizationNamespaces",
            `"${ns}" is Linkerd's own; the program already does what it needs (the control plane pins all-unauthenticated, ` +
                `viz and multicluster are authorized automatically). Remove it.`,
        );
    }
    const workloads = settings.authorizeNamespaces.filter(
        (n) => ![LINKERD_NAMESPACE, VIZ_NAMESPACE, MULTICLUSTER_NAMESPACE].includes(n),
    );
    let authorize: ScrapedNamespace[] = [];
    if (client && blocked) {
        if (workloads.length === 0) {
            reader.problem(
                "scrapeAuthorizationNamespaces",
                `"${policy}" stops this Prometheus from scraping the proxies; list the namespaces of the meshed workloads ` +
                    `it must scrape: pulumi config set --path '${reader.key("scrapeAuthorizationNamespaces")}[0]' <namespace>`,
            );
        }
        authorize = [
            { namespace: VIZ_NAMESPACE, ports: ["linkerd-admin", "admin"], excludeComponents: ["prometheus"] },
            ...workloads.map((namespace) => ({ namespace, ports: ["linkerd-admin"], excludeComponents: [] })),
        ];
    } else if (client && workloads.length > 0) {
        warnings.push(
            `${reader.key("scrapeAuthorizationNamespaces")}: the default inbound policy "${policy}" already lets this ` +
                `Prometheus scrape the proxies; no policy objects are made there. Namespaces annotated with a stricter ` +
                `config.linkerd.io/default-inbound-policy still need their own.`,
        );
    }
    const mc: VizPlan["multicluster"] = !multicluster ? "absent" : client ? "scrape" : "unauthorized";
    if (mc === "unauthorized") {
        warnings.push(
            `The multicluster extension's admin ports admit only viz's bundled Prometheus (linkerd-viz/prometheus), so the ` +
                `organisation's Prometheus cannot scrape the linkerd-multicluster namespace; its scrape jobs leave it out. ` +
                `Set ${reader.key("prometheusServiceAccount")} (or ${reader.key("prometheusNetworks")}) to let it in.`,
        );
    }
    const jobs = linkerdScrapeJobs({
        linkerdNamespace: LINKERD_NAMESPACE,
        vizNamespace: VIZ_NAMESPACE,
        interval: settings.scrape.interval,
        multicluster: mc,
        multiclusterNamespace: MULTICLUSTER_NAMESPACE,
    });
    return { settings, jobs, authorize, multicluster: mc };
}
