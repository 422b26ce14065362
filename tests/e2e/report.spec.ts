import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { DEFAULT_ACCESS_KEY, type ResourceTag, type SeedInventory } from "../../emulator";
import type { ReportJson } from "../../provider/report/format";
import { useEmulator } from "../support/emulator";
import { activeReservedInstance, prepaidInstance, REGION } from "../support/fixtures";

/** The built bin, as `npx alicloud-renewal` runs it (`npm test` builds first). */
const BIN = path.resolve(__dirname, "../../dist/provider/report/cli.js");
const NOW = "2026-03-01T00:00:00Z";
const tags = (pairs: Record<string, string>): ResourceTag[] => Object.entries(pairs).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));

/** Instances and reserved instances with expiries spread over the year, some tagged `env=prod`. */
function fleet(): SeedInventory {
    return {
        now: NOW,
        instances: [
            prepaidInstance("i-late", "2026-09-01T16:00Z", { InstanceName: "late", Tags: tags({ env: "prod" }) }),
            prepaidInstance("i-soon", "2026-03-10T16:00Z", { InstanceName: "soon", Tags: tags({ env: "prod" }) }),
            prepaidInstance("i-expired", "2026-02-20T16:00Z", { InstanceName: "expired", Tags: tags({ env: "staging" }) }),
            prepaidInstance("i-mid", "2026-04-15T16:00Z", { InstanceName: "mid" }),
            prepaidInstance("i-payg", "2099-12-31T15:59Z", { InstanceChargeType: "PostPaid", InstanceName: "payg", Tags: tags({ env: "prod" }) }),
            prepaidInstance("i-beijing", "2026-03-05T16:00Z", { RegionId: "cn-beijing", InstanceName: "elsewhere" }),
        ],
        reservedInstances: [
            { ...activeReservedInstance("ecsri-soon", "2026-03-20T16:00Z"), Tags: tags({ env: "prod" }) },
            { ...activeReservedInstance("ecsri-late", "2026-12-01T16:00Z") },
            { ...activeReservedInstance("ecsri-old", "2026-02-01T16:00Z"), Status: "Expired" },
        ],
    };
}

/** A fleet of 150 instances: more than one page. */
function largeFleet(): SeedInventory {
    return { now: NOW, instances: Array.from({ length: 150 }, (_, k) => prepaidInstance(`i-big${String(k).padStart(3, "0")}`, `2026-0${4 + (k % 5)}-01T16:00Z`)), reservedInstances: [] };
}

interface Run {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs the bin; killed after 30 s (a hang fails the test instead of stalling the suite). */
function runBin(args: readonly string[], env: Record<string, string>): Promise<Run> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (status) => {
            clearTimeout(killer);
            resolve({ status, stdout, stderr });
        });
    });
}

describe("alicloud-renewal report (the built bin against the emulator)", function () {
    this.timeout(60_000);
    const emu = useEmulator({ seedEachTest: fleet });
    const env = (): Record<string, string> => ({ ALICLOUD_ACCESS_KEY: DEFAULT_ACCESS_KEY.id, ALICLOUD_SECRET_KEY: DEFAULT_ACCESS_KEY.secret, ALICLOUD_RENEWAL_ENDPOINT: `http://${emu.endpoint}` });

    async function reportJson(...args: string[]): Promise<ReportJson> {
        const run = await runBin(["report", "--region", REGION, "--json", ...args], env());
        assert.equal(run.status, 0, run.stderr);
        return JSON.parse(run.stdout) as ReportJson;
    }

    it("--json parses and lists every subscription instance and reserved instance of the region, soonest first", async () => {
        const report = await reportJson();
        assert.deepEqual(report.targets.map((t) => t.id), ["ecsri-old", "i-expired", "i-soon", "ecsri-soon", "i-mid", "i-late", "ecsri-late"]);
    });

    it("reports days left from the cloud's clock, status, auto-renew, and a 1-month price for instances only", async () => {
        const report = await reportJson();
        const soon = report.targets.find((t) => t.id === "i-soon");
        assert.equal(soon?.daysLeft, 9);
        assert.equal(soon?.status, "Running");
        assert.equal(soon?.autoRenew?.renewalStatus, "Normal");
        assert.deepEqual(soon?.price, { tradePrice: 300, currency: "CNY" });
        assert.equal(report.targets.find((t) => t.id === "i-expired")?.daysLeft, -9);
        assert.match(JSON.stringify(report.targets.find((t) => t.id === "ecsri-soon")?.price), /no renewal price query for reserved instances/);
    });

    it("--within DAYS keeps only targets with at most that many days left, expired ones included", async () => {
        const report = await reportJson("--within", "30");
        assert.deepEqual(report.targets.map((t) => t.id), ["ecsri-old", "i-expired", "i-soon", "ecsri-soon"]);
    });

    it("--tag KEY=VALUE keeps only targets carrying the tag", async () => {
        const report = await reportJson("--tag", "env=prod");
        assert.deepEqual(report.targets.map((t) => t.id), ["i-soon", "ecsri-soon", "i-late"]);
    });

    it("is read-only: it renews and changes nothing", async () => {
        await reportJson();
        const ledger = await emu.control.ledger();
        assert.deepEqual(ledger.charges, []);
        assert.deepEqual(Object.keys(ledger.calls).filter((action) => !action.startsWith("Describe")), []);
    });

    it("prints a table by default, soonest first", async () => {
        const run = await runBin(["report", "--region", REGION], env());
        assert.equal(run.status, 0, run.stderr);
        const ids = run.stdout.split("\n").map((l) => l.split(/\s+/)[0]).filter((id) => /^(i|ecsri)-/.test(id ?? ""));
        assert.deepEqual(ids, ["ecsri-old", "i-expired", "i-soon", "ecsri-soon", "i-mid", "i-late", "ecsri-late"]);
    });

    it("shows progress on stderr for a region larger than a page, and still lists every target", async () => {
        await emu.control.reset(largeFleet());
        const run = await runBin(["report", "--region", REGION, "--json"], env());
        assert.equal(run.status, 0, run.stderr);
        assert.equal((JSON.parse(run.stdout) as ReportJson).targets.length, 150);
        assert.match(run.stderr, /listing 150 instances: 150/);
        assert.match(run.stderr, /quoting renewal prices: 150\/150/);
    });

    for (const [what, args] of [
        ["an unknown flag", ["--regoin", REGION]],
        ["a --within that is not a whole number", ["--region", REGION, "--within", "soon"]],
        ["a --tag without a value", ["--region", REGION, "--tag", "env"]],
        ["an unknown region", ["--region", "xx-nowhere-1"]],
        ["a bad --endpoint", ["--region", REGION, "--endpoint", "ftp://example.com"]],
    ] as const) {
        it(`${what}: exit status 2, a message on stderr, and no call`, async () => {
            const run = await runBin(["report", ...args], env());
            assert.equal(run.status, 2);
            assert.match(run.stderr, /alicloud-renewal report: .+/);
            assert.equal(run.stdout, "");
            assert.deepEqual((await emu.control.ledger()).calls, {});
        });
    }

    it("an unknown command: exit status 2", async () => {
        const run = await runBin(["reprot"], env());
        assert.equal(run.status, 2);
        assert.match(run.stderr, /unknown command "reprot"/);
    });

    it("an endpoint that does not answer: exit status 1 with the failure, not a hang", async () => {
        const run = await runBin(["report", "--region", REGION, "--endpoint", "http://127.0.0.1:9"], { ...env(), ALICLOUD_RENEWAL_MAX_ATTEMPTS: "1", ALICLOUD_RENEWAL_TIMEOUT_MS: "2000" });
        assert.equal(run.status, 1);
        assert.match(run.stderr, /alicloud-renewal report: .*DescribeInstances/);
    });

    it("wrong credentials: exit status 1, and the secret is not printed", async () => {
        const run = await runBin(["report", "--region", REGION], { ...env(), ALICLOUD_SECRET_KEY: "not-the-secret-0123456789" });
        assert.equal(run.status, 1);
        assert.doesNotMatch(run.stdout + run.stderr, /not-the-secret-0123456789/);
    });
});
