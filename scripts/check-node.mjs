// `npm ci`, `npm test`, `npm run lint` and `npm run bench` start here: on a Node.js that is too
// old, say so in one line instead of failing somewhere inside the toolchain.
import { nodeVersionProblem } from "./node-version.mjs";

const problem = nodeVersionProblem();
if (problem) {
    console.error(problem);
    process.exit(1);
}
