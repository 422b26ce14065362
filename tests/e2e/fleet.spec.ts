/**
 * Fleet mode through the real CLI against the emulator: a tag-selector lease keeps a fleet of 30
 * instances and 12 reserved instances at least 60 days paid, as a scheduled `pulumi up --refresh`
 * would, while the fleet changes between runs; and the report lists what expires when.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as path from "node:path";
import { DEFAULT_ACCESS_KEY, type SeedInventory } from "../../emulator";
import type { ReportJson } from "../../provider/report/format";
import { ENGINE_LABEL } from "./engine";
import { useE2eStacks } from "../support/e2e-stacks";
import { useEmulator } from "../support/emulator";
import { activeReservedInstance, callCount, DAY_MS as DAY, daysAfterNow as at, FIXED_NOW as NOW, ledgerCharges, prepaidInstance, retag, seedTags, WRITE_ACTIONS } from "../support/fixtures";

const prod = seedTags({ env: "prod" });
const id = (prefix: string, n: number): string => `${prefix}${String(n).padStart(2, "0")}`;

/** 30 prod instances and 12 prod reserved instances, expiring 30 to 117 days from now (every 3 days), and two untagged instances. */
function taggedFleet(): SeedInventory {
    return {
        now: NOW,
        instances: [
            ...Array.from({ length: 30 }, (_, n) => prepaidInstance(id("i-f", n), at(30 + 3 * n), { Tags: prod })),
            prepaidInstance("i-plain1", at(10)),
            prepaidInstance("i-plain2", at(100)),
        ],
        reservedInstances: Array.from({ length: 12 }, (_, n) => ({ ...activeReservedInstance(id("ecsri-f", n), at(30 + 7 * n)), Tags: prod })),
    };
}

describe(`fleet mode: selector leases through the real CLI ${ENGINE_LABEL}`, function () {
    this.timeout(900_000);
    const emu = useEmulator();
    const stacks = useE2eStacks(emu);
    const keepProd = (maxTargets?: number) => ({
        servers: { instanceSelector: { tags: { env: "prod" } }, minimumDaysLeft: 60, periodUnit: "Month", ...(maxTargets ? { maxTargets } : {}) },
        reserved: { reservedInstanceSelector: { tags: { env: "prod" } }, minimumDaysLeft: 60 },
    });
    const renewed = (charges: readonly { ids: string[] }[]): string[] => charges.flatMap((c) => c.ids).sort();
    const ids = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from }, (_, n) => id(prefix, from + n));

    it("a scheduled up --refresh renews exactly the selected targets under the minimum, picks up a newly tagged one and forgets an untagged one", async () => {
        const s = await stacks.fresh("fleet", taggedFleet());
        await s.setLeases(keepProd());
        await s.expectSuccess(["up", "--yes", "--skip-preview"]);
        // Under 60 days: instances f00..f09 (30, 33, … 57 days) and reserved instances f00..f04 (30, 37, … 58).
        assert.deepEqual(renewed(await ledgerCharges(emu)), [...ids("ecsri-f", 0, 5), ...ids("i-f", 0, 10)]);
        const firstRun = (await ledgerCharges(emu)).length;

        // Thirty days later, the next scheduled run, after i-plain1 was tagged prod and i-f29 untagged.
        await emu.control.setClock(new Date(Date.parse(NOW) + 30 * DAY).toISOString());
        await retag(emu, ["i-plain1"], { tag: { env: "prod" } });
        await retag(emu, ["i-f29"], { untag: ["env"] });
        await s.expectSuccess(["up", "--yes", "--skip-preview", "--refresh"]);
        // Now under 60 days: instances f10..f19 and reserved f05..f08 (60 to 89 days at the start),
        // instances f00..f09 again (the first run bought each 1 Month, 61 to 88 days, now 31 to 58),
        // and i-plain1; the reserved instances bought a Year last time are not.
        assert.deepEqual(renewed((await ledgerCharges(emu)).slice(firstRun)), [...ids("ecsri-f", 5, 9), ...ids("i-f", 0, 20), "i-plain1"].sort());
        const servers = s.leaseState("servers") as { targets: Record<string, unknown> };
        assert.equal("i-f29" in servers.targets, false, "the untagged instance is forgotten");
        assert.equal("i-plain1" in servers.targets, true, "the newly tagged instance is recorded");
    });

    it("a selector matching more than maxTargets fails at preview with the count, and nothing is written", async () => {
        const s = await stacks.fresh("fleet-max", taggedFleet());
        await s.setLeases(keepProd(20));
        const preview = await s.pulumi(["preview"]);
        assert.notEqual(preview.status, 0);
        assert.match(preview.stdout + preview.stderr, /instanceSelector matches 30 subscription instances in cn-hangzhou, more than maxTargets \(20\)/);
        assert.equal(await callCount(emu, WRITE_ACTIONS), 0);
    });

    it("the report lists the fleet soonest first, and its --json output parses", async () => {
        await emu.control.reset(taggedFleet());
        const bin = path.resolve(__dirname, "../../dist/provider/report/cli.js");
        const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ALICLOUD_ACCESS_KEY: DEFAULT_ACCESS_KEY.id, ALICLOUD_SECRET_KEY: DEFAULT_ACCESS_KEY.secret, ALICLOUD_RENEWAL_ENDPOINT: emu.url };
        // Asynchronous: the emulator answers from this process.
        const { stdout } = await promisify(execFile)(process.execPath, [bin, "report", "--region", "cn-hangzhou", "--tag", "env=prod", "--json"], { env, timeout: 60_000 });
        const report = JSON.parse(stdout) as ReportJson;
        const ids = report.targets.map((t) => t.id);
        assert.equal(ids.length, 42);
        const expiries = report.targets.map((t) => t.expiredTime);
        assert.deepEqual(expiries, [...expiries].sort(), "soonest first");
    });
});
