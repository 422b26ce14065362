/**
 * Selector leases: the lease finds its targets by tags, resource group, zone or name, at every
 * check; what it found is planned, charged and recorded exactly as a lease that lists the ids.
 */
import * as assert from "node:assert/strict";
import { LeaseLifecycle } from "../../provider/lifecycle/lease-lifecycle";
import { isSerializedSecret } from "../../provider/core/secrecy";
import { LeaseInputs } from "../../provider/core/types";
import { useEmulator } from "../support/emulator";
import { activeReservedInstance, callCount, checked, daysAfterNow as at, FIXED_NOW as NOW, ledgerCharges, prepaidInstance, previewed, providerFor, REGION, retag, seedTags, urn, WRITE_ACTIONS } from "../support/fixtures";

const prod = seedTags({ env: "prod" });

describe("selector leases", function () {
    this.timeout(30_000);
    const emu = useEmulator({
        seedEachTest: () => ({
            instances: [
                prepaidInstance("i-p1", at(20), { Tags: prod, InstanceName: "web-1" }),
                prepaidInstance("i-p2", at(90), { Tags: prod, InstanceName: "db-1" }),
                prepaidInstance("i-s1", at(20), { Tags: seedTags({ env: "staging" }) }),
                prepaidInstance("i-post", at(20), { Tags: prod, InstanceChargeType: "PostPaid" }),
            ],
            reservedInstances: [{ ...activeReservedInstance("ecsri-p1", at(30)), Tags: prod }, activeReservedInstance("ecsri-x1", at(30))],
            now: NOW,
        }),
    });
    let provider: LeaseLifecycle;
    const announced: string[] = [];
    beforeEach(() => {
        announced.length = 0;
        provider = providerFor(emu, {}, announced);
    });
    const leaseUrn = urn("prod");
    const fixed = (extra: Record<string, unknown> = {}) => ({ instanceSelector: { tags: { env: "prod" } }, regionId: REGION, period: 1, periodUnit: "Month", term: "2027", leaseUrn, ...extra });
    const coverage = (extra: Record<string, unknown> = {}) => ({ instanceSelector: { tags: { env: "prod" } }, regionId: REGION, minimumDaysLeft: 60, leaseUrn, ...extra });
    const charged = async () => (await ledgerCharges(emu)).map((c) => c.ids.join(",")).sort();

    it("renews every subscription instance the tags select, and no other", async () => {
        await provider.create(await checked(provider, fixed()));
        assert.deepEqual(await charged(), ["i-p1", "i-p2"]);
    });

    it("a preview names every target the selector matched", async () => {
        await previewed(provider, fixed());
        assert.ok(announced.some((line) => line === "RenewalLease prod instanceSelector matches 2 subscription instances: i-p1, i-p2"), announced.join("\n"));
    });

    it("finds reserved instances by tag", async () => {
        const inputs = await checked(provider, { reservedInstanceSelector: { tags: { env: "prod" } }, regionId: REGION, period: 1, leaseUrn });
        assert.deepEqual(inputs.reservedInstanceIds, ["ecsri-p1"]);
    });

    it("with minimumDaysLeft, renews only the selected targets under the minimum", async () => {
        await provider.create(await checked(provider, coverage()));
        assert.deepEqual(await charged(), ["i-p1"]);
    });

    it("a selector matching more than maxTargets is refused at check, with the count and the ids, and nothing is bought", async () => {
        const result = await provider.check({} as LeaseInputs, { ...fixed({ maxTargets: 1 }), dryRun: true } as unknown as LeaseInputs);
        assert.deepEqual(result.failures, [{ property: "instanceSelector", reason: "instanceSelector matches 2 subscription instances in cn-hangzhou, more than maxTargets (1), so none is renewed: i-p1, i-p2. Narrow the selector, or raise maxTargets if every one of them must be renewed" }]);
        assert.equal(await callCount(emu, WRITE_ACTIONS), 0);
    });

    it("a selector matching nothing is a warning, and the lease buys nothing", async () => {
        const inputs = await checked(provider, fixed({ instanceSelector: { tags: { env: "nowhere" } } }));
        assert.ok(announced.some((line) => line === "warning: RenewalLease prod: instanceSelector matches no subscription instances in cn-hangzhou: nothing to renew"), announced.join("\n"));
        await provider.create(inputs);
        assert.equal(await callCount(emu, WRITE_ACTIONS), 0);
    });

    it("an instance tagged after the lease was created is renewed alone at the next up", async () => {
        const first = await checked(provider, fixed());
        const { outs } = await provider.create(first);
        await retag(emu, ["i-s1"], { tag: { env: "prod" } });
        const next = await checked(provider, fixed(), first);
        assert.equal((await provider.diff("id", outs, next)).changes, true);
        await provider.update("id", outs, next);
        assert.deepEqual(await charged(), ["i-p1", "i-p2", "i-s1"]);
    });

    it("an instance untagged is forgotten, with no charge", async () => {
        const first = await checked(provider, fixed());
        const { outs } = await provider.create(first);
        await retag(emu, ["i-p2"], { untag: ["env"] });
        const next = await checked(provider, fixed(), first);
        const updated = await provider.update("id", outs, next);
        assert.deepEqual(Object.keys(updated.outs.targets), ["i-p1"]);
        assert.deepEqual(await charged(), ["i-p1", "i-p2"], "only the create's charges");
    });

    it("a selected target another lease lists is refused as an overlap, naming the selector", async () => {
        await checked(provider, { instanceIds: ["i-p1"], regionId: REGION, period: 1, leaseUrn: urn("web") });
        const result = await provider.check({} as LeaseInputs, fixed() as unknown as LeaseInputs);
        assert.equal(result.failures?.[0].property, "instanceSelector");
        assert.match(result.failures?.[0].reason ?? "", /i-p1 is also renewed by lease "web"/);
    });

    it("the ids a secret selector found are secret in the inputs and the state", async () => {
        const inputs = await checked(provider, fixed({ secretInputs: ["instanceSelector"] }));
        assert.ok(isSerializedSecret((inputs as unknown as Record<string, unknown>).instanceIds), "check's inputs");
        const { outs } = await provider.create(JSON.parse(JSON.stringify(inputs, (_k, v: unknown) => (isSerializedSecret(v) ? (v as { value: unknown }).value : v))) as LeaseInputs);
        assert.ok(isSerializedSecret((outs as unknown as Record<string, unknown>).instanceIds), "the state");
        assert.doesNotMatch(JSON.stringify({ ...outs, instanceIds: undefined, targets: undefined, lastRenewalCalls: undefined, renewalPlan: undefined }), /i-p[12]/);
    });

    it("reads a selection of 250 instances in 3 Describe calls, and no other read in check", async () => {
        await emu.control.reset({ instances: Array.from({ length: 250 }, (_, n) => prepaidInstance(`i-f${String(n).padStart(3, "0")}`, at(200), { Tags: prod })), reservedInstances: [], now: NOW });
        await checked(provider, coverage({ maxTargets: 1000 }));
        assert.equal(await callCount(emu, ["DescribeInstances"]), 3);
    });
});
