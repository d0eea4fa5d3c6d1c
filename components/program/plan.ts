// Plan, then deploy. The plan reads everything the stack depends on (its config, its own last
// outputs, the trust stack's, the cluster stacks it issues for, its link targets'), validates all
// of it and makes every decision; it returns a plan, or fails once with every problem, before a
// single resource is registered. deploy.ts then only registers what the plan says.
import { effectiveResources, requestAboveLimit } from "../controlPlane/resources.ts";
import { highAvailabilityValues } from "../controlPlane/values.ts";
import { missingArchives } from "../charts/source.ts";
import { Problems } from "../config/problems.ts";
import { ConfigReader } from "../config/reader.ts";
import { type ConfigSnapshot, qualifiedStackName } from "../config/snapshot.ts";
import type { IdentityRecord } from "../contract/state.ts";
import { unreadable } from "../contract/reader.ts";
import { type ClusterTrustPlan, planClusterTrust } from "../lifecycle/clusterTrust.ts";
import { issuanceDecision } from "../lifecycle/expiry.ts";
import { planTrust, rotationStarted, type TrustPlan } from "../lifecycle/trustPlan.ts";
import { type LinkDecision, planLinks } from "../multicluster/linkPlan.ts";
import { anchorIds } from "../trust/anchors.ts";
import { planViz, type VizPlan } from "../viz/plan.ts";
import { identityGuards } from "./identityGuards.ts";
import { ALL_KEYS } from "./keys.ts";
import { type PreviousRun, previousRun } from "./previous.ts";
import { gatherReads, type StackReader, type StackReads } from "./reads.ts";
import { type ClusterSettings, parseSettings, type StackSettings } from "./settings.ts";

export interface ClusterPlan {
    settings: ClusterSettings;
    /** The stack whose trust root the cluster installs (this one, when it owns it). */
    trustStack: string;
    trust: ClusterTrustPlan;
    viz?: VizPlan;
    links: LinkDecision[];
}

export interface StackPlan {
    self: string;
    /** The namespace of the config keys, for messages. */
    namespace: string;
    now: Date;
    settings: StackSettings;
    previous: PreviousRun;
    identity: IdentityRecord;
    trust?: TrustPlan;
    cluster?: ClusterPlan;
    warnings: string[];
    infos: string[];
}

export async function planStack(snapshot: ConfigSnapshot, now: Date, read?: StackReader): Promise<StackPlan> {
    const problems = new Problems();
    const reader = new ConfigReader(snapshot, ALL_KEYS, problems);
    reader.checkUnknownKeys();
    const self = qualifiedStackName(snapshot);
    const settings = parseSettings(reader, now, self);
    const reads = await gatherReads(settings, read);
    const found: string[] = [];
    const warnings = [...reader.warnings];
    const infos: string[] = [];
    const previous = previousRun(reads.self, now, found);
    const identity = identityOf(settings);
    const guards = identityGuards(previous.state?.identity, identity, settings.acknowledgements, (k) => reader.key(k));
    found.push(...guards.problems);
    warnings.push(...guards.warnings);
    const trust =
        settings.trust.kind === "owned"
            ? planOwnedTrust(settings, reads, previous, now, reader, found, warnings)
            : undefined;
    const cluster =
        settings.cluster &&
        planCluster(settings, settings.cluster, reads, previous, trust, {
            now,
            reader,
            problems: found,
            warnings,
            infos,
        });
    found.forEach((p) => problems.add(p));
    problems.throwIfAny(self);
    return { self, namespace: snapshot.namespace, now, settings, previous, identity, trust, cluster, warnings, infos };
}

function identityOf(settings: StackSettings): IdentityRecord {
    const controlPlane = settings.cluster?.controlPlane;
    const access = controlPlane?.access;
    return {
        trustOwner: settings.trust.kind === "owned",
        trustStack: settings.trust.kind === "referenced" ? settings.trust.stack : undefined,
        clusterName: controlPlane?.clusterName,
        clusterDomain: controlPlane?.domains.clusterDomain,
        identityTrustDomain: controlPlane?.domains.identityTrustDomain,
        apiServer: access?.kind === "live" ? access.serverDigest : undefined,
    };
}

function planOwnedTrust(
    settings: StackSettings,
    reads: StackReads,
    previous: PreviousRun,
    now: Date,
    reader: ConfigReader,
    problems: string[],
    warnings: string[],
): TrustPlan {
    const trust = settings.trust as Extract<StackSettings["trust"], { kind: "owned" }>;
    return planTrust({
        settings: trust.settings,
        self: settings.self,
        now,
        previous: previous.state?.trust,
        previousBundlePem: previous.trust?.bundlePem,
        reads: reads.issued,
        ownCluster: settings.cluster && { name: settings.cluster.controlPlane.clusterName, output: previous.cluster },
        keys: {
            issueFor: reader.key("issueFor"),
            generations: reader.key("trustAnchorGenerations"),
            signing: reader.key("trustAnchorSigningGeneration"),
            issuerValidityHours: reader.key("issuerValidityHours"),
            renewBeforeHours: reader.key("certificateRenewBeforeHours"),
        },
        renewBeforeHours: settings.lifecycle.renewBeforeHours,
        problems,
        warnings,
    });
}

interface PlanContext {
    now: Date;
    reader: ConfigReader;
    problems: string[];
    warnings: string[];
    infos: string[];
}

function planCluster(
    settings: StackSettings,
    cluster: ClusterSettings,
    reads: StackReads,
    previous: PreviousRun,
    trust: TrustPlan | undefined,
    ctx: PlanContext,
): ClusterPlan {
    const controlPlane = cluster.controlPlane;
    const trustStack = settings.trust.kind === "referenced" ? settings.trust.stack : settings.self;
    const clusterTrust = planTrustOfCluster(settings, cluster, reads, previous, trust, ctx);
    checkChart(cluster, ctx);
    const links = cluster.multicluster
        ? planLinks({
              own: {
                  cluster: controlPlane.clusterName,
                  clusterDomain: controlPlane.domains.clusterDomain,
                  trustDomain: controlPlane.domains.identityTrustDomain,
                  bundlePem: clusterTrust.bundlePem,
                  issuerPem: knownIssuerPem(clusterTrust, previous),
              },
              settings: cluster.multicluster,
              reads: reads.links,
              previous: previous.state?.cluster?.links ?? {},
              key: ctx.reader.key("multiclusterLinks"),
              problems: ctx.problems,
              warnings: ctx.warnings,
          })
        : [];
    const viz =
        cluster.viz &&
        planViz(
            ctx.reader,
            cluster.viz,
            controlPlane.defaultInboundPolicy,
            cluster.multicluster !== undefined,
            ctx.warnings,
        );
    return { settings: cluster, trustStack, trust: clusterTrust, viz, links };
}

function planTrustOfCluster(
    settings: StackSettings,
    cluster: ClusterSettings,
    reads: StackReads,
    previous: PreviousRun,
    trust: TrustPlan | undefined,
    ctx: PlanContext,
): ClusterTrustPlan {
    const common = {
        cluster: cluster.controlPlane.clusterName,
        self: settings.self,
        now: ctx.now,
        renewBeforeHours: settings.lifecycle.renewBeforeHours,
        previous: previous.state?.cluster,
        previousRequest: previous.cluster?.request,
        external: cluster.externalIssuer,
        problems: ctx.problems,
        warnings: ctx.warnings,
    };
    if (!trust) {
        const read = reads.trust!;
        if (!read.found) {
            ctx.problems.push(unreadable(read, ctx.reader.key("trustStack")));
        }
        const stack = read.found ? read.stack : { name: read.name, outputs: {}, secretNames: new Set<string>() };
        return report(
            planClusterTrust({ ...common, trust: { kind: "stack", key: ctx.reader.key("trustStack"), read: stack } }),
            ctx,
        );
    }
    const anchorsUnchanged = sameList(
        anchorIds(trust.settings.anchors),
        previous.state?.trust?.anchors.map((a) => a.id) ?? [],
    );
    const ownSigned = previous.state?.trust?.signed[cluster.controlPlane.clusterName];
    const plan = planClusterTrust({
        ...common,
        trust: {
            kind: "own",
            bundlePem: anchorsUnchanged ? previous.trust?.bundlePem : undefined,
            anchors: [...trust.deployedAnchors.values()],
            reissue: ownSigned !== undefined && ownSigned.signedBy !== trust.settings.anchors.signer,
        },
    });
    return report(ownIssuance(plan, trust, previous, ctx, common.renewBeforeHours), ctx);
}

/** A stack that signs its own cluster's issuer applies the trust stack's rules to it too. */
function ownIssuance(
    plan: ClusterTrustPlan,
    trust: TrustPlan,
    previous: PreviousRun,
    ctx: PlanContext,
    renewBeforeHours: number,
): ClusterTrustPlan {
    const signer = trust.settings.anchors.signer;
    if (plan.slots.install.kind !== "local" || !plan.slots.changed || signer === undefined) {
        return plan;
    }
    const signerAnchor = previous.state?.trust?.anchors.find((a) => a.id === signer);
    const external = trust.settings.anchors.external.find((a) => a.id === signer);
    const notAfter = external ? new Date(external.cert.validTo).toISOString() : signerAnchor?.notAfter;
    if (notAfter === undefined) {
        return plan; // a new anchor, valid for far longer than any issuer
    }
    const decision = issuanceDecision({
        issuer: "The identity issuer of this stack's own cluster",
        signer: { id: signer, notAfter },
        validityHours: trust.settings.issuerValidityHours,
        now: ctx.now,
        rotationStarted: rotationStarted(
            { settings: trust.settings, previous: previous.state?.trust, now: ctx.now },
            signer,
        ),
        renewBeforeHours,
        keys: {
            generations: ctx.reader.key("trustAnchorGenerations"),
            issuerValidityHours: ctx.reader.key("issuerValidityHours"),
            renewBeforeHours: ctx.reader.key("certificateRenewBeforeHours"),
        },
    });
    if (decision.kind === "refuse") {
        ctx.problems.push(decision.message);
    } else if (decision.kind === "defer" && previous.state?.cluster?.current) {
        ctx.warnings.push(decision.message);
        const slots = previous.state.cluster.slots;
        const slot = Math.max(...slots);
        return {
            ...plan,
            slots: {
                ...plan.slots,
                slots,
                requestSlot: slot,
                install: { kind: "local", slot },
                renewing: false,
                changed: false,
            },
            issuerSince: previous.state.cluster.current.since,
        };
    }
    return plan;
}

function report(plan: ClusterTrustPlan, ctx: PlanContext): ClusterTrustPlan {
    for (const message of plan.slots.messages) {
        if (message.level === "info") {
            ctx.infos.push(message.text);
        } else if (message.level === "warning") {
            ctx.warnings.push(message.text);
        }
    }
    return plan;
}

/** The issuer certificate the cluster installs this run, when it is known now. */
function knownIssuerPem(plan: ClusterTrustPlan, previous: PreviousRun): string | undefined {
    const install = plan.slots.install;
    if ("certificatePem" in install) {
        return install.certificatePem;
    }
    return install.kind === "local" && !plan.slots.changed
        ? previous.state?.cluster?.current?.certificatePem
        : undefined;
}

/** Chart archives exist, and no request exceeds its limit (which Kubernetes rejects only mid-rollout). */
function checkChart(cluster: ClusterSettings, ctx: PlanContext): void {
    const cp = cluster.controlPlane;
    const charts = [
        "linkerd-crds",
        "linkerd-control-plane",
        ...(cp.cni ? ["linkerd2-cni" as const] : []),
        ...(cluster.viz ? ["linkerd-viz" as const] : []),
        ...(cluster.multicluster ? ["linkerd-multicluster" as const] : []),
    ] as const;
    for (const missing of missingArchives(cp.chart, charts)) {
        ctx.reader.problem("linkerdChartRepository", `${missing}.`);
    }
    for (const bad of requestAboveLimit(
        effectiveResources(cp.highAvailability ? highAvailabilityValues() : undefined, cp.resources),
    )) {
        ctx.reader.problem(
            bad.component === "proxy" ? "proxyResources" : "controlPlaneResources",
            `${bad.component}.${bad.resource} would request ${bad.request} but be limited to ${bad.limit}` +
                `${cp.highAvailability ? " (HA defaults included)" : ""}; a request cannot exceed its limit.`,
        );
    }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
    return a.length === b.length && a.every((x, i) => x === b[i]);
}
