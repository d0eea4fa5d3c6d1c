// The components of this program, for reuse from other Pulumi programs.
export * from "./config";
export * from "./controlPlane";
export * from "./gatewayApi";
export * from "./kubeSystem";
export * from "./stack";
export * from "./trust";
export * from "./values";
export * from "./versions";
export * from "./webhooks";
