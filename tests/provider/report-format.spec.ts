import * as assert from "node:assert/strict";
import { reportJson, reportTable, soonestFirst } from "../../provider/report/format";
import { ReportData, ReportRow } from "../../provider/report/read";

const row = (id: string, expiredTime: string, more: Partial<ReportRow> = {}): ReportRow => ({
    id, kind: "instance", expiredTime, daysLeft: 1, status: "Running", price: { tradePrice: 100, currency: "CNY" }, ...more,
});

const data = (rows: ReportRow[]): ReportData => ({ region: "cn-hangzhou", observedAt: "2026-03-01T00:00:00.000Z", rows });

describe("report formatting", () => {
    it("orders soonest expiry first; on a tie instances before reserved instances, then by id", () => {
        const rows = [
            row("i-b", "2026-05-01T16:00Z"),
            row("ecsri-a", "2026-04-01T16:00Z", { kind: "reservedInstance" }),
            row("i-z", "2026-04-01T16:00Z"),
            row("i-a", "2026-04-01T16:00Z"),
        ];
        assert.deepEqual(soonestFirst(rows).map((r) => r.id), ["i-a", "i-z", "ecsri-a", "i-b"]);
    });

    it("the JSON names the quoted term and the filters, and lists the targets soonest first", () => {
        const json = reportJson(data([row("i-late", "2026-09-01T16:00Z"), row("i-soon", "2026-03-05T16:00Z")]), { env: "prod" }, 30);
        assert.equal(json.quotedTerm, "1 Month");
        assert.deepEqual(json.tags, { env: "prod" });
        assert.equal(json.withinDays, 30);
        assert.deepEqual(json.targets.map((t) => t.id), ["i-soon", "i-late"]);
    });

    it("the table says which prices were not quoted and why, once per reason", () => {
        const text = reportTable(data([
            row("ecsri-1", "2026-04-01T16:00Z", { kind: "reservedInstance", price: { notQuoted: "ECS has no renewal price query for reserved instances" } }),
            row("ecsri-2", "2026-04-02T16:00Z", { kind: "reservedInstance", price: { notQuoted: "ECS has no renewal price query for reserved instances" } }),
            row("i-1", "2026-04-03T16:00Z"),
        ]));
        assert.match(text, /^i-1 .* 100\.00 CNY$/m);
        assert.match(text, /^ecsri-1 .* not quoted$/m);
        assert.equal(text.split("no renewal price query for reserved instances").length - 1, 1);
    });

    it("the table shows auto-renewal on with its length, off, or unknown when ECS reported none", () => {
        const text = reportTable(data([
            row("i-on", "2026-04-01T16:00Z", { autoRenew: { renewalStatus: "AutoRenewal", duration: 3, periodUnit: "Month" } }),
            row("i-off", "2026-04-02T16:00Z", { autoRenew: { renewalStatus: "Normal" } }),
            row("i-unknown", "2026-04-03T16:00Z"),
        ]));
        assert.match(text, /^i-on .* on, 3 Month /m);
        assert.match(text, /^i-off .* off /m);
        assert.match(text, /^i-unknown .* unknown /m);
    });
});
