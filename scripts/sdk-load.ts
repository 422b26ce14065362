/**
 * How long a fresh provider process takes to make its first ECS call, with and without the lazy
 * model loader (`provider/ecs/lazy-ecs-models.ts`).
 *
 * Each run is a new Node.js process that loads the built provider (`dist/provider`), then makes the
 * first call of a refresh (`DescribeInstances`, one page) through the provider's own gateway against
 * an emulator in this process. "eager" requires the SDK's `models/model.js` first, as the SDK does by
 * itself, so the lazy index declines and the model classes are loaded all at once; "lazy" is what the
 * provider does. Runs alternate between the two and the medians are printed.
 *
 * Usage: `npm run bench:sdk-load [-- --runs 7] [--no-write]`; writes its section of docs/benchmarks.md
 * unless `--no-write` (`npm run bench` keeps that section when it rewrites the file).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { DEFAULT_ACCESS_KEY, startEmulator } from "../emulator";
import { describeMachine } from "./lib/bench/machine";
import { median, SDK_LOAD_SECTION, table, withSection } from "./lib/bench/report";

const REPO_ROOT = path.resolve(__dirname, "..");
const REGION = "cn-hangzhou";

/** What one child process reports. */
interface LoadRun {
    /** ms from the start of the child's script to the first call's answer (SDK load included). */
    firstCallMs: number;
    /** ms spent loading the four SDK packages alone (no call). */
    requireMs: number;
    /** Model files of `@alicloud/ecs20140526` in the module cache after the call. */
    modelFiles: number;
    /** Growth of the process's resident memory over the run, MiB. */
    rssMiB: number;
    /** Whether the lazy index was in place (fewer than 100 model files loaded with the SDK). */
    lazy: boolean;
}

/** The child's script: `MODE` is `eager` or `lazy`; `ENDPOINT` the emulator's `host:port`. */
function childScript(mode: "eager" | "lazy", endpoint: string): string {
    const dist = path.join(REPO_ROOT, "dist", "provider", "ecs");
    return `
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const modelIndex = require.resolve("@alicloud/ecs20140526/dist/models/model.js");
${mode === "eager" ? "require(modelIndex);" : ""}
const { sdkModules } = require(${JSON.stringify(path.join(dist, "sdk-modules.js"))});
sdkModules();
const requireMs = performance.now() - t0;
const lazy = Object.keys(require.cache).filter((k) => k.includes("ecs20140526/dist/models/")).length < 100;
const { SdkEcsGateway } = require(${JSON.stringify(path.join(dist, "sdk-gateway.js"))});
const gateway = new SdkEcsGateway({
    region: ${JSON.stringify(REGION)},
    endpoint: { host: ${JSON.stringify(endpoint)}, protocol: "http" },
    credentials: { kind: "static", accessKeyId: ${JSON.stringify(DEFAULT_ACCESS_KEY.id)}, accessKeySecret: ${JSON.stringify(DEFAULT_ACCESS_KEY.secret)} },
    retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 20 },
    timeoutMs: 5000, maxConcurrency: 4, extraRegions: [], maxCallsPerSecond: 1000,
});
gateway.listTargets("instance", ${JSON.stringify(REGION)}, 1).then((page) => {
    if (page.targets.length !== 1) throw new Error("expected one instance, got " + page.targets.length);
    const firstCallMs = performance.now() - t0;
    const modelFiles = Object.keys(require.cache).filter((k) => k.includes("ecs20140526/dist/models/")).length;
    process.stdout.write(JSON.stringify({ firstCallMs, requireMs, modelFiles, rssMiB: (process.memoryUsage().rss - rss0) / 1048576, lazy }));
    process.exit(0);
});
`;
}

async function main(): Promise<void> {
    const runsArg = process.argv.indexOf("--runs");
    const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 7;
    if (!Number.isInteger(runs) || runs < 1) {
        throw new Error(`--runs takes a positive integer, got ${process.argv[runsArg + 1]}`);
    }
    const loadBefore = os.loadavg()[0];
    const emu = await startEmulator({
        port: 0,
        accessKeys: [DEFAULT_ACCESS_KEY],
        log: () => undefined,
        seed: { instances: [{ InstanceId: "i-load", RegionId: REGION, InstanceChargeType: "PrePaid", ExpiredTime: "2027-01-15T16:00Z" }], reservedInstances: [] },
    });
    const results: Record<"eager" | "lazy", LoadRun[]> = { eager: [], lazy: [] };
    try {
        for (let i = 0; i < runs; i++) {
            for (const mode of ["eager", "lazy"] as const) {
                const { stdout } = await promisify(execFile)(process.execPath, ["-e", childScript(mode, emu.endpoint)], { cwd: REPO_ROOT, encoding: "utf8" });
                const run = JSON.parse(stdout) as LoadRun;
                if (run.lazy !== (mode === "lazy")) {
                    throw new Error(`${mode} run had the lazy index ${run.lazy ? "in place" : "missing"}`);
                }
                results[mode].push(run);
            }
        }
    } finally {
        await emu.stop();
    }
    const summary = (mode: "eager" | "lazy") => {
        const r = results[mode];
        return {
            firstCallMs: Math.round(median(r.map((x) => x.firstCallMs))),
            requireMs: Math.round(median(r.map((x) => x.requireMs))),
            modelFiles: median(r.map((x) => x.modelFiles)),
            rssMiB: Math.round(median(r.map((x) => x.rssMiB))),
            all: r.map((x) => Math.round(x.firstCallMs)).join(", "),
        };
    };
    const eager = summary("eager");
    const lazy = summary("lazy");
    const machine = describeMachine();
    const rows = ([["all at once (the SDK's own `model.js`)", eager], ["lazy (`provider/ecs/lazy-ecs-models.ts`)", lazy]] as const)
        .map(([label, r]) => [label, String(r.requireMs), String(r.firstCallMs), String(r.modelFiles), String(r.rssMiB), r.all]);
    const section = [
        "## SDK load: the lazy model loader",
        "",
        `Written by \`npm run bench:sdk-load\` (scripts/sdk-load.ts) on ${new Date().toISOString().slice(0, 10)}: ${machine.cpus} CPUs (${machine.cpuModel}),`,
        `Node.js ${machine.node}; 1-minute load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after. Each run is a fresh Node.js process`,
        "that loads the built provider and makes the first call of a refresh (`DescribeInstances`, one page) through the",
        "provider's own gateway against an emulator; \"all at once\" requires the SDK's `models/model.js` first, so the lazy",
        `index declines, as it does when the SDK's layout changes. Medians of ${runs} runs each, alternating.`,
        "",
        table(["model loader", "SDK loaded (ms)", "SDK loaded + first call answered (ms)", "model files loaded", "resident memory growth (MiB)", "every run, first call (ms)"], rows),
        "",
        `The lazy loader saves ${eager.firstCallMs - lazy.firstCallMs} ms and ${eager.rssMiB - lazy.rssMiB} MiB in every provider process that calls ECS, that is in every`,
        "`pulumi refresh`, `up` and preview that reads or quotes: the wall times of the tables above include it once per",
        "command. The SDK's layout is checked by tests/provider/lazy-ecs-models.spec.ts.",
    ].join("\n");
    console.log(`\n${section}\n`);
    if (!process.argv.includes("--no-write")) {
        const file = path.join(REPO_ROOT, "docs", "benchmarks.md");
        fs.writeFileSync(file, withSection(fs.readFileSync(file, "utf8"), SDK_LOAD_SECTION, section));
        console.log("Written to docs/benchmarks.md");
    }
}

main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
