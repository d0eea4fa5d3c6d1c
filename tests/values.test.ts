// Chart values against the pinned charts: HA equals upstream's values-ha.yaml key by key, and no
// key is one the chart does not have (the charts ignore unknown keys silently).
import * as assert from "assert";
import { SECRET_KUBECONFIG, singleClusterConfig } from "./support/fixtures";
import { flatten } from "./support/flatten";
import { runProgram } from "./support/harness";
import {
    CONTROL_PLANE_HA_VALUES,
    CONTROL_PLANE_KEYS,
    CONTROL_PLANE_RESOURCE_KEYS,
    CONTROL_PLANE_HA_ONLY_KEYS,
    CRDS_KEYS,
} from "./upstream/linkerd";

/** True if `path` is a value key of the pinned linkerd-control-plane chart. */
function isControlPlaneKey(path: string): boolean {
    if (CONTROL_PLANE_KEYS.includes(path) || CONTROL_PLANE_HA_ONLY_KEYS.includes(path)) {
        return true;
    }
    return CONTROL_PLANE_RESOURCE_KEYS.some((key) =>
        new RegExp(`^${key.replace(/\./g, "\\.")}\\.(cpu|memory|ephemeral-storage)\\.(request|limit)$`).test(path),
    );
}

/** Keys the program owns whatever the HA setting: identity, webhook TLS, heartbeat schedule, inbound policy. */
const ALWAYS_SET =
    /^(identityTrustAnchorsPEM|identity\.|proxyInjector\.|profileValidator\.|policyValidator\.|heartbeatSchedule$|proxy\.defaultInboundPolicy$)/;

async function controlPlaneValues(config: Record<string, string | number | boolean | string[]>) {
    const run = await runProgram({ config: singleClusterConfig(config), secretKeys: SECRET_KUBECONFIG });
    const chart = run.get("kubernetes:helm.sh/v4:Chart", "linkerd-control-plane");
    return flatten(chart.inputs.values);
}

describe("linkerd-control-plane values", () => {
    it("in HA mode (the default) equal upstream's values-ha.yaml key by key, plus only identity, webhooks, heartbeat", async () => {
        const values = await controlPlaneValues({});
        const haPart = Object.fromEntries(Object.entries(values).filter(([k]) => !ALWAYS_SET.test(k)));
        assert.deepStrictEqual(haPart, CONTROL_PLANE_HA_VALUES);
    });

    it("without HA set none of upstream's HA keys", async () => {
        const values = await controlPlaneValues({ highAvailability: false });
        const haPart = Object.keys(values).filter((k) => !ALWAYS_SET.test(k));
        assert.deepStrictEqual(haPart, []);
        assert.strictEqual(values.webhookFailurePolicy, undefined, "the chart's default (Ignore) applies");
    });

    it("set identity, webhook and heartbeat keys in both modes", async () => {
        for (const highAvailability of [true, false]) {
            const values = await controlPlaneValues({ highAvailability });
            assert.deepStrictEqual(
                Object.keys(values)
                    .filter((k) => ALWAYS_SET.test(k))
                    .sort(),
                [
                    "heartbeatSchedule",
                    "proxy.defaultInboundPolicy",
                    "identity.issuer.scheme",
                    "identity.issuer.tls.crtPEM",
                    "identity.issuer.tls.keyPEM",
                    "identityTrustAnchorsPEM",
                    "policyValidator.caBundle",
                    "policyValidator.crtPEM",
                    "policyValidator.externalSecret",
                    "policyValidator.keyPEM",
                    "profileValidator.caBundle",
                    "profileValidator.crtPEM",
                    "profileValidator.externalSecret",
                    "profileValidator.keyPEM",
                    "proxyInjector.caBundle",
                    "proxyInjector.crtPEM",
                    "proxyInjector.externalSecret",
                    "proxyInjector.keyPEM",
                ].sort(),
            );
        }
    });

    it("use only keys that the pinned chart has, whatever the settings", async () => {
        const configs: Record<string, boolean | string[]>[] = [
            {},
            { highAvailability: false },
            {
                controlPlaneResources: [
                    "destination.memory.limit=1Gi",
                    "identity.cpu.limit=1",
                    "policyController.memory.request=64Mi",
                    "heartbeat.ephemeral-storage.limit=100Mi",
                    "proxyInjector.cpu.request=200m",
                    "spValidator.memory.limit=",
                ],
            },
        ];
        for (const config of configs) {
            const values = await controlPlaneValues(config);
            const unknown = Object.keys(values).filter((k) => !isControlPlaneKey(k));
            assert.deepStrictEqual(unknown, [], JSON.stringify(config));
        }
    });

    it("apply resource overrides on top of the HA resources, leaving the rest of values-ha intact", async () => {
        const values = await controlPlaneValues({
            controlPlaneResources: [
                "destination.memory.limit=1Gi",
                "destination.cpu.limit=2",
                "identity.memory.request=",
                "policyController.memory.request=64Mi",
            ],
        });
        assert.strictEqual(values["destinationResources.memory.limit"], "1Gi");
        assert.strictEqual(values["destinationResources.cpu.limit"], "2");
        assert.strictEqual(values["destinationResources.memory.request"], "50Mi", "HA value kept");
        assert.strictEqual(values["identityResources.memory.request"], "", "an empty override removes the bound");
        assert.strictEqual(values["policyController.resources.memory.request"], "64Mi");
        for (const [key, expected] of Object.entries(CONTROL_PLANE_HA_VALUES)) {
            if (!/^(destinationResources\.(memory|cpu)\.limit|identityResources\.memory\.request)$/.test(key)) {
                assert.deepStrictEqual(values[key], expected, key);
            }
        }
    });

    it("apply resource overrides without HA too", async () => {
        const values = await controlPlaneValues({
            highAvailability: false,
            controlPlaneResources: ["destination.memory.limit=1Gi"],
        });
        assert.strictEqual(values["destinationResources.memory.limit"], "1Gi");
        assert.strictEqual(values["destinationResources.memory.request"], undefined);
        assert.strictEqual(values.controllerReplicas, undefined);
    });
});

describe("linkerd-crds values", () => {
    it("use only keys the chart has, and leave Gateway API to the program", async () => {
        const run = await runProgram({ config: singleClusterConfig(), secretKeys: SECRET_KUBECONFIG });
        const values = flatten(run.get("kubernetes:helm.sh/v4:Chart", "linkerd-crds").inputs.values);
        assert.deepStrictEqual(
            Object.keys(values).filter((k) => !CRDS_KEYS.includes(k)),
            [],
        );
        assert.strictEqual(values.installGatewayAPI, false);
    });
});
