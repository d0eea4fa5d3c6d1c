// `npm run bench`: how long evaluating the program takes, beside an empty Pulumi program under the
// same harness (ts-node transpile-only, as Pulumi runs it with tsconfig.pulumi.json, and Pulumi's
// mocks instead of an engine). Each scenario runs in a fresh process, several times; the median is
// printed. CI runs it as a smoke test; the figures are not asserted.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** A real anchor and issuer (openssl), so that the program's certificate checks run as in production. */
function fixture(dir: string): string {
    const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    fs.writeFileSync(
        path.join(dir, "ca.cnf"),
        "[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n",
    );
    run(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "anchor.key"]);
    run([
        "req",
        "-x509",
        "-new",
        "-key",
        "anchor.key",
        "-subj",
        "/CN=root.linkerd.cluster.local",
        "-days",
        "3650",
        "-sha256",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-out",
        "anchor.pem",
    ]);
    run(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "issuer.key"]);
    run(["req", "-new", "-key", "issuer.key", "-subj", "/CN=identity.linkerd.cluster.local", "-out", "issuer.csr"]);
    run([
        "x509",
        "-req",
        "-in",
        "issuer.csr",
        "-CA",
        "anchor.pem",
        "-CAkey",
        "anchor.key",
        "-CAcreateserial",
        "-days",
        "365",
        "-sha256",
        "-extfile",
        "ca.cnf",
        "-extensions",
        "ca",
        "-out",
        "issuer.pem",
    ]);
    const file = path.join(dir, "fixture.json");
    fs.writeFileSync(
        file,
        JSON.stringify({
            anchorPem: fs.readFileSync(path.join(dir, "anchor.pem"), "utf8"),
            issuerPem: fs.readFileSync(path.join(dir, "issuer.pem"), "utf8"),
            issuerKeyPem: fs.readFileSync(path.join(dir, "issuer.key"), "utf8"),
            notAfter: new Date(Date.now() + 300 * 86_400_000).toISOString(),
        }),
    );
    return file;
}

function measure(fixtureFile: string, scenario: string, links = 0): number {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
        const out = execFileSync(
            process.execPath,
            ["-r", "ts-node/register/transpile-only", path.join(__dirname, "scenario.ts"), scenario, String(links)],
            {
                encoding: "utf8",
                env: { ...process.env, BENCH_FIXTURE: fixtureFile, TS_NODE_PROJECT: "tsconfig.pulumi.json" },
                cwd: path.join(__dirname, "..", ".."),
            },
        );
        times.push(JSON.parse(out.trim().split("\n").pop()!).ms);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
}

function main() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkerd-fleet-bench-"));
    try {
        const fixtureFile = fixture(dir);
        const empty = measure(fixtureFile, "empty");
        const one = measure(fixtureFile, "one-cluster");
        const rows: [string, number][] = [
            ["empty Pulumi program", empty],
            ["one cluster (single-cluster stack)", one],
        ];
        const series: [number, number][] = [];
        for (const links of [0, 3, 6, 9]) {
            const ms = measure(fixtureFile, "mesh", links);
            series.push([links, ms]);
            rows.push([`10-cluster full mesh member, ${links} links`, ms]);
        }
        const width = Math.max(...rows.map(([name]) => name.length));
        console.log(`Median of ${RUNS} runs each, ${os.cpus().length} CPUs, Node ${process.version}:`);
        for (const [name, ms] of rows) {
            const extra = name === rows[0][0] ? "" : `  (+${(((ms - empty) / empty) * 100).toFixed(0)}% over empty)`;
            console.log(`  ${name.padEnd(width)}  ${ms.toFixed(0).padStart(6)} ms${extra}`);
        }
        // Least-squares slope of time over links: the cost of one more link.
        const n = series.length;
        const mx = series.reduce((a, [x]) => a + x, 0) / n;
        const my = series.reduce((a, [, y]) => a + y, 0) / n;
        const slope =
            series.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / series.reduce((a, [x]) => a + (x - mx) ** 2, 0);
        console.log(`  cost per link (least squares over 0-9 links): ${slope.toFixed(1)} ms`);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

main();
