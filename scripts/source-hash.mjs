// A digest of everything the compiled program in lib/ is built from: the TypeScript sources of
// components/ and the compiler settings. run.mjs uses the compiled program only when lib/ was built
// from exactly these sources, so a stale build never runs.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

const INPUTS = ["tsconfig.json", "tsconfig.lib.json", "package-lock.json"];

function sources(dir) {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((entry) => {
            const file = path.join(dir, entry.name);
            return entry.isDirectory() ? sources(file) : entry.name.endsWith(".ts") ? [file] : [];
        })
        .sort();
}

/** The digest of the build inputs under `root`. */
export function sourceHash(root) {
    const hash = createHash("sha256");
    for (const file of [...INPUTS.map((f) => path.join(root, f)), ...sources(path.join(root, "components"))]) {
        hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
    }
    return hash.digest("hex");
}

/** Where the build records the digest it was made from. */
export function stampFile(root) {
    return path.join(root, "lib", ".source-hash");
}
