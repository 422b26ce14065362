/**
 * Two leases of one stack that list the same target would each renew, and charge, it.
 * The provider process sees every lease's `check`, so it refuses the second one.
 */
import * as assert from "node:assert/strict";
import { LeaseLifecycle } from "../../provider/lifecycle/lease-lifecycle";
import { LeaseInputs } from "../../provider/core/types";
import { UNKNOWN } from "../../provider/core/validation";
import { useEmulator } from "../support/emulator";
import { checked, instanceIds, inventory, providerFor, reservedIds, urn } from "../support/fixtures";

describe("overlapping leases in one stack", () => {
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(3), reservedIds(3)) });
    let provider: LeaseLifecycle;

    beforeEach(() => {
        provider = providerFor(emu);
    });

    const lease = (name: string, args: Record<string, unknown>): Record<string, unknown> => ({ period: 1, periodUnit: "Month", term: "2027", leaseUrn: urn(name), ...args });
    const failuresOf = async (name: string, args: Record<string, unknown>): Promise<string[]> =>
        ((await provider.check({} as LeaseInputs, lease(name, args) as unknown as LeaseInputs)).failures ?? []).map((f) => f.reason);

    it("refuses the second lease that lists a target, naming both leases and the target", async () => {
        await checked(provider, lease("web", { instanceIds: ["i-t000", "i-t001"] }));
        const reasons = await failuresOf("web-copy", { instanceIds: ["i-t001", "i-t002"] });
        assert.equal(reasons.length, 1);
        assert.match(reasons[0], /i-t001 is also renewed by lease "web"/);
        assert.match(reasons[0], /lease "web-copy" is refused/);
        assert.doesNotMatch(reasons[0], /i-t002/);
    });

    it("refuses an overlap at preview on the ids already known, while others are not known yet", async () => {
        await checked(provider, lease("web", { instanceIds: ["i-t000"] }));
        const reasons = await failuresOf("web-copy", { instanceIds: ["i-t000", UNKNOWN] });
        assert.match(reasons.join(), /i-t000 is also renewed by lease "web"/);
    });

    it("refuses an overlap of reserved instances the same way", async () => {
        await checked(provider, lease("ri-a", { reservedInstanceIds: reservedIds(2), periodUnit: "Year" }));
        const reasons = await failuresOf("ri-b", { reservedInstanceIds: reservedIds(3), periodUnit: "Year" });
        assert.match(reasons.join(), /ecsri-t000, ecsri-t001 are also renewed by lease "ri-a"/);
    });

    it("accepts the overlap when every lease that lists the target sets allowDoubleCharge", async () => {
        await checked(provider, lease("web", { instanceIds: ["i-t000"], allowDoubleCharge: true }));
        await checked(provider, lease("web-copy", { instanceIds: ["i-t000"], allowDoubleCharge: true }));
    });

    it("still refuses it when only one of the two leases sets allowDoubleCharge", async () => {
        await checked(provider, lease("web", { instanceIds: ["i-t000"] }));
        const reasons = await failuresOf("web-copy", { instanceIds: ["i-t000"], allowDoubleCharge: true });
        assert.match(reasons.join(), /set allowDoubleCharge: true on every lease that lists it/);
    });

    it("does not count a lease checked again (preview, then up) as an overlap with itself", async () => {
        const first = await checked(provider, lease("web", { instanceIds: ["i-t000"] }));
        await checked(provider, lease("web", { instanceIds: ["i-t000"], term: "2028" }), first);
    });

    it("forgets a target a lease no longer lists", async () => {
        await checked(provider, lease("web", { instanceIds: ["i-t000"] }));
        await checked(provider, lease("web", { instanceIds: ["i-t001"] }));
        await checked(provider, lease("db", { instanceIds: ["i-t000"] }));
    });
});
