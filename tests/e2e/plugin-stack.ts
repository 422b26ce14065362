/**
 * Stacks for the plugin's end-to-end specs: a Node.js project running `plugin-program.ts`
 * with the real CLI and a file backend, the provider configured as `alicloud-renewal:*` with
 * the emulator's key, and the built plugin found one of two ways: on PATH as
 * `pulumi-resource-alicloud-renewal` (a symlink to the compiled bin, as `npm install -g`
 * makes one), or installed offline into the stack's PULUMI_HOME with
 * `pulumi plugin install resource alicloud-renewal VERSION --file LAUNCHER`.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { ensurePulumiCli, offlineEnv, REPO_ROOT } from "../../scripts/lib/pulumi-cli";
import { e2eStackRoot } from "./engine";
import { run, type CliResult } from "./support";

/** The compiled plugin executable (`bin` of the package). */
export const PLUGIN_BIN = path.join(REPO_ROOT, "dist", "provider", "hosts", "plugin", "main.js");

/** How the CLI finds the plugin. */
export type PluginRoute = "path" | "installed";

/** The version the offline install gives the plugin (the package's). */
export const INSTALLED_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

/** A stack served by the plugin. */
export interface PluginStack {
    /** Runs the CLI in the project (`--stack e2e --non-interactive` added). */
    pulumi(args: string[]): Promise<CliResult>;
    /** Runs the CLI and fails the test unless it exits 0; returns what it printed. */
    expectSuccess(args: string[]): Promise<string>;
    /** Sets a stack config value. */
    config(key: string, value: string, secret?: boolean): Promise<void>;
    /** Sets the leases the program declares (name -> arguments). */
    setLeases(leases: Record<string, unknown>): Promise<void>;
    /** The stack's state file, as text. */
    stateText(): string;
    /** The resources of type RenewalLease in the state: name -> outputs. */
    leases(): Record<string, Record<string, unknown>>;
    /** Deletes the project, its backend and the PATH folder. */
    dispose(): void;
}

let counter = 0;

/**
 * A new project against `emu`. The compiled plugin is made executable, as npm does for a `bin`
 * when it installs the package.
 */
export async function createPluginStack(name: string, emu: RunningEmulator, route: PluginRoute = "path"): Promise<PluginStack> {
    assert.ok(fs.existsSync(PLUGIN_BIN), `${PLUGIN_BIN} is missing: run npm run build`);
    fs.chmodSync(PLUGIN_BIN, 0o755);
    const cli = ensurePulumiCli();
    const pathDir = fs.mkdtempSync(path.join(os.tmpdir(), "renewal-plugin-path-"));
    const executable = path.join(pathDir, "pulumi-resource-alicloud-renewal");
    if (route === "path") {
        fs.symlinkSync(PLUGIN_BIN, executable);
    } else {
        // The CLI copies the file alone into PULUMI_HOME, so it must name the compiled bin by absolute path.
        fs.writeFileSync(executable, `#!/bin/sh\nexec "${process.execPath}" "${PLUGIN_BIN}" "$@"\n`, { mode: 0o755 });
    }
    const dir = path.join(await e2eStackRoot(), `plugin-${name}-${process.pid}-${++counter}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: renewal-plugin-e2e\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n");
    fs.copyFileSync(path.join(REPO_ROOT, "tests", "e2e", "plugin-program.ts"), path.join(dir, "index.ts"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "renewal-plugin-e2e", private: true, main: "index.ts" }, null, 2));
    const base = offlineEnv({ cli, stateDir: path.join(dir, ".pulumi"), extra: { ALICLOUD_RENEWAL_RETRY_BASE_DELAY_MS: "20", ALICLOUD_RENEWAL_RETRY_MAX_DELAY_MS: "200" } });
    const env = route === "path" ? { ...base, PATH: [pathDir, base.PATH].join(path.delimiter) } : base;
    const pulumi = (args: string[]): Promise<CliResult> => run(path.join(cli.binDir, "pulumi"), [...args, "--stack", "e2e", "--non-interactive"], dir, env);
    const expectSuccess = async (args: string[]): Promise<string> => {
        const result = await pulumi(args);
        assert.equal(result.status, 0, `pulumi ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
        return result.stdout + result.stderr;
    };
    const config = async (key: string, value: string, secret = false): Promise<void> => {
        await expectSuccess(["config", "set", key, value, ...(secret ? ["--secret"] : ["--plaintext"])]);
    };
    await run(path.join(cli.binDir, "pulumi"), ["stack", "init", "e2e", "--non-interactive"], dir, env).then((r) => assert.equal(r.status, 0, r.stderr));
    if (route === "installed") {
        const installed = await run(path.join(cli.binDir, "pulumi"), ["plugin", "install", "resource", "alicloud-renewal", INSTALLED_VERSION, "--file", executable], dir, env);
        assert.equal(installed.status, 0, installed.stderr);
    }
    const stateText = (): string => fs.readFileSync(path.join(dir, ".pulumi", "backend", ".pulumi", "stacks", "renewal-plugin-e2e", "e2e.json"), "utf8");
    const key = emu.accessKeys[0];
    await config("alicloud-renewal:region", "cn-hangzhou");
    await config("alicloud-renewal:endpoint", emu.url);
    await config("alicloud-renewal:accessKey", key.id);
    await config("alicloud-renewal:secretKey", key.secret, true);
    return {
        pulumi,
        expectSuccess,
        config,
        setLeases: (leases) => config("e2e:leases", JSON.stringify(leases)),
        stateText,
        leases() {
            const state = JSON.parse(stateText()) as { checkpoint: { latest?: { resources?: { urn: string; type: string; outputs: Record<string, unknown> }[] } } };
            return Object.fromEntries((state.checkpoint.latest?.resources ?? [])
                .filter((r) => r.type === "alicloud-renewal:index:RenewalLease")
                .map((r) => [r.urn.slice(r.urn.lastIndexOf("::") + 2), r.outputs]));
        },
        dispose() {
            fs.rmSync(dir, { recursive: true, force: true });
            fs.rmSync(pathDir, { recursive: true, force: true });
        },
    };
}
