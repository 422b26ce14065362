import * as assert from "node:assert/strict";
import { buildCalls, requestedRenewal, planCreate, planUpdate, replacementReasons, termKey } from "../../provider/core/plan";
import { deriveClientToken } from "../../provider/core/token";
import { LeaseInputs, LeaseOutputs } from "../../provider/core/types";

const URN = "urn:pulumi:dev::demo::pulumi-nodejs:dynamic/alicloud-renewal:RenewalLease::lease";
const ris = (n: number): string[] => Array.from({ length: n }, (_, i) => `ecsri-${String(i).padStart(3, "0")}`);

function inputs(overrides: Partial<LeaseInputs> = {}): LeaseInputs {
    return { instanceIds: ["i-aaa", "i-bbb"], regionId: "cn-hangzhou", period: 1, periodUnit: "Month", leaseUrn: URN, renewalPlan: "", ...overrides };
}

function stateAfter(lease: LeaseInputs, sequence: number, renewed: string[] = [...(lease.instanceIds ?? lease.reservedInstanceIds ?? [])]): LeaseOutputs {
    const { leaseUrn: _urn, renewalPlan, ...echoed } = lease;
    const targets: LeaseOutputs["targets"] = {};
    for (const id of lease.instanceIds ?? lease.reservedInstanceIds ?? []) {
        targets[id] = { renewedInSequence: renewed.includes(id) ? sequence : sequence - 1, lastRenewedTerm: "1 Month", expiredTime: "2027-01-01T00:00Z" };
    }
    return { ...echoed, renewalPlan, creationUrn: URN, renewalCount: sequence, termKey: termKey(lease), targets, lastRenewalCalls: [], providerVersion: "test" };
}

const YEAR = { period: 1, periodUnit: "Year" as const };

describe("renewal planning", () => {
    it("renews every instance once on create, one call each, as step 1", () => {
        const plan = planCreate(inputs());
        assert.equal(plan.sequence, 1);
        assert.deepEqual(plan.calls.map((c) => [c.action, c.ids]), [["RenewInstance", ["i-aaa"]], ["RenewInstance", ["i-bbb"]]]);
        assert.equal(plan.calls[0].clientToken, deriveClientToken(URN, 1, ["i-aaa"]));
    });

    it("sends 25 reserved instances as 3 calls of at most 10", () => {
        const plan = planCreate(inputs({ instanceIds: undefined, reservedInstanceIds: ris(25), periodUnit: "Year" }));
        assert.deepEqual(plan.calls.map((c) => c.ids.length), [10, 10, 5]);
        assert.ok(plan.calls.every((c) => c.action === "RenewReservedInstances"));
    });

    it("renews nothing when nothing that buys a renewal changed", () => {
        const lease = inputs({ term: "2027" });
        assert.deepEqual(planUpdate(stateAfter(lease, 1), lease).calls, []);
    });

    it("starts a new step that renews every target when the term changes", () => {
        const before = inputs({ term: "2027" });
        const plan = planUpdate(stateAfter(before, 1), inputs({ term: "2028" }));
        assert.equal(plan.sequence, 2);
        assert.equal(plan.calls.length, 2);
        assert.match(plan.reason, /term "2027" → "2028"/);
    });

    it("starts a new step when the period changes", () => {
        const plan = planUpdate(stateAfter(inputs(), 1), inputs({ period: 3 }));
        assert.equal(plan.sequence, 2);
        assert.match(plan.reason, /1 Month → 3 Months/);
    });

    it("renews only an added target, in the current step", () => {
        const plan = planUpdate(stateAfter(inputs(), 1), inputs({ instanceIds: ["i-aaa", "i-bbb", "i-ccc"] }));
        assert.equal(plan.sequence, 1);
        assert.deepEqual(plan.calls.map((c) => c.ids), [["i-ccc"]]);
        assert.equal(plan.reason, "added to the lease");
    });

    it("renews one more reserved instance added to a lease of 10 with one call", () => {
        const before = inputs({ instanceIds: undefined, reservedInstanceIds: ris(10), periodUnit: "Year" });
        const plan = planUpdate(stateAfter(before, 1), { ...before, reservedInstanceIds: ris(11) });
        assert.deepEqual(plan.calls.map((c) => c.ids), [["ecsri-010"]]);
    });

    it("renews nothing when a target is removed", () => {
        const plan = planUpdate(stateAfter(inputs(), 1), inputs({ instanceIds: ["i-aaa"] }));
        assert.deepEqual(plan.calls, []);
    });

    it("completes a partly failed step with the same ClientTokens as the failed calls", () => {
        const lease = inputs({ instanceIds: undefined, reservedInstanceIds: ris(25), periodUnit: "Year" });
        const first = planCreate(lease);
        const failedGroup = first.calls[1].ids;
        const state = stateAfter(lease, 1, ris(25).filter((id) => !failedGroup.includes(id)));
        const retry = planUpdate(state, lease);
        assert.deepEqual(retry.calls.map((c) => c.clientToken), [first.calls[1].clientToken]);
    });

    it("keeps the creation URN as the token seed after a rename", () => {
        const state = stateAfter(inputs({ term: "a" }), 1);
        const renamed = inputs({ term: "b", leaseUrn: URN.replace("::lease", "::renamed") });
        const plan = planUpdate(state, renamed);
        assert.equal(plan.calls[0].clientToken, deriveClientToken(URN, 2, ["i-aaa"]));
    });

    it("replaces the lease when the region or the kind of target changes", () => {
        assert.deepEqual(replacementReasons(inputs(), inputs({ regionId: "cn-beijing" })), ["regionId"]);
        assert.deepEqual(replacementReasons(inputs(), inputs({ instanceIds: undefined, reservedInstanceIds: ["ecsri-abc"] })), ["reservedInstanceIds"]);
        assert.deepEqual(replacementReasons(inputs(), inputs({ instanceIds: ["i-zzz"] })), []);
    });

    it("groups reserved instances in sorted order whatever order the program lists them in", () => {
        const a = buildCalls("reservedInstance", URN, 1, ris(12), YEAR);
        const b = buildCalls("reservedInstance", URN, 1, [...ris(12)].reverse(), YEAR);
        assert.deepEqual(a, b);
    });

    describe("the renewalPlan text shown by preview", () => {
        it("names every target and the period of a new lease", () => {
            assert.equal(requestedRenewal(undefined, inputs()).text, "renew i-aaa, i-bbb by 1 Month (new lease)");
        });

        it("says why a changed term renews again", () => {
            const text = requestedRenewal(inputs({ term: "2027", renewalPlan: "old" }), inputs({ term: "2028" })).text;
            assert.equal(text, 'renew i-aaa, i-bbb by 1 Month (term "2028") (term "2027" → "2028")');
        });

        it("names only the added target", () => {
            assert.equal(requestedRenewal(inputs({ renewalPlan: "old" }), inputs({ instanceIds: ["i-aaa", "i-bbb", "i-ccc"] })).text, "renew i-ccc by 1 Month (added to the lease)");
        });

        it("keeps the previous text when nothing that buys a renewal changed, so the preview shows no change", () => {
            assert.equal(requestedRenewal(inputs({ renewalPlan: "previous text" }), inputs({ instanceIds: ["i-aaa"] })).text, "previous text");
        });
    });
});
