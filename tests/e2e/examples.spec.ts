/**
 * Every example under examples/ runs as a user would copy it: its own program, under the
 * real CLI, against the emulator, doing what its header comment promises.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { SdkEcsGateway } from "../../provider/ecs/sdk-gateway";
import { useE2eStacks } from "../support/e2e-stacks";
import { useEmulator } from "../support/emulator";
import { activeReservedInstance, DAY_MS as DAY, daysAfterNow as at, FIXED_NOW as NOW, ledgerCharges, prepaidInstance, REGION, settingsFor } from "../support/fixtures";
import type { E2eStack } from "./support";

const EXAMPLES = path.resolve(__dirname, "..", "..", "examples");

describe("the examples, run as a user would", function () {
    this.timeout(600_000);
    const emu = useEmulator();
    const stacks = useE2eStacks(emu);

    function example(name: string, config: Record<string, string>): Promise<E2eStack> {
        const seed = {
            instances: ["i-example1", "i-example2"].map((id, n) => prepaidInstance(id, at(20 + 40 * n))),
            reservedInstances: [activeReservedInstance("ecsri-example1", at(100))],
            now: NOW,
        };
        const configMap = Object.fromEntries(Object.entries(config).map(([k, value]) => [k, { value }]));
        return stacks.fresh(`example-${name}`, seed, { config: configMap, program: path.join(EXAMPLES, name, "index.ts") });
    }
    async function up(s: E2eStack, refresh = false): Promise<void> {
        await s.expectSuccess(["up", "--yes", "--skip-preview", ...(refresh ? ["--refresh"] : [])]);
    }
    async function unchanged(s: E2eStack): Promise<void> {
        await s.expectSuccess(["preview", "--refresh", "--expect-no-changes"]);
    }
    const charges = () => ledgerCharges(emu);

    it("paid-through: buys, per target, the smallest Month/Year renewal reaching the end date, then nothing", async () => {
        const s = await example("paid-through", {
            "contract:endDate": "2027-06-30",
            "contract:instanceIds": JSON.stringify(["i-example1", "i-example2"]),
            "contract:reservedInstanceIds": JSON.stringify(["ecsri-example1"]),
            "contract:maxPrice": "100000",
        });
        await up(s);
        // Expiries 2026-12-13, 2027-01-22 and 2027-03-03; the goal is 2027-07-01T00:00Z.
        const bought = Object.fromEntries((await charges()).map((c) => [c.ids[0], `${c.period} ${c.periodUnit}`]));
        assert.deepEqual(bought, { "i-example1": "7 Month", "i-example2": "6 Month", "ecsri-example1": "1 Year" });
        await unchanged(s);
    });

    it("minimum-days-left: nothing while 60 days are left, one renewal when the clock leaves fewer", async () => {
        const s = await example("minimum-days-left", { "keep:instanceIds": JSON.stringify(["i-example2"]) });
        await up(s);
        assert.deepEqual(await charges(), []);
        await emu.control.setClock(new Date(Date.parse(NOW) + 10 * DAY).toISOString());
        await up(s, true);
        // 50 days left on 2026-12-03 (expiry 2027-01-22): 1 Month reaches 2027-02-22, 81 days.
        assert.deepEqual((await charges()).map((c) => [c.ids[0], c.period, c.periodUnit]), [["i-example2", 1, "Month"]]);
        await unchanged(s);
    });

    it("auto-renew-policy: sets the policy on every instance and buys nothing", async () => {
        const s = await example("auto-renew-policy", { "policy:instanceIds": JSON.stringify(["i-example1", "i-example2"]) });
        await up(s);
        const gateway = new SdkEcsGateway(settingsFor(emu));
        const policies = await gateway.describeInstanceAutoRenew(REGION, ["i-example1", "i-example2"]);
        assert.deepEqual(policies.map((p) => [p.id, p.renewalStatus, p.duration, p.periodUnit]).sort(), [["i-example1", "AutoRenewal", 1, "Month"], ["i-example2", "AutoRenewal", 1, "Month"]]);
        assert.deepEqual(await charges(), []);
        await unchanged(s);
    });
});
