// Identity guards: on a deployed stack, a change that would replace every Kubernetes object or
// break mTLS is refused with its consequence spelt out, and goes ahead only with an
// acknowledgement of exactly that change.
import * as assert from "node:assert";
import { KUBECONFIG, SECRET_KUBECONFIG, singleClusterConfig } from "./support/fixtures.ts";
import { Fleet } from "./support/fleet.ts";
import type { RunFailure } from "./support/harness.ts";

async function deployed(): Promise<Fleet> {
    const fleet = new Fleet();
    await fleet.run("dev", singleClusterConfig());
    return fleet;
}

async function refused(fleet: Fleet, config: Record<string, unknown>): Promise<RunFailure> {
    return fleet.run("dev", config).then(
        () => assert.fail("the change went ahead"),
        (e: RunFailure) => e,
    );
}

const ACK = "acknowledgeIdentityChanges";

describe("identity guards on a deployed stack", function () {
    this.timeout(60_000);

    // A cluster domain change also changes the default trust domain: both need acknowledging.
    const cases: { key: string; change: Record<string, unknown>; ack: string; also?: string; consequence: RegExp }[] = [
        {
            key: "clusterName",
            change: { clusterName: "dev2" },
            ack: "clusterName=dev2",
            consequence: /every Kubernetes object of the stack would be deleted and created again/,
        },
        {
            key: "identityTrustDomain",
            change: { identityTrustDomain: "mesh.example.com" },
            ack: "identityTrustDomain=mesh.example.com",
            consequence: /every workload's identity .* changes/,
        },
        {
            key: "clusterDomain",
            change: { clusterDomain: "cluster.example" },
            ack: "clusterDomain=cluster.example",
            also: "identityTrustDomain=cluster.example",
            consequence: /resolve every Service under the new domain/,
        },
    ];

    for (const c of cases) {
        it(`refuses a change of ${c.key}, spells out the consequence, and takes an exact acknowledgement`, async () => {
            const fleet = await deployed();
            const failure = await refused(fleet, singleClusterConfig(c.change));
            assert.match(failure.message, new RegExp(`linkerd-fleet:${c.key}: changes`));
            assert.match(failure.message, c.consequence);
            assert.ok(failure.message.includes(`'linkerd-fleet:${ACK}[0]' '${c.ack}'`), "says what to set");
            assert.deepStrictEqual(failure.registrations, []);
            const wrong = await refused(fleet, singleClusterConfig({ ...c.change, [ACK]: [`${c.key}=other`] }));
            assert.match(
                wrong.message,
                new RegExp(`linkerd-fleet:${c.key}: changes`),
                "another value is not acknowledged",
            );
            await fleet.run("dev", singleClusterConfig({ ...c.change, [ACK]: [c.ack, ...(c.also ? [c.also] : [])] }));
        });
    }

    it("refuses deploying into a different API server (another cluster) without saying where, unless acknowledged", async () => {
        const fleet = await deployed();
        const elsewhere = KUBECONFIG.replace("https://dev.k8s.example.com:6443", "https://other.k8s.example.com:6443");
        const failure = await refused(fleet, singleClusterConfig({ kubeconfig: elsewhere }));
        assert.match(failure.message, /linkerd-fleet:kubeconfig: changes the API server this stack deploys to/);
        assert.doesNotMatch(failure.message, /other\.k8s\.example\.com/, "the server comes from a secret: not quoted");
        const ack = /'(apiServer=[0-9a-f]+)'/.exec(failure.message)![1];
        await fleet.run("dev", singleClusterConfig({ kubeconfig: elsewhere, [ACK]: [ack] }), {
            secretKeys: SECRET_KUBECONFIG,
        });
    });

    it("refuses a stack that owned its trust root starting to read it from another stack", async () => {
        const fleet = await deployed();
        const failure = await refused(fleet, singleClusterConfig({ trustStack: "acme/linkerd-fleet/trust" }));
        assert.match(failure.message, /linkerd-fleet:trustStack: this stack owns its trust root and would now read it/);
        assert.match(failure.message, /deletes this stack's protected anchors/);
    });

    it("warns about an acknowledgement that acknowledges nothing this run", async () => {
        const fleet = await deployed();
        const run = await fleet.run("dev", singleClusterConfig({ [ACK]: ["clusterName=dev"] }));
        assert.ok(run.logs.some((l) => /acknowledgeIdentityChanges: "clusterName=dev" acknowledges no change/.test(l)));
    });

    it("leaves a new stack alone: nothing to compare with", async () => {
        const fleet = new Fleet();
        await fleet.run(
            "dev",
            singleClusterConfig({ clusterName: "anything", identityTrustDomain: "mesh.example.com" }),
        );
    });
});
