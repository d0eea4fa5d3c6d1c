// The Go oracle (tests/oracles/go): how Kubernetes' and Go's own code judge a value. Built once per
// test run; needs the Go toolchain (the machine has it; .ci/run fetches the modules).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT } from "./harness.ts";

export type OracleKind =
    | "dns1123Label"
    | "dns1035Label"
    | "dns1123Subdomain"
    | "qualifiedName"
    | "labelValue"
    | "quantity"
    | "duration"
    | "cronJobSchedule"
    | "regexp"
    | "ip"
    | "cidr";

export interface Verdict {
    ok: boolean;
    detail?: string;
}

let binary: string | undefined;

function build(): string {
    if (!binary) {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "linkerd-fleet-oracle-")), "oracle");
        execFileSync("go", ["build", "-o", out, "."], {
            cwd: path.join(ROOT, "tests", "oracles", "go"),
            stdio: "pipe",
            env: { ...process.env, GOFLAGS: "-mod=mod" },
        });
        binary = out;
    }
    return binary;
}

/** The oracle's verdict on each value, in order. */
export function judge(kind: OracleKind, values: readonly string[]): Verdict[] {
    const input = values.map((value) => JSON.stringify({ kind, value })).join("\n") + "\n";
    const output = execFileSync(build(), { input, encoding: "utf8" });
    return output
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Verdict);
}
