// The package's exports (package.json `exports` → lib/components/index.js, with declarations), for
// Pulumi programs that add Linkerd to what they already manage. The program (linkerdProgram) is the
// supported entry point: it plans from config and other stacks, then registers. The components
// and the cross-stack contract are exported for programs that compose their own.

// The program, embeddable: a host program passes its provider and a config namespace.
export { type LinkerdProgramOptions, linkerdProgram, MINIMUM_PULUMI_CLI } from "./program/run.ts";
export { planStack, type StackPlan } from "./program/plan.ts";
export { deployStack } from "./program/deploy.ts";
export { readRuntimeConfig, type ConfigSnapshot } from "./config/snapshot.ts";
export { PlanError } from "./config/problems.ts";

// The cross-stack contract: what stacks of this program publish, and the reader that validates it.
export {
    CLUSTER_OUTPUT,
    type ClusterOutput,
    type OutputSpec,
    TRUST_OUTPUT,
    type TrustOutput,
} from "./contract/outputs.ts";
export { LINK_BUNDLE_OUTPUT, LINK_TOKENS_OUTPUT, type LinkBundle, type LinkTokens } from "./contract/links.ts";
export { readOutput } from "./contract/reader.ts";
export { readStack, type StackOutputs, type StackRead } from "./contract/read.ts";

// Pinned releases.
export { DEFAULT_CHART_VERSION, LINKERD_RELEASES, type LinkerdRelease } from "./charts/releases.ts";

// Components.
export { TrustRoot, type TrustRootArgs } from "./trust/trustRoot.ts";
export { ClusterIssuer, type ClusterIssuerArgs } from "./trust/clusterIssuer.ts";
export { IssuerCertificate, type IssuerCertificateArgs } from "./trust/issuerCertificate.ts";
export { ControlPlane, type ControlPlaneArgs } from "./controlPlane/controlPlane.ts";
export { WebhookAuthority, type WebhookAuthorityArgs } from "./controlPlane/webhooks.ts";
export { KubeSystemLabel } from "./controlPlane/kubeSystem.ts";
export { GatewayApiCrds, type GatewayApiCrdsArgs } from "./controlPlane/gatewayApi.ts";
export { LinkerdCni, type LinkerdCniArgs } from "./controlPlane/cni.ts";
export { MeshedNamespaces, type MeshedNamespacesArgs } from "./controlPlane/meshedNamespaces.ts";
export { ExpiryAlerts, type ExpiryAlertsArgs } from "./lifecycle/alerts.ts";
export { Viz, type VizArgs } from "./viz/viz.ts";
export { Multicluster, type MulticlusterArgs } from "./multicluster/multicluster.ts";
export { ClusterLink, type ClusterLinkArgs } from "./multicluster/link.ts";
