// The file Pulumi runs (Pulumi.yaml `main`). It checks the Node.js version first, in plain
// JavaScript, so that an old Node.js gets a one-line reason rather than a loader error. Then it
// turns on Node's compile cache and loads the program: compiled and bundled into one module
// (lib/program.mjs, built by `npm ci` or `npm run build`) when lib/ was built from exactly the
// current sources, which saves stripping the types of about a hundred modules and resolving them
// on each preview; otherwise from its TypeScript sources, through Node.js's type stripping.
import * as fs from "node:fs";
import * as nodeModule from "node:module";
import { nodeVersionProblem } from "./scripts/node-version.mjs";
import { sourceHash, stampFile } from "./scripts/source-hash.mjs";

const problem = nodeVersionProblem();
if (problem) {
    // Pulumi prints `hideStack` errors as their message alone.
    throw Object.assign(new Error(problem), { hideStack: true });
}

// Cache the compiled code of every module loaded from here on (@pulumi/kubernetes, @pulumi/tls, the
// program) in the OS temp folder, so that later previews on the same machine skip compiling them.
nodeModule.enableCompileCache?.();

function builtFromCurrentSources() {
    try {
        return fs.readFileSync(stampFile(import.meta.dirname), "utf8").trim() === sourceHash(import.meta.dirname);
    } catch {
        return false;
    }
}

let main;
if (builtFromCurrentSources()) {
    const { linkerdProgram } = await import("./lib/program.mjs");
    main = async () => linkerdProgram();
} else {
    console.error(
        "linkerd-fleet: lib/ is missing or older than the sources; running the sources (npm run build makes previews faster).",
    );
    main = (await import("./index.ts")).default;
}
export default main;
