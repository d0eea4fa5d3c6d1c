// A property of the whole fleet, over many seeded random schedules: a trust stack and four cluster
// stacks run in random order (one of them rarely), the clock jumps (renewals come due), and the
// operator edits the trust stack's rotation at random points, sometimes several steps at once.
// In every state reached, every two clusters that run Linkerd share an anchor, and each one's
// issuer verifies against the other's bundle (real X.509: Node's crypto, OpenSSL underneath).
// After the random phase, running the stacks in the documented order completes the rotation.
import * as assert from "node:assert";
import { clusterStackConfig, trustStackConfig } from "./support/fixtures.ts";
import { Fleet } from "./support/fleet.ts";
import type { ProgramRun } from "./support/harness.ts";
import { chainsTo, mutualTrust, running, type Running } from "./support/mesh.ts";

const CLUSTERS = ["c1", "c2", "c3", "c4"];
const SEEDS = [1, 2, 3, 4, 5, 6];
const STEPS = 36;

/** mulberry32: a small, seedable PRNG. */
function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The rotation as config: step 0 steady on g; 1 adds g+1; 2 signs with g+1; 3 is steady on g+1. */
function rotationConfig(generation: number, step: number): Record<string, unknown> {
    const [old, next] = [String(generation), String(generation + 1)];
    switch (step) {
        case 1:
            return { trustAnchorGenerations: [old, next], trustAnchorSigningGeneration: old };
        case 2:
            return { trustAnchorGenerations: [old, next], trustAnchorSigningGeneration: next };
        case 3:
            return { trustAnchorGenerations: [next], trustAnchorSigningGeneration: next };
        default:
            return { trustAnchorGenerations: [old], trustAnchorSigningGeneration: old };
    }
}

class Schedule {
    readonly fleet = new Fleet();
    readonly last: Record<string, ProgramRun> = {};
    generation = 1;
    /** Rotation step of the trust stack's config (0 to 3), and of its last successful run. */
    step = 0;
    applied = { generation: 1, step: 0 };
    readonly log: string[] = [];

    trustConfig(): Record<string, unknown> {
        return trustStackConfig(CLUSTERS, rotationConfig(this.generation, this.step));
    }

    async run(stack: string): Promise<boolean> {
        const config = stack === "trust" ? this.trustConfig() : clusterStackConfig(stack);
        try {
            this.last[stack] = await this.fleet.run(stack, config);
            if (stack === "trust") {
                this.applied = { generation: this.generation, step: this.step };
                if (this.step === 3) {
                    this.generation += 1;
                    this.step = 0;
                    this.applied = { generation: this.generation, step: 0 };
                }
            }
            this.log.push(
                `${stack} ok${this.last[stack].logs.some((l) => l.includes("Renewing")) ? " (renewing)" : ""}`,
            );
            return true;
        } catch (error) {
            if ((error as Error).name !== "PlanError") {
                throw error;
            }
            this.log.push(`${stack} refused: ${(error as Error).message.split("\n")[1]?.slice(0, 140)}`);
            return false;
        }
    }

    /** The operator edits the rotation: usually one step on, sometimes two at once, sometimes undoing a refused edit. */
    edit(rnd: () => number): void {
        const roll = rnd();
        if (roll < 0.15 && this.step !== this.applied.step) {
            this.step = this.applied.step;
            this.log.push(`edit: back to step ${this.step}`);
            return;
        }
        const by = roll > 0.85 ? 2 : 1;
        this.step = Math.min(3, this.step + by);
        this.log.push(`edit: step ${this.step} of generation ${this.generation}${by > 1 ? " (two at once)" : ""}`);
    }

    installed(): Record<string, Running> {
        const result: Record<string, Running> = {};
        for (const cluster of CLUSTERS) {
            const state = this.last[cluster] && running(this.last[cluster]);
            if (state) {
                result[cluster] = state;
            }
        }
        return result;
    }

    /** The property, checked in the current state. */
    check(): void {
        const installed = Object.entries(this.installed());
        for (const [name, state] of installed) {
            assert.ok(chainsTo(state.issuer, state.bundle), this.explain(`${name}'s issuer is not in its own bundle`));
        }
        for (const [i, [a, sa]] of installed.entries()) {
            for (const [b, sb] of installed.slice(i + 1)) {
                const problem = mutualTrust(sa, sb);
                assert.strictEqual(problem, undefined, this.explain(`${a} and ${b}: ${problem}`));
            }
        }
    }

    explain(what: string): string {
        return `${what}\nschedule:\n  ${this.log.join("\n  ")}`;
    }
}

async function randomSchedule(seed: number): Promise<Schedule> {
    const rnd = random(seed);
    const schedule = new Schedule();
    for (let i = 0; i < STEPS; i++) {
        const roll = rnd();
        if (roll < 0.2) {
            schedule.edit(rnd);
        } else if (roll < 0.45) {
            await schedule.run("trust");
        } else {
            // c4 lags: it runs a quarter as often as the others.
            const weights: number[] = CLUSTERS.map((c) => (c === "c4" ? 1 : 4));
            let pick = rnd() * weights.reduce((a, b) => a + b);
            const cluster = CLUSTERS.find((_, j) => (pick -= weights[j]) < 0) ?? "c1";
            await schedule.run(cluster);
        }
        const jump = rnd() < 0.1 ? 60 + Math.floor(rnd() * 120) : rnd() * 2;
        schedule.fleet.advance(jump);
        schedule.log.push(`+${jump.toFixed(1)} days`);
        schedule.check();
    }
    return schedule;
}

/** Runs trust, every cluster, trust, every cluster, after a day (the retire step waits 25 hours). */
async function convergencePass(schedule: Schedule): Promise<void> {
    for (const stack of ["trust", ...CLUSTERS, "trust", ...CLUSTERS]) {
        await schedule.run(stack);
        schedule.check();
    }
    schedule.fleet.advance(1.1);
}

describe("a fleet of four clusters under random schedules", function () {
    this.timeout(300_000);
    const phases: string[] = [];
    for (const seed of SEEDS) {
        it(`keeps every pair of clusters in mutual trust, and then completes the rotation (seed ${seed})`, async () => {
            const schedule = await randomSchedule(seed);
            phases.push(...schedule.log);
            // Liveness: undo any refused edit, then rotate to the next generation in the documented order.
            schedule.step = schedule.applied.step;
            await convergencePass(schedule);
            const target = schedule.generation + 1;
            for (let guard = 0; guard < 8 && schedule.applied.generation < target; guard++) {
                schedule.step = Math.min(3, schedule.applied.step + 1);
                await convergencePass(schedule);
            }
            assert.strictEqual(schedule.applied.generation, target, schedule.explain("the rotation did not complete"));
            await convergencePass(schedule);
            const installed = schedule.installed();
            assert.deepStrictEqual(Object.keys(installed).sort(), CLUSTERS, "every cluster runs Linkerd");
            const fingerprints = new Set(
                Object.values(installed).flatMap((s) => s.bundle.map((a) => a.fingerprint256)),
            );
            assert.strictEqual(fingerprints.size, 1, "every cluster trusts only the new anchor");
        });
    }

    it("reached, in the random phases, every step, edits refused for lagging clusters, and renewals", () => {
        const has = (pattern: RegExp) => phases.some((line) => pattern.test(line));
        for (const step of [1, 2, 3]) {
            assert.ok(has(new RegExp(`^edit: step ${step} `)), `no edit to step ${step}`);
        }
        assert.ok(has(/^edit: .*two at once/), "no edit of two steps at once");
        assert.ok(has(/^trust refused: .*more than one rotation step/), "no edit refused for taking two steps");
        assert.ok(has(/^trust refused: .*still runs bundle/), "no step refused for a lagging cluster");
        assert.ok(phases.filter((l) => l === "trust ok").length > 10);
        assert.ok(has(/^c\d ok \(renewing\)/), "no cluster renewed its issuer");
    });
});
