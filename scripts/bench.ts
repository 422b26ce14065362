/**
 * `npm run bench`: the provider at fleet scale against the engine's floor.
 *
 * For N = 1, 100 and 500 it builds a stack of N RenewalLeases (one subscription instance
 * each), a stack of N reserved-instance leases (one reserved instance each) and a baseline
 * stack of N no-op dynamic resources (a provider whose create only returns an id: what the
 * engine costs anyway), and runs on them, in the same run and alternating, `preview` (new
 * stack), `up`, `refresh`, `refresh` with a high `--parallel`, and `preview` again (no
 * changes), against the ECS emulator running in this process. It prints and writes to
 * docs/benchmarks.md: wall times and ratios to the baseline, the emulator's call counts
 * per action, bytes of state per lease, and the dynamic provider process's peak memory.
 * Then it reads a region of 2,000 tagged instances as a selector and as `alicloud-renewal
 * report` (`lib/bench/selection.ts`), and counts their calls.
 *
 * Options: --sizes 1,100,500   --rounds 1   --no-reserved   --high-parallel 500   --no-write
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { DEFAULT_ACCESS_KEY, RunningEmulator, startEmulator } from "../emulator";
import { DEFAULT_MAX_CONCURRENCY } from "../provider/config/settings";
import { describeMachine } from "./lib/bench/machine";
import { callList, Measurement, median, ratio, sectionOf, SDK_LOAD_SECTION, seconds, table, TargetCheck, targetTable } from "./lib/bench/report";
import { benchInstanceIds, benchReservedIds, BenchStack, createBenchStack, installPackages, StackKind, TimedRun } from "./lib/bench/stacks";
import { benchSelection, renderSelection, SelectionRun, selectionChecks } from "./lib/bench/selection";
import { FieldGroups, measureStateSize, stateBreakdown, StateSize } from "./lib/bench/state-size";
import { ensurePulumiCli, offlineEnv, REPO_ROOT } from "./lib/pulumi-cli";

interface Options {
    readonly sizes: number[];
    readonly rounds: number;
    readonly reserved: boolean;
    readonly highParallel: number;
    readonly write: boolean;
}

function parseOptions(argv: readonly string[]): Options {
    const value = (flag: string): string | undefined => {
        const i = argv.indexOf(flag);
        return i >= 0 ? argv[i + 1] : undefined;
    };
    return {
        sizes: (value("--sizes") ?? "1,100,500").split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0),
        rounds: Number(value("--rounds") ?? "1"),
        reserved: !argv.includes("--no-reserved"),
        highParallel: Number(value("--high-parallel") ?? "500"),
        write: !argv.includes("--no-write"),
    };
}

/** The commands measured, in the order they run on each new stack. */
interface Command {
    readonly name: string;
    readonly args: readonly string[];
}

function commands(highParallel: number): Command[] {
    return [
        { name: "preview (new stack)", args: ["preview"] },
        { name: "up", args: ["up", "--yes", "--skip-preview"] },
        { name: "refresh", args: ["refresh", "--yes", "--skip-preview"] },
        { name: `refresh --parallel ${highParallel}`, args: ["refresh", "--yes", "--skip-preview", "--parallel", String(highParallel)] },
        { name: "preview (no changes)", args: ["preview", "--expect-no-changes"] },
    ];
}

const REGION = "cn-hangzhou";
const WRITE_ACTIONS = ["RenewInstance", "RenewReservedInstances", "ModifyReservedInstanceAutoRenewAttribute"];
const TYPE_SUFFIX: Record<StackKind, string> = {
    "lease": ":RenewalLease", "lease-fixed-pace": ":RenewalLease", "reserved": ":RenewalLease", "baseline": "pulumi-nodejs:dynamic:Resource", "shaped": "pulumi-nodejs:dynamic:Resource",
};
const LABEL: Record<StackKind, string> = {
    "baseline": "baseline: no-op resources",
    "shaped": "no-op resources shaped like leases",
    "lease": "instance leases",
    "lease-fixed-pace": "instance leases, fixed 20/s (0.2.0 default)",
    "reserved": "reserved-instance leases",
};
/** The ceiling of the `lease-fixed-pace` stack: the fixed pace 0.2.0 used by default. */
const FIXED_PACE = "20";

function seed(n: number): unknown {
    return {
        accessKeys: [DEFAULT_ACCESS_KEY],
        instances: benchInstanceIds(n).map((id) => ({ InstanceId: id, RegionId: REGION, InstanceChargeType: "PrePaid", Status: "Running", ExpiredTime: "2027-01-15T16:00Z", InstanceType: "ecs.g7.large" })),
        reservedInstances: benchReservedIds(n).map((id) => ({ ReservedInstanceId: id, RegionId: REGION, Status: "Active", ExpiredTime: "2027-01-15T16:00Z", InstanceType: "ecs.g7.large" })),
    };
}

function diffCalls(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [action, n] of Object.entries(after)) {
        const delta = n - (before[action] ?? 0);
        if (delta > 0) {
            out[action] = delta;
        }
    }
    return out;
}

interface Sample {
    readonly run: TimedRun;
    readonly emulatorBusyMs: number;
    readonly calls: Record<string, number>;
}

/** Runs one command on one stack, measuring the emulator's share and its calls. */
async function sample(emu: RunningEmulator, stack: BenchStack, command: Command): Promise<Sample> {
    const before = (await emu.control.ledger()).calls;
    const elu = performance.eventLoopUtilization();
    const run = await stack.run(command.args);
    const busy = performance.eventLoopUtilization(elu);
    const after = (await emu.control.ledger()).calls;
    if (run.status !== 0) {
        throw new Error(`${command.name} on ${stack.project} failed (exit ${run.status}):\n${run.output.slice(-4000)}`);
    }
    return { run, emulatorBusyMs: busy.active, calls: diffCalls(before, after) };
}

function reduce(samples: readonly Sample[]): Measurement {
    const providers = samples.map((s) => s.run.peakMiB.provider).filter((v): v is number => v !== undefined);
    const programs = samples.map((s) => s.run.peakMiB.program).filter((v): v is number => v !== undefined);
    const actions = [...new Set(samples.flatMap((s) => Object.keys(s.calls)))];
    return {
        wallMs: median(samples.map((s) => s.run.wallMs)),
        emulatorBusyMs: median(samples.map((s) => s.emulatorBusyMs)),
        calls: Object.fromEntries(actions.map((a) => [a, median(samples.map((s) => s.calls[a] ?? 0))])),
        ...(providers.length > 0 ? { providerPeakMiB: Math.max(...providers) } : {}),
        ...(programs.length > 0 ? { programPeakMiB: Math.max(...programs) } : {}),
    };
}

interface SizeResult {
    readonly n: number;
    readonly kinds: readonly StackKind[];
    readonly measurements: Map<string, Map<StackKind, Measurement>>;
    /** State per resource right after `up` (the engine then also records each input's dependencies). */
    readonly state: Map<StackKind, StateSize>;
    /** State per resource after `refresh` (which rewrites the resources without the input dependencies). */
    readonly stateAfterRefresh: Map<StackKind, StateSize>;
    readonly writeCalls: Map<StackKind, { expected: number; got: number }>;
    /** Where the bytes of an instance lease go, right after `up`. */
    readonly breakdown: Record<string, number>;
}

/** The parts of a lease's state, for the breakdown. */
const LEASE_FIELDS: FieldGroups = {
    "`__provider` (inputs and outputs)": ["inputs.__provider", "outputs.__provider"],
    "`propertyDependencies` (recorded by `up`, dropped by `refresh`)": ["propertyDependencies"],
    "`lastRenewalCalls`": ["outputs.lastRenewalCalls"],
    "`targets`": ["outputs.targets"],
    "`leaseUrn` (inputs and outputs) and `creationUrn`": ["inputs.leaseUrn", "outputs.leaseUrn", "outputs.creationUrn"],
    "`renewalPlan` (inputs and outputs)": ["inputs.renewalPlan", "outputs.renewalPlan"],
    "the other arguments (inputs and outputs), `termKey`, `renewalCount`, `providerVersion`": [
        "inputs.instanceIds", "inputs.regionId", "inputs.period", "inputs.periodUnit", "inputs.term",
        "outputs.instanceIds", "outputs.regionId", "outputs.period", "outputs.periodUnit", "outputs.term", "outputs.termKey", "outputs.renewalCount", "outputs.providerVersion",
    ],
    "engine fields (`urn`, `id`, `type`, `custom`, `parent`, `provider`, `created`, `modified`)": ["urn", "id", "type", "custom", "parent", "provider", "created", "modified"],
};

/** The commands a kind of stack runs: the unthrottled lease stack only measures `up`. */
function runsCommand(kind: StackKind, command: Command): boolean {
    return kind !== "lease-fixed-pace" || command.name === "up";
}

async function benchSize(n: number, options: Options, root: string, env: Record<string, string>, emu: RunningEmulator): Promise<SizeResult> {
    const cli = ensurePulumiCli();
    const kinds: StackKind[] = ["lease", "baseline", "shaped", ...(options.reserved ? ["reserved" as const] : []), "lease-fixed-pace"];
    const stacks = new Map(kinds.map((k) => [k, createBenchStack(root, k, n, cli, k === "lease-fixed-pace" ? { ...env, ALICLOUD_RENEWAL_MAX_CALLS_PER_SECOND: FIXED_PACE } : env)]));
    const cmds = commands(options.highParallel);
    const samples = new Map<string, Map<StackKind, Sample[]>>(cmds.map((c) => [c.name, new Map(kinds.filter((k) => runsCommand(k, c)).map((k) => [k, []]))]));
    const state = new Map<StackKind, StateSize>();
    const stateAfterRefresh = new Map<StackKind, StateSize>();
    let breakdown: Record<string, number> = {};
    const writeCalls = new Map<StackKind, { expected: number; got: number }>();
    for (let round = 1; round <= options.rounds; round++) {
        await emu.control.reset(seed(n) as never);
        for (const stack of stacks.values()) {
            await stack.init(`r${round}`);
        }
        for (const [ci, command] of cmds.entries()) {
            // Alternate the order from one command (and round) to the next.
            const runners = kinds.filter((k) => runsCommand(k, command));
            const order = (ci + round) % 2 === 0 ? runners : [...runners].reverse();
            for (const kind of order) {
                const stack = stacks.get(kind) as BenchStack;
                process.stdout.write(`  N=${n} round ${round}: ${command.name} on ${stack.project} ... `);
                const s = await sample(emu, stack, command);
                process.stdout.write(`${seconds(s.run.wallMs)} s (${callList(s.calls)})\n`);
                samples.get(command.name)?.get(kind)?.push(s);
                if (command.name === "up") {
                    state.set(kind, measureStateSize(stack.stateFile(), TYPE_SUFFIX[kind]));
                    const got = WRITE_ACTIONS.reduce((sum, a) => sum + (s.calls[a] ?? 0), 0);
                    writeCalls.set(kind, { expected: kind === "baseline" || kind === "shaped" ? 0 : n, got });
                    if (kind === "lease") {
                        breakdown = stateBreakdown(stack.stateFile(), TYPE_SUFFIX[kind], LEASE_FIELDS);
                    }
                }
                if (command.name === "refresh") {
                    stateAfterRefresh.set(kind, measureStateSize(stack.stateFile(), TYPE_SUFFIX[kind]));
                }
            }
        }
    }
    const measurements = new Map([...samples].map(([name, byKind]) => [name, new Map([...byKind].map(([k, list]) => [k, reduce(list)]))]));
    return { n, kinds, measurements, state, stateAfterRefresh, writeCalls, breakdown };
}

function renderSize(result: SizeResult, options: Options): string {
    const rows: string[][] = [];
    for (const [command, byKind] of result.measurements) {
        const base = byKind.get("baseline") as Measurement;
        const shaped = byKind.get("shaped");
        for (const kind of result.kinds) {
            const m = byKind.get(kind);
            if (!m) {
                continue;
            }
            const isBase = kind === "baseline";
            rows.push([
                command,
                LABEL[kind],
                seconds(m.wallMs),
                isBase ? "1.00×" : ratio(m.wallMs / base.wallMs),
                shaped && kind !== "shaped" && !isBase ? ratio(m.wallMs / shaped.wallMs) : "",
                command === "up" && !isBase && kind !== "shaped" ? ratio((m.wallMs - m.emulatorBusyMs) / base.wallMs) : "",
                seconds(m.emulatorBusyMs),
                callList(m.calls),
                m.providerPeakMiB !== undefined ? String(m.providerPeakMiB) : "",
            ]);
        }
    }
    const stateRows = [...result.state].filter(([kind]) => kind !== "lease-fixed-pace").map(([kind, s]) => [
        LABEL[kind],
        String(s.bytesPerResource),
        String(result.stateAfterRefresh.get(kind)?.bytesPerResource ?? ""),
        String(s.providerBytesPerResource),
        String(s.providerTextLength),
        s.exact ? "exact" : "approximate",
    ]);
    return [
        `### N = ${result.n}${options.rounds > 1 ? ` (medians of ${options.rounds} rounds)` : ""}`,
        "",
        table(["command", "stack", "wall s", "÷ baseline", "÷ same-shape no-op", "up: (wall − emulator) ÷ baseline", "emulator busy s", "ECS calls", "provider peak MiB"], rows),
        "",
        table(["state of one resource", "bytes in the state file after up", "after refresh", "of which `__provider` (inputs + outputs)", "`__provider` text length", "measure"], stateRows),
        "",
        "Where the bytes of one instance lease go, right after `up` (exact: the state file serialized again without them; indentation included):",
        "",
        table(["part", "bytes"], Object.entries(result.breakdown).map(([part, bytes]) => [part, String(bytes)])),
    ].join("\n");
}

function checks(result: SizeResult): TargetCheck[] {
    const n = result.n;
    const get = (command: string, kind: StackKind): Measurement | undefined => result.measurements.get(command)?.get(kind);
    const out: TargetCheck[] = [];
    const base = (command: string): number => (get(command, "baseline") as Measurement).wallMs;
    for (const command of ["preview (new stack)", "preview (no changes)", "refresh", `refresh --parallel ${[...result.measurements.keys()].find((c) => c.startsWith("refresh --parallel"))?.split(" ").pop() ?? ""}`]) {
        const m = get(command, "lease");
        if (!m) {
            continue;
        }
        const r = m.wallMs / base(command);
        out.push({ target: `${command} ≤ 1.15× baseline`, measured: `${ratio(r)} (${seconds(m.wallMs)} s vs ${seconds(base(command))} s)`, met: r <= 1.15 });
    }
    for (const kind of ["lease", "lease-fixed-pace"] as const) {
        const up = get("up", kind);
        if (up) {
            const upRatio = (up.wallMs - up.emulatorBusyMs) / base("up");
            out.push({ target: `up ≤ 1.3× baseline + emulator time (${LABEL[kind]})`, measured: `${ratio(upRatio)} ((${seconds(up.wallMs)} − ${seconds(up.emulatorBusyMs)}) s vs ${seconds(base("up"))} s)`, met: upRatio <= 1.3 });
        }
    }
    for (const [kind, w] of result.writeCalls) {
        if (kind !== "baseline" && kind !== "shaped") {
            out.push({ target: `write calls = renewals (${LABEL[kind]}: ${kind === "reserved" ? "ceil(1/10) = 1 per lease" : "1 per instance"})`, measured: `${w.got} calls for ${w.expected} renewals`, met: w.got === w.expected });
        }
    }
    const allowed = Math.ceil(n / 100) + 1;
    for (const command of [...result.measurements.keys()].filter((c) => c.startsWith("refresh"))) {
        const calls = (get(command, "lease") as Measurement).calls.DescribeInstances ?? 0;
        out.push({ target: `${command}: DescribeInstances ≤ ceil(N/100)+1 = ${allowed}`, measured: String(calls), met: calls <= allowed });
    }
    for (const [kind, s] of result.state) {
        if (kind === "lease" || kind === "reserved") {
            const refreshed = result.stateAfterRefresh.get(kind)?.bytesPerResource ?? s.bytesPerResource;
            out.push({ target: `state per lease ≤ 4 KiB (${LABEL[kind]})`, measured: `${s.bytesPerResource} bytes after up, ${refreshed} after refresh`, met: Math.max(s.bytesPerResource, refreshed) <= 4096 });
        }
    }
    return out;
}

/** `up`'s ratio to the same-shape no-op control, with default settings (adaptive pacing) and with 0.2.0's fixed pace. */
function upVersusControl(result: SizeResult): string {
    const up = result.measurements.get("up");
    const shaped = up?.get("shaped");
    if (!up || !shaped) {
        return "";
    }
    const line = (kind: StackKind): string => {
        const m = up.get(kind);
        return m ? `${ratio(m.wallMs / shaped.wallMs)} (${seconds(m.wallMs)} s vs ${seconds(shaped.wallMs)} s)` : "not run";
    };
    return [
        `\`up\` of N = ${result.n} instance leases ÷ the same-shape no-op control: **${line("lease")}** with default settings (adaptive pacing, no ceiling);`,
        `${line("lease-fixed-pace")} with \`maxCallsPerSecond\` ${FIXED_PACE}, the fixed pace 0.2.0 used by default.`,
    ].join("\n");
}

/** Milliseconds a fresh Node.js process takes to load the installed provider, then the Alibaba Cloud SDK (its first ECS call does). */
function measureLoad(root: string): { provider: number; sdk: number } {
    const dist = path.join(root, "node_modules", "pulumi-alicloud-renewal", "dist", "provider");
    const script = `const t0 = performance.now(); require(${JSON.stringify(path.join(dist, "index.js"))}); const t1 = performance.now();
require(${JSON.stringify(path.join(dist, "ecs", "sdk-modules.js"))}).sdkModules(); const t2 = performance.now();
process.stdout.write(JSON.stringify({ provider: t1 - t0, sdk: t2 - t1 }));`;
    const runs = Array.from({ length: 3 }, () => JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" })) as { provider: number; sdk: number });
    return { provider: Math.round(median(runs.map((r) => r.provider))), sdk: Math.round(median(runs.map((r) => r.sdk))) };
}

/** What the figures mean; true whatever the numbers of a run. */
function notes(load: { provider: number; sdk: number }): string {
    return [
        "## Reading the figures",
        "",
        "- **÷ same-shape no-op** compares with no-op resources that register the same properties as a lease: what the",
        "  program and the engine cost for a resource of that shape, whatever its provider does. The gap between the",
        "  baseline and that control is the engine's, not the provider's.",
        "- **preview (new stack)**: `check` quotes every planned instance renewal with `DescribeRenewalPrice` (one",
        "  instance per call), and the engine runs `check` one resource at a time, so N quotes go one after another",
        "  (at full speed unless ECS throttles them: pacing is adaptive, and `maxCallsPerSecond` is off by default).",
        "  Reserved instances have no price query, hence no calls. Only previews quote: the update pass of `up` does not.",
        "- **up**: the file backend writes the whole checkpoint after every step, so `up` grows with N × the state of a",
        "  resource (compare the baseline, the same-shape control and the leases, whose state is the largest). The",
        `  row with \`maxCallsPerSecond\` ${FIXED_PACE} shows what 0.2.0's fixed pace cost; the emulator never throttles here, so the`,
        "  default (adaptive) runs at full speed. Each lease also reads its targets' new expiry after",
        "  renewing: these reads arrive one by one as renewals finish, so they rarely share a call.",
        "- **refresh**: the first read of a region lists it (100 targets per call, pages together) and later reads are",
        "  answered from that listing, so the calls do not depend on `--parallel`. The first call also loads the",
        `  Alibaba Cloud SDK: ${load.sdk} ms in a fresh process on this machine (its model classes are loaded one by one as`,
        `  used); the provider itself loads in ${load.provider} ms, and a preview that calls nothing never loads the SDK.`,
        "- **State**: `up` records each input's dependencies (`propertyDependencies`); `refresh` rewrites the resource",
        "  without them, hence the two figures.",
        "",
    ].join("\n");
}

async function main(): Promise<void> {
    const options = parseOptions(process.argv.slice(2));
    const cli = ensurePulumiCli();
    const machine = describeMachine();
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string; devDependencies: Record<string, string> };
    const root = path.join(REPO_ROOT, ".cache", "bench");
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root, { recursive: true });
    installPackages(root);
    console.log(`Pulumi CLI ${cli.version}; ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB; sizes ${options.sizes.join(", ")}; ${options.rounds} round(s)`);

    const loadBefore = os.loadavg()[0];
    const started = Date.now();
    const emu = await startEmulator({ port: 0, accessKeys: [DEFAULT_ACCESS_KEY], log: () => undefined });
    const results: SizeResult[] = [];
    let selection: SelectionRun[] = [];
    try {
        const env = offlineEnv({
            cli,
            stateDir: path.join(root, "state"),
            extra: { ALICLOUD_RENEWAL_ENDPOINT: emu.url, ALICLOUD_ACCESS_KEY: DEFAULT_ACCESS_KEY.id, ALICLOUD_SECRET_KEY: DEFAULT_ACCESS_KEY.secret, ALICLOUD_REGION: REGION },
        });
        for (const key of Object.keys(env).filter((k) => /^npm_/i.test(k) || k === "INIT_CWD")) {
            delete env[key];
        }
        for (const n of options.sizes) {
            results.push(await benchSize(n, options, root, env, emu));
        }
        process.stdout.write("  selector-shaped reads ... ");
        selection = await benchSelection(emu);
        process.stdout.write(`${selection.map((r) => `${(r.wallMs / 1000).toFixed(2)} s (${callList(r.calls)})`).join("; ")}\n`);
    } finally {
        await emu.stop();
    }

    const largest = results[results.length - 1];
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    const loadAfter = os.loadavg()[0];
    const load = measureLoad(root);
    const report = [
        "# Benchmarks",
        "",
        "Written by `npm run bench` (scripts/bench.ts); numbers from one machine, one run. Rerun it to compare.",
        "",
        `- Date: ${new Date().toISOString().slice(0, 10)}`,
        `- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB memory, ${machine.os}, Node.js ${machine.node}`,
        `- Run: ${minutes} min, ${options.rounds} round(s) (figures are medians); 1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
        "  (the benchmark itself keeps the CPUs busy; anything else running at the same time shows in the wall times)",
        `- Pulumi CLI ${cli.version}, @pulumi/pulumi ${pkg.devDependencies["@pulumi/pulumi"]}, pulumi-alicloud-renewal ${pkg.version}`,
        `- Provider settings: defaults (adaptive pacing, no maxCallsPerSecond ceiling, maxConcurrency ${DEFAULT_MAX_CONCURRENCY} writes)`,
        "- Stacks (JavaScript programs): N `RenewalLease`s of one subscription instance each; the same with `maxCallsPerSecond`",
        `  ${FIXED_PACE} (\`up\` only: the fixed pace 0.2.0 imposed by default, against today's adaptive pacing); N leases of one reserved`,
        "  instance each; the **baseline**, N `pulumi.dynamic.Resource`s without properties whose provider's `create` only returns an id",
        "  (the engine's floor); and a control, N such no-op resources registering the same properties as a `RenewalLease`",
        "  (what the program and the engine cost for a resource of that shape, whatever its provider does).",
        "  The package and `@pulumi/pulumi` are installed as copies under the stacks' node_modules, as from a registry.",
        "- Commands, in this order on a new stack: `pulumi preview`, `pulumi up --yes --skip-preview`, `pulumi refresh --yes --skip-preview`,",
        `  the same refresh with \`--parallel ${options.highParallel}\`, and \`pulumi preview --expect-no-changes\`; CLI defaults otherwise`,
        "  (`--parallel` defaults to 4 × CPUs). Lease and baseline runs alternate, command by command, against the ECS emulator",
        "  running in the benchmark's process (its \"busy\" time is that process's event-loop activity during the command).",
        "- Peak memory: the highest VmHWM of the dynamic provider process (`@pulumi/pulumi/cmd/dynamic-provider`) during the command.",
        "",
        ...results.flatMap((r) => [renderSize(r, options), ""]),
        renderSelection(selection),
        "",
        upVersusControl(largest),
        "",
        notes(load),
        `## Targets (N = ${largest.n})`,
        "",
        targetTable([...checks(largest), ...selectionChecks(selection)]),
        "",
    ].join("\n");
    console.log(`\n${report}`);
    fs.writeFileSync(path.join(root, "results.json"), JSON.stringify(results.map((r) => ({
        n: r.n,
        measurements: Object.fromEntries([...r.measurements].map(([c, m]) => [c, Object.fromEntries(m)])),
        state: Object.fromEntries(r.state),
        stateAfterRefresh: Object.fromEntries(r.stateAfterRefresh),
        writeCalls: Object.fromEntries(r.writeCalls),
    })), null, 2));
    if (options.write) {
        const file = path.join(REPO_ROOT, "docs", "benchmarks.md");
        const sdkLoad = fs.existsSync(file) ? sectionOf(fs.readFileSync(file, "utf8"), SDK_LOAD_SECTION) : undefined;
        fs.writeFileSync(file, sdkLoad === undefined ? report : `${report.trimEnd()}\n\n${sdkLoad}\n`);
        console.log("Written to docs/benchmarks.md");
    }
}

main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
