// Stack configurations used across the tests.

/** A syntactically valid kubeconfig with two contexts. The token is a placeholder, not a credential. */
export const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: dev-admin
clusters:
  - name: dev
    cluster:
      server: https://dev.k8s.example.com:6443
      certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
contexts:
  - name: dev-admin
    context: { cluster: dev, user: admin }
  - name: dev-readonly
    context: { cluster: dev, user: admin }
users:
  - name: admin
    user: { token: kubeconfig-fixture-token-0123456789 }
`;

/** The single-cluster stack of Pulumi.dev.yaml: owns its trust root and installs into its own cluster. */
export function singleClusterConfig(overrides: Record<string, string | number | boolean | string[]> = {}) {
    return {
        "kubernetes:strictMode": "true",
        clusterName: "dev",
        kubeconfig: KUBECONFIG,
        kubeContext: "dev-admin",
        ...overrides,
    };
}

export const SECRET_KUBECONFIG = ["kubeconfig"];

/** Stack name of the trust stack in the multi-cluster tests. */
export const TRUST_STACK = "acme/linkerd-fleet/trust";

/** A cluster stack that reads its trust from TRUST_STACK. */
export function clusterStackConfig(
    clusterName: string,
    overrides: Record<string, string | number | boolean | string[]> = {},
) {
    return {
        "kubernetes:strictMode": "true",
        clusterName,
        kubeconfig: KUBECONFIG,
        trustStack: TRUST_STACK,
        ...overrides,
    };
}
