// The file Pulumi runs (Pulumi.yaml `main`). It checks the Node.js version first, in plain
// JavaScript, so that an old Node.js gets a one-line reason rather than a loader error; then it
// loads the program, which Node.js runs as TypeScript through its built-in type stripping.
import { nodeVersionProblem } from "./scripts/node-version.mjs";

const problem = nodeVersionProblem();
if (problem) {
    // Pulumi prints `hideStack` errors as their message alone.
    throw Object.assign(new Error(problem), { hideStack: true });
}

const program = await import("./index.ts");
export default program.default;
