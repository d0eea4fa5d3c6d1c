// The components of this program, for reuse from other Pulumi programs.
export * from "./charts";
export * from "./config";
export * from "./controlPlane";
export * from "./gatewayApi";
export * from "./kubeSystem";
export * from "./link";
export * from "./linkBundle";
export * from "./linkPlan";
export * from "./multicluster";
export * from "./scrapeConfig";
export * from "./stack";
export * from "./trust";
export * from "./values";
export * from "./versions";
export * from "./viz";
export * from "./webhooks";
