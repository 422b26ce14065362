/**
 * The benchmark's selector-shaped reads: one region of {@link SELECTION_MATCHES} instances
 * tagged `env=prod` among {@link SELECTION_OTHERS} others, read (a) as a lease's selector
 * would be (`readSelection` over `selectInstances`, default settings) and (b) by the
 * `alicloud-renewal report --tag env=prod --json` bin. Counts the emulator's calls per action.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { DEFAULT_ACCESS_KEY, RunningEmulator } from "../../../emulator";
import { resolveSettings } from "../../../provider/config/settings";
import { createCallRateLimiter } from "../../../provider/ecs/rate-limit";
import { RateLimitedGateway } from "../../../provider/ecs/rate-limited-gateway";
import { withRetry } from "../../../provider/ecs/retry";
import { SdkEcsGateway } from "../../../provider/ecs/sdk-gateway";
import { readSelection } from "../../../provider/ecs/selection";
import { REPO_ROOT } from "../pulumi-cli";
import { callList, seconds, table, TargetCheck } from "./report";

/** Instances the selector matches. */
export const SELECTION_MATCHES = 2000;
/** Instances of the region it does not match. */
export const SELECTION_OTHERS = 500;

/** One measured read. */
export interface SelectionRun {
    readonly what: string;
    readonly wallMs: number;
    readonly targets: number;
    readonly calls: Record<string, number>;
}

function diff(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
    return Object.fromEntries(Object.entries(after).map(([a, n]) => [a, n - (before[a] ?? 0)] as const).filter(([, n]) => n > 0));
}

async function measured(emu: RunningEmulator, what: string, read: () => Promise<number>): Promise<SelectionRun> {
    const before = (await emu.control.ledger()).calls;
    const started = performance.now();
    const targets = await read();
    const wallMs = performance.now() - started;
    return { what, wallMs, targets, calls: diff(before, (await emu.control.ledger()).calls) };
}

function runReport(env: Record<string, string>): Promise<string> {
    const bin = path.join(REPO_ROOT, "dist", "provider", "report", "cli.js");
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [bin, "report", "--region", "cn-hangzhou", "--tag", "env=prod", "--json"], { env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (status) => (status === 0 ? resolve(stdout) : reject(new Error(`report exited ${status}: ${stderr.slice(-2000)}`))));
    });
}

/**
 * Seeds the emulator with the region and measures both reads.
 *
 * @param emu - The benchmark's emulator (its state is replaced).
 */
export async function benchSelection(emu: RunningEmulator): Promise<SelectionRun[]> {
    const region = "cn-hangzhou";
    await emu.control.reset({
        accessKeys: [DEFAULT_ACCESS_KEY],
        instances: Array.from({ length: SELECTION_MATCHES + SELECTION_OTHERS }, (_, k) => ({
            InstanceId: `i-sel${String(k).padStart(5, "0")}`, RegionId: region, InstanceChargeType: "PrePaid", Status: "Running",
            ExpiredTime: `2027-0${1 + (k % 9)}-15T16:00Z`, InstanceType: "ecs.g7.large",
            ...(k % 5 === 4 ? {} : { Tags: [{ TagKey: "env", TagValue: "prod" }] }),
        })),
        reservedInstances: [],
    } as never);
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ALICLOUD_RENEWAL_ENDPOINT: emu.url, ALICLOUD_ACCESS_KEY: DEFAULT_ACCESS_KEY.id, ALICLOUD_SECRET_KEY: DEFAULT_ACCESS_KEY.secret };
    const settings = resolveSettings(() => undefined, env);
    const gateway = new RateLimitedGateway(new SdkEcsGateway(settings), createCallRateLimiter({ ceilingPerSecond: settings.maxCallsPerSecond }));
    const select = await measured(emu, "selector read (`readSelection` over `selectInstances`, tags env=prod)", async () =>
        (await readSelection((n) => gateway.selectInstances(region, { tags: { env: "prod" } }, n), { call: (op) => withRetry(op, settings.retry), concurrency: settings.maxConcurrency })).length);
    const report = await measured(emu, "`alicloud-renewal report --tag env=prod --json` (the bin, a new process)", async () =>
        (JSON.parse(await runReport(env)) as { targets: unknown[] }).targets.length);
    return [select, report];
}

/** The section of docs/benchmarks.md. */
export function renderSelection(runs: readonly SelectionRun[]): string {
    return [
        `### Selector-shaped reads: ${SELECTION_MATCHES} matching instances in one region (${SELECTION_MATCHES + SELECTION_OTHERS} in all), default settings`,
        "",
        table(["read", "wall s", "targets", "ECS calls"], runs.map((r) => [r.what, seconds(r.wallMs), String(r.targets), callList(r.calls)])),
    ].join("\n");
}

/** The target of issue 14: at most ceil(2000/100)+1 Describe calls for the selector. */
export function selectionChecks(runs: readonly SelectionRun[]): TargetCheck[] {
    const allowed = Math.ceil(SELECTION_MATCHES / 100) + 1;
    const select = runs[0];
    if (!select) {
        return [];
    }
    const describes = Object.entries(select.calls).filter(([a]) => a.startsWith("Describe")).reduce((sum, [, n]) => sum + n, 0);
    return [{ target: `selector over ${SELECTION_MATCHES} instances: Describe calls ≤ ceil(${SELECTION_MATCHES}/100)+1 = ${allowed}`, measured: `${describes} (${callList(select.calls)})`, met: describes <= allowed }];
}
