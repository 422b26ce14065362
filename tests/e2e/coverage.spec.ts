/**
 * Coverage goals, prices and instance auto-renew through the real Pulumi CLI against the
 * emulator, whose clock is fixed so that every calendar step below is known.
 */
import * as assert from "node:assert/strict";
import type { SeedInstance, SeedReservedInstance } from "../../emulator";
import { SdkEcsGateway } from "../../provider/ecs/sdk-gateway";
import { useE2eStacks } from "../support/e2e-stacks";
import { useEmulator } from "../support/emulator";
import { activeReservedInstance, callCount, DAY_MS as DAY, daysAfterNow as at, FIXED_NOW as NOW, ledgerCharges, prepaidInstance, REGION, settingsFor, WRITE_ACTIONS } from "../support/fixtures";
import type { E2eStack } from "./support";

const instance = (id: string, expiresInDays: number): SeedInstance => prepaidInstance(id, at(expiresInDays));
const reservedInstance = (id: string, expiresInDays: number): SeedReservedInstance => activeReservedInstance(id, at(expiresInDays));

describe("coverage goals, prices and auto-renew through the real Pulumi CLI", function () {
    this.timeout(600_000);
    const emu = useEmulator();
    const stacks = useE2eStacks(emu);
    const fresh = (name: string, instances: SeedInstance[], reservedInstances: SeedReservedInstance[] = []): Promise<E2eStack> =>
        stacks.fresh(name, { instances, reservedInstances, now: NOW });
    const charges = () => ledgerCharges(emu);
    const writeCalls = () => callCount(emu, WRITE_ACTIONS);
    const ok = (s: E2eStack, args: string[]): Promise<string> => s.expectSuccess(args);

    describe("minimumDaysLeft: 60 kept by `pulumi up --refresh` on a schedule", () => {
        let s: E2eStack;
        before(async () => {
            s = await fresh("min-days", [instance("i-keep60", 90)]);
            await s.setLeases({ keep: { instanceIds: ["i-keep60"], minimumDaysLeft: 60 } });
        });

        it("with 90 days left, up charges nothing and the next preview shows no change", async () => {
            await ok(s, ["up", "--yes", "--skip-preview"]);
            await ok(s, ["preview", "--refresh", "--expect-no-changes"]);
            assert.equal(await writeCalls(), 0);
        });

        it("once the clock leaves 30 days, preview shows the smallest renewal restoring 60 days and its price, and buys nothing", async () => {
            await emu.control.setClock(new Date(Date.parse(NOW) + 60 * DAY).toISOString());
            const out = await ok(s, ["preview", "--refresh", "--diff"]);
            // Clock 2027-01-22, expiry 2027-02-21: 4 Weeks or 1 Month (to 2027-03-21, over February) leave 58 days.
            assert.match(out, /renew i-keep60 by 2 Months to keep at least 60 days left/);
            assert.match(out, /renewalPrice\s*:\s*"\d+\.\d\d CNY"/);
            assert.equal(await writeCalls(), 0);
        });

        it("`pulumi up --refresh` renews once, by 2 Months", async () => {
            await ok(s, ["up", "--refresh", "--yes", "--skip-preview"]);
            assert.deepEqual((await charges()).map((c) => [c.action, c.ids, c.period, c.periodUnit]), [["RenewInstance", ["i-keep60"], 2, "Month"]]);
            const lease = s.leaseState("keep") as { targets: Record<string, { expiredTime: string }> };
            assert.equal(lease.targets["i-keep60"].expiredTime, "2027-04-21T00:00Z");
        });

        it("the next `pulumi up --refresh` charges nothing", async () => {
            await ok(s, ["up", "--refresh", "--yes", "--skip-preview"]);
            await ok(s, ["preview", "--refresh", "--expect-no-changes"]);
            assert.equal((await charges()).length, 1);
        });
    });

    describe("paidThrough picks the smallest allowed renewal covering the date", () => {
        let s: E2eStack;
        // Instances expire 2026-12-23T00:00Z, reserved instances 2027-05-22T00:00Z; the clock is 2026-11-23.
        const expected: Record<string, [string, number, string]> = {
            "i-weekly": ["2026-12-28", 1, "Week"], // goal 12-29: 1 Week reaches 12-30
            "i-quarter": ["2027-03-01", 3, "Month"], // goal 03-02: 2 Months reach 02-23, 3 reach 03-23
            "i-twoyears": ["2028-06-30", 24, "Month"], // goal 2028-07-01: 12 Months reach 2027-12-23, 24 reach 2028-12-23
            "ecsri-oneyear": ["2028-01-01", 1, "Year"], // goal 2028-01-02: 1 Year reaches 2028-05-22
            "ecsri-threeyears": ["2029-01-31", 3, "Year"], // goal 2029-02-01: 1 Year falls short, 3 reach 2030-05-22
        };
        const leases = Object.fromEntries(Object.entries(expected).map(([id, [date]]) =>
            [id.replace(/^(i|ecsri)-/, ""), id.startsWith("i-") ? { instanceIds: [id], paidThrough: date } : { reservedInstanceIds: [id], paidThrough: date }]));

        before(async () => {
            s = await fresh("paid-through",
                ["i-weekly", "i-quarter", "i-twoyears"].map((id) => instance(id, 30)),
                ["ecsri-oneyear", "ecsri-threeyears"].map((id) => reservedInstance(id, 180)));
            await s.setLeases(leases);
        });

        it("preview names each target's renewal, and quotes the instances", async () => {
            const out = await ok(s, ["preview", "--diff"]);
            for (const [id, [, period, unit]] of Object.entries(expected)) {
                assert.match(out, new RegExp(`renew ${id} by ${period} ${unit}s? to keep paid through`), `preview does not show ${id} by ${period} ${unit}`);
            }
            assert.match(out, /price: i-quarter 3 Months \d+\.\d\d CNY/);
            assert.match(out, /price: i-twoyears 24 Months \d+\.\d\d CNY/);
            assert.match(out, /price: not quoted: i-weekly \(DescribeRenewalPrice quotes Month 1–9, Year 1–3/);
            assert.match(out, /price: not quoted: ecsri-threeyears \(ECS has no renewal price query for reserved instances\)/);
            assert.equal(await writeCalls(), 0);
        });

        it("up buys exactly those renewals, and the next preview shows no change", async () => {
            await ok(s, ["up", "--yes", "--skip-preview"]);
            const bought = Object.fromEntries((await charges()).map((c) => [c.ids[0], [c.period, c.periodUnit]]));
            assert.deepEqual(bought, Object.fromEntries(Object.entries(expected).map(([id, [, p, u]]) => [id, [p, u]])));
            await ok(s, ["preview", "--refresh", "--expect-no-changes"]);
        });

        it("a date no allowed renewal reaches fails preview with a clear message, and nothing is called to write", async () => {
            const before = await writeCalls();
            // The weekly lease asks for the far date (a second lease of i-weekly would be refused as an overlap).
            await s.setLeases({ ...leases, weekly: { instanceIds: ["i-weekly"], paidThrough: "2033-06-30" } });
            const result = await s.pulumi(["preview"]);
            assert.notEqual(result.status, 0);
            assert.match(result.stdout + result.stderr, /paid through 2033-06-30 cannot be reached for i-weekly: .*the longest allowed renewal \(\d+ Months\) ends/);
            assert.equal(await writeCalls(), before);
            await s.setLeases(leases);
        });
    });

    describe("maxPrice", () => {
        it("a maxPrice below the quote fails preview and up before any write call", async () => {
            const s = await fresh("max-price", [instance("i-pricey", 10)]);
            await s.setLeases({ capped: { instanceIds: ["i-pricey"], period: 6, periodUnit: "Month", maxPrice: 10 } });
            const preview = await s.pulumi(["preview"]);
            assert.notEqual(preview.status, 0);
            assert.match(preview.stdout + preview.stderr, /maxPrice.*costs \d+\.\d\d CNY, more than maxPrice 10/);
            const up = await s.pulumi(["up", "--yes", "--skip-preview"]);
            assert.notEqual(up.status, 0);
            assert.equal(await writeCalls(), 0);
        });
    });

    describe("instance auto-renew policy", () => {
        it("is applied without buying a renewal, and `up --refresh` restores it after an outside change", async () => {
            const s = await fresh("auto-renew", [instance("i-auto", 40)]);
            await s.setLeases({ policy: { instanceIds: ["i-auto"], autoRenew: true, autoRenewPeriod: 1, autoRenewPeriodUnit: "Month" } });
            await ok(s, ["up", "--yes", "--skip-preview"]);
            const gateway = new SdkEcsGateway(settingsFor(emu));
            assert.deepEqual(await gateway.describeInstanceAutoRenew(REGION, ["i-auto"]), [{ id: "i-auto", renewalStatus: "AutoRenewal", duration: 1, periodUnit: "Month" }]);
            await gateway.modifyInstanceAutoRenew(REGION, ["i-auto"], { enabled: false });
            await ok(s, ["up", "--refresh", "--yes", "--skip-preview"]);
            assert.equal((await gateway.describeInstanceAutoRenew(REGION, ["i-auto"]))[0].renewalStatus, "AutoRenewal");
            assert.deepEqual(await charges(), []);
            await ok(s, ["preview", "--refresh", "--expect-no-changes"]);
        });
    });
});
