// A fleet of stacks under test: each run reads the others' last outputs (and its own) the way the
// engine serves them, shares one tls double (the engine's state), and, when it succeeds, publishes
// its outputs for the next runs. A failed run or a preview publishes nothing, as in Pulumi.
import {
    ORGANIZATION,
    PROJECT,
    type ProgramRun,
    type RenderedChild,
    runProgram,
    type RunOptions,
    type StackFixture,
} from "./harness.ts";
import { TlsDouble } from "./tlsDouble.ts";

export class Fleet {
    readonly tls: TlsDouble;
    readonly stacks: Record<string, StackFixture> = {};
    now: Date;
    /** Objects in every cluster, for live reads: by cluster stack. */
    readonly clusters: Record<
        string,
        { rendered: Record<string, RenderedChild[]>; live: Record<string, Record<string, unknown>> }
    > = {};

    constructor(now: Date = new Date("2026-12-01T00:00:00Z")) {
        this.now = now;
        this.tls = new TlsDouble(() => this.now);
    }

    static qualified(stack: string): string {
        return `${ORGANIZATION}/${PROJECT}/${stack}`;
    }

    /** Runs `stack` with `config`; on success (and not a preview) its outputs become what others read. */
    async run(stack: string, config: Record<string, unknown>, options: Partial<RunOptions> = {}): Promise<ProgramRun> {
        const name = Fleet.qualified(stack);
        const cluster = this.clusters[name];
        const run = await runProgram({
            stack,
            config,
            secretKeys: typeof config.kubeconfig === "string" ? ["kubeconfig"] : [],
            tls: this.tls,
            now: this.now,
            previous: this.stacks[name],
            stacks: this.stacks,
            renderedChildren: cluster?.rendered,
            liveObjects: cluster?.live,
            ...options,
        });
        if (!options.preview) {
            this.stacks[name] = run.asStack();
        }
        return run;
    }

    /** Advances the clock by `days`. */
    advance(days: number): void {
        this.now = new Date(this.now.getTime() + days * 86_400_000);
    }

    /** What the multicluster chart renders in the cluster of `stack` (see `multiclusterCluster`). */
    multiclusterObjects(stack: string, args: { address?: string; sources: string[] }): void {
        this.clusters[Fleet.qualified(stack)] = multiclusterCluster(stack, args);
    }
}

/**
 * What the multicluster chart renders in the cluster of `stack`, and the cluster fills in: the
 * gateway Service with a load balancer address, and a token Secret per allowed source.
 */
export function multiclusterCluster(
    stack: string,
    args: { address?: string; sources: string[] },
): { rendered: Record<string, RenderedChild[]>; live: Record<string, Record<string, unknown>> } {
    const service = {
        metadata: { name: "linkerd-gateway", namespace: "linkerd-multicluster", uid: `${stack}-gateway-uid` },
    };
    const secrets = args.sources.map((source) => ({
        metadata: {
            name: `linkerd-service-mirror-remote-access-${source}-token`,
            namespace: "linkerd-multicluster",
            uid: `${stack}-${source}-uid`,
        },
    }));
    const live: Record<string, Record<string, unknown>> = {
        "kubernetes:core/v1:Service/linkerd-multicluster/linkerd-gateway": {
            ...service,
            status: { loadBalancer: { ingress: args.address ? [{ ip: args.address }] : [] } },
        },
    };
    for (const [i, source] of args.sources.entries()) {
        live[`kubernetes:core/v1:Secret/linkerd-multicluster/${secrets[i].metadata.name}`] = {
            ...secrets[i],
            data: { token: Buffer.from(tokenFor(stack, source)).toString("base64") },
        };
    }
    return {
        rendered: {
            "linkerd-multicluster-multicluster": [
                { type: "kubernetes:core/v1:Service", state: service },
                ...secrets.map((state) => ({ type: "kubernetes:core/v1:Secret", state })),
            ],
        },
        live,
    };
}

/** A token shaped like a ServiceAccount JWT, distinct per target and source (not a credential). */
export function tokenFor(stack: string, source: string): string {
    const part = (s: string) => Buffer.from(s).toString("base64url");
    return `${part('{"alg":"RS256"}')}.${part(`{"sub":"${source}@${stack}"}`)}.${part("signature")}`;
}
