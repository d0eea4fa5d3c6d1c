// Facts about @pulumi/kubernetes' Chart v3 (the render-mode chart), read from pulumi/pulumi-kubernetes
// (v4.32.0-27-g94977969d) and checked against the installed package (node_modules/@pulumi/kubernetes
// 4.34.2, helm/v3/helm.js): how the program's inputs reach the provider. Tests' oracle only.

/**
 * sdk/nodejs/helm/v3/helm.ts, `Chart.parseChart`: the chart's options go to the provider as the
 * `kubernetes:helm:template` invoke's `jsonOpts`, a JSON string in which `toJSON` renames these
 * top-level keys (others, and every key inside `fetch_opts`, are copied as they are).
 */
export const CHART_V3_JSON_KEYS = {
    kubeVersion: "kube_version",
    fetchOpts: "fetch_opts",
    releaseName: "release_name",
};

/**
 * provider/pkg/provider/invoke_helm_template.go: `HelmFetchOpts` (under `fetch_opts`) is decoded with
 * encoding/json, whose keys match case-insensitively but not across underscores: the CA file is read
 * from `ca_file` only, so the SDK's documented `fetchOpts.caFile` (camelCase, copied as is) is ignored.
 * `chart.fetch` passes `CAFile` to helm pull (`p.CaFile`); `template` parses `kube_version`
 * (`chartutil.ParseKubeVersion`) into the install action when it is set.
 */
export const FETCH_OPTS_JSON_KEYS = { caFile: "ca_file", username: "username", password: "password", repo: "repo" };
