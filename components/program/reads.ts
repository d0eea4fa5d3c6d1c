// Everything the stack depends on outside its config: its own outputs from its last run, the trust
// stack's, the cluster stacks it issues for, and its link targets'. Read once each, in parallel,
// before any decision; reads create nothing.
import { readStack, type StackRead } from "../contract/read.ts";
import type { StackSettings } from "./settings.ts";

export interface StackReads {
    self: StackRead;
    trust?: StackRead;
    issued: ReadonlyMap<string, StackRead>;
    links: ReadonlyMap<string, StackRead>;
}

export type StackReader = (name: string) => Promise<StackRead>;

export async function gatherReads(settings: StackSettings, read: StackReader = readStack): Promise<StackReads> {
    const cache = new Map<string, Promise<StackRead>>();
    const once = (name: string) => {
        if (!cache.has(name)) {
            cache.set(name, read(name));
        }
        return cache.get(name)!;
    };
    const issueFor = settings.trust.kind === "owned" ? settings.trust.settings.issueFor : [];
    const links = settings.cluster?.multicluster?.links.map((l) => l.stack) ?? [];
    const [self, trust, issued, linked] = await Promise.all([
        once(settings.self),
        settings.trust.kind === "referenced" ? once(settings.trust.stack) : undefined,
        Promise.all(issueFor.map(once)),
        Promise.all(links.map(once)),
    ]);
    return {
        self,
        trust,
        issued: new Map(issueFor.map((name, i) => [name, issued[i]])),
        links: new Map(links.map((name, i) => [name, linked[i]])),
    };
}
