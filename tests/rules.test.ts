// The validators, against the code of the systems they stand in for: Kubernetes' apimachinery
// (names, labels, quantities), Go (durations, regular expressions, IPs and CIDRs), robfig/cron with
// Kubernetes' CronJob rule (schedules), and promtool (Prometheus durations). Each corpus mixes
// hand-picked edge cases with seeded random strings over the grammar's alphabet.
import * as assert from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cronScheduleProblem } from "../components/config/rules/cron.ts";
import { parseGoDuration, parsePrometheusDuration } from "../components/config/rules/duration.ts";
import {
    dns1035LabelProblem,
    dns1123LabelProblem,
    dns1123SubdomainProblem,
    labelValueProblem,
    qualifiedNameProblem,
} from "../components/config/rules/kubernetes.ts";
import { cidrProblem, ipProblem } from "../components/config/rules/network.ts";
import { parseQuantity } from "../components/config/rules/quantity.ts";
import { anchoredAtBothEnds, goRegexpProblem } from "../components/config/rules/regexp.ts";
import { urlProblem } from "../components/config/rules/url.ts";
import {
    flagArgument,
    MAPPING_VALUE,
    QUOTED_VALUE,
    SEQUENCE_ITEM,
    yamlScalarProblem,
} from "../components/config/rules/yamlScalar.ts";
import { judge, type OracleKind } from "./support/goOracle.ts";

/** A seeded generator (mulberry32), so that every run checks the same strings. */
function random(seed: number): () => number {
    let a = seed;
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function strings(seed: number, alphabet: string, count: number, maxLength: number): string[] {
    const next = random(seed);
    return Array.from({ length: count }, () => {
        const length = Math.floor(next() * maxLength);
        return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
    });
}

/** Asserts that `accepts` agrees with the oracle on every value. */
function agree(kind: OracleKind, values: string[], accepts: (value: string) => boolean): void {
    const verdicts = judge(kind, values);
    const disagreements = values
        .filter((value, i) => accepts(value) !== verdicts[i].ok)
        .map((v, i) => `${JSON.stringify(v)} (oracle: ${verdicts[values.indexOf(v)].ok}) ${i}`);
    assert.deepStrictEqual(
        disagreements,
        [],
        `${kind}: disagrees with the oracle on ${disagreements.length} of ${values.length}`,
    );
}

describe("validators, against the code they stand in for", () => {
    it("DNS-1123 labels and subdomains, DNS-1035 labels (apimachinery)", () => {
        const edge = [
            "",
            "a",
            "a-",
            "-a",
            "A",
            "a.b",
            "0",
            "a".repeat(63),
            "a".repeat(64),
            "a_b",
            "a..b",
            "a.-b",
            `${"a".repeat(63)}.${"b".repeat(63)}`,
            "x".repeat(254),
            "1e3",
            "east-1",
        ];
        const values = [...edge, ...strings(1, "ab0-.A_", 400, 12)];
        agree("dns1123Label", values, (v) => dns1123LabelProblem(v) === undefined);
        agree("dns1123Subdomain", values, (v) => dns1123SubdomainProblem(v) === undefined);
        agree("dns1035Label", values, (v) => dns1035LabelProblem(v) === undefined);
    });

    it("label keys and values (apimachinery IsQualifiedName, IsValidLabelValue)", () => {
        const edge = [
            "",
            "a",
            "a/b",
            "/b",
            "a/",
            "a/b/c",
            "example.com/x",
            "Example.com/x",
            "x".repeat(63),
            "x".repeat(64),
            "a.b_c-d",
            "_a",
            "a_",
            `${"p".repeat(254)}/a`,
            "a=b",
        ];
        const values = [...edge, ...strings(2, "ab9._-/A", 400, 10)];
        agree("qualifiedName", values, (v) => qualifiedNameProblem(v) === undefined);
        agree("labelValue", values, (v) => labelValueProblem(v) === undefined);
    });

    it("resource quantities (apimachinery ParseQuantity), with their values", () => {
        const edge = [
            "",
            "0",
            "1",
            "1e3",
            "1E3",
            "1e",
            "1e+3",
            "1e-3",
            "100m",
            "0.5",
            ".5",
            "5.",
            "250Mi",
            "1Gi",
            "1Ki",
            "1ki",
            "1K",
            "5MiB",
            "1 core",
            "-1Gi",
            "+1",
            "-",
            ".",
            "1.5.5",
            "1m5",
            "1Ki2",
            "1n",
            "1u",
            "2E",
            "1e3m",
            "0x10",
        ];
        const values = [...edge, ...strings(3, "0123456789.eEKMGimnu+-", 600, 6)];
        agree("quantity", values, (v) => parseQuantity(v) !== undefined);
        const verdicts = judge("quantity", edge);
        edge.forEach((value, i) => {
            if (verdicts[i].ok) {
                const ours = parseQuantity(value)!;
                const theirs = Number(verdicts[i].detail);
                assert.ok(Math.abs(ours - theirs) <= Math.abs(theirs) * 1e-9, `${value}: ${ours} vs ${theirs}`);
            }
        });
    });

    it("Go durations (time.ParseDuration), with their values", () => {
        const edge = [
            "",
            "0",
            "+0",
            "-0",
            "1h0m",
            "1h0m0s",
            "20s",
            "1.5s",
            ".5m",
            "5.s",
            "1",
            "s",
            ".s",
            "1 h",
            "1h-1m",
            "-1h",
            "300ms",
            "2\u00b5s",
            "2\u03bcs",
            "1us",
            "1ns",
            "9223372036854775807ns",
            "9223372036854775808ns",
            "1d",
            "1H",
        ];
        const values = [...edge, ...strings(4, "0123456789.hmsun+-", 600, 7)];
        agree("duration", values, (v) => parseGoDuration(v) !== undefined);
        const verdicts = judge("duration", edge);
        edge.forEach((value, i) => {
            if (verdicts[i].ok) {
                assert.strictEqual(String(parseGoDuration(value)), verdicts[i].detail, value);
            }
        });
    });

    it("CronJob schedules (robfig/cron ParseStandard, and no TZ in a new CronJob)", () => {
        const edge = [
            "",
            "0 3 * * *",
            "*/5 * * * *",
            "0 0 1 jan mon",
            "0 0 * * 7",
            "60 * * * *",
            "0 24 * * *",
            "0 0 0 * *",
            "0 0 * 13 *",
            "1-5 * * * *",
            "5-1 * * * *",
            "1-2-3 * * * *",
            "*/0 * * * *",
            "1/2/3 * * * *",
            "* * * * * *",
            "@daily",
            "@every 1h30m",
            "@every",
            "@every x",
            "@weekly",
            "@reboot",
            "TZ=UTC 0 0 * * *",
            "CRON_TZ=UTC 0 0 * * *",
            "? ? ? ? ?",
            "0,,5 * * * *",
            "*-5 * * * *",
            "+5 * * * *",
            "0 0 * * MON-FRI",
            "0 0 L * *",
        ];
        const values = [...edge, ...strings(5, "0123456789*/,- ", 500, 14)];
        agree("cronJobSchedule", values, (v) => cronScheduleProblem(v) === undefined);
    });

    it("regular expressions (Go's regexp, RE2 syntax)", () => {
        const edge = [
            "",
            "^(a|b)$",
            "(?P<x>a)",
            "(?<x>a)",
            "\\pL",
            "a{2,1}",
            "x**",
            "(?=a)",
            "(a)\\1",
            "[[:alpha:]]",
            "\\C",
            "\\z",
            "(?i)abc",
            "[a-",
            "a{1001}",
            "^dashboard\\.example\\.com(:\\d+)?$",
        ];
        const values = [...edge, ...strings(6, "a()[]{}|*+?.^$\\d:P<>=!,1", 500, 8)];
        agree("regexp", values, (v) => goRegexpProblem(v) === undefined);
    });

    it("IP addresses and CIDRs (net.ParseIP, net.ParseCIDR)", () => {
        const edge = [
            "",
            "10.0.0.1",
            "010.0.0.1",
            "10.0.0.256",
            "::1",
            "fe80::1%eth0",
            "::ffff:10.0.0.1",
            "10.0.0.0/8",
            "10.0.0.0/33",
            "10.0.0.0/08",
            "fd00::/8",
            "fd00::/129",
            "10.0.0.0/",
            "/8",
            "1.2.3",
        ];
        const values = [...edge, ...strings(7, "0123456789.:/af", 500, 12)];
        agree("ip", values, (v) => ipProblem(v) === undefined);
        agree("cidr", values, (v) => cidrProblem(v) === undefined);
    });

    it("Prometheus durations (promtool, through a scrape interval)", () => {
        const values = [
            "10s",
            "1m",
            "1h30m",
            "1m30s",
            "0",
            "10",
            "1.5s",
            "1s1m",
            "30s",
            "2w",
            "1y",
            "100ms",
            "10S",
            "",
        ];
        for (const value of values) {
            const ours = parsePrometheusDuration(value) !== undefined && value !== "";
            const config = `global:\n  scrape_interval: "${value}"\n  scrape_timeout: "${value}"\n`;
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "promtool-")), "prometheus.yml");
            fs.writeFileSync(file, config);
            let theirs = true;
            try {
                execFileSync("promtool", ["check", "config", file], { stdio: "pipe" });
            } catch {
                theirs = false;
            }
            assert.strictEqual(ours, theirs, `${JSON.stringify(value)}: ours ${ours}, promtool ${theirs}`);
        }
    });
});

describe("values the charts write into YAML without quotes", () => {
    it("accepts what reads back unchanged, under YAML 1.1 and 1.2", () => {
        for (const value of [
            "east",
            "linkerd.example.com",
            "10.0.0.1",
            "^(a|b)$",
            "https://prometheus.monitoring:9090",
            "internal-lb",
        ]) {
            assert.strictEqual(yamlScalarProblem(value, MAPPING_VALUE), undefined, value);
        }
        assert.strictEqual(yamlScalarProblem("https://p:9090/x", flagArgument("-prometheus-url")), undefined);
        assert.strictEqual(yamlScalarProblem("0 3 * * *", QUOTED_VALUE), undefined);
    });

    it("refuses what would read as something else, or break the YAML", () => {
        const cases: [string, Parameters<typeof yamlScalarProblem>[1]][] = [
            ["123", MAPPING_VALUE],
            ["1e3", MAPPING_VALUE],
            ["true", MAPPING_VALUE],
            ["on", MAPPING_VALUE], // a boolean in YAML 1.1, which Helm's parser follows
            ["null", MAPPING_VALUE],
            ["a: b", MAPPING_VALUE],
            ["a #comment", MAPPING_VALUE],
            ["[a]", MAPPING_VALUE],
            ["&anchor", MAPPING_VALUE],
            ["x\nextra: injected", MAPPING_VALUE],
            ["http://x:1 #", flagArgument("-prometheus-url")],
            ['a"b', QUOTED_VALUE],
            ["a\\nb", QUOTED_VALUE],
            ["- x", SEQUENCE_ITEM],
        ];
        for (const [value, context] of cases) {
            assert.notStrictEqual(yamlScalarProblem(value, context), undefined, JSON.stringify(value));
        }
    });
});

describe("URLs and patterns", () => {
    it("refuses credentials, whitespace and control characters the URL parser would hide", () => {
        const policy = { schemes: ["https"], path: true };
        assert.strictEqual(urlProblem("https://api.east.example.com:6443", policy), undefined);
        assert.match(urlProblem("https://user:pass@api.example.com", policy)!, /credentials/);
        assert.match(urlProblem("https://@api.example.com", policy)!, /credentials/);
        assert.match(urlProblem("http://api.example.com", policy)!, /only https:\/\//);
        assert.match(urlProblem("https://api.example.com\n/x", policy)!, /control characters/);
        assert.match(urlProblem("https://api.example.com/x y", policy)!, /whitespace/);
        assert.match(urlProblem(" https://api.example.com", policy)!, /whitespace/);
        assert.match(urlProblem("https://api.example.com/?q=1", policy)!, /query/);
        assert.match(urlProblem("https:\\\\api.example.com", policy)!, /backslash/);
        assert.match(urlProblem("https://api.example.com/x", { schemes: ["https"] })!, /path/);
    });

    it("tells patterns anchored at both ends from those that are not", () => {
        for (const anchored of ["^a$", "^(a|b)$", "^a\\z", "\\Aa$", "^[|]$", "^(?:x|y)(:\\d+)?$", "^[[:alpha:]|]$"]) {
            assert.ok(anchoredAtBothEnds(anchored), anchored);
        }
        for (const loose of ["a", "^a", "a$", "^a|b$", "^a\\$", "example\\.com"]) {
            assert.ok(!anchoredAtBothEnds(loose), loose);
        }
    });
});
