// The stack's settings: which roles it plays (owning the trust root, installing into a cluster, or
// both), and each area's settings, parsed by the area itself. Every problem is recorded; the plan
// fails on them only after the other stacks have been read, so that one error lists everything.
import type { StackRole } from "../config/keys.ts";
import type { ConfigReader, Text } from "../config/reader.ts";
import { stackNameProblem } from "../config/rules/stackName.ts";
import { clusterNameProblem, type ControlPlaneSettings, parseControlPlane } from "../controlPlane/config.ts";
import { type LifecycleSettings, parseLifecycle } from "../lifecycle/config.ts";
import { type MulticlusterSettings, parseMulticluster } from "../multicluster/config.ts";
import { parseTrust, type TrustSettings } from "../trust/config.ts";
import { type ExternalIssuer, parseExternalIssuer } from "../trust/externalIssuer.ts";
import { parsePrometheusUrl, parseViz, type VizSettings } from "../viz/config.ts";

export interface ClusterSettings {
    controlPlane: ControlPlaneSettings;
    viz?: VizSettings;
    multicluster?: MulticlusterSettings;
    externalIssuer?: ExternalIssuer;
    /** The Prometheus the control plane's heartbeat queries (viz's, or one given without viz). */
    prometheusUrl?: Text;
}

export interface StackSettings {
    /** `<organization>/<project>/<stack>` */
    self: string;
    roles: ReadonlySet<StackRole>;
    trust: { kind: "owned"; settings: TrustSettings } | { kind: "referenced"; stack: string };
    cluster?: ClusterSettings;
    lifecycle: LifecycleSettings;
    acknowledgements: string[];
}

export function parseSettings(reader: ConfigReader, now: Date, self: string): StackSettings {
    const clusterName = reader.optionalString("clusterName");
    const trustStack = reader.optionalString("trustStack");
    const roles = new Set<StackRole>([
        ...(clusterName !== undefined ? ["cluster" as const] : []),
        ...(trustStack === undefined ? ["trust" as const] : []),
    ]);
    reader.checkRoles(roles, (name, spec) =>
        spec.roles.includes("cluster")
            ? `only applies to a stack that installs Linkerd into a cluster, and ${reader.key("clusterName")} is not set. Set it, or remove this key: pulumi config rm ${reader.key(name)}`
            : `only applies to the stack that owns the trust root, and this stack reads its trust from ${reader.key("trustStack")} ("${trustStack}"). Set it in that stack, and remove it here: pulumi config rm ${reader.key(name)}`,
    );
    const trust = parseTrustRole(reader, now, self, trustStack, clusterName);
    const cluster = clusterName === undefined ? undefined : parseCluster(reader, clusterName, now, self);
    const validities = [
        ...(trust.kind === "owned" ? [{ key: "issuerValidityHours", hours: trust.settings.issuerValidityHours }] : []),
        ...(cluster ? [{ key: "webhookCertValidityHours", hours: cluster.controlPlane.webhookCertValidityHours }] : []),
    ];
    return {
        self,
        roles,
        trust,
        cluster,
        lifecycle: parseLifecycle(reader, validities, cluster !== undefined),
        acknowledgements: reader.list("acknowledgeIdentityChanges"),
    };
}

function parseTrustRole(
    reader: ConfigReader,
    now: Date,
    self: string,
    trustStack: string | undefined,
    clusterName: string | undefined,
): StackSettings["trust"] {
    if (trustStack === undefined) {
        const settings = parseTrust(reader, now, self);
        if (settings.issueFor.length === 0 && clusterName === undefined && !reader.isSet("issueFor")) {
            reader.problem(
                "issueFor",
                `this stack owns the trust root but issues for no cluster and installs into none. List the cluster stacks ` +
                    `to issue for: pulumi config set --path '${reader.key("issueFor")}[0]' <organization>/<project>/<stack>, or ` +
                    `set ${reader.key("clusterName")} to install into a cluster.`,
            );
        }
        return { kind: "owned", settings };
    }
    const problem =
        stackNameProblem(trustStack) ??
        (trustStack === self
            ? "names this stack; a stack that owns its trust root leaves trustStack unset"
            : undefined);
    if (problem) {
        reader.problem(
            "trustStack",
            `"${trustStack}" ${problem}. Fix: pulumi config set ${reader.key("trustStack")} <organization>/${reader.snapshot.project}/trust`,
        );
    }
    if (clusterName === undefined) {
        reader.problem(
            "clusterName",
            `is required in a stack that reads its trust from ${reader.key("trustStack")}: such a stack installs Linkerd into a cluster. Fix: pulumi config set ${reader.key("clusterName")} east`,
        );
    }
    return { kind: "referenced", stack: trustStack };
}

function parseCluster(reader: ConfigReader, clusterName: string, now: Date, self: string): ClusterSettings | undefined {
    const nameProblem = clusterNameProblem(clusterName);
    if (nameProblem) {
        reader.problem(
            "clusterName",
            `"${clusterName}" ${nameProblem}. It names Kubernetes objects in other clusters. Fix: pulumi config set ${reader.key("clusterName")} east-1`,
        );
    }
    const controlPlane = parseControlPlane(reader, clusterName);
    const prometheusUrl = parsePrometheusUrl(reader);
    const viz = parseViz(reader, prometheusUrl);
    const multicluster = controlPlane ? parseMulticluster(reader, clusterName, controlPlane.access, self) : undefined;
    const externalIssuer = parseExternalIssuer(reader, now);
    return controlPlane ? { controlPlane, viz, multicluster, externalIssuer, prometheusUrl } : undefined;
}
