// Facts about the pinned linkerd2-cni chart (linkerd/linkerd2 at edge-26.6.3, charts/linkerd2-cni),
// written down by hand as the tests' oracle. Not used by the program.

/** Metadata of the CNI namespace as the chart's CLI-only template writes it (templates/cni-plugin.yaml). */
export const CNI_NAMESPACE_METADATA = {
    labels: {
        "linkerd.io/cni-resource": "true",
        "config.linkerd.io/admission-webhooks": "disabled",
        "pod-security.kubernetes.io/enforce": "privileged",
    },
};
