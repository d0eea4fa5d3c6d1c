// Stack configurations used across the tests.

/** Base64 of a self-signed CA certificate (its key was thrown away): a kubeconfig's certificate-authority-data. */
export const FIXTURE_CA_DATA =
    "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJsekNDQVQyZ0F3SUJBZ0lVZjd2ZUJBNnZXWFVlZnFoT1FXeUtsMUxzWS9Jd0NnWUlLb1pJemowRUF3SXcKSURFZU1Cd0dBMVVFQXd3VmEzVmlaWEp1WlhSbGN5MW1hWGgwZFhKbExXTmhNQ0FYRFRJMk1USXdNVEl5TURrMApOVm9ZRHpJeE1qWXhNVEEzTWpJd09UUTFXakFnTVI0d0hBWURWUVFEREJWcmRXSmxjbTVsZEdWekxXWnBlSFIxCmNtVXRZMkV3V1RBVEJnY3Foa2pPUFFJQkJnZ3Foa2pPUFFNQkJ3TkNBQVNNTnh6dUhnQTB4U3VUTldxQ0FiMmwKdEZoTVFGNVFidm93UURTKzkyYU81OUJ6bnFITjd0cnZvSkdkWSt3WDBQam5yWmozOHNlaVVMRGpIMWdGWDdXegpvMU13VVRBZEJnTlZIUTRFRmdRVTN0WUhGR1V4OW1FMVNISFE3OTI1MEh0ZERoTXdId1lEVlIwakJCZ3dGb0FVCjN0WUhGR1V4OW1FMVNISFE3OTI1MEh0ZERoTXdEd1lEVlIwVEFRSC9CQVV3QXdFQi96QUtCZ2dxaGtqT1BRUUQKQWdOSUFEQkZBaUVBNEFUWHhjRUVmdC9CR0ZUT1FrTDBmZmxwbjlxYUVMS3hPWlJVdUFlU0U3Y0NJR2V6WDh3Ngp3ZzZRUllxYmh0ZS96eW1uVE82STFZVnVyMGw1NlJ6bkgrb08KLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=";

/** A syntactically valid kubeconfig with two contexts. The token is a placeholder, not a credential. */
export const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: dev-admin
clusters:
  - name: dev
    cluster:
      server: https://dev.k8s.example.com:6443
      certificate-authority-data: ${FIXTURE_CA_DATA}
  - name: other
    cluster:
      server: https://other.k8s.example.com:6443
contexts:
  - name: dev-admin
    context: { cluster: dev, user: admin }
  - name: dev-readonly
    context: { cluster: dev, user: reader }
  - name: other-admin
    context: { cluster: other, user: other-admin }
users:
  - name: admin
    user: { token: kubeconfig-fixture-token-0123456789 }
  - name: reader
    user: { token: kubeconfig-fixture-reader-token }
  - name: other-admin
    user: { token: kubeconfig-fixture-other-cluster-token }
`;

export type Config = Record<string, unknown>;

/** The single-cluster stack of Pulumi.dev.yaml: owns its trust root and installs into its own cluster. */
export function singleClusterConfig(overrides: Config = {}): Config {
    return {
        "kubernetes:strictMode": "true",
        clusterName: "dev",
        kubeconfig: KUBECONFIG,
        kubeContext: "dev-admin",
        ...overrides,
    };
}

export const SECRET_KUBECONFIG = ["kubeconfig"];

/** The trust stack of the multi-cluster tests, and a cluster stack that reads its trust from it. */
export const TRUST_STACK = "acme/linkerd-fleet/trust";

export function stackOf(name: string): string {
    return `acme/linkerd-fleet/${name}`;
}

/** KUBECONFIG for another cluster: its own server, context `<name>-admin` current. */
export function kubeconfigFor(clusterName: string): string {
    return KUBECONFIG.replace(/\bdev\b/g, clusterName);
}

export function clusterStackConfig(clusterName: string, overrides: Config = {}): Config {
    return {
        "kubernetes:strictMode": "true",
        clusterName,
        kubeconfig: kubeconfigFor(clusterName),
        trustStack: TRUST_STACK,
        ...overrides,
    };
}

/** A trust stack that issues for the given cluster stacks. */
export function trustStackConfig(clusters: string[], overrides: Config = {}): Config {
    return { issueFor: clusters.map(stackOf), ...overrides };
}
