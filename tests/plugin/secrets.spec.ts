/**
 * Secret arguments through the plugin: the engine sends them wrapped; the plugin hands back
 * the same arguments, and every output derived from them, wrapped.
 */
import * as assert from "node:assert/strict";
import { asSecret, isSerializedSecret } from "../../provider/core/secrecy";
import { useEmulator } from "../support/emulator";
import { instanceIds, inventory } from "../support/fixtures";
import { usePlugin } from "./harness";

describe("plugin secrets", () => {
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(2), []) });
    const plugin = usePlugin(emu);
    before(() => plugin.configure());
    const args = { instanceIds: asSecret(instanceIds(2)), period: 1, periodUnit: "Month", term: "2027" };

    it("check records which arguments arrived secret and keeps them and the plan wrapped", async () => {
        const { inputs, failures } = await plugin.check("hidden", args);
        assert.deepEqual(failures, []);
        assert.deepEqual(inputs.secretInputs, ["instanceIds"]);
        assert.ok(isSerializedSecret(inputs.instanceIds));
        assert.ok(isSerializedSecret(inputs.renewalPlan));
    });

    it("create's outputs keep the secret ids and everything derived from them wrapped", async () => {
        const { inputs } = await plugin.check("hidden", args);
        const { outputs } = await plugin.create("hidden", inputs);
        for (const name of ["instanceIds", "targets", "lastRenewalCalls", "renewalPlan"]) {
            assert.ok(isSerializedSecret(outputs[name]), `${name} is not secret`);
        }
        const plainParts = JSON.stringify({ ...outputs, instanceIds: null, targets: null, lastRenewalCalls: null, renewalPlan: null });
        for (const id of instanceIds(2)) {
            assert.ok(!plainParts.includes(id), `${id} appears outside a secret`);
        }
    });

    it("announcements of a lease with secret ids do not name them", async () => {
        plugin.announced.length = 0;
        await plugin.check("hidden", args);
        assert.ok(plugin.announced.length > 0);
        for (const id of instanceIds(2)) {
            assert.ok(!plugin.announced.join("\n").includes(id), `${id} announced`);
        }
    });
});
