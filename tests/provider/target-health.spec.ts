/**
 * Targets ECS does not know are never bought blind, and targets that expired, were stopped
 * for non-payment, fell under the coverage goal or are gone are reported by refresh and
 * preview (a warning line per lease, and the `alerts` output).
 */
import * as assert from "node:assert/strict";
import { LeaseLifecycle } from "../../provider/lifecycle/lease-lifecycle";
import { LeaseInputs, LeaseOutputs } from "../../provider/core/types";
import { useEmulator } from "../support/emulator";
import { checked, DAY_MS, FIXED_NOW, instanceIds, inventory, providerFor, reservedIds, urn } from "../support/fixtures";

describe("target health: missing targets refuse the run, troubled targets are reported", () => {
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(3), reservedIds(12), { now: FIXED_NOW }) });
    let provider: LeaseLifecycle;
    let announced: string[];

    beforeEach(() => {
        announced = [];
        provider = providerFor(emu, {}, announced);
    });

    const lease = (args: Record<string, unknown>): Record<string, unknown> => ({ period: 1, periodUnit: "Month", term: "2027", leaseUrn: urn("web"), ...args });
    const failuresOf = async (args: Record<string, unknown>): Promise<string[]> =>
        ((await provider.check({} as LeaseInputs, lease(args) as unknown as LeaseInputs)).failures ?? []).map((f) => f.reason);
    const writes = async (): Promise<number> => (await emu.control.ledger()).charges.length;

    it("refuses at check a target ECS does not know, naming it and what to do, and buys nothing of the lease", async () => {
        const reasons = await failuresOf({ instanceIds: ["i-t000", "i-madeup01"], dryRun: true });
        assert.equal(reasons.length, 1);
        assert.match(reasons[0], /i-madeup01 does not exist in cn-hangzhou/);
        assert.match(reasons[0], /remove it from instanceIds/);
        assert.doesNotMatch(reasons[0], /i-t000/);
        assert.equal(await writes(), 0);
    });

    it("refuses a thousand made-up ids from reads alone, without a thousand failed price quotes", async () => {
        const ids = Array.from({ length: 1000 }, (_, i) => `i-madeup${String(i).padStart(4, "0")}`);
        const reasons = await failuresOf({ instanceIds: ids, dryRun: true });
        assert.match(reasons.join(), /i-madeup0000, .*i-madeup0999 do not exist/);
        const calls = (await emu.control.ledger()).calls as Record<string, number>;
        assert.equal(calls.DescribeRenewalPrice ?? 0, 0);
    });

    it("refuses the preview when the price query says the target does not exist", async () => {
        await emu.control.setFaults([{ action: "DescribeRenewalPrice", nth: 1, kind: "error", code: "InvalidInstanceId.NotFound", status: 404 }]);
        const reasons = await failuresOf({ instanceIds: ["i-t000"], dryRun: true });
        assert.match(reasons.join(), /i-t000 does not exist in cn-hangzhou/);
    });

    it("warns at preview about an expired target, with its expiry, and records the alert after the step", async () => {
        await emu.control.setClock(new Date(Date.parse("2027-01-15T16:00Z") + 2 * DAY_MS).toISOString());
        const inputs = await checked(provider, { ...lease({ instanceIds: ["i-t000"] }), dryRun: true });
        const warning = announced.find((l) => l.startsWith("warning:"));
        assert.match(warning ?? "", /^warning: RenewalLease web: i-t000 expired 2027-01-15T16:00Z and is stopped for non-payment/);
        const { outs } = await provider.create(inputs);
        assert.equal((outs as LeaseOutputs).alerts, undefined, "renewed: nothing needs attention any more");
    });

    it("refresh reports expired, stopped and gone targets in one warning line and in the alerts output", async () => {
        const inputs = await checked(provider, lease({ reservedInstanceIds: reservedIds(2), periodUnit: "Year" }));
        const { id, outs } = await provider.create(inputs);
        await emu.control.setClock("2029-01-20T00:00:00Z");
        const state = await emu.control.state();
        await emu.control.reset({ ...state, reservedInstances: state.reservedInstances.filter((r) => r.ReservedInstanceId !== "ecsri-t001") });
        await emu.control.setClock("2029-01-20T00:00:00Z");
        announced.length = 0;
        const refreshed = await providerFor(emu, {}, announced).read(id, outs as LeaseOutputs);
        const alerts = (refreshed.props as LeaseOutputs).alerts ?? [];
        assert.deepEqual(alerts.map((a) => [a.id, a.condition]), [["ecsri-t000", "expired"], ["ecsri-t001", "gone"]]);
        assert.equal(announced.filter((l) => l.startsWith("warning:")).length, 1);
        assert.match(announced[0], /ecsri-t000 expired 2028-01-15T16:00Z.*; ecsri-t001 is gone/);
    });

    it("refresh of a coverage lease reports the targets under its goal", async () => {
        const inputs = await checked(provider, { instanceIds: ["i-t000"], minimumDaysLeft: 30, leaseUrn: urn("keep") });
        const { id, outs } = await provider.create(inputs);
        await emu.control.setClock("2027-01-01T00:00:00Z");
        const refreshed = await providerFor(emu, {}, announced).read(id, outs as LeaseOutputs);
        const [alert] = (refreshed.props as LeaseOutputs).alerts ?? [];
        assert.equal(alert?.condition, "belowGoal");
        assert.match(alert?.message ?? "", /i-t000 expires 2027-01-15T16:00Z \(14 days left\), short of at least 30 days left/);
    });

    it("refresh of healthy targets warns about nothing and records no alerts", async () => {
        const { id, outs } = await provider.create(await checked(provider, lease({ instanceIds: ["i-t000"] })));
        announced.length = 0;
        const refreshed = await providerFor(emu, {}, announced).read(id, outs as LeaseOutputs);
        assert.equal((refreshed.props as LeaseOutputs).alerts, undefined);
        assert.deepEqual(announced, []);
    });

    it("the preview names every target it will buy for, however many", async () => {
        await checked(provider, { ...lease({ reservedInstanceIds: reservedIds(12), periodUnit: "Year" }), dryRun: true });
        const line = announced.find((l) => l.includes("will renew")) ?? "";
        for (const id of reservedIds(12)) {
            assert.ok(line.includes(id), `${id} is missing from: ${line}`);
        }
        assert.doesNotMatch(line, /and \d+ more/);
    });
});
