// The workflow and the fleet script: the CLI pinned to the program's minimum, current action
// majors, the access token only in the steps that run the Pulumi CLI, no stack output ever turned
// into a step output, a refresh in the scheduled run, and the run order that converges.
import * as assert from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { MINIMUM_PULUMI_CLI } from "../components/program/run.ts";
import { ROOT } from "./support/harness.ts";
import { ACTION_MAJORS } from "./upstream/actions.ts";

interface Step {
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    env?: Record<string, string>;
    with?: Record<string, unknown>;
}

interface Job {
    if?: string;
    env?: Record<string, string>;
    permissions?: Record<string, string>;
    steps: Step[];
}

const workflow = parse(fs.readFileSync(path.join(ROOT, ".github", "workflows", "pulumi.yml"), "utf8")) as {
    on: Record<string, unknown>;
    env: Record<string, string>;
    permissions: Record<string, string>;
    jobs: Record<string, Job>;
};
const TOKEN = "PULUMI_ACCESS_TOKEN";
/** A step that runs the Pulumi CLI (directly, or through scripts/fleet.sh). */
const runsPulumi = (step: Step) => /(^|\n)\s*(pulumi\s+[a-z]+|scripts\/fleet\.sh)\b/.test(step.run ?? "");

describe("the workflow", () => {
    it("pins the Pulumi CLI to the minimum the program accepts", () => {
        assert.strictEqual(String(workflow.env.PULUMI_VERSION), MINIMUM_PULUMI_CLI);
        for (const job of Object.values(workflow.jobs)) {
            for (const step of job.steps.filter((s) => s.uses?.startsWith("pulumi/actions@"))) {
                assert.strictEqual(step.with?.["pulumi-version"], "${{ env.PULUMI_VERSION }}");
            }
        }
    });

    it("uses the current major of every action", () => {
        for (const job of Object.values(workflow.jobs)) {
            for (const step of job.steps.filter((s) => s.uses)) {
                const [name, version] = step.uses!.split("@");
                assert.ok(ACTION_MAJORS[name], `no recorded major for ${name}`);
                assert.strictEqual(version, `v${ACTION_MAJORS[name].major}`, step.uses);
            }
        }
    });

    it("gives the token only to the steps that run the Pulumi CLI, and only read access to the rest", () => {
        assert.ok(!(TOKEN in (workflow.env ?? {})), "not workflow-wide");
        assert.deepStrictEqual(workflow.permissions, { contents: "read" });
        let given = 0;
        for (const [name, job] of Object.entries(workflow.jobs)) {
            assert.ok(!(TOKEN in (job.env ?? {})), `not job-wide in ${name}`);
            for (const step of job.steps) {
                const has = TOKEN in (step.env ?? {});
                assert.strictEqual(has, runsPulumi(step), `${name}: ${step.name ?? step.run ?? step.uses}`);
                given += has ? 1 : 0;
            }
        }
        assert.ok(given >= 4);
        assert.ok(!workflow.jobs.test.steps.some((s) => s.env && TOKEN in s.env), "tests never see it");
    });

    it("never turns stack outputs into step outputs, and never prints them", () => {
        for (const job of Object.values(workflow.jobs)) {
            for (const step of job.steps) {
                if (step.uses?.startsWith("pulumi/actions@")) {
                    assert.strictEqual(step.with?.command, undefined, "the action only installs the CLI");
                }
                if (/\bpulumi (preview|up|refresh)\b/.test(step.run ?? "")) {
                    assert.match(step.run!, /--suppress-outputs/);
                }
            }
        }
        assert.match(fs.readFileSync(path.join(ROOT, "scripts", "fleet.sh"), "utf8"), /--suppress-outputs/);
    });

    it("previews pull requests from this repository only, and refreshes before the scheduled run", () => {
        assert.match(workflow.jobs.preview.if!, /head\.repo\.full_name == github\.repository/);
        assert.ok("schedule" in workflow.on);
        const fleet = workflow.jobs.fleet.steps.filter(runsPulumi);
        assert.deepStrictEqual(
            fleet.map((s) => s.run),
            ["scripts/fleet.sh refresh", "scripts/fleet.sh up", "scripts/fleet.sh check"],
        );
        assert.strictEqual(fleet[0].if, "github.event_name == 'schedule'");
    });
});

describe("scripts/fleet.sh", () => {
    /** Runs the script with a `pulumi` on PATH that records its arguments. */
    function invocations(command: string): string[] {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-"));
        const log = path.join(dir, "log");
        fs.writeFileSync(path.join(dir, "pulumi"), `#!/bin/sh\necho "$*" >> "${log}"\n`, { mode: 0o755 });
        execFileSync("bash", [path.join(ROOT, "scripts", "fleet.sh"), command], {
            env: {
                ...process.env,
                PATH: `${dir}:${process.env.PATH}`,
                TRUST_STACK: "acme/trust",
                CLUSTER_STACKS: "acme/east acme/west",
            },
            stdio: "pipe",
        });
        const lines = fs.readFileSync(log, "utf8").trim().split("\n");
        fs.rmSync(dir, { recursive: true, force: true });
        return lines;
    }
    const stackOf = (line: string) => /--stack (\S+)/.exec(line)![1].replace("acme/", "");

    it("ups in the order that converges: trust, clusters, trust, clusters, clusters", () => {
        const lines = invocations("up");
        assert.deepStrictEqual(lines.map(stackOf), ["trust", "east", "west", "trust", "east", "west", "east", "west"]);
        for (const line of lines) {
            assert.match(line, /^up --yes --skip-preview --stack \S+ --non-interactive --suppress-outputs$/);
        }
    });

    it("checks every stack with a preview that must show no changes, and refreshes every stack", () => {
        const check = invocations("check");
        assert.deepStrictEqual(check.map(stackOf), ["trust", "east", "west"]);
        assert.ok(check.every((l) => l.startsWith("preview --expect-no-changes")));
        assert.deepStrictEqual(invocations("refresh").map(stackOf), ["trust", "east", "west"]);
    });
});
