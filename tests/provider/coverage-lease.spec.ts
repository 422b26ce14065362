import * as assert from "node:assert/strict";
import { CoverageError, PriceLimitError } from "../../provider/core/errors";
import { LeaseLifecycle } from "../../provider/lifecycle/lease-lifecycle";
import { deriveClientToken } from "../../provider/core/token";
import { LeaseInputs, LeaseOutputs } from "../../provider/core/types";
import { useEmulator } from "../support/emulator";
import { activeReservedInstance, callCount, checked, DAY_MS as DAY, daysAfterNow as at, FIXED_NOW as NOW, ledgerCharges, prepaidInstance, previewed, providerFor, REGION, urn, NO_CHANGE } from "../support/fixtures";



describe("coverage leases, prices and instance auto-renew against the emulator", function () {
    this.timeout(30_000);
    const emu = useEmulator({
        seedEachTest: () => ({
            instances: [prepaidInstance("i-c90", at(90)), prepaidInstance("i-c30", at(30))],
            reservedInstances: [activeReservedInstance("ecsri-c180", at(180))],
            now: NOW,
        }),
    });
    let provider: LeaseLifecycle;

    beforeEach(() => {
        provider = providerFor(emu);
    });

    const charges = () => ledgerCharges(emu);
    const calls = (action: string) => callCount(emu, [action]);
    const lease = (extra: Record<string, unknown>): Record<string, unknown> => ({ regionId: REGION, leaseUrn: urn("cover"), ...extra });

    it("minimumDaysLeft already met: check plans nothing, quotes nothing, and create buys nothing", async () => {
        const inputs = await checked(provider, lease({ instanceIds: ["i-c90"], minimumDaysLeft: 60 }));
        assert.equal(inputs.renewalPlan, "keep i-c90 at least 60 days left; nothing due");
        assert.equal(inputs.renewalsDue, undefined);
        await provider.create(inputs);
        assert.deepEqual(await charges(), []);
        assert.equal(await calls("DescribeRenewalPrice"), 0);
    });

    it("once the cloud's clock leaves 30 days, renews once by the smallest length restoring 60, then nothing", async () => {
        // Clock 2027-01-22, expiry 2027-02-21: 4 Weeks or 1 Month (to 2027-03-21, February) leave 58 days, so 2 Months.
        const first = await checked(provider, lease({ instanceIds: ["i-c90"], minimumDaysLeft: 60 }));
        const { outs } = await provider.create(first);
        await emu.control.setClock(new Date(Date.parse(NOW) + 60 * DAY).toISOString());
        provider = providerFor(emu); // the next scheduled run: a new provider process
        const due = await previewed(provider, lease({ instanceIds: ["i-c90"], minimumDaysLeft: 60 }), first);
        assert.deepEqual(due.renewalsDue, [{ id: "i-c90", period: 2, periodUnit: "Month" }]);
        assert.match(due.renewalPrice ?? "", /^\d+\.\d\d CNY$/);
        assert.notDeepEqual(await provider.diff("id", outs as LeaseOutputs, due), NO_CHANGE);
        const updated = await provider.update("id", outs as LeaseOutputs, due);
        assert.deepEqual((await charges()).map((c) => [c.ids, c.period, c.periodUnit]), [[["i-c90"], 2, "Month"]]);
        assert.equal((updated.outs as LeaseOutputs).targets["i-c90"].expiredTime, "2027-04-21T00:00Z");
        const after = await checked(provider, lease({ instanceIds: ["i-c90"], minimumDaysLeft: 60 }), due);
        assert.equal(after.renewalsDue, undefined);
        assert.deepEqual(await provider.diff("id", updated.outs as LeaseOutputs, after), NO_CHANGE);
    });

    it("after a step that bought what the goal needed, the recorded plan says nothing is due, so the next preview shows no change", async () => {
        const inputs = await checked(provider, lease({ instanceIds: ["i-c30"], minimumDaysLeft: 60 }));
        assert.match(inputs.renewalPlan, /^renew i-c30 by/);
        const { outs } = await provider.create(inputs);
        assert.equal((outs as LeaseOutputs).renewalPlan, "keep i-c30 at least 60 days left; nothing due");
        const again = await checked(provider, lease({ instanceIds: ["i-c30"], minimumDaysLeft: 60 }), inputs);
        assert.deepEqual(await provider.diff("id", outs as LeaseOutputs, again), NO_CHANGE);
    });

    it("renews each target of a lease by its own smallest length, and only those under the goal", async () => {
        const inputs = await checked(provider, lease({ instanceIds: ["i-c30", "i-c90"], paidThrough: at(100).slice(0, 10) }));
        assert.deepEqual(inputs.renewalsDue, [{ id: "i-c30", period: 3, periodUnit: "Month" }, { id: "i-c90", period: 2, periodUnit: "Week" }]);
        await provider.create(inputs);
        assert.deepEqual((await charges()).map((c) => [c.ids[0], c.period, c.periodUnit]).sort(), [["i-c30", 3, "Month"], ["i-c90", 2, "Week"]]);
    });

    it("renews a reserved instance by 3 Years when 1 Year does not reach paidThrough", async () => {
        const inputs = await previewed(provider, lease({ reservedInstanceIds: ["ecsri-c180"], paidThrough: at(180 + 400).slice(0, 10) }));
        assert.deepEqual(inputs.renewalsDue, [{ id: "ecsri-c180", period: 3, periodUnit: "Year" }]);
        assert.match(inputs.renewalPrice ?? "", /not quoted: ecsri-c180 \(ECS has no renewal price query for reserved instances\)/);
        await provider.create(inputs);
        assert.deepEqual((await charges()).map((c) => [c.action, c.period, c.periodUnit]), [["RenewReservedInstances", 3, "Year"]]);
    });

    it("refuses at check a paidThrough no allowed renewal reaches, naming paidThrough, and calls no write API", async () => {
        const result = await provider.check({} as LeaseInputs, lease({ instanceIds: ["i-c30"], paidThrough: "2033-06-30" }) as unknown as LeaseInputs);
        assert.equal(result.failures?.[0].property, "paidThrough");
        assert.match(result.failures?.[0].reason ?? "", /cannot be reached for i-c30.*longest allowed renewal \(48 Months\)/);
        assert.deepEqual(await charges(), []);
    });

    it("refuses at check a target that does not exist, naming instanceIds", async () => {
        const result = await provider.check({} as LeaseInputs, lease({ instanceIds: ["i-gone"], minimumDaysLeft: 30 }) as unknown as LeaseInputs);
        assert.equal(result.failures?.[0].property, "instanceIds");
        assert.match(result.failures?.[0].reason ?? "", /i-gone does not exist in cn-hangzhou/);
    });

    it("refuses at preview a renewal dearer than maxPrice, naming maxPrice and the quote", async () => {
        const result = await provider.check({} as LeaseInputs, lease({ instanceIds: ["i-c30"], minimumDaysLeft: 60, maxPrice: 1, dryRun: true }) as unknown as LeaseInputs);
        assert.equal(result.failures?.[0].property, "maxPrice");
        assert.match(result.failures?.[0].reason ?? "", /costs \d+\.\d\d CNY, more than maxPrice 1 \(i-c30 1 Month/);
        assert.deepEqual(await charges(), []);
    });

    it("with maxPrice, create quotes again and fails before any write when the price rose above it", async () => {
        const inputs = await checked(provider, lease({ instanceIds: ["i-c30"], period: 1, periodUnit: "Month", maxPrice: 100000 }));
        await assert.rejects(provider.create({ ...inputs, maxPrice: 1 }), PriceLimitError);
        assert.equal(await calls("RenewInstance"), 0);
    });

    it("a coverage goal that became unreachable between preview and up fails before any write", async () => {
        const inputs = await checked(provider, lease({ instanceIds: ["i-c30"], minimumDaysLeft: 60 }));
        await assert.rejects(provider.create({ ...inputs, minimumDaysLeft: 1825 }), CoverageError);
        assert.equal(await calls("RenewInstance"), 0);
    });

    it("a target whose renewal failed is retried with the failed step's ClientToken", async () => {
        const inputs = await checked(provider, lease({ instanceIds: ["i-c30", "i-c90"], minimumDaysLeft: 95 }));
        await emu.control.setFaults([{ action: "RenewInstance", nth: 2, kind: "error", code: "InvalidAccountStatus.NotEnoughBalance", status: 403 }]);
        const partial = await provider.create(inputs).then(() => undefined, (err: { properties?: LeaseOutputs }) => err.properties);
        assert.ok(partial, "the create records a partial state");
        const failedId = ["i-c30", "i-c90"].find((id) => partial.targets[id].renewedInSequence === 0) as string;
        assert.equal(partial.targets[failedId].pendingSequence, 1);
        await emu.control.clearFaults();
        const retry = await checked(provider, lease({ instanceIds: ["i-c30", "i-c90"], minimumDaysLeft: 95 }), inputs);
        await provider.update("id", partial, retry);
        const tokens = (await charges()).map((c) => c.clientToken);
        assert.ok(tokens.includes(deriveClientToken(urn("cover"), 1, [failedId])));
        assert.equal(tokens.length, 2);
    });

    it("an instance auto-renew policy is applied without buying a renewal, read back by refresh, and restored after drift", async () => {
        const inputs = await checked(provider, lease({ instanceIds: ["i-c30", "i-c90"], autoRenew: true, autoRenewPeriod: 3, autoRenewPeriodUnit: "Month" }));
        const { outs } = await provider.create(inputs);
        assert.equal(await calls("ModifyInstanceAutoRenewAttribute"), 1);
        assert.deepEqual(await charges(), []);
        const state = (await emu.control.state()) as unknown as { instances: { InstanceId: string; RenewalStatus: string; Duration: number }[] };
        assert.deepEqual(state.instances.map((i) => [i.InstanceId, i.RenewalStatus, i.Duration]).sort(), [["i-c30", "AutoRenewal", 3], ["i-c90", "AutoRenewal", 3]]);

        const gateway = (provider as unknown as { deps: { gateway: () => { modifyInstanceAutoRenew: (r: string, ids: string[], p: { enabled: false }) => Promise<unknown> } } }).deps.gateway();
        await gateway.modifyInstanceAutoRenew(REGION, ["i-c90"], { enabled: false });
        const refreshed = await provider.read("id", outs as LeaseOutputs);
        const props = refreshed.props as LeaseOutputs;
        assert.equal(props.targets["i-c90"].autoRenewal, "Normal");
        assert.equal(props.targets["i-c30"].autoRenewal, "AutoRenewal 3 Month");
        const again = await checked(provider, lease({ instanceIds: ["i-c30", "i-c90"], autoRenew: true, autoRenewPeriod: 3, autoRenewPeriodUnit: "Month" }), inputs);
        assert.equal((await provider.diff("id", props, again)).changes, true);
        await provider.update("id", props, again);
        assert.equal(await calls("ModifyInstanceAutoRenewAttribute"), 3);
        assert.deepEqual(await charges(), []);
    });
});
