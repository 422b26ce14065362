/**
 * The plugin's Create: the engine's URN seeds the lease id and the ClientTokens with the same
 * formula as the dynamic host; a partial failure reaches the engine as a partial state.
 */
import * as assert from "node:assert/strict";
import type * as grpc from "@grpc/grpc-js";
import { deriveClientToken, deriveLeaseId } from "../../provider/core/token";
import { protocol } from "../../provider/hosts/plugin/proto";
import { fromStruct } from "../../provider/hosts/plugin/wire";
import { useEmulator } from "../support/emulator";
import { checked, instanceIds, inventory, ledgerCharges, providerFor } from "../support/fixtures";
import { pluginUrn, usePlugin } from "./harness";

describe("plugin create", () => {
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(2), []) });
    const plugin = usePlugin(emu);
    before(() => plugin.configure());
    const args = { instanceIds: instanceIds(2), period: 1, periodUnit: "Month", term: "2027" };

    it("derives the lease id and each ClientToken from the engine's URN, as the dynamic host does for that URN", async () => {
        const { id } = await plugin.create("fleet", (await plugin.check("fleet", args)).inputs);
        const sent = (await ledgerCharges(emu)).map((c) => c.clientToken).sort();
        assert.equal(id, deriveLeaseId(pluginUrn("fleet")));
        assert.deepEqual(sent, instanceIds(2).map((i) => deriveClientToken(pluginUrn("fleet"), 1, [i])).sort());

        await emu.control.reset(inventory(instanceIds(2), []));
        const dynamic = providerFor(emu);
        const created = await dynamic.create(await checked(dynamic, { ...args, leaseUrn: pluginUrn("fleet") }));
        assert.equal(created.id, id);
        assert.deepEqual((await ledgerCharges(emu)).map((c) => c.clientToken).sort(), sent);
    });

    it("a create that bought part of its targets answers the partial state for the engine to record", async () => {
        await emu.control.setFaults([{ action: "RenewInstance", nth: 2, times: 10, kind: "error", code: "InvalidParameter", status: 400 }]);
        const inputs = (await plugin.check("partly", args)).inputs;
        const failure = await plugin.create("partly", inputs).then(() => undefined, (err: grpc.ServiceError) => err);
        assert.ok(failure, "create succeeded");
        const { status, provider } = protocol();
        const [bin] = failure.metadata.get("grpc-status-details-bin") as Buffer[];
        const detail = status.Status.deserializeBinary(bin).getDetailsList()[0];
        const init = detail.unpack(provider.ErrorResourceInitFailed.deserializeBinary, "pulumirpc.ErrorResourceInitFailed");
        assert.ok(init);
        assert.equal(init.getId(), deriveLeaseId(pluginUrn("partly")));
        const recorded = fromStruct(init.getProperties()) as { lastRenewalCalls: { ids: string[] }[] };
        assert.equal(recorded.lastRenewalCalls.length, 1);
        assert.equal((await ledgerCharges(emu)).length, 1);
    });
});
