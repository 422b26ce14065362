/**
 * The reads after renewals: the steps the engine runs at once (up to `--parallel`) read their
 * targets back together, in one Describe call, instead of one call each.
 */
import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { callCount, checked, instanceIds, inventory, ledgerCharges, providerFor, REGION, urn } from "../support/fixtures";

describe("reads after renewals", function () {
    this.timeout(30_000);
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(8), []) });
    const lease = (n: number) => ({ instanceIds: [instanceIds(8)[n]], regionId: REGION, period: 1, periodUnit: "Month", leaseUrn: urn(`one-${n}`) });

    it("eight creates run at once read their targets back in one DescribeInstances call, even when their renewals end apart", async () => {
        const provider = providerFor(emu);
        // The last renewal answers 300 ms after the others, as engine-paced steps end apart.
        await emu.control.setFaults([{ action: "RenewInstance", nth: 8, kind: "delay-after-commit", delayMs: 300 }]);
        const inputs = await Promise.all(Array.from({ length: 8 }, (_, n) => checked(provider, lease(n))));
        const before = await callCount(emu, ["DescribeInstances"]);
        const created = await Promise.all(inputs.map((i) => provider.create(i)));
        assert.equal(await callCount(emu, ["DescribeInstances"]) - before, 1);
        assert.equal((await ledgerCharges(emu)).length, 8);
        assert.ok(created.every((c) => c.outs.targets[c.outs.instanceIds?.[0] ?? ""].expiredTime === "2027-02-15T16:00Z"), "each records its new expiry");
    });
});
