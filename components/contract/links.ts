// The link bundle: what a cluster stack publishes so that other cluster stacks can link to it,
// i.e. what `linkerd multicluster link-gen` would otherwise read from the target cluster. It is
// two outputs: the bundle (not secret) and the remote-access tokens (secret).
import { dns1123LabelProblem, dns1123SubdomainProblem, portProblem } from "../config/rules/kubernetes.ts";
import { ipProblem } from "../config/rules/network.ts";
import { urlProblem } from "../config/rules/url.ts";
import { MAPPING_VALUE, yamlScalarProblem } from "../config/rules/yamlScalar.ts";
import { parseBundle } from "../trust/x509.ts";
import { array, boolean, type Decoder, integer, literal, object, record, refine, string } from "./decode.ts";
import { certificates, type OutputSpec } from "./outputs.ts";

/**
 * A cluster linked to becomes `probe-<name>` (a Service, at most 63 characters) and the value of
 * the `mirror.linkerd.io/cluster-name` label in the source cluster, which the linkerd-multicluster
 * chart writes unquoted (multicluster/charts/linkerd-multicluster/templates/controller/*.yaml).
 */
export const LINK_TARGET_NAME_MAX = 57;

export function linkTargetNameProblem(name: string): string | undefined {
    return (
        dns1123LabelProblem(name) ??
        (name.length > LINK_TARGET_NAME_MAX
            ? `is ${name.length} characters long; a cluster that others link to is at most ${LINK_TARGET_NAME_MAX}, ` +
              `because the source cluster names its probe Service probe-<name> (at most 63)`
            : yamlScalarProblem(name, MAPPING_VALUE))
    );
}

export interface GatewayEndpoint {
    /** Addresses other clusters dial (IPs or DNS names); empty until the load balancer has one. */
    addresses: string[];
    port: number;
    identity: string;
    probe: { path: string; port: number; periodSeconds: number };
}

export interface LinkBundle {
    format: 2;
    clusterName: string;
    /** API server URL reachable from the other clusters' pods (https), and its CA (base64 PEM). */
    apiServerUrl: string;
    apiServerCaData: string;
    clusterDomain: string;
    trustDomain: string;
    linkerdNamespace: string;
    linkerdVersion: string;
    trustAnchorsPem: string;
    /** The identity issuer the cluster runs: the other side checks it against its own bundle. */
    issuerCertificatePem: string;
    flatNetwork: boolean;
    allowedSources: string[];
    gateway: GatewayEndpoint;
}

const linkTarget = refine(string, linkTargetNameProblem);
const domain = refine(string, dns1123SubdomainProblem);
const port: Decoder<number> = refine(integer(1, 65535), portProblem);
const address = refine(string, (a) =>
    ipProblem(a) && dns1123SubdomainProblem(a) ? "is not an IP address or DNS name" : undefined,
);
const apiServerUrl = refine(string, (u) => urlProblem(u, { schemes: ["https"], path: true }));
const caData = refine(string, (data) => {
    const decoded = Buffer.from(data, "base64").toString("utf8");
    const parsed = parseBundle(decoded);
    return /^[A-Za-z0-9+/=]+$/.test(data) && !("problem" in parsed) ? undefined : "is not base64 of PEM certificates";
});
const probePath = refine(string, (p) => (/^\/[\x21-\x7e]*$/.test(p) ? undefined : "is not an absolute URL path"));
const linkerdVersion = refine(string, (v) =>
    /^edge-\d{2}\.\d{1,2}\.\d{1,2}$/.test(v) ? undefined : "is not a Linkerd edge release (edge-YY.M.N)",
);

export const LINK_BUNDLE_OUTPUT: OutputSpec<LinkBundle> = {
    name: "multiclusterLinkBundle",
    format: 2,
    secret: false,
    what: "the link bundle (API server, gateway, trust)",
    decoder: object<LinkBundle>({
        format: literal(2),
        clusterName: linkTarget,
        apiServerUrl,
        apiServerCaData: caData,
        clusterDomain: domain,
        trustDomain: domain,
        linkerdNamespace: refine(string, dns1123LabelProblem),
        linkerdVersion,
        trustAnchorsPem: certificates,
        issuerCertificatePem: certificates,
        flatNetwork: boolean,
        allowedSources: array(refine(string, dns1123LabelProblem), { unique: true }),
        gateway: object<GatewayEndpoint>({
            addresses: array(address, { unique: true }),
            port,
            identity: domain,
            probe: object<GatewayEndpoint["probe"]>({ path: probePath, port, periodSeconds: integer(1, 3600) }),
        }),
    }),
};

export interface LinkTokens {
    format: 2;
    /** Remote-access token of each allowed source cluster, by its name. */
    tokens: Record<string, string>;
}

/** A ServiceAccount token: a JWT, three base64url parts. */
const token = refine(string, (t) =>
    /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(t) ? undefined : "is not a ServiceAccount token (a JWT)",
);

export const LINK_TOKENS_OUTPUT: OutputSpec<LinkTokens> = {
    name: "multiclusterLinkTokens",
    format: 2,
    secret: true,
    what: "the remote-access tokens",
    decoder: object<LinkTokens>({ format: literal(2), tokens: record(token, dns1123LabelProblem) }),
};
