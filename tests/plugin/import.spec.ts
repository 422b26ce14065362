/**
 * `pulumi import` through the plugin: Read with only an id `REGION/ID[,ID…]` answers the
 * lease's outputs and the inputs the engine then checks.
 */
import * as assert from "node:assert/strict";
import type * as grpc from "@grpc/grpc-js";
import { fromStruct } from "../../provider/hosts/plugin/wire";
import { useEmulator } from "../support/emulator";
import { DEFAULT_EXPIRY, instanceIds, inventory, reservedIds, WRITE_ACTIONS, callCount } from "../support/fixtures";
import { pluginUrn, usePlugin } from "./harness";

describe("plugin import", () => {
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(2), reservedIds(2)) });
    const plugin = usePlugin(emu);
    before(() => plugin.configure());

    const read = (id: string) => plugin.read(new plugin.pb.ReadRequest().setId(id).setUrn(pluginUrn("adopted")));

    it("answers the targets as inputs, with the kind from the id prefix", async () => {
        const response = await read("cn-hangzhou/i-t001,i-t000");
        const inputs = fromStruct(response.getInputs());
        assert.equal(inputs.regionId, "cn-hangzhou");
        assert.deepEqual(inputs.instanceIds, ["i-t000", "i-t001"]);
        const reserved = await read(`cn-hangzhou/${reservedIds(2).join(",")}`);
        assert.deepEqual(fromStruct(reserved.getInputs()).reservedInstanceIds, reservedIds(2));
    });

    it("answers outputs that record the live expiries and nothing bought", async () => {
        const outputs = fromStruct((await read("cn-hangzhou/i-t000")).getProperties()) as { targets: Record<string, { expiredTime: string; renewedInSequence: number }>; lastRenewalCalls: unknown[] };
        assert.equal(outputs.targets["i-t000"].expiredTime, DEFAULT_EXPIRY);
        assert.deepEqual(outputs.lastRenewalCalls, []);
        assert.equal(await callCount(emu, WRITE_ACTIONS), 0);
    });

    it("refuses an id without a region, naming the expected form", async () => {
        await assert.rejects(read("i-t000"), (err: grpc.ServiceError) => /cannot import lease "i-t000": expected REGION\/ID\[,ID…\]/.test(err.details));
    });

    it("refuses targets that do not exist", async () => {
        await assert.rejects(read("cn-hangzhou/i-nope"), (err: grpc.ServiceError) => /cannot import lease "cn-hangzhou\/i-nope"/.test(err.details));
    });
});
