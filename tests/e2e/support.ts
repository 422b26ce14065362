import * as assert from "node:assert/strict";
/**
 * End-to-end harness: real `pulumi` CLI, real Node.js language host, real dynamic
 * provider plugin, the emulator as the cloud. Each stack lives in its own project
 * directory under .cache/e2e (inside the repository, so the program resolves
 * `pulumi-alicloud-renewal` and `@pulumi/pulumi` from the repository's node_modules).
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigMap, LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { RunningEmulator } from "../../emulator";
import { ensurePulumiCli, offlineEnv, PulumiCli, pulumiCommand, REPO_ROOT } from "../../scripts/lib/pulumi-cli";
import { e2eStackRoot } from "./engine";

/** What a CLI run printed and how it ended. */
export interface CliResult {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/**
 * Runs a command and collects its output. Asynchronous on purpose: the emulator runs in
 * the test process, so a synchronous spawn would keep it from answering.
 */
export function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<CliResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
}

/** One end-to-end stack in its own project directory. */
export interface E2eStack {
    readonly dir: string;
    readonly stack: Stack;
    readonly env: Record<string, string>;
    readonly cli: PulumiCli;
    /** Sets the leases the program declares (name -> RenewalLease arguments). */
    setLeases(leases: Record<string, unknown>): Promise<void>;
    /**
     * Runs the CLI in the project directory. Asynchronous on purpose: the emulator runs
     * in the test process, so a synchronous spawn would block it from answering.
     */
    pulumi(args: string[]): Promise<CliResult>;
    /** Runs the CLI and fails the test unless it exits 0; returns its stdout and stderr. */
    expectSuccess(args: string[]): Promise<string>;
    /** Reads the stack's state file. */
    stateText(): string;
    /** The outputs recorded in the state for the lease named `name` (refresh updates these, not the stack outputs). */
    leaseState(name: string): Record<string, unknown> | undefined;
    /** Deletes the project directory and its backend. */
    dispose(): void;
}

let counter = 0;

/**
 * Creates a project directory running `program` (default `tests/e2e/program/index.ts`),
 * with a fresh file backend, the emulator's endpoint and access key configured.
 */
export async function createE2eStack(name: string, emu: RunningEmulator, extraConfig: ConfigMap = {}, program = path.join(REPO_ROOT, "tests", "e2e", "program", "index.ts")): Promise<E2eStack> {
    const cli = ensurePulumiCli();
    const dir = path.join(await e2eStackRoot(), `${name}-${process.pid}-${++counter}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: renewal-e2e\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`);
    fs.copyFileSync(program, path.join(dir, "index.ts"));
    // A stack directory has its own package.json, as a user's does; without one the language
    // host would take the repository's package.json and run its "main" instead of index.ts.
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "renewal-e2e", private: true, main: "index.ts" }, null, 2));
    const env = offlineEnv({ cli, stateDir: path.join(dir, ".pulumi"), extra: { ALICLOUD_RENEWAL_ENDPOINT: emu.url, ALICLOUD_RENEWAL_RETRY_BASE_DELAY_MS: "20", ALICLOUD_RENEWAL_RETRY_MAX_DELAY_MS: "200" } });
    const stack = await LocalWorkspace.createOrSelectStack({ stackName: "e2e", workDir: dir }, { pulumiCommand: await pulumiCommand(cli), envVars: env });
    const key = emu.accessKeys[0];
    await stack.setAllConfig({
        "alicloud:region": { value: "cn-hangzhou" },
        "alicloud:accessKey": { value: key.id },
        "alicloud:secretKey": { value: key.secret, secret: true },
        ...extraConfig,
    });
    const pulumi = (args: string[]): Promise<CliResult> => run(path.join(cli.binDir, "pulumi"), [...args, "--stack", "e2e", "--non-interactive"], dir, env);
    const stateText = (): string => fs.readFileSync(path.join(dir, ".pulumi", "backend", ".pulumi", "stacks", "renewal-e2e", "e2e.json"), "utf8");
    return {
        dir, stack, env, cli,
        async setLeases(leases) {
            await stack.setConfig("e2e:leases", { value: JSON.stringify(leases) });
        },
        pulumi,
        async expectSuccess(args) {
            const result = await pulumi(args);
            assert.equal(result.status, 0, `pulumi ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
            return result.stdout + result.stderr;
        },
        stateText,
        leaseState(name) {
            const checkpoint = JSON.parse(stateText()) as { checkpoint: { latest?: { resources?: { urn: string; type: string; outputs: Record<string, unknown> }[] } } };
            const resource = (checkpoint.checkpoint.latest?.resources ?? []).find((r) => r.type.endsWith(":RenewalLease") && r.urn.endsWith(`::${name}`));
            return resource?.outputs;
        },
        dispose() {
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}

/** The pids of `root` and all its descendants (the CLI starts plugins in process groups of their own). */
function processTree(root: number): number[] {
    const children = new Map<number, number[]>();
    for (const line of execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" }).trim().split("\n")) {
        const [pid, ppid] = line.trim().split(/\s+/).map(Number);
        children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    }
    const tree: number[] = [];
    const visit = (pid: number): void => {
        tree.push(pid);
        (children.get(pid) ?? []).forEach(visit);
    };
    visit(root);
    return tree;
}

/**
 * Starts `pulumi up` in its own process group, waits until `until()` is true, then
 * kills the CLI and every process it started with SIGKILL, as a crash or an OOM kill would.
 */
export function killUpWhen(target: E2eStack, until: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
    return killWhen(path.join(target.cli.binDir, "pulumi"), ["up", "--yes", "--skip-preview", "--stack", "e2e", "--non-interactive"], target.dir, target.env, until, timeoutMs);
}

/**
 * Starts `command` in its own process group, waits until `until()` is true, then kills it and
 * every process it started (CLI, language host, provider plugins) with SIGKILL, as a crash would.
 */
export async function killWhen(command: string, args: string[], cwd: string, env: Record<string, string>, until: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: "ignore" });
    const deadline = Date.now() + timeoutMs;
    try {
        while (!(await until())) {
            if (Date.now() > deadline) {
                throw new Error("the awaited condition never came true before the kill");
            }
            if (child.exitCode !== null) {
                throw new Error(`${path.basename(command)} ${args[0]} exited (${child.exitCode}) before it could be killed`);
            }
            await new Promise((r) => setTimeout(r, 50));
        }
    } finally {
        if (child.pid !== undefined && child.exitCode === null) {
            for (const pid of processTree(child.pid)) {
                try {
                    process.kill(pid, "SIGKILL");
                } catch {
                    // already gone
                }
            }
        }
    }
    await new Promise((r) => setTimeout(r, 200));
}
