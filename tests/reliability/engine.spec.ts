/**
 * Exactly once under faults, at the engine level: the real Pulumi CLI (project
 * directory, Node.js language host, dynamic provider plugin) against the emulator.
 * The CLI is killed with SIGKILL after ECS committed a renewal and before the state
 * was written, for a create and for an update; a multi-call lease fails part way;
 * then the user recovers the way the CLI asks and runs `pulumi up` again.
 */
import * as assert from "node:assert/strict";
import type { ChargeEntry } from "../../emulator";
import { LeaseOutputs } from "../../provider/core/types";
import { ENGINE_LABEL } from "../e2e/engine";
import { E2eStack, killUpWhen } from "../e2e/support";
import { useE2eStacks } from "../support/e2e-stacks";
import { useEmulator } from "../support/emulator";
import { instanceIds, inventory, ledgerCharges, reservedIds } from "../support/fixtures";
import { record } from "./summary";


describe(`reliability: exactly once under faults (engine level, real CLI) ${ENGINE_LABEL}`, function () {
    this.timeout(600_000);
    const emu = useEmulator();
    const stacks = useE2eStacks(emu);
    const fresh = (name: string): Promise<E2eStack> => stacks.fresh(name, inventory(instanceIds(3), reservedIds(25)));
    const charges = () => ledgerCharges(emu);
    const succeed = (s: E2eStack, args: string[]): Promise<string> => s.expectSuccess(args);
    /** What a user does after a crash: release the lock and resolve pending operations, non-interactively. */
    async function recover(s: E2eStack): Promise<void> {
        await s.pulumi(["cancel", "--yes"]);
        await succeed(s, ["refresh", "--yes", "--clear-pending-creates", "--skip-preview"]);
    }
    function assertRecorded(state: LeaseOutputs | undefined, ledger: ChargeEntry[]): asserts state is LeaseOutputs {
        assert.ok(state, "the lease is in the state");
        assert.deepEqual(state.lastRenewalCalls.map((c) => c.orderId).sort(), ledger.map((c) => c.orderId).sort(), "the state records the orders that went through");
    }

    it("a create killed after ECS committed, recovered, then up: one charge, recorded in the state", async () => {
        const s = await fresh("killed-create");
        await s.setLeases({ one: { instanceIds: ["i-t000"], period: 1, periodUnit: "Month", term: "2027" } });
        await emu.control.setFaults([{ action: "RenewInstance", nth: 1, kind: "stall-after-commit" }]);
        await killUpWhen(s, async () => (await charges()).length === 1);
        await emu.control.clearFaults();
        await recover(s);
        await succeed(s, ["up", "--yes", "--skip-preview"]);

        const ledger = await charges();
        assert.equal(ledger.length, 1, "exactly one charge for the renewal");
        const state = s.leaseState("one") as LeaseOutputs | undefined;
        assertRecorded(state, ledger);
        assert.equal(state.renewalCount, 1);
        const checkpoint = JSON.parse(s.stateText()) as { checkpoint: { latest?: { pending_operations?: unknown[] } } };
        assert.deepEqual(checkpoint.checkpoint.latest?.pending_operations ?? [], [], "nothing left pending");
        record({ level: "engine", scenario: "create killed (SIGKILL) after ECS committed; cancel, refresh --clear-pending-creates, up", runs: 3, chargesExpected: 1, chargesSeen: ledger.length, recordedInState: state.lastRenewalCalls.length });
    });

    it("an update killed after ECS committed, recovered, then up: one charge for the new term, recorded in the state", async () => {
        const s = await fresh("killed-update");
        await s.setLeases({ one: { instanceIds: ["i-t000", "i-t001"], period: 1, periodUnit: "Month", term: "2027" } });
        await succeed(s, ["up", "--yes", "--skip-preview"]);
        assert.equal((await charges()).length, 2);

        await s.setLeases({ one: { instanceIds: ["i-t000", "i-t001"], period: 1, periodUnit: "Month", term: "2028" } });
        await emu.control.setFaults([{ action: "RenewInstance", nth: 2, kind: "stall-after-commit" }]);
        await killUpWhen(s, async () => (await charges()).length === 4);
        await emu.control.clearFaults();
        await recover(s);
        await succeed(s, ["up", "--yes", "--skip-preview"]);

        const ledger = await charges();
        assert.equal(ledger.length, 4, "two charges for 2027, two for 2028, none twice");
        const state = s.leaseState("one") as LeaseOutputs | undefined;
        assertRecorded(state, ledger.slice(2));
        assert.equal(state.renewalCount, 2);
        record({ level: "engine", scenario: "update (new term) killed (SIGKILL) after ECS committed; cancel, refresh, up", runs: 4, chargesExpected: 2, chargesSeen: ledger.length - 2, recordedInState: state.lastRenewalCalls.length });
    });

    it("a multi-call lease whose call 2 of 3 fails records the 2 orders; after the fix, up buys only the third", async () => {
        const s = await fresh("partial");
        await s.setLeases({ ri: { reservedInstanceIds: reservedIds(25), period: 1, periodUnit: "Year" } });
        await emu.control.setFaults([{ action: "RenewReservedInstances", nth: 2, kind: "error", code: "Account.Arrearage", status: 403 }]);
        const failed = await s.pulumi(["up", "--yes", "--skip-preview"]);
        assert.notEqual(failed.status, 0);
        assert.match(failed.stdout, /1 of 3 RenewReservedInstances calls failed/);
        assert.match(failed.stdout, /Account\.Arrearage/);
        const partial = s.leaseState("ri") as LeaseOutputs | undefined;
        assert.equal(partial?.lastRenewalCalls.length, 2, "the engine recorded the partial state");
        await emu.control.clearFaults();

        const preview = await s.pulumi(["preview", "--diff"]);
        assert.match(preview.stdout + preview.stderr, /will renew .*\(not yet renewed for the current term/);
        await succeed(s, ["up", "--yes", "--skip-preview"]);
        const ledger = await charges();
        assert.equal(ledger.length, 3);
        assert.equal(new Set(ledger.flatMap((c) => c.ids)).size, 25);
        const state = s.leaseState("ri") as LeaseOutputs | undefined;
        assertRecorded(state, ledger);
        const again = await s.pulumi(["preview", "--expect-no-changes"]);
        assert.equal(again.status, 0, `nothing left pending:\n${again.stdout}`);
        record({ level: "engine", scenario: "25 reserved instances, call 2 of 3 fails for good; fix; up", runs: 3, chargesExpected: 3, chargesSeen: ledger.length, recordedInState: state.lastRenewalCalls.length });
    });
});
