import * as assert from "node:assert/strict";
import { UNKNOWN, validateLeaseInputs } from "../../provider/core/validation";

const URN = "urn:pulumi:dev::demo::pulumi-nodejs:dynamic/alicloud-renewal:RenewalLease::lease";
const instanceBase = { instanceIds: ["i-bp1abc"], regionId: "cn-hangzhou", period: 1, periodUnit: "Month", leaseUrn: URN };
const selectorBase = { instanceSelector: { tags: { env: "prod" } }, regionId: "cn-hangzhou", minimumDaysLeft: 60, leaseUrn: URN };
const reservedBase = { reservedInstanceIds: ["ecsri-abc1"], regionId: "cn-hangzhou", period: 1, periodUnit: "Year", leaseUrn: URN };

interface BadCase {
    readonly name: string;
    readonly input: Record<string, unknown>;
    readonly property: string;
    readonly mentions: RegExp;
}

const BAD: BadCase[] = [
    { name: "both target lists", input: { ...instanceBase, reservedInstanceIds: ["ecsri-abc1"] }, property: "reservedInstanceIds", mentions: /exactly one of instanceIds or reservedInstanceIds/ },
    { name: "neither target list", input: { regionId: "cn-hangzhou", period: 1, leaseUrn: URN }, property: "instanceIds", mentions: /exactly one of instanceIds/ },
    { name: "an empty instance list", input: { ...instanceBase, instanceIds: [] }, property: "instanceIds", mentions: /at least one id/ },
    { name: "an empty reserved instance list", input: { ...reservedBase, reservedInstanceIds: [] }, property: "reservedInstanceIds", mentions: /at least one id/ },
    { name: "a duplicate id", input: { ...instanceBase, instanceIds: ["i-bp1abc", "i-bp1abc"] }, property: "instanceIds[1]", mentions: /listed twice/ },
    { name: "a malformed instance id", input: { ...instanceBase, instanceIds: ["vm-123"] }, property: "instanceIds[0]", mentions: /i-\.\.\./ },
    { name: "a reserved instance id among instances", input: { ...instanceBase, instanceIds: ["ecsri-abc1"] }, property: "instanceIds[0]", mentions: /not a subscription ECS instance id/ },
    { name: "a malformed reserved instance id", input: { ...reservedBase, reservedInstanceIds: ["i-abc"] }, property: "reservedInstanceIds[0]", mentions: /ecsri-\.\.\./ },
    { name: "ids that are not a list", input: { ...instanceBase, instanceIds: "i-bp1abc" }, property: "instanceIds", mentions: /must be a list/ },
    { name: "a non-string id", input: { ...instanceBase, instanceIds: [42] }, property: "instanceIds[0]", mentions: /not a subscription/ },
    { name: "Week period 5", input: { ...instanceBase, period: 5, periodUnit: "Week" }, property: "period", mentions: /allowed: 1, 2, 3, 4/ },
    { name: "Month period 13", input: { ...instanceBase, period: 13 }, property: "period", mentions: /allowed: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60/ },
    { name: "Month period 0", input: { ...instanceBase, period: 0 }, property: "period", mentions: /not allowed/ },
    { name: "a fractional period", input: { ...instanceBase, period: 1.5 }, property: "period", mentions: /whole number/ },
    { name: "a period given as text", input: { ...instanceBase, period: "1" }, property: "period", mentions: /whole number/ },
    { name: "Year with instances", input: { ...instanceBase, periodUnit: "Year" }, property: "periodUnit", mentions: /"Week" or "Month"/ },
    { name: "Week with reserved instances", input: { ...reservedBase, periodUnit: "Week" }, property: "periodUnit", mentions: /"Year"/ },
    { name: "Month with reserved instances", input: { ...reservedBase, periodUnit: "Month" }, property: "periodUnit", mentions: /reserved instances renew in Years/ },
    { name: "reserved period 2", input: { ...reservedBase, period: 2 }, property: "period", mentions: /allowed: 1, 3/ },
    { name: "a lowercase unit", input: { ...instanceBase, periodUnit: "month" }, property: "periodUnit", mentions: /"Week" or "Month"/ },
    { name: "period together with expectedRenewDay", input: { ...instanceBase, expectedRenewDay: 5 }, property: "expectedRenewDay", mentions: /not both/ },
    { name: "expectedRenewDay 29", input: { instanceIds: ["i-bp1abc"], regionId: "cn-hangzhou", expectedRenewDay: 29, leaseUrn: URN }, property: "expectedRenewDay", mentions: /1 to 28/ },
    { name: "expectedRenewDay 0", input: { instanceIds: ["i-bp1abc"], regionId: "cn-hangzhou", expectedRenewDay: 0, leaseUrn: URN }, property: "expectedRenewDay", mentions: /1 to 28/ },
    { name: "expectedRenewDay on reserved instances", input: { reservedInstanceIds: ["ecsri-abc1"], regionId: "cn-hangzhou", expectedRenewDay: 5, leaseUrn: URN }, property: "expectedRenewDay", mentions: /instances only/ },
    { name: "no term at all", input: { instanceIds: ["i-bp1abc"], regionId: "cn-hangzhou", leaseUrn: URN }, property: "period", mentions: /expectedRenewDay, paidThrough or minimumDaysLeft is required/ },
    { name: "autoRenewPeriodUnit on reserved instances", input: { ...reservedBase, autoRenew: true, autoRenewPeriodUnit: "Month" }, property: "autoRenewPeriodUnit", mentions: /instances only/ },
    { name: "autoRenewPeriod without autoRenew", input: { ...instanceBase, autoRenewPeriod: 12 }, property: "autoRenewPeriod", mentions: /only with autoRenew: true/ },
    { name: "autoRenewPeriod 24 on reserved instances", input: { ...reservedBase, autoRenew: true, autoRenewPeriod: 24 }, property: "autoRenewPeriod", mentions: /12, 36 \(months\)/ },
    { name: "instance autoRenewPeriod 5 Months", input: { ...instanceBase, autoRenew: true, autoRenewPeriod: 5 }, property: "autoRenewPeriod", mentions: /1, 2, 3, 6, 12, 24, 36, 48, 60 with autoRenewPeriodUnit "Month"/ },
    { name: "autoRenewPeriodUnit Day", input: { ...instanceBase, autoRenew: true, autoRenewPeriodUnit: "Day" }, property: "autoRenewPeriodUnit", mentions: /"Week", "Month" or "Year"/ },
    { name: "paidThrough with period", input: { ...instanceBase, paidThrough: "2027-12-31" }, property: "period", mentions: /cannot be combined with paidThrough/ },
    { name: "paidThrough and minimumDaysLeft", input: { instanceIds: ["i-bp1abc"], regionId: "cn-hangzhou", leaseUrn: URN, paidThrough: "2027-12-31", minimumDaysLeft: 30 }, property: "minimumDaysLeft", mentions: /either paidThrough .* or minimumDaysLeft/ },
    { name: "paidThrough not a date", input: { instanceIds: ["i-bp1abc"], regionId: "cn-hangzhou", leaseUrn: URN, paidThrough: "2027-02-30" }, property: "paidThrough", mentions: /a date such as "2027-12-31"/ },
    { name: "paidThrough without a zone", input: { instanceIds: ["i-bp1abc"], regionId: "cn-hangzhou", leaseUrn: URN, paidThrough: "2027-12-31T16:00" }, property: "paidThrough", mentions: /a time with a zone/ },
    { name: "minimumDaysLeft 0", input: { instanceIds: ["i-bp1abc"], regionId: "cn-hangzhou", leaseUrn: URN, minimumDaysLeft: 0 }, property: "minimumDaysLeft", mentions: /from 1 to 1825/ },
    { name: "minimumDaysLeft 2.5", input: { instanceIds: ["i-bp1abc"], regionId: "cn-hangzhou", leaseUrn: URN, minimumDaysLeft: 2.5 }, property: "minimumDaysLeft", mentions: /whole number of days/ },
    { name: "minimumDaysLeft with term", input: { instanceIds: ["i-bp1abc"], regionId: "cn-hangzhou", leaseUrn: URN, minimumDaysLeft: 60, term: "2027" }, property: "term", mentions: /cannot be combined with minimumDaysLeft/ },
    { name: "maxPrice on reserved instances", input: { ...reservedBase, maxPrice: 100 }, property: "maxPrice", mentions: /instance leases only/ },
    { name: "maxPrice negative", input: { ...instanceBase, maxPrice: -1 }, property: "maxPrice", mentions: /positive amount/ },
    { name: "maxPrice with a Week period", input: { ...instanceBase, periodUnit: "Week", maxPrice: 100 }, property: "maxPrice", mentions: /needs a price quote/ },
    { name: "maxPrice on a policy-only lease", input: { instanceIds: ["i-bp1abc"], regionId: "cn-hangzhou", leaseUrn: URN, autoRenew: true, maxPrice: 100 }, property: "maxPrice", mentions: /buys none/ },
    { name: "autoRenewPeriod without autoRenew", input: { ...reservedBase, autoRenewPeriod: 12 }, property: "autoRenewPeriod", mentions: /only with autoRenew: true/ },
    { name: "autoRenew given as text", input: { ...reservedBase, autoRenew: "yes" }, property: "autoRenew", mentions: /true or false/ },
    { name: "a malformed region", input: { ...instanceBase, regionId: "Hangzhou" }, property: "regionId", mentions: /region id such as "cn-hangzhou"/ },
    { name: "an unknown region", input: { ...instanceBase, regionId: "xx-nowhere-1" }, property: "regionId", mentions: /not a known Alibaba Cloud region; known regions: .*cn-hangzhou.*alicloud-renewal:extraRegions/ },
    { name: "no region anywhere", input: { ...instanceBase, regionId: undefined }, property: "regionId", mentions: /alicloud:region/ },
    { name: "an empty term", input: { ...instanceBase, term: " " }, property: "term", mentions: /non-empty string/ },
    { name: "a term that is not text", input: { ...instanceBase, term: 2027 }, property: "term", mentions: /non-empty string/ },
    { name: "an overlong term", input: { ...instanceBase, term: "x".repeat(129) }, property: "term", mentions: /at most 128/ },
    { name: "a misspelled property", input: { ...instanceBase, periodUnits: "Month" }, property: "periodUnits", mentions: /unknown property/ },
    { name: "a selector beside an id list", input: { ...instanceBase, instanceSelector: { tags: { env: "prod" } } }, property: "instanceIds", mentions: /exactly one of instanceIds, reservedInstanceIds, instanceSelector or reservedInstanceSelector; this lease sets instanceSelector and instanceIds/ },
    { name: "an empty selector", input: { ...selectorBase, instanceSelector: {} }, property: "instanceSelector", mentions: /at least one of tags, resourceGroupId, zoneId, namePrefix: an empty selector would renew every subscription/ },
    { name: "a selector that is not an object", input: { ...selectorBase, instanceSelector: "env=prod" }, property: "instanceSelector", mentions: /must be an object/ },
    { name: "selector tags that are not strings", input: { ...selectorBase, instanceSelector: { tags: { env: 1 } } }, property: "instanceSelector", mentions: /every value a string/ },
    { name: "an unknown selector field", input: { ...selectorBase, instanceSelector: { tag: { env: "prod" } } }, property: "instanceSelector", mentions: /instanceSelector.tag is not a selector field/ },
    { name: "a name prefix with a wildcard", input: { ...selectorBase, instanceSelector: { namePrefix: "web-*" } }, property: "instanceSelector", mentions: /without \*/ },
    { name: "a name prefix on reserved instances", input: { reservedInstanceSelector: { namePrefix: "db" }, regionId: "cn-hangzhou", period: 1, leaseUrn: URN }, property: "reservedInstanceSelector", mentions: /has no namePrefix/ },
    { name: "maxTargets on an id list", input: { ...instanceBase, maxTargets: 10 }, property: "maxTargets", mentions: /limits what a selector may match/ },
    { name: "maxTargets 0", input: { ...selectorBase, maxTargets: 0 }, property: "maxTargets", mentions: /from 1 to 1000/ },
    { name: "a missing urn", input: { ...instanceBase, leaseUrn: undefined }, property: "leaseUrn", mentions: /RenewalLease class/ },
];

describe("lease input validation", () => {
    for (const c of BAD) {
        it(`refuses ${c.name}, naming ${c.property}`, () => {
            const result = validateLeaseInputs(c.input);
            assert.equal(result.inputs, undefined);
            const failure = result.failures.find((f) => f.property === c.property);
            assert.ok(failure, `no failure for ${c.property}: ${JSON.stringify(result.failures)}`);
            assert.match(failure.reason, c.mentions);
        });
    }

    it("accepts an instance lease and sorts its ids", () => {
        const result = validateLeaseInputs({ ...instanceBase, instanceIds: ["i-bp2", "i-bp1"], term: "2027" });
        assert.deepEqual(result.failures, []);
        assert.deepEqual(result.inputs, { instanceIds: ["i-bp1", "i-bp2"], regionId: "cn-hangzhou", period: 1, periodUnit: "Month", term: "2027", leaseUrn: URN });
    });

    it("defaults the unit to Month for instances and Year for reserved instances", () => {
        assert.equal(validateLeaseInputs({ ...instanceBase, periodUnit: undefined }).inputs?.periodUnit, "Month");
        assert.equal(validateLeaseInputs({ ...reservedBase, periodUnit: undefined }).inputs?.periodUnit, "Year");
    });

    it("accepts a region allowed by extraRegions", () => {
        assert.deepEqual(validateLeaseInputs({ ...instanceBase, regionId: "xx-new-1" }, undefined, ["xx-new-1"]).failures, []);
    });

    it("takes the region from the default when the lease has none", () => {
        assert.equal(validateLeaseInputs({ ...instanceBase, regionId: undefined }, "ap-southeast-1").inputs?.regionId, "ap-southeast-1");
    });

    it("accepts every allowed instance period and reserved instance period", () => {
        for (const period of [1, 2, 3, 4]) {
            assert.deepEqual(validateLeaseInputs({ ...instanceBase, period, periodUnit: "Week" }).failures, []);
        }
        for (const period of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60]) {
            assert.deepEqual(validateLeaseInputs({ ...instanceBase, period }).failures, []);
        }
        for (const period of [1, 3]) {
            assert.deepEqual(validateLeaseInputs({ ...reservedBase, period }).failures, []);
        }
    });

    it("accepts auto-renew settings on reserved instances", () => {
        const result = validateLeaseInputs({ ...reservedBase, autoRenew: true, autoRenewPeriod: 36 });
        assert.deepEqual(result.failures, []);
        assert.equal(result.inputs?.autoRenewPeriod, 36);
    });

    it("accepts an auto-renew policy on instances, with a unit", () => {
        const result = validateLeaseInputs({ ...instanceBase, autoRenew: true, autoRenewPeriod: 2, autoRenewPeriodUnit: "Week" });
        assert.deepEqual(result.failures, []);
        assert.deepEqual([result.inputs?.autoRenew, result.inputs?.autoRenewPeriod, result.inputs?.autoRenewPeriodUnit], [true, 2, "Week"]);
    });

    it("accepts a lease that only sets an auto-renew policy (no term)", () => {
        const result = validateLeaseInputs({ instanceIds: ["i-bp1abc"], regionId: "cn-hangzhou", leaseUrn: URN, autoRenew: false });
        assert.deepEqual(result.failures, []);
        assert.equal(result.inputs?.period, undefined);
    });

    it("accepts paidThrough as a date or a time with a zone, and minimumDaysLeft with a unit limit", () => {
        const base = { instanceIds: ["i-bp1abc"], regionId: "cn-hangzhou", leaseUrn: URN };
        for (const paidThrough of ["2027-12-31", "2027-12-31T16:00Z", "2028-01-01T00:00+08:00"]) {
            assert.equal(validateLeaseInputs({ ...base, paidThrough }).inputs?.paidThrough, paidThrough);
        }
        const result = validateLeaseInputs({ ...base, minimumDaysLeft: 60, periodUnit: "Month", maxPrice: 500 });
        assert.deepEqual(result.failures, []);
        assert.deepEqual([result.inputs?.minimumDaysLeft, result.inputs?.periodUnit, result.inputs?.maxPrice, result.inputs?.period], [60, "Month", 500, undefined]);
    });

    it("accepts a selector lease, its tags sorted, with no ids (check finds them)", () => {
        const result = validateLeaseInputs({ ...selectorBase, instanceSelector: { tags: { tier: "web", env: "prod" }, namePrefix: "web-" }, maxTargets: 200 });
        assert.deepEqual(result.failures, []);
        assert.deepEqual(result.inputs?.instanceSelector, { tags: { env: "prod", tier: "web" }, namePrefix: "web-" });
        assert.equal(result.inputs?.instanceIds, undefined);
        assert.equal(result.inputs?.maxTargets, 200);
    });

    it("lets unknown values through during preview without failing", () => {
        const result = validateLeaseInputs({ ...instanceBase, instanceIds: [UNKNOWN] });
        assert.deepEqual(result.failures, []);
        assert.equal(result.hasUnknowns, true);
        assert.equal(result.inputs, undefined);
    });
});

describe("validation names the actual bad value and only the real problem", () => {
    const reasonsOf = (input: Record<string, unknown>): string[] => validateLeaseInputs(input).failures.map((f) => `${f.property}: ${f.reason}`);

    it("refuses null and undefined in an id list, naming the entry", () => {
        assert.deepEqual(reasonsOf({ ...instanceBase, instanceIds: ["i-bp1abc", null] }).map((r) => r.split(":")[0]), ["instanceIds[1]"]);
        assert.match(reasonsOf({ ...instanceBase, instanceIds: ["i-bp1abc", null] })[0], /instanceIds\[1\] is null/);
        assert.match(reasonsOf({ ...reservedBase, reservedInstanceIds: [undefined] })[0], /reservedInstanceIds\[0\] is undefined/);
    });

    it("a bad reserved instance id yields only its own failure, not a periodUnit one for a valid Year", () => {
        const reasons = reasonsOf({ ...reservedBase, reservedInstanceIds: ["ecsri-abc1", "nope"] });
        assert.equal(reasons.length, 1, reasons.join("\n"));
        assert.match(reasons[0], /^reservedInstanceIds\[1\]: "nope" is not a reserved instance id/);
    });

    it("says NaN and Infinity, not null", () => {
        assert.match(reasonsOf({ ...instanceBase, period: NaN }).join(), /got NaN/);
        assert.match(reasonsOf({ ...instanceBase, maxPrice: Infinity }).join(), /got Infinity/);
        assert.match(reasonsOf({ ...instanceBase, instanceIds: [-Infinity] }).join(), /-Infinity is not a subscription/);
    });

    it("still checks the known arguments of a lease whose ids are not known yet", () => {
        const result = validateLeaseInputs({ ...instanceBase, instanceIds: ["i-bp1abc", UNKNOWN], period: 13 });
        assert.equal(result.hasUnknowns, true);
        assert.match(result.failures.map((f) => f.reason).join(), /period 13 is not allowed/);
    });

    it("refuses allowDoubleCharge that is not a boolean, and secretInputs a program sets by hand", () => {
        assert.match(reasonsOf({ ...instanceBase, allowDoubleCharge: "yes" }).join(), /allowDoubleCharge must be true or false; got "yes"/);
        assert.match(reasonsOf({ ...instanceBase, secretInputs: ["password"] }).join(), /secretInputs is set by the RenewalLease class/);
    });
});
