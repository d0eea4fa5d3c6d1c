// `npm run bench`: how long a `pulumi preview` of this program takes to evaluate, beside an empty
// Pulumi program and beside the essential floor (a program that registers the same resources with
// the same packages and does nothing else), and how it grows with the fleet: a trust stack issuing
// for 10 to 50 clusters, and a cluster linked to up to 49 others. Every scenario runs in a fresh
// process (scenario.ts), BENCH_RUNS times (default 9), interleaved; medians are printed. Benchmarks report;
// nothing here is asserted, and CI runs it once as a smoke test.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    clusterStackConfig,
    SECRET_KUBECONFIG,
    singleClusterConfig,
    stackOf,
    trustStackConfig,
} from "../support/fixtures.ts";
import { Fleet } from "../support/fleet.ts";
import { stackConfig } from "../support/harness.ts";
import type { BenchState } from "./scenario.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const FLEET = 50;
const SCENARIO = path.join(import.meta.dirname, "scenario.ts");

interface Sample {
    cpuMs: number;
    wallMs: number;
    rssMiB: number;
    registered: number;
}

function runScenario(name: string, stateFile?: string): Sample {
    const out = execFileSync(process.execPath, [SCENARIO, name, ...(stateFile ? [stateFile] : [])], {
        encoding: "utf8",
        cwd: path.join(import.meta.dirname, "..", ".."),
    });
    return JSON.parse(out.trim().split("\n").pop()!) as Sample;
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function summarize(samples: Sample[]): Sample {
    return {
        cpuMs: median(samples.map((s) => s.cpuMs)),
        wallMs: median(samples.map((s) => s.wallMs)),
        rssMiB: median(samples.map((s) => s.rssMiB)),
        registered: samples[0].registered,
    };
}

/**
 * Medians of RUNS fresh processes per scenario, the scenarios interleaved round by round, so that
 * a slower stretch of a shared machine weighs on every scenario alike.
 */
function measureAll(scenarios: [name: string, stateFile?: string][]): Sample[] {
    const samples: Sample[][] = scenarios.map(() => []);
    for (let round = 0; round < RUNS; round++) {
        scenarios.forEach(([name, file], i) => samples[i].push(runScenario(name, file)));
    }
    return samples.map(summarize);
}

function writeState(dir: string, name: string, state: BenchState): string {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(state));
    return file;
}

/** A stack's config as the CLI hands it to the program. */
function cliConfig(stack: string, config: Record<string, unknown>, secret: string[]) {
    const { config: values, secretKeys } = stackConfig({ config, secretKeys: secret, stack });
    return { config: values, secretKeys };
}

/** A 50-cluster fleet at rest: c0 links to every other cluster, which all allow it. */
async function restingFleet(): Promise<Fleet> {
    const fleet = new Fleet();
    const clusters = Array.from({ length: FLEET }, (_, i) => `c${i}`);
    const configs: Record<string, Record<string, unknown>> = { trust: trustStackConfig(clusters) };
    for (const [i, cluster] of clusters.entries()) {
        configs[cluster] = clusterStackConfig(cluster, {
            multiclusterEnabled: true,
            ...(i === 0
                ? { multiclusterLinks: clusters.slice(1).map(stackOf) }
                : { multiclusterAllowedSources: ["c0"] }),
        });
        fleet.multiclusterObjects(cluster, { address: `203.0.113.${i + 1}`, sources: i === 0 ? [] : ["c0"] });
    }
    for (const pass of [["trust"], clusters, ["trust"], clusters, clusters]) {
        for (const stack of pass) {
            await fleet.run(stack, configs[stack]);
        }
    }
    return fleet;
}

/** The member c0 linked to the first `k` of the other clusters. */
function memberConfig(k: number): Record<string, unknown> {
    const links = Array.from({ length: k }, (_, i) => stackOf(`c${i + 1}`));
    return clusterStackConfig("c0", { multiclusterEnabled: true, ...(k ? { multiclusterLinks: links } : {}) });
}

function stacksOf(fleet: Fleet): BenchState["stacks"] {
    return Object.fromEntries(
        Object.entries(fleet.stacks).map(([name, f]) => [
            name,
            { outputs: f.outputs, secret: f.secretOutputNames ?? [] },
        ]),
    );
}

function table(rows: [string, Sample, string][]): void {
    const width = Math.max(...rows.map(([name]) => name.length));
    console.log(`  ${"".padEnd(width)}  resources  CPU (ms)  wall (ms)  peak RSS (MiB)`);
    for (const [name, s, note] of rows) {
        console.log(
            `  ${name.padEnd(width)}  ${String(s.registered).padStart(9)}  ${s.cpuMs.toFixed(0).padStart(8)}  ` +
                `${s.wallMs.toFixed(0).padStart(9)}  ${s.rssMiB.toFixed(0).padStart(14)}  ${note}`,
        );
    }
}

/** Least-squares slope and the coefficient of determination of y over x. */
function fit(points: [number, number][]): { slope: number; r2: number } {
    const n = points.length;
    const mx = points.reduce((a, [x]) => a + x, 0) / n;
    const my = points.reduce((a, [, y]) => a + y, 0) / n;
    const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
    const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
    const syy = points.reduce((a, [, y]) => a + (y - my) ** 2, 0);
    return { slope: sxy / sxx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

async function main(): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkerd-fleet-bench-"));
    try {
        const dev = writeState(dir, "dev", {
            stack: "dev",
            ...cliConfig("dev", singleClusterConfig(), SECRET_KUBECONFIG),
            stacks: {},
            live: {},
        });
        runScenario("record", dev);
        const [empty, floor, program] = measureAll([["empty"], ["floor", dev], ["program", dev]]);
        console.log(`Medians of ${RUNS} fresh processes each; ${os.cpus().length} CPUs, Node ${process.version}.`);
        console.log("\nOne single-cluster stack (Pulumi.dev.yaml), first preview:");
        table([
            ["empty Pulumi program", empty, ""],
            ["essential floor (same resources, same packages)", floor, ""],
            ["this program", program, `${(program.cpuMs / floor.cpuMs).toFixed(2)}x the floor's CPU`],
        ]);

        if (process.env.BENCH_FLEET === "0") {
            return;
        }
        process.stdout.write(`\nBringing up a ${FLEET}-cluster fleet under the test harness ...`);
        const fleet = await restingFleet();
        console.log(" done.");
        const stacks = stacksOf(fleet);
        const issued = [10, 25, 50];
        const linked = [0, 16, 32, 49];
        const trustFiles = issued.map((n) =>
            writeState(dir, `trust-${n}`, {
                stack: "trust",
                ...cliConfig("trust", trustStackConfig(Array.from({ length: n }, (_, i) => `c${i}`)), []),
                stacks,
                live: {},
            }),
        );
        const c0 = Fleet.qualified("c0");
        const memberFiles = linked.map((k) =>
            writeState(dir, `member-${k}`, {
                stack: "c0",
                ...cliConfig("c0", memberConfig(k), SECRET_KUBECONFIG),
                stacks,
                live: fleet.clusters[c0].live,
            }),
        );
        const samples = measureAll([...trustFiles, ...memberFiles].map((file): [string, string] => ["program", file]));
        const trust = samples.slice(0, issued.length);
        const member = samples.slice(issued.length);
        const trustRows = trust.map((s, i): [string, Sample, string] => [
            `trust stack issuing for ${issued[i]} clusters`,
            s,
            "",
        ]);
        const memberRows = member.map((s, i): [string, Sample, string] => [
            `cluster stack with ${linked[i]} links`,
            s,
            "",
        ]);
        const trustPoints = trust.map((s, i): [number, number] => [issued[i], s.cpuMs]);
        const memberPoints = member.map((s, i): [number, number] => [linked[i], s.cpuMs]);
        console.log(`\nA ${FLEET}-cluster fleet:`);
        table([...trustRows, ...memberRows]);
        const perCluster = fit(trustPoints);
        const perLink = fit(memberPoints);
        console.log(
            `  growth: ${perCluster.slope.toFixed(1)} ms CPU per issued cluster (linear fit R² ${perCluster.r2.toFixed(3)}), ` +
                `${perLink.slope.toFixed(1)} ms per link (R² ${perLink.r2.toFixed(3)})`,
        );
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

await main();
