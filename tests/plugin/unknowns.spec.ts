/**
 * Unknown values in previews (an id list holding an output of a resource not created yet): the
 * plugin passes the engine's sentinel through to the lifecycle and back.
 */
import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../provider/core/validation";
import { useEmulator } from "../support/emulator";
import { callCount, instanceIds, inventory, WRITE_ACTIONS } from "../support/fixtures";
import { usePlugin } from "./harness";

describe("plugin unknown inputs", () => {
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(1), []) });
    const plugin = usePlugin(emu);
    before(() => plugin.configure());

    it("check accepts an id list with an unknown id and keeps the sentinel in place", async () => {
        const { inputs, failures } = await plugin.check("later", { instanceIds: ["i-t000", UNKNOWN], period: 1, periodUnit: "Month" });
        assert.deepEqual(failures, []);
        assert.deepEqual(inputs.instanceIds, ["i-t000", UNKNOWN]);
        assert.equal(await callCount(emu, WRITE_ACTIONS), 0);
    });

    it("diff of a lease whose term is unknown is a change that lists the term", async () => {
        const created = (await plugin.check("later", { instanceIds: ["i-t000"], period: 1, periodUnit: "Month", term: "2027" })).inputs;
        const { id, outputs } = await plugin.create("later", created);
        const response = await plugin.diff("later", id, outputs, { ...created, term: UNKNOWN }, created);
        assert.equal(response.getChanges(), plugin.pb.DiffResponse.DiffChanges.DIFF_SOME);
        assert.ok(response.getDetaileddiffMap().has("term"));
    });
});
