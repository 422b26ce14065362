/**
 * Whatever the provider hands the dynamic provider host must be data the host can send:
 * it converts results and partial-failure state with protobuf's `Struct.fromJavaScript`,
 * which throws on `undefined`, and a throw in its error path never answers the engine, so
 * the CLI would hang. Checked here with the host's own converter and the oddest accepted inputs.
 */
import * as assert from "node:assert/strict";
// The converter the dynamic provider host uses (a dependency of @pulumi/pulumi).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Struct } = require("google-protobuf/google/protobuf/struct_pb.js") as { Struct: { fromJavaScript(value: Record<string, unknown>): { toJavaScript(): unknown } } };
import { LeaseOutputs } from "../../provider/core/types";
import { useEmulator } from "../support/emulator";
import { asEngineSends, checked, instanceIds, inventory, providerFor, reservedIds, urn } from "../support/fixtures";

describe("answers the dynamic provider host can send", () => {
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(3), reservedIds(12)) });

    const odd = {
        reservedInstanceIds: reservedIds(12), period: 1, periodUnit: "Year", term: "t".repeat(128), autoRenew: true, autoRenewPeriod: 36,
        allowDoubleCharge: true, secretInputs: ["reservedInstanceIds", "term"], leaseUrn: urn("odd"),
    };

    it("a partial failure carries id, plain-data state and reasons the host converts, and the state records what was bought", async () => {
        const provider = providerFor(emu);
        const inputs = await checked(provider, odd);
        await emu.control.setFaults([{ action: "RenewReservedInstances", nth: 2, kind: "error", code: "Account.Arrearage", status: 403 }]);
        const error = await provider.create(inputs).then(() => undefined, (e: unknown) => e as Error & { id?: string; properties?: Record<string, unknown>; reasons?: string[] });
        assert.ok(error?.id, "the error carries the lease id");
        assert.doesNotThrow(() => Struct.fromJavaScript(error.properties ?? {}));
        assert.ok((error.reasons ?? []).every((r) => typeof r === "string"));
        assert.match(error.message, /1 of 2 RenewReservedInstances calls failed/);
        const state = asEngineSends(error.properties) as unknown as LeaseOutputs;
        assert.equal(state.lastRenewalCalls.length, 1);
        assert.equal((await emu.control.ledger()).charges.length, 1);
    });

    it("create, update and read results convert too", async () => {
        const provider = providerFor(emu);
        const inputs = await checked(provider, odd);
        const { id, outs } = await provider.create(inputs);
        assert.doesNotThrow(() => Struct.fromJavaScript(outs as unknown as Record<string, unknown>));
        const read = await provider.read(id, asEngineSends(outs));
        assert.doesNotThrow(() => Struct.fromJavaScript(read.props as unknown as Record<string, unknown>));
    });
});
