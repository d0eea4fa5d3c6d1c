// IP addresses and CIDRs as Go's net.ParseIP and net.ParseCIDR accept them (the strictest of the
// parsers they reach: Kubernetes, Linkerd's policy controller): no leading zeros in IPv4 octets,
// no IPv6 zones, a decimal prefix length within the family's width. Node's net module parses the
// addresses; tests/rules.test.ts compares the result with Go's.
import * as net from "node:net";

export function ipProblem(raw: string): string | undefined {
    if (raw.includes("%") || net.isIP(raw) === 0 || hasLeadingZeroOctet(raw)) {
        return "is not an IP address";
    }
    return undefined;
}

export function cidrProblem(raw: string): string | undefined {
    const slash = raw.indexOf("/");
    const address = raw.slice(0, slash);
    const prefix = raw.slice(slash + 1);
    const family = slash < 0 || ipProblem(address) ? 0 : net.isIP(address);
    const width = family === 4 ? 32 : 128;
    if (family === 0 || !/^\d{1,3}$/.test(prefix) || Number(prefix) > width) {
        return "is not a CIDR (an IPv4 or IPv6 address, '/', and a prefix length, such as 10.20.0.0/16 or fd00::/8)";
    }
    return undefined;
}

/** Go rejects IPv4 octets with leading zeros (they were read as octal by some parsers). */
function hasLeadingZeroOctet(raw: string): boolean {
    const v4 = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(raw)?.[1];
    return v4 !== undefined && v4.split(".").some((octet) => octet.length > 1 && octet.startsWith("0"));
}
