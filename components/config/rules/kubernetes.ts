// Kubernetes' own rules for names, labels, annotations and ports, as k8s.io/apimachinery
// (pkg/util/validation/validation.go) applies them. Each check returns what is wrong with a value
// (to finish a sentence that starts with the value), or undefined when Kubernetes accepts it.
// tests/rules.test.ts compares them with apimachinery itself.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** `IsDNS1123Label`: namespace names, and the cluster names this program puts into object names. */
export function dns1123LabelProblem(value: string): string | undefined {
    if (value.length > 63 || !DNS1123_LABEL.test(value)) {
        return (
            "is not a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or " +
            "digit, at most 63 characters)"
        );
    }
    return undefined;
}

/** `IsDNS1035Label`: Service names (which must also start with a letter). */
export function dns1035LabelProblem(value: string): string | undefined {
    if (value.length > 63 || !DNS1035_LABEL.test(value)) {
        return (
            "is not a DNS-1035 label (lowercase letters, digits and '-', starting with a letter and ending with a " +
            "letter or digit, at most 63 characters)"
        );
    }
    return undefined;
}

/** `IsDNS1123Subdomain`: most object names (Secrets, ServiceAccounts), and DNS domains. */
export function dns1123SubdomainProblem(value: string): string | undefined {
    const labels = value.split(".");
    if (value.length > 253 || !labels.every((label) => DNS1123_LABEL.test(label))) {
        return (
            "is not a DNS-1123 subdomain (dot-separated lowercase labels of letters, digits and '-', at most 253 " +
            "characters)"
        );
    }
    return undefined;
}

/** `IsQualifiedName`: label keys and (lowercased) annotation keys, `[prefix/]name`. */
export function qualifiedNameProblem(value: string): string | undefined {
    const parts = value.split("/");
    if (parts.length > 2) {
        return "is not a qualified name: it may contain at most one '/'";
    }
    const name = parts[parts.length - 1];
    if (parts.length === 2) {
        if (parts[0] === "") {
            return "is not a qualified name: the prefix before '/' is empty";
        }
        const prefix = dns1123SubdomainProblem(parts[0]);
        if (prefix) {
            return `is not a qualified name: its prefix "${parts[0]}" ${prefix}`;
        }
    }
    if (name.length > 63 || !QUALIFIED_NAME.test(name)) {
        return (
            "is not a qualified name (an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' " +
            "or '.', starting and ending with a letter or digit)"
        );
    }
    return undefined;
}

/** `IsValidLabelValue`: at most 63 characters, empty allowed. */
export function labelValueProblem(value: string): string | undefined {
    if (value.length > 63 || !LABEL_VALUE.test(value)) {
        return (
            "is not a valid label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a " +
            "letter or digit, or empty)"
        );
    }
    return undefined;
}

/** `ValidateAnnotations` checks the key, lowercased, as a qualified name. */
export function annotationKeyProblem(key: string): string | undefined {
    return qualifiedNameProblem(key.toLowerCase());
}

/** `IsValidPortNum`: 1 to 65535. */
export function portProblem(port: number): string | undefined {
    return Number.isInteger(port) && port >= 1 && port <= 65535 ? undefined : "is not a port number (1 to 65535)";
}

/** The API server's default `--service-node-port-range`. */
export const DEFAULT_NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

/** A node port outside the default range is accepted (a cluster may widen it) but worth a warning. */
export function outsideDefaultNodePortRange(port: number): boolean {
    return port < DEFAULT_NODE_PORT_RANGE.min || port > DEFAULT_NODE_PORT_RANGE.max;
}
