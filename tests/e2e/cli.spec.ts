/**
 * The real Pulumi CLI against the emulator: preview, up, refresh, destroy and bad
 * input. Runs killed mid-renewal are in tests/reliability/engine.spec.ts.
 */
import * as assert from "node:assert/strict";
import { useE2eStacks } from "../support/e2e-stacks";
import { useEmulator } from "../support/emulator";
import { callCount, instanceIds, inventory, ledgerCharges, reservedIds, WRITE_ACTIONS } from "../support/fixtures";
import { ENGINE_LABEL } from "./engine";
import type { E2eStack } from "./support";


const servers = (term: string): Record<string, unknown> => ({ instanceIds: instanceIds(2), period: 1, periodUnit: "Month", term });
const reserved = (term: string): Record<string, unknown> => ({ reservedInstanceIds: reservedIds(12), period: 1, periodUnit: "Year", term });

describe(`the real Pulumi CLI against the emulator ${ENGINE_LABEL}`, function () {
    this.timeout(600_000);
    const emu = useEmulator();
    const stacks = useE2eStacks(emu);
    const fresh = (name: string): Promise<E2eStack> => stacks.fresh(name, inventory(instanceIds(2), reservedIds(12)));
    const charges = () => ledgerCharges(emu);
    const writeCalls = () => callCount(emu, WRITE_ACTIONS);
    async function totalCalls(): Promise<number> {
        return Object.values((await emu.control.ledger()).calls).reduce((a, b) => a + b, 0);
    }

    describe("a lease's life", () => {
        let s: E2eStack;
        before(async () => {
            s = await fresh("life");
            await s.setLeases({ servers: servers("2027"), reserved: reserved("2027") });
        });

        it("preview of a new stack makes no write call and names each target and its period", async () => {
            const preview = await s.stack.preview({ diff: true });
            assert.equal(await writeCalls(), 0);
            // The provider's lines come on the CLI's stdout up to 3.163 and on its stderr in 3.276: the terminal shows both.
            const shown = preview.stdout + preview.stderr;
            for (const id of [...instanceIds(2), ...reservedIds(12)]) {
                assert.ok(shown.includes(id), `preview does not name ${id}`);
            }
            assert.match(shown, /renew i-t000, i-t001 by 1 Month \(term "2027"\)/);
            assert.match(shown, /by 1 Year \(term "2027"\)/);
        });

        it("up charges exactly once per target", async () => {
            await s.stack.up();
            const ledger = await charges();
            assert.equal(ledger.filter((c) => c.action === "RenewInstance").length, 2);
            assert.deepEqual(ledger.filter((c) => c.action === "RenewReservedInstances").map((c) => c.ids.length).sort(), [10, 2]);
        });

        it("a second up charges nothing and reports no change", async () => {
            const result = await s.stack.up();
            assert.equal((await charges()).length, 4);
            assert.equal(result.summary.resourceChanges?.update ?? 0, 0);
        });

        it("the preview before a term change shows the update and what it will renew", async () => {
            await s.setLeases({ servers: servers("2028"), reserved: reserved("2027") });
            const preview = await s.stack.preview({ diff: true });
            assert.equal(preview.changeSummary.update, 1);
            assert.match(preview.stdout, /term\s*:\s*"2027" => "2028"/);
            assert.match(preview.stdout + preview.stderr, /renew i-t000, i-t001 by 1 Month \(term "2028"\)/);
            assert.equal((await charges()).length, 4);
        });

        it("changing term charges once more per target of that lease", async () => {
            await s.stack.up();
            const ledger = await charges();
            assert.equal(ledger.length, 6);
            assert.deepEqual(ledger.slice(4).map((c) => c.ids[0]).sort(), instanceIds(2));
            const outputs = await s.stack.outputs();
            const state = outputs.state.value as Record<string, { renewalCount: number }>;
            assert.equal(state.servers.renewalCount, 2);
            assert.equal(state.reserved.renewalCount, 1);
        });

        it("refresh records an expiry changed outside Pulumi", async () => {
            const stored = await emu.control.state();
            await emu.control.reset({
                instances: stored.instances.map((i) => (i.InstanceId === "i-t000" ? { ...i, ExpiredTime: "2031-05-05T05:00Z" } : i)),
                reservedInstances: stored.reservedInstances,
            });
            const before = s.leaseState("servers") as { targets: Record<string, { expiredTime: string }> };
            assert.notEqual(before.targets["i-t000"].expiredTime, "2031-05-05T05:00Z");
            await s.stack.refresh();
            const after = s.leaseState("servers") as { targets: Record<string, { expiredTime: string }> };
            assert.equal(after.targets["i-t000"].expiredTime, "2031-05-05T05:00Z");
        });

        it("keeps the AccessKey secret out of the state file", () => {
            assert.ok(!s.stateText().includes(emu.accessKeys[0].secret));
        });

        it("destroy calls no renewal API", async () => {
            const before = await writeCalls();
            await s.stack.destroy();
            assert.equal(await writeCalls(), before);
        });
    });

    describe("a lease's targets and name change", () => {
        let s: E2eStack;
        const servers2027 = (ids: string[]): Record<string, unknown> => ({ instanceIds: ids, period: 1, periodUnit: "Month", term: "2027" });
        before(async () => {
            s = await fresh("change");
            await s.setLeases({ servers: servers2027(["i-t000"]) });
            await s.stack.up();
            assert.equal((await charges()).length, 1);
        });

        it("a target added is renewed alone, for the current term", async () => {
            await s.setLeases({ servers: servers2027(["i-t000", "i-t001"]) });
            await s.stack.up();
            const ledger = await charges();
            assert.deepEqual(ledger.slice(1).map((c) => c.ids), [["i-t001"]]);
            const state = s.leaseState("servers") as { targets: Record<string, { lastRenewedTerm: string }> };
            assert.equal(state.targets["i-t001"].lastRenewedTerm, '1 Month (term "2027")');
        });

        it("a target removed renews nothing, and the lease forgets it", async () => {
            await s.setLeases({ servers: servers2027(["i-t001"]) });
            await s.stack.up();
            assert.equal((await charges()).length, 2);
            const state = s.leaseState("servers") as { targets: Record<string, unknown> };
            assert.deepEqual(Object.keys(state.targets), ["i-t001"]);
        });

        it("a lease renamed with aliases renews nothing and keeps its creation URN", async () => {
            const creationUrn = (s.leaseState("servers") as { creationUrn: string }).creationUrn;
            await s.stack.setConfig("e2e:aliases", { value: JSON.stringify({ fleet: "servers" }) });
            await s.setLeases({ fleet: servers2027(["i-t001"]) });
            const result = await s.stack.up();
            assert.equal((await charges()).length, 2);
            assert.equal(result.summary.resourceChanges?.create ?? 0, 0);
            assert.equal(result.summary.resourceChanges?.delete ?? 0, 0);
            assert.equal(s.leaseState("servers"), undefined);
            assert.equal((s.leaseState("fleet") as { creationUrn: string }).creationUrn, creationUrn);
        });
    });

    it("bad input fails preview with the validation message and zero API calls", async () => {
        const s = await fresh("bad-input");
        await s.setLeases({ bad: { instanceIds: ["i-t000"], period: 5, periodUnit: "Week" } });
        const before = await totalCalls();
        const result = await s.pulumi(["preview"]);
        assert.notEqual(result.status, 0);
        assert.match(result.stdout + result.stderr, /period 5 is not allowed with periodUnit "Week"; allowed: 1, 2, 3, 4/);
        assert.equal(await totalCalls(), before);
    });
});
