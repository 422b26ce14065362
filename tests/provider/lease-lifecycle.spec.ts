import * as assert from "node:assert/strict";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { IdempotenceConflictError } from "../../provider/core/errors";
import { LeaseLifecycle } from "../../provider/lifecycle/lease-lifecycle";
import { deriveClientToken } from "../../provider/core/token";
import { LeaseInputs, LeaseOutputs } from "../../provider/core/types";
import { useEmulator } from "../support/emulator";
import { callCount, checked, instanceIds, inventory, ledgerCharges, prepaidInstance, previewed, providerFor, REGION, reservedIds, urn, NO_CHANGE } from "../support/fixtures";


describe("RenewalLease provider against the emulator (real SDK over HTTP)", function () {
    this.timeout(30_000);
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(3), reservedIds(30)) });
    let provider: LeaseLifecycle;

    beforeEach(() => {
        provider = providerFor(emu);
    });

    const charges = () => ledgerCharges(emu);
    const calls = (action: string) => callCount(emu, [action]);

    const instanceLease = { instanceIds: instanceIds(3), regionId: REGION, period: 1, periodUnit: "Month", term: "2027", leaseUrn: urn("web") };
    const reservedLease = (n: number, extra: Record<string, unknown> = {}): Record<string, unknown> =>
        ({ reservedInstanceIds: reservedIds(n), regionId: REGION, period: 1, periodUnit: "Year", leaseUrn: urn("ri"), ...extra });

    it("create charges exactly once per instance", async () => {
        const created = await provider.create(await checked(provider, instanceLease));
        const ledger = await charges();
        assert.equal(ledger.length, 3);
        assert.deepEqual(ledger.map((c) => c.ids[0]).sort(), instanceIds(3));
        assert.equal(created.outs?.renewalCount, 1);
    });

    it("records each target's new expiry, the term, tokens and RequestIds", async () => {
        const { outs } = await provider.create(await checked(provider, instanceLease));
        const state = outs as LeaseOutputs;
        assert.equal(state.targets["i-t000"].expiredTime, "2027-02-15T16:00Z");
        assert.equal(state.targets["i-t000"].lastRenewedTerm, '1 Month (term "2027")');
        assert.equal(state.lastRenewalCalls.length, 3);
        assert.equal(state.lastRenewalCalls[0].clientToken, deriveClientToken(urn("web"), 1, ["i-t000"]));
        assert.ok(state.lastRenewalCalls.every((c) => c.requestId.length > 0));
        assert.equal(state.creationUrn, urn("web"));
    });

    it("state records no separate term key while the latest step's term is the declared one", async () => {
        const { outs } = await provider.create(await checked(provider, instanceLease));
        assert.equal("termKey" in (outs as LeaseOutputs), false);
        const same = await checked(provider, instanceLease, instanceLease);
        const { outs: after } = await provider.update("id", outs as LeaseOutputs, same);
        assert.equal(await calls("RenewInstance"), 3);
        assert.equal("termKey" in (after as LeaseOutputs), false);
    });

    it("a term dropped for a policy-only lease and then restored renews nothing again", async () => {
        const policy = { autoRenew: true, autoRenewPeriod: 1, autoRenewPeriodUnit: "Month" };
        const { outs } = await provider.create(await checked(provider, { ...instanceLease, ...policy }));
        const { period: _p, periodUnit: _u, term: _t, ...policyOnly } = instanceLease;
        const dropped = await provider.update("id", outs as LeaseOutputs, await checked(provider, { ...policyOnly, ...policy }, instanceLease));
        assert.equal((dropped.outs as LeaseOutputs).termKey, '[1,"Month",null,"2027"]');
        await provider.update("id", dropped.outs as LeaseOutputs, await checked(provider, { ...instanceLease, ...policy }, policyOnly));
        assert.equal(await calls("RenewInstance"), 3);
    });

    it("a repeated create with the same inputs (an interrupted run, retried) charges nothing more", async () => {
        const inputs = await checked(provider, instanceLease);
        await provider.create(inputs);
        await provider.create(inputs);
        assert.equal((await charges()).length, 3);
    });

    it("an update with a new term charges once more per target", async () => {
        const first = await checked(provider, instanceLease);
        const { outs } = await provider.create(first);
        const second = await checked(provider, { ...instanceLease, term: "2028" }, first);
        const diff = await provider.diff("id", outs as LeaseOutputs, second);
        assert.notEqual(diff.changes, false);
        const updated = await provider.update("id", outs as LeaseOutputs, second);
        assert.equal((await charges()).length, 6);
        assert.equal(updated.outs?.renewalCount, 2);
        assert.equal((updated.outs as LeaseOutputs).targets["i-t001"].expiredTime, "2027-03-15T16:00Z");
    });

    it("a preview of a new term records, per target, the length and the expiry before and expected after", async () => {
        const first = await checked(provider, instanceLease);
        const { outs } = await provider.create(first);
        const next = await previewed(provider, { ...instanceLease, period: 3, term: "2028" }, first);
        assert.deepEqual(next.plannedRenewals, instanceIds(3).map((id) => ({ id, renewBy: "3 Months", expiryBefore: "2027-02-15T16:00Z", expectedAfter: "2027-05-15T16:00Z" })));
        assert.equal("plannedRenewals" in (outs as LeaseOutputs), false, "the state records what was bought, not what was planned");
    });

    it("an unchanged program plans no renewal", async () => {
        const first = await checked(provider, instanceLease);
        await provider.create(first);
        const again = await previewed(provider, instanceLease, first);
        assert.equal(again.plannedRenewals, undefined);
    });

    it("an unchanged program diffs as no change and buys nothing (check only reads the targets)", async () => {
        const inputs = await checked(provider, instanceLease);
        const { outs } = await provider.create(inputs);
        const before = await emu.control.ledger();
        const again = await checked(provider, instanceLease, inputs);
        assert.deepEqual(await provider.diff("id", outs as LeaseOutputs, again), NO_CHANGE);
        const after = await emu.control.ledger();
        assert.deepEqual(after.charges, before.charges);
        const { DescribeInstances: _reads, ...otherCalls } = after.calls;
        const { DescribeInstances: _readsBefore, ...otherCallsBefore } = before.calls;
        assert.deepEqual(otherCalls, otherCallsBefore);
    });

    it("diff of a term change announces the targets, the period, why, the price, and the recorded expiry, and calls nothing", async () => {
        const announced: string[] = [];
        const observed = providerFor(emu, {}, announced);
        const first = await checked(observed, instanceLease);
        const { outs } = await observed.create(first);
        const next = await previewed(observed, { ...instanceLease, term: "2028" }, first);
        const before = await emu.control.ledger();
        await observed.diff("id", outs as LeaseOutputs, next);
        assert.deepEqual(await emu.control.ledger(), before);
        assert.equal(announced.at(-1), 'RenewalLease web will renew i-t000, i-t001, i-t002 by 1 Month (term "2028") (term "2027" → "2028"); price: 900.00 CNY; ' +
            "expiry recorded in state: i-t000 2027-02-15T16:00Z, i-t001 2027-02-15T16:00Z, i-t002 2027-02-15T16:00Z");
    });

    it("check of a new lease announces what it will renew and each quoted price, and buys nothing", async () => {
        const announced: string[] = [];
        const inputs = await previewed(providerFor(emu, {}, announced), instanceLease);
        assert.deepEqual(announced, ['RenewalLease web will renew i-t000, i-t001, i-t002 by 1 Month (term "2027") (new lease); ' +
            "price: i-t000 1 Month 300.00 CNY, i-t001 1 Month 300.00 CNY, i-t002 1 Month 300.00 CNY; total 900.00 CNY"]);
        assert.equal(inputs.renewalPrice, "900.00 CNY");
        assert.deepEqual((await emu.control.ledger()).charges, []);
        assert.equal(await calls("DescribeRenewalPrice"), 3);
    });

    it("check in the update pass of pulumi up (no dryRun) quotes nothing and still announces the renewal", async () => {
        const announced: string[] = [];
        const inputs = await checked(providerFor(emu, {}, announced), instanceLease);
        assert.equal(await calls("DescribeRenewalPrice"), 0);
        assert.equal(inputs.renewalPrice, undefined);
        assert.deepEqual(announced, ['RenewalLease web will renew i-t000, i-t001, i-t002 by 1 Month (term "2027") (new lease)']);
    });

    it("check never passes dryRun on to the inputs the engine stores", async () => {
        const inputs = await previewed(provider, instanceLease);
        assert.equal("dryRun" in inputs, false);
    });

    it("sends 25 reserved instances as 3 calls", async () => {
        await provider.create(await checked(provider, reservedLease(25)));
        const ledger = await charges();
        assert.deepEqual(ledger.map((c) => c.ids.length).sort(), [10, 10, 5]);
        assert.equal(await calls("RenewReservedInstances"), 3);
    });

    it("adding one reserved instance to a lease of 10 charges one more, for that instance only", async () => {
        const first = await checked(provider, reservedLease(10));
        const { outs } = await provider.create(first);
        const grown = await checked(provider, reservedLease(11), first);
        await provider.update("id", outs as LeaseOutputs, grown);
        const ledger = await charges();
        assert.equal(ledger.length, 2);
        assert.deepEqual(ledger[1].ids, ["ecsri-t010"]);
    });

    it("removing a target charges nothing and drops it from the state", async () => {
        const first = await checked(provider, instanceLease);
        const { outs } = await provider.create(first);
        const shrunk = await checked(provider, { ...instanceLease, instanceIds: ["i-t000"] }, first);
        const updated = await provider.update("id", outs as LeaseOutputs, shrunk);
        assert.equal((await charges()).length, 3);
        assert.deepEqual(Object.keys((updated.outs as LeaseOutputs).targets), ["i-t000"]);
    });

    it("toggling autoRenew charges nothing and uses the auto-renew attribute API", async () => {
        const first = await checked(provider, reservedLease(12, { autoRenew: false }));
        const { outs } = await provider.create(first);
        const toggled = await checked(provider, reservedLease(12, { autoRenew: true, autoRenewPeriod: 12 }), first);
        const diff = await provider.diff("id", outs as LeaseOutputs, toggled);
        assert.notEqual(diff.changes, false);
        const updated = await provider.update("id", outs as LeaseOutputs, toggled);
        assert.equal((await charges()).length, 2, "only the two create calls");
        assert.equal(await calls("ModifyReservedInstanceAutoRenewAttribute"), 1);
        assert.deepEqual((updated.outs as LeaseOutputs).appliedAutoRenew, { enabled: true, period: 12 });
    });

    it("retries a 500 InternalError with the same token and charges once", async () => {
        await emu.control.setFaults([{ action: "RenewInstance", nth: 1, kind: "error", code: "InternalError", status: 500 }]);
        await provider.create(await checked(provider, { ...instanceLease, instanceIds: ["i-t000"] }));
        assert.equal((await charges()).length, 1);
        assert.equal(await calls("RenewInstance"), 2);
    });

    it("a connection reset after the server committed is retried with the same token and charges once", async () => {
        await emu.control.setFaults([{ action: "RenewInstance", nth: 1, kind: "reset-after-commit" }]);
        const { outs } = await provider.create(await checked(provider, { ...instanceLease, instanceIds: ["i-t000"] }));
        assert.equal((await charges()).length, 1);
        assert.equal((outs as LeaseOutputs).targets["i-t000"].expiredTime, "2027-02-15T16:00Z");
    });

    it("records the calls that succeeded when one call of a multi-call lease fails for good, and the retry renews only the rest", async () => {
        await emu.control.setFaults([{ action: "RenewReservedInstances", nth: 2, kind: "error", code: "Account.Arrearage", status: 403 }]);
        const inputs = await checked(provider, reservedLease(25));
        const failure = await provider.create(inputs).then(() => undefined, (e: unknown) => e as Error & { id?: string; properties?: LeaseOutputs });
        assert.ok(failure, "create must fail");
        assert.match(failure.message, /1 of 3 RenewReservedInstances calls failed/);
        assert.ok(failure.id && failure.properties, "the error carries partial state");
        assert.equal((await charges()).length, 2);
        await emu.control.clearFaults();
        const diff = await provider.diff(failure.id, failure.properties, inputs);
        assert.equal(diff.changes, true);
        await provider.update(failure.id, failure.properties, inputs);
        const ledger = await charges();
        assert.equal(ledger.length, 3);
        assert.equal(new Set(ledger.flatMap((c) => c.ids)).size, 25);
    });

    it("explains IdempotenceParamNotMatch when a retried step changed its period", async () => {
        const inputs = await checked(provider, { ...instanceLease, instanceIds: ["i-t000"] });
        await provider.create(inputs);
        const changed = await checked(provider, { ...instanceLease, instanceIds: ["i-t000"], period: 2 });
        await assert.rejects(provider.create(changed), (err: unknown) => err instanceof IdempotenceConflictError && /already went through/.test(err.message));
        assert.equal((await charges()).length, 1);
    });

    it("refresh records an expiry changed outside Pulumi", async () => {
        const { outs } = await provider.create(await checked(provider, instanceLease));
        const state = (await emu.control.state()) as { instances: { InstanceId: string; ExpiredTime: string }[] };
        const changed = { ...inventory(instanceIds(3), []), instances: state.instances.map((i) => ({ ...inventory(instanceIds(3), []).instances[0], InstanceId: i.InstanceId, ExpiredTime: "2030-06-01T00:00Z" })) };
        await emu.control.reset(changed);
        const read = await provider.read("id", outs as LeaseOutputs);
        assert.equal((read.props as LeaseOutputs).targets["i-t002"].expiredTime, "2030-06-01T00:00Z");
        assert.equal(await calls("DescribeInstances"), 1);
    });

    it("refresh reports a vanished target and drops the lease when all are gone", async () => {
        const { outs } = await provider.create(await checked(provider, instanceLease));
        await emu.control.reset(inventory(["i-t000"], []));
        // Each refresh is a new CLI run, hence a new provider process (a process reads each region's listing once).
        const partly = await providerFor(emu).read("id", outs as LeaseOutputs);
        assert.deepEqual((partly.props as LeaseOutputs).missingTargets, ["i-t001", "i-t002"]);
        assert.equal((partly.props as LeaseOutputs).targets["i-t001"].status, "NotFound");
        await emu.control.reset(inventory([], []));
        assert.equal((await providerFor(emu).read("id", outs as LeaseOutputs)).id, undefined);
    });

    it("delete (pulumi destroy) returns normally without any ECS call: the time already paid for is kept", async () => {
        const { id, outs } = await provider.create(await checked(provider, instanceLease));
        const before = await emu.control.ledger();
        // From here every ECS call fails, so a delete that called ECS could not return normally.
        await emu.control.setFaults([{ action: "*", kind: "error", code: "InternalError", times: 1_000 }]);
        const engine: dynamic.ResourceProvider<LeaseInputs, LeaseOutputs> = provider;
        assert.ok(engine.delete, "the provider implements delete");
        assert.equal(await engine.delete(id, outs as LeaseOutputs), undefined);
        const after = await emu.control.ledger();
        assert.deepEqual(after.calls, before.calls, "no ECS call");
        assert.equal(after.charges.length, before.charges.length);
    });

    it("refuses a PostPaid instance at check, and create (if reached) fails with ChargeTypeViolation and records nothing", async () => {
        const inputs = { ...(await checked(provider, instanceLease)), instanceIds: ["i-payg"] };
        await emu.control.reset(inventory([], [], { instances: [prepaidInstance("i-payg", "2099-12-31T15:59Z", { InstanceChargeType: "PostPaid" })] }));
        await assert.rejects(checked(providerFor(emu), { ...instanceLease, instanceIds: ["i-payg"] }), /i-payg is pay-as-you-go/);
        await assert.rejects(provider.create(inputs), /403 ChargeTypeViolation.*PostPaid/s);
        assert.equal((await charges()).length, 0);
    });

    it("keeps secrets out of the outputs", async () => {
        const { outs } = await provider.create(await checked(provider, instanceLease));
        const text = JSON.stringify(outs);
        assert.ok(!text.includes(emu.accessKeys[0].secret));
    });
});
