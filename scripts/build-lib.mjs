// `npm run build` (and `prepare`, so every `npm ci` builds it): compiles components/ to lib/ with
// type declarations (the package's exports), and stamps lib/ with the digest of its sources so
// that run.mjs can tell a fresh build from a stale one.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { nodeVersionProblem } from "./node-version.mjs";
import { sourceHash, stampFile } from "./source-hash.mjs";

const problem = nodeVersionProblem();
if (problem) {
    console.error(problem);
    process.exit(1);
}
const root = path.resolve(import.meta.dirname, "..");
let tsc;
try {
    tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {
    // An install without devDependencies: the program then runs from its TypeScript sources.
    console.error(
        "linkerd-fleet: TypeScript is not installed, so lib/ is not built; the program runs from its sources.",
    );
    process.exit(0);
}
fs.rmSync(path.join(root, "lib"), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.lib.json")], { stdio: "inherit", cwd: root });
fs.writeFileSync(stampFile(root), sourceHash(root) + "\n");
