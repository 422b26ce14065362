/**
 * Exactly once under faults, at the provider level: the real SDK over HTTP against
 * the emulator's fault injection. Every fault kind, on the first and on the last
 * call, for a lease of 3 instances (3 RenewInstance calls) and a lease of 25
 * reserved instances (3 RenewReservedInstances calls); then a follow-up run. The
 * money is counted in the emulator's ledger and compared with the state.
 */
import * as assert from "node:assert/strict";
import type { ChargeEntry, FaultSpec } from "../../emulator";
import { SdkEcsGateway } from "../../provider/ecs/sdk-gateway";
import { IdempotenceConflictError } from "../../provider/core/errors";
import { LeaseLifecycle } from "../../provider/lifecycle/lease-lifecycle";
import { LeaseInputs, LeaseOutputs } from "../../provider/core/types";
import { useEmulator } from "../support/emulator";
import { checked, ledgerCharges, instanceIds, inventory, REGION, reservedIds, settingsFor, urn } from "../support/fixtures";
import { record } from "./summary";

const TIMEOUT_MS = 400;
/** Deterministic waits (half the jitter ceiling): the retry budget must outlast a delayed answer. */
const EFFECTS = { sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), random: () => 0.5 };

const FAULTS: { label: string; fault: Omit<FaultSpec, "action" | "nth"> }[] = [
    { label: "500 InternalError", fault: { kind: "error", code: "InternalError", status: 500 } },
    { label: "503 ServiceUnavailable", fault: { kind: "error", code: "ServiceUnavailable", status: 503 } },
    { label: "400 Throttling.User", fault: { kind: "error", code: "Throttling.User", status: 400 } },
    { label: "403 LastTokenProcessing", fault: { kind: "error", code: "LastTokenProcessing", status: 403 } },
    { label: "400 LastOrderProcessing", fault: { kind: "error", code: "LastOrderProcessing", status: 400 } },
    { label: "reset before commit", fault: { kind: "reset-before-commit" } },
    { label: "reset after commit", fault: { kind: "reset-after-commit" } },
    { label: "answer delayed past the timeout after commit", fault: { kind: "delay-after-commit", delayMs: 3 * TIMEOUT_MS } },
];

const LEASES = [
    { label: "RenewInstance (3 instances)", action: "RenewInstance", args: { instanceIds: instanceIds(3), period: 1, periodUnit: "Month" }, calls: 3, targets: 3 },
    { label: "RenewReservedInstances (25 reserved instances)", action: "RenewReservedInstances", args: { reservedInstanceIds: reservedIds(25), period: 1, periodUnit: "Year" }, calls: 3, targets: 25 },
];

describe("reliability: exactly once under faults (provider level)", function () {
    this.timeout(60_000);
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(3), reservedIds(25)) });
    let provider: LeaseLifecycle;

    beforeEach(() => {
        const settings = settingsFor(emu, { timeoutMs: TIMEOUT_MS, retry: { maxAttempts: 12, baseDelayMs: 100, maxDelayMs: 400 } });
        const gateway = new SdkEcsGateway(settings);
        provider = new LeaseLifecycle({ settings: () => settings, gateway: () => gateway, effects: EFFECTS, announce: () => undefined });
    });

    const charges = () => ledgerCharges(emu);

    /** Checks the ledger against the state: every target renewed once, every order recorded. */
    async function assertExactlyOnce(state: LeaseOutputs, calls: number, targets: number): Promise<ChargeEntry[]> {
        const ledger = await charges();
        assert.equal(ledger.length, calls, "orders in the ledger");
        const ids = ledger.flatMap((c) => c.ids);
        assert.equal(ids.length, targets, "each target renewed once");
        assert.equal(new Set(ids).size, targets);
        assert.deepEqual(state.lastRenewalCalls.map((c) => c.orderId).sort(), ledger.map((c) => c.orderId).sort(), "the state records every order");
        assert.ok(Object.values(state.targets).every((t) => t.renewedInSequence === 1), "every target recorded as renewed");
        return ledger;
    }

    /** The follow-up run: nothing pending, nothing bought. */
    async function followUp(state: LeaseOutputs, inputs: LeaseInputs): Promise<void> {
        const before = (await charges()).length;
        const diff = await provider.diff("id", state, await checked(provider, inputs, inputs));
        assert.equal(diff.changes, false, "nothing left pending");
        assert.equal((await charges()).length, before);
    }

    for (const lease of LEASES) {
        for (const { label, fault } of FAULTS) {
            for (const nth of [1, lease.calls]) {
                const scenario = `${lease.action}: ${label} on call ${nth} of ${lease.calls}`;
                it(`${scenario} charges exactly once per target and records every order`, async () => {
                    await emu.control.setFaults([{ action: lease.action, nth, ...fault }]);
                    const inputs = await checked(provider, { ...lease.args, regionId: REGION, leaseUrn: urn(`faults-${lease.action}`) });
                    const { outs } = await provider.create(inputs);
                    const state = outs as LeaseOutputs;
                    const ledger = await assertExactlyOnce(state, lease.calls, lease.targets);
                    await followUp(state, inputs);
                    record({ level: "provider", scenario, runs: 2, chargesExpected: lease.calls, chargesSeen: ledger.length, recordedInState: state.lastRenewalCalls.length });
                });
            }
        }
    }

    it("a lease of 25 whose call 2 of 3 fails for good records the 2 orders, and the run after the fix buys only the third", async () => {
        await emu.control.setFaults([{ action: "RenewReservedInstances", nth: 2, kind: "error", code: "Account.Arrearage", status: 403 }]);
        const inputs = await checked(provider, { ...LEASES[1].args, regionId: REGION, leaseUrn: urn("partial") });
        const failure = await provider.create(inputs).then(() => undefined, (e: unknown) => e as Error & { id: string; properties: LeaseOutputs });
        assert.ok(failure?.properties, "the failure carries the partial state");
        assert.equal(failure.properties.lastRenewalCalls.length, 2);
        assert.equal((await charges()).length, 2);
        await emu.control.clearFaults();
        const { outs } = await provider.update(failure.id, failure.properties, inputs);
        const state = outs as LeaseOutputs;
        const ledger = await assertExactlyOnce(state, 3, 25);
        await followUp(state, inputs);
        record({ level: "provider", scenario: "RenewReservedInstances: call 2 of 3 fails for good, fixed, run again", runs: 3, chargesExpected: 3, chargesSeen: ledger.length, recordedInState: state.lastRenewalCalls.length });
    });

    it("a period edited between a silently committed attempt and its retry gets a clear error, never a second charge", async () => {
        // Every attempt is applied by ECS but its answer is lost: the run fails with nothing in the state.
        await emu.control.setFaults([{ action: "RenewInstance", nth: 1, kind: "reset-after-commit", times: 100 }]);
        const original = await checked(provider, { instanceIds: ["i-t000"], period: 1, periodUnit: "Month", regionId: REGION, leaseUrn: urn("edited") });
        await assert.rejects(provider.create(original), /got no answer/);
        await emu.control.clearFaults();
        assert.equal((await charges()).length, 1, "ECS applied the first attempt");

        const edited = await checked(provider, { instanceIds: ["i-t000"], period: 3, periodUnit: "Month", regionId: REGION, leaseUrn: urn("edited") });
        await assert.rejects(provider.create(edited), (err: unknown) => err instanceof IdempotenceConflictError && /restore the previous period/.test(err.message));
        assert.equal((await charges()).length, 1, "the edited retry bought nothing");

        const { outs } = await provider.create(original);
        const state = outs as LeaseOutputs;
        const ledger = await assertExactlyOnce(state, 1, 1);
        record({ level: "provider", scenario: "RenewInstance: period edited after a lost answer (clear error, then restored)", runs: 3, chargesExpected: 1, chargesSeen: ledger.length, recordedInState: state.lastRenewalCalls.length });
    });
});
