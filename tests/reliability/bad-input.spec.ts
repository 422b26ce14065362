/**
 * Bad input is refused at preview time, through the real CLI, with a message that
 * names the property, and the emulator sees zero calls. Each invalid program is
 * its own `pulumi preview` (the engine stops at the first failed check).
 */
import * as assert from "node:assert/strict";
import type { E2eStack } from "../e2e/support";
import { useE2eStacks } from "../support/e2e-stacks";
import { useEmulator } from "../support/emulator";
import { instanceIds, inventory, reservedIds } from "../support/fixtures";
import { recordBadInputs } from "./summary";

interface BadProgram {
    /** What is wrong. */
    readonly name: string;
    /** The lease's arguments. */
    readonly args?: Record<string, unknown>;
    /** Stack config to set (a string) or remove (null) for this program. */
    readonly config?: Record<string, string | null>;
    /** The property the message must name. */
    readonly property: string;
    /** What the message must say. */
    readonly says: RegExp;
}

const I = { instanceIds: ["i-t000"], period: 1, periodUnit: "Month" };
const R = { reservedInstanceIds: ["ecsri-t000"], period: 1, periodUnit: "Year" };

const PROGRAMS: BadProgram[] = [
    { name: "both target lists", args: { ...I, reservedInstanceIds: ["ecsri-t000"] }, property: "reservedInstanceIds", says: /exactly one of instanceIds or reservedInstanceIds/ },
    { name: "no target list", args: { period: 1 }, property: "instanceIds", says: /exactly one of instanceIds/ },
    { name: "an empty instance list", args: { ...I, instanceIds: [] }, property: "instanceIds", says: /at least one id/ },
    { name: "an empty reserved instance list", args: { ...R, reservedInstanceIds: [] }, property: "reservedInstanceIds", says: /at least one id/ },
    { name: "a duplicate instance", args: { ...I, instanceIds: ["i-t000", "i-t000"] }, property: "instanceIds[1]", says: /listed twice/ },
    { name: "a duplicate reserved instance", args: { ...R, reservedInstanceIds: ["ecsri-t000", "ecsri-t001", "ecsri-t000"] }, property: "reservedInstanceIds[2]", says: /listed twice/ },
    { name: "a malformed instance id", args: { ...I, instanceIds: ["vm-1234"] }, property: "instanceIds[0]", says: /not a subscription ECS instance id/ },
    { name: "an upper-case instance id", args: { ...I, instanceIds: ["I-T000"] }, property: "instanceIds[0]", says: /not a subscription ECS instance id/ },
    { name: "a reserved instance id in instanceIds", args: { ...I, instanceIds: ["ecsri-t000"] }, property: "instanceIds[0]", says: /expected an id such as "i-/ },
    { name: "an instance id in reservedInstanceIds", args: { ...R, reservedInstanceIds: ["i-t000"] }, property: "reservedInstanceIds[0]", says: /not a reserved instance id/ },
    { name: "ids given as one string", args: { ...I, instanceIds: "i-t000" }, property: "instanceIds", says: /must be a list of ids/ },
    { name: "a null in the instance list", args: { ...I, instanceIds: ["i-t000", null] }, property: "instanceIds[1]", says: /instanceIds\[1\] is null: every entry must be a subscription ECS instance id/ },
    { name: "a null in the reserved instance list", args: { ...R, reservedInstanceIds: [null, "ecsri-t000"] }, property: "reservedInstanceIds[0]", says: /is null: every entry must be a reserved instance id/ },
    { name: "an id that is a number", args: { ...I, instanceIds: [42] }, property: "instanceIds[0]", says: /42 is not a subscription/ },
    { name: "Week period 0", args: { ...I, period: 0, periodUnit: "Week" }, property: "period", says: /allowed: 1, 2, 3, 4/ },
    { name: "Week period 5", args: { ...I, period: 5, periodUnit: "Week" }, property: "period", says: /allowed: 1, 2, 3, 4/ },
    { name: "Month period 13", args: { ...I, period: 13 }, property: "period", says: /allowed: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60/ },
    { name: "Month period 18", args: { ...I, period: 18 }, property: "period", says: /period 18 is not allowed/ },
    { name: "Month period 61", args: { ...I, period: 61 }, property: "period", says: /period 61 is not allowed/ },
    { name: "a negative period", args: { ...I, period: -1 }, property: "period", says: /period -1 is not allowed/ },
    { name: "a fractional period", args: { ...I, period: 1.5 }, property: "period", says: /whole number/ },
    { name: "a period given as text", args: { ...I, period: "1" }, property: "period", says: /whole number/ },
    { name: "Year with instances", args: { ...I, periodUnit: "Year" }, property: "periodUnit", says: /"Week" or "Month"/ },
    { name: "Day as a unit", args: { ...I, periodUnit: "Day" }, property: "periodUnit", says: /"Week" or "Month"/ },
    { name: "a lower-case unit", args: { ...I, periodUnit: "month" }, property: "periodUnit", says: /"Week" or "Month"/ },
    { name: "Week with reserved instances", args: { ...R, periodUnit: "Week" }, property: "periodUnit", says: /must be "Year"/ },
    { name: "Month with reserved instances", args: { ...R, periodUnit: "Month" }, property: "periodUnit", says: /reserved instances renew in Years/ },
    { name: "reserved period 2", args: { ...R, period: 2 }, property: "period", says: /allowed: 1, 3/ },
    { name: "reserved period 5", args: { ...R, period: 5 }, property: "period", says: /allowed: 1, 3/ },
    { name: "period together with expectedRenewDay", args: { ...I, expectedRenewDay: 15 }, property: "expectedRenewDay", says: /not both/ },
    { name: "expectedRenewDay 29", args: { instanceIds: ["i-t000"], expectedRenewDay: 29 }, property: "expectedRenewDay", says: /from 1 to 28/ },
    { name: "expectedRenewDay 0", args: { instanceIds: ["i-t000"], expectedRenewDay: 0 }, property: "expectedRenewDay", says: /from 1 to 28/ },
    { name: "a fractional expectedRenewDay", args: { instanceIds: ["i-t000"], expectedRenewDay: 2.5 }, property: "expectedRenewDay", says: /whole day/ },
    { name: "expectedRenewDay on reserved instances", args: { reservedInstanceIds: ["ecsri-t000"], expectedRenewDay: 5 }, property: "expectedRenewDay", says: /instances only/ },
    { name: "no term at all", args: { instanceIds: ["i-t000"] }, property: "period", says: /expectedRenewDay, paidThrough or minimumDaysLeft is required/ },
    { name: "no period for reserved instances", args: { reservedInstanceIds: ["ecsri-t000"] }, property: "period", says: /1 or 3 \(Years\)/ },
    { name: "instance autoRenewPeriod 5 Months", args: { ...I, autoRenew: true, autoRenewPeriod: 5 }, property: "autoRenewPeriod", says: /1, 2, 3, 6, 12, 24, 36, 48, 60 with autoRenewPeriodUnit "Month"/ },
    { name: "autoRenewPeriodUnit on reserved instances", args: { ...R, autoRenew: true, autoRenewPeriodUnit: "Month" }, property: "autoRenewPeriodUnit", says: /instances only/ },
    { name: "autoRenewPeriod 24", args: { ...R, autoRenew: true, autoRenewPeriod: 24 }, property: "autoRenewPeriod", says: /12, 36 \(months\)/ },
    { name: "paidThrough not a date", args: { instanceIds: ["i-t000"], paidThrough: "end of 2027" }, property: "paidThrough", says: /a date such as "2027-12-31"/ },
    { name: "paidThrough with a period", args: { ...I, paidThrough: "2027-12-31" }, property: "period", says: /cannot be combined with paidThrough/ },
    { name: "paidThrough and minimumDaysLeft", args: { instanceIds: ["i-t000"], paidThrough: "2027-12-31", minimumDaysLeft: 60 }, property: "minimumDaysLeft", says: /not both/ },
    { name: "minimumDaysLeft 0", args: { instanceIds: ["i-t000"], minimumDaysLeft: 0 }, property: "minimumDaysLeft", says: /from 1 to 1825/ },
    { name: "maxPrice on reserved instances", args: { ...R, maxPrice: 100 }, property: "maxPrice", says: /instance leases only/ },
    { name: "maxPrice with a Week period", args: { ...I, periodUnit: "Week", maxPrice: 100 }, property: "maxPrice", says: /needs a price quote/ },
    { name: "autoRenewPeriod without autoRenew", args: { ...R, autoRenewPeriod: 36 }, property: "autoRenewPeriod", says: /only with autoRenew: true/ },
    { name: "autoRenew given as text", args: { ...R, autoRenew: "yes" }, property: "autoRenew", says: /true or false/ },
    { name: "an empty term", args: { ...I, term: "" }, property: "term", says: /non-empty string/ },
    { name: "a term that is a number", args: { ...I, term: 2027 }, property: "term", says: /non-empty string/ },
    { name: "a 129-character term", args: { ...I, term: "t".repeat(129) }, property: "term", says: /at most 128 characters/ },
    { name: "a misspelled argument", args: { ...I, periodUnits: "Month" }, property: "periodUnits", says: /unknown property "periodUnits"/ },
    { name: "a malformed region", args: { ...I, regionId: "Hangzhou" }, property: "regionId", says: /region id such as "cn-hangzhou"/ },
    { name: "an unknown region", args: { ...I, regionId: "xx-nowhere-1" }, property: "regionId", says: /not a known Alibaba Cloud region/ },
    { name: "an unknown default region", args: I, config: { "alicloud:region": "mars-north-1" }, property: "regionId", says: /"mars-north-1" is not a known Alibaba Cloud region/ },
    { name: "missing credentials", args: I, config: { "alicloud:accessKey": null, "alicloud:secretKey": null }, property: "alicloud:accessKey", says: /no Alibaba Cloud credentials are configured/ },
    { name: "an access key without its secret", args: I, config: { "alicloud:secretKey": null }, property: "alicloud:secretKey", says: /alicloud:secretKey is missing/ },
    { name: "an endpoint with a path", args: I, config: { "alicloud-renewal:endpoint": "http://127.0.0.1:1/ecs" }, property: "alicloud-renewal:endpoint", says: /no path, query or credentials/ },
    { name: "an endpoint with another scheme", args: I, config: { "alicloud-renewal:endpoint": "ftp://127.0.0.1:1" }, property: "alicloud-renewal:endpoint", says: /must use http or https/ },
    { name: "an endpoint that is not a host", args: I, config: { "alicloud-renewal:endpoint": "http://not a host" }, property: "alicloud-renewal:endpoint", says: /not a valid endpoint/ },
    { name: "a non-numeric retry setting", args: I, config: { "alicloud-renewal:maxAttempts": "many" }, property: "alicloud-renewal:maxAttempts", says: /positive whole number/ },
];

const WORKERS = 3;

describe("reliability: bad input is refused at preview (real CLI)", function () {
    this.timeout(1_800_000);
    const emu = useEmulator({ seed: inventory(instanceIds(2), reservedIds(2)) });
    const stacks = useE2eStacks(emu);
    const workers: E2eStack[] = [];

    before(async () => {
        for (let i = 0; i < WORKERS; i++) {
            workers.push(await stacks.create(`bad-input-${i}`));
        }
    });

    async function totalCalls(): Promise<number> {
        return Object.values((await emu.control.ledger()).calls).reduce((a, b) => a + b, 0);
    }

    it(`refuses each of the ${PROGRAMS.length} invalid programs at preview, naming the property, with zero API calls`, async () => {
        const failures: string[] = [];
        const queue = [...PROGRAMS];
        await Promise.all(workers.map(async (w) => {
            const original = await w.stack.getAllConfig();
            for (let program = queue.shift(); program; program = queue.shift()) {
                for (const [key, value] of Object.entries(program.config ?? {})) {
                    if (value === null) {
                        await w.stack.removeConfig(key);
                    } else {
                        await w.stack.setConfig(key, { value });
                    }
                }
                await w.setLeases({ bad: program.args ?? {} });
                const result = await w.pulumi(["preview"]);
                const output = result.stdout + result.stderr;
                // A top-level argument is named by the engine ("property X value … has a problem"); an
                // element of a list is named at the start of the reason ("has a problem: instanceIds[1]: …").
                const property = program.property.replace(/[[\]]/g, "\\$&");
                const expected = new RegExp(`(property ${property} value .* has a problem: |has a problem: ${property}: ).*${program.says.source}`);
                if (result.status === 0) {
                    failures.push(`${program.name}: preview succeeded`);
                } else if (!expected.test(output)) {
                    failures.push(`${program.name}: message does not name ${program.property} / ${program.says}:\n${output.split("\n").filter((l) => /error/.test(l)).slice(0, 3).join("\n")}`);
                }
                if (program.config) {
                    await w.stack.setAllConfig(Object.fromEntries(Object.entries(original).filter(([k]) => k in program.config!)));
                    for (const key of Object.keys(program.config).filter((k) => !(k in original))) {
                        await w.stack.removeConfig(key);
                    }
                }
            }
        }));
        recordBadInputs(PROGRAMS.length, failures.length);
        assert.deepEqual(failures, []);
        assert.equal(await totalCalls(), 0, "the emulator saw no call at all");
    });
});
