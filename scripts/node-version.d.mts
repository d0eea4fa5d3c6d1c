// Types of node-version.mjs (plain JavaScript, so that it runs on any Node.js).
export declare const NODE_FLOOR: string;
export declare function nodeVersionProblem(version?: string): string | undefined;
