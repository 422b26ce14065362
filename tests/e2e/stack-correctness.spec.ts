/**
 * Stack-scale correctness through the real CLI: what a user sees in the preview and the
 * state when leases overlap, name targets ECS does not know, are secret, expire, are
 * deleted and created again, or are recovered while ECS is still finishing an order.
 */
import * as assert from "node:assert/strict";
import { LeaseOutputs } from "../../provider/core/types";
import { useE2eStacks } from "../support/e2e-stacks";
import { useEmulator } from "../support/emulator";
import { instanceIds, inventory, ledgerCharges, reservedIds } from "../support/fixtures";
import { E2eStack, killUpWhen } from "./support";

describe("e2e: stack-scale correctness (real CLI)", function () {
    this.timeout(600_000);
    const emu = useEmulator();
    const stacks = useE2eStacks(emu);
    const fresh = (name: string): Promise<E2eStack> => stacks.fresh(name, inventory(instanceIds(3), reservedIds(12)));
    const charges = () => ledgerCharges(emu);
    const monthly = (ids: string[], extra: Record<string, unknown> = {}) => ({ instanceIds: ids, period: 1, periodUnit: "Month", term: "2027", ...extra });

    it("refuses at preview two leases that list the same instance, naming both and the instance, and buys nothing", async () => {
        const s = await fresh("overlap");
        await s.setLeases({ web: monthly(["i-t000", "i-t001"]), "web-again": monthly(["i-t001"]) });
        const result = await s.pulumi(["up", "--yes"]);
        const out = result.stdout + result.stderr;
        assert.notEqual(result.status, 0);
        // The engine checks the two leases in either order: whichever comes second is refused.
        assert.match(out, /i-t001 is also renewed by lease "(web|web-again)": .* so lease "(web-again|web)" is refused/);
        const [, first, second] = /also renewed by lease "([^"]+)".* so lease "([^"]+)" is refused/.exec(out) ?? [];
        assert.notEqual(first, second);
        assert.deepEqual(await charges(), []);
    });

    it("refuses at preview a target ECS does not know, and buys none of the lease's other targets", async () => {
        const s = await fresh("missing");
        await s.setLeases({ web: monthly(["i-t000", "i-madeup01"]) });
        const result = await s.pulumi(["up", "--yes"]);
        assert.notEqual(result.status, 0);
        assert.match(result.stdout + result.stderr, /i-madeup01 does not exist in cn-hangzhou/);
        assert.deepEqual(await charges(), []);
    });

    it("the preview names each of 12 reserved instances it will buy for; a bad id is refused with its own message only", async () => {
        const s = await fresh("twelve");
        await s.setLeases({ ri: { reservedInstanceIds: reservedIds(12), period: 1, periodUnit: "Year" } });
        const preview = await s.expectSuccess(["preview"]);
        for (const id of reservedIds(12)) {
            assert.ok(preview.includes(id), `${id} is not in the preview`);
        }
        assert.doesNotMatch(preview, /and \d+ more/);

        await s.setLeases({ ri: { reservedInstanceIds: [...reservedIds(2), "ecsri-BAD"], period: 1, periodUnit: "Year" } });
        const bad = await s.pulumi(["preview"]);
        const out = bad.stdout + bad.stderr;
        assert.match(out, /reservedInstanceIds\[2\]: "ecsri-BAD" is not a reserved instance id/);
        assert.doesNotMatch(out, /periodUnit|value \{<nil>\}/);
    });

    it("secret ids stay secret in the preview, the state and the outputs, also when a renewal fails part way (and the CLI ends)", async () => {
        const s = await fresh("secret");
        await s.stack.setConfig("e2e:secretLeases", { value: JSON.stringify(["hidden"]) });
        // The program's own source of the ids (this test's config) is kept secret too, as a user's would be.
        await s.stack.setConfig("e2e:leases", { value: JSON.stringify({ hidden: monthly(instanceIds(3)) }), secret: true });
        await emu.control.setFaults([{ action: "RenewInstance", nth: 2, kind: "error", code: "Account.Arrearage", status: 403 }]);
        const failed = await s.pulumi(["up", "--yes"]);
        assert.notEqual(failed.status, 0);
        assert.match(failed.stdout + failed.stderr, /Account\.Arrearage/);
        assert.equal((await charges()).length, 2, "the two other instances were renewed");
        await emu.control.clearFaults();
        const fixed = await s.expectSuccess(["up", "--yes"]);
        for (const id of instanceIds(3)) {
            for (const [where, text] of [["the failed run", failed.stdout + failed.stderr], ["the fixed run", fixed], ["the state file", s.stateText()]]) {
                assert.ok(!text.includes(id), `${id} appears in plain text in ${where}`);
            }
        }
        assert.equal((await charges()).length, 3);
        assert.match(s.stateText(), /"targets":\s*\{\s*"4dabf18193072939515e22adb298388d"/, "targets is stored as a secret");
        assert.match(fixed, /targets\s*: \[secret\]/, "the CLI shows the exported targets as secret");
    });

    it("refresh warns, per lease and with dates, about targets that expired and were stopped for non-payment", async () => {
        const s = await fresh("expired");
        await s.setLeases({ web: monthly(["i-t000"]) });
        await s.expectSuccess(["up", "--yes"]);
        await emu.control.setClock("2027-03-01T00:00:00Z");
        const out = await s.expectSuccess(["refresh", "--yes"]);
        assert.match(out, /warning: RenewalLease web: i-t000 expired 2027-02-15T16:00Z and is stopped for non-payment/);
        const state = s.leaseState("web") as LeaseOutputs | undefined;
        assert.deepEqual(state?.alerts?.map((a) => a.condition), ["stoppedForNonPayment"]);
        await emu.control.setClock(null);
    });

    it("a lease deleted and created again with the same name and targets is told that ECS replayed the old orders", async () => {
        const s = await fresh("recreated");
        await s.setLeases({ web: monthly(["i-t000"]) });
        await s.expectSuccess(["up", "--yes"]);
        await s.expectSuccess(["destroy", "--yes"]);
        const again = await s.expectSuccess(["up", "--yes"]);
        assert.match(again, /nothing was bought by this call/);
        assert.match(again, /deleted and created again with the same name and targets/);
        assert.equal((await charges()).length, 1);
        const state = s.leaseState("web") as LeaseOutputs | undefined;
        assert.equal(state?.lastRenewalCalls[0].replayed, true);
    });

    it("a recovery run that meets an order ECS is still finishing waits for it instead of failing, and charges once", async () => {
        const s = await fresh("still-processing");
        await s.setLeases({ web: monthly(["i-t000"]) });
        await emu.control.setFaults([{ action: "RenewInstance", nth: 1, kind: "delay-after-commit", delayMs: 20_000 }]);
        await killUpWhen(s, async () => (await charges()).length === 1);
        await s.pulumi(["cancel", "--yes"]);
        await s.expectSuccess(["refresh", "--yes", "--clear-pending-creates", "--skip-preview"]);
        await s.expectSuccess(["up", "--yes", "--skip-preview"]);
        assert.equal((await charges()).length, 1);
        const state = s.leaseState("web") as LeaseOutputs | undefined;
        assert.equal(state?.renewalCount, 1);
        await emu.control.clearFaults();
    });
});
