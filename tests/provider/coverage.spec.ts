import * as assert from "node:assert/strict";
import { addMonths, allowedLengths, decideCoverage, goalInstant, parsePaidThrough } from "../../provider/core/coverage";

const DAY = 24 * 3600 * 1000;
const NOW = Date.parse("2026-11-23T00:00Z");

describe("coverage goals", () => {
    const instanceLengths = allowedLengths("instance");

    it("renews nothing when the expiry already reaches the goal", () => {
        assert.equal(decideCoverage(NOW + 90 * DAY, NOW, NOW + 60 * DAY, instanceLengths).status, "met");
    });

    it("with 30 days left and 60 wanted, picks 1 Month (4 Weeks would leave 58 days)", () => {
        const decision = decideCoverage(NOW + 30 * DAY, NOW, goalInstant({ minimumDaysLeft: 60 }, NOW), instanceLengths);
        assert.equal(decision.status, "renew");
        assert.deepEqual(decision.status === "renew" && decision.renewal, { period: 1, periodUnit: "Month" });
    });

    it("with 40 days left and 60 wanted, picks 3 Weeks, the earliest expiry that reaches the goal", () => {
        const decision = decideCoverage(NOW + 40 * DAY, NOW, NOW + 60 * DAY, instanceLengths);
        assert.deepEqual(decision.status === "renew" && decision.renewal, { period: 3, periodUnit: "Week" });
    });

    it("considers only the units the lease allows", () => {
        const decision = decideCoverage(NOW + 40 * DAY, NOW, NOW + 60 * DAY, allowedLengths("instance", ["Month"]));
        assert.deepEqual(decision.status === "renew" && decision.renewal, { period: 1, periodUnit: "Month" });
    });

    it("counts a renewal of an expired target from now", () => {
        const decision = decideCoverage(NOW - 10 * DAY, NOW, NOW + 20 * DAY, instanceLengths);
        assert.deepEqual(decision.status === "renew" && decision.renewal, { period: 3, periodUnit: "Week" });
    });

    it("adds calendar months with the day clamped to the end of the month", () => {
        assert.equal(new Date(addMonths(Date.parse("2027-01-31T16:00Z"), 1)).toISOString(), "2027-02-28T16:00:00.000Z");
        assert.equal(new Date(addMonths(Date.parse("2027-12-15T16:00Z"), 3)).toISOString(), "2028-03-15T16:00:00.000Z");
    });

    it("picks 3 Years for a reserved instance when 1 Year falls short of the date", () => {
        const expiry = Date.parse("2027-06-01T16:00Z");
        const decision = decideCoverage(expiry, NOW, parsePaidThrough("2029-01-31") as number, allowedLengths("reservedInstance"));
        assert.deepEqual(decision.status === "renew" && decision.renewal, { period: 3, periodUnit: "Year" });
    });

    it("reports a goal no allowed renewal reaches, with the longest one tried", () => {
        const decision = decideCoverage(NOW + 30 * DAY, NOW, parsePaidThrough("2033-01-01") as number, instanceLengths);
        assert.equal(decision.status, "unreachable");
        assert.deepEqual(decision.status === "unreachable" && decision.longest, { period: 48, periodUnit: "Month" });
    });

    it("never plans a renewal ending more than five years from now, even one that would reach the goal", () => {
        // 60 Months from an expiry 30 days away would reach the goal, but ends after now + 5 years.
        const decision = decideCoverage(NOW + 30 * DAY, NOW, addMonths(NOW, 59), instanceLengths);
        assert.equal(decision.status, "unreachable");
        assert.deepEqual(decision.status === "unreachable" && decision.longest, { period: 48, periodUnit: "Month" });
    });

    it("treats a paidThrough date already passed as met", () => {
        assert.equal(decideCoverage(NOW - 5 * DAY, NOW, parsePaidThrough("2026-11-01") as number, instanceLengths).status, "met");
    });

    it("reads a date as the end of that day, UTC, and a time with a zone as the exact instant", () => {
        assert.equal(parsePaidThrough("2027-12-31"), Date.parse("2028-01-01T00:00Z"));
        assert.equal(parsePaidThrough("2028-01-01T00:00+08:00"), Date.parse("2027-12-31T16:00Z"));
        assert.equal(parsePaidThrough("2027-02-29"), undefined);
        assert.equal(parsePaidThrough("next year"), undefined);
    });
});
