/**
 * ECS answers a repeated ClientToken with the order it already made. A lease deleted and
 * created again with the same name and targets repeats the deleted lease's tokens, so its
 * "renewal" buys nothing: the step is recorded as that order and the user is told why.
 */
import * as assert from "node:assert/strict";
import { LeaseOutputs } from "../../provider/core/types";
import { useEmulator } from "../support/emulator";
import { checked, instanceIds, inventory, providerFor, urn } from "../support/fixtures";

describe("replayed orders", () => {
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(2), []) });

    const lease = { instanceIds: ["i-t000", "i-t001"], period: 1, periodUnit: "Month", term: "2027", leaseUrn: urn("web") };

    it("a lease deleted and created again records the earlier orders as replayed and warns, and nothing is charged again", async () => {
        const first = providerFor(emu);
        const created = await first.create(await checked(first, lease));
        await first.delete();

        const announced: string[] = [];
        const again = providerFor(emu, {}, announced);
        const recreated = await again.create(await checked(again, lease));
        const calls = (recreated.outs as LeaseOutputs).lastRenewalCalls;

        assert.equal((await emu.control.ledger()).charges.length, 2, "only the first create was charged");
        assert.deepEqual(calls.map((c) => c.orderId), (created.outs as LeaseOutputs).lastRenewalCalls.map((c) => c.orderId));
        assert.deepEqual(calls.map((c) => c.replayed), [true, true]);
        const warning = announced.find((l) => l.startsWith("warning:")) ?? "";
        assert.match(warning, /with an order it had already made for the same ClientToken: nothing was bought/);
        assert.match(warning, /interrupted/);
        assert.match(warning, /deleted and created again with the same name and targets/);
        assert.match(warning, /change `term` to buy a renewal/);
    });

    it("a renewal that moved the expiry is not marked replayed, and nothing is announced about it", async () => {
        const announced: string[] = [];
        const provider = providerFor(emu, {}, announced);
        const { outs } = await provider.create(await checked(provider, lease));
        assert.deepEqual((outs as LeaseOutputs).lastRenewalCalls.map((c) => c.replayed), [undefined, undefined]);
        assert.equal(announced.filter((l) => l.startsWith("warning:")).length, 0);
    });
});
