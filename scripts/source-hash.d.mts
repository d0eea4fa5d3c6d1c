// Types of source-hash.mjs (plain JavaScript: run.mjs loads it before any TypeScript).
export declare function sourceHash(root: string): string;
export declare function stampFile(root: string): string;
