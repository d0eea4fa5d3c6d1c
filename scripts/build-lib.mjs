// `npm run build` (and `prepare`, so every `npm ci` builds it): compiles components/ to lib/ with
// type declarations (the package's exports), bundles the program into lib/program.mjs (one module
// instead of about a hundred, for fast previews; the @pulumi packages stay external, shared with
// the host), and stamps lib/ with the digest of its sources so that run.mjs can tell a fresh build
// from a stale one.
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
const require = createRequire(import.meta.url);
let tsc;
let esbuild;
try {
    tsc = require.resolve("typescript/bin/tsc");
    esbuild = await import("esbuild");
} catch {
    // An install without devDependencies: the program then runs from its TypeScript sources.
    console.error(
        "linkerd-fleet: the build tools are not installed, so lib/ is not built; the program runs from its sources.",
    );
    process.exit(0);
}
fs.rmSync(path.join(root, "lib"), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.lib.json")], { stdio: "inherit", cwd: root });
await esbuild.build({
    entryPoints: [path.join(root, "lib", "components", "program", "run.js")],
    outfile: path.join(root, "lib", "program.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    external: ["@pulumi/*"],
    // Less to parse on every preview; names are kept, so stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    // Bundled CommonJS dependencies (yaml) call require.
    banner: {
        js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
    },
    logLevel: "warning",
});
fs.writeFileSync(stampFile(root), sourceHash(root) + "\n");
