// The oldest Node.js this project runs on, and the one-line reason given on an older one. Plain
// JavaScript on purpose: it must run on any Node.js, including those too old for the rest.
//
// 22.18.0 is the first 22.x release that runs TypeScript without flags (type stripping on by
// default, without an experimental warning); the program, its tests and its benchmark rely on it.
export const NODE_FLOOR = "22.18.0";

/** Why `version` cannot run this project, or undefined when it can. */
export function nodeVersionProblem(version = process.versions.node) {
    const [major, minor, patch] = version.split(".").map(Number);
    const [fMajor, fMinor, fPatch] = NODE_FLOOR.split(".").map(Number);
    const older = major !== fMajor ? major < fMajor : minor !== fMinor ? minor < fMinor : patch < fPatch;
    if (!older) {
        return undefined;
    }
    return (
        `linkerd-fleet needs Node.js ${NODE_FLOOR} or newer, and this is Node.js ${version}: ` +
        `install a current LTS (for example \`nvm install 24\`) and run the command again.`
    );
}
