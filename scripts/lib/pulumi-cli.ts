/**
 * Finds (or builds) the Pulumi CLI and describes the environment every offline run
 * uses: a file backend, a passphrase secrets provider, no update checks and no
 * plugin downloads, with the dynamic provider plugin shipped in `@pulumi/pulumi`
 * on PATH.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** A located CLI. */
export interface PulumiCli {
    /** Folder holding `pulumi` (and, when built here, `pulumi-language-nodejs`). */
    readonly binDir: string;
    /** `pulumi version` output, e.g. `v3.260.0`. */
    readonly version: string;
}

let cached: PulumiCli | undefined;

/**
 * Runs `scripts/ensure-pulumi.sh`: uses a `pulumi` on PATH when recent enough,
 * else the cached build, else builds it from Pulumi's Go modules. Throws when no
 * CLI can be had (the script prints how to install Pulumi).
 */
export function ensurePulumiCli(): PulumiCli {
    if (cached) {
        return cached;
    }
    const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "ensure-pulumi.sh")], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const binDir = out.trim().split("\n").pop() ?? "";
    if (!binDir || !fs.existsSync(path.join(binDir, "pulumi"))) {
        throw new Error(`scripts/ensure-pulumi.sh did not yield a pulumi binary (got ${JSON.stringify(binDir)})`);
    }
    bundleDynamicProviderPlugin(binDir);
    const version = execFileSync(path.join(binDir, "pulumi"), ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).trim();
    cached = { binDir, version };
    return cached;
}

/**
 * Official Pulumi distributions ship the dynamic provider plugin's launcher next to
 * the `pulumi` binary; a CLI built here from Go modules does not. Copy it from
 * `@pulumi/pulumi` into our own cache folder (never into a user's installation), so
 * the CLI finds it as a bundled plugin rather than warning about a plugin on PATH.
 */
function bundleDynamicProviderPlugin(binDir: string): void {
    const target = path.join(binDir, "pulumi-resource-pulumi-nodejs");
    if (!binDir.startsWith(path.join(REPO_ROOT, ".cache")) || fs.existsSync(target)) {
        return;
    }
    fs.copyFileSync(path.join(dynamicProviderPluginDir(), "pulumi-resource-pulumi-nodejs"), target);
    fs.chmodSync(target, 0o755);
}

/** Folder of the dynamic provider plugin (`pulumi-resource-pulumi-nodejs`) inside `@pulumi/pulumi`. */
export function dynamicProviderPluginDir(): string {
    return path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [REPO_ROOT] }));
}

/** Options of an offline Pulumi environment. */
export interface OfflineEnvOptions {
    /** The CLI to use. */
    readonly cli: PulumiCli;
    /** Folder for PULUMI_HOME and the file backend (created if missing). */
    readonly stateDir: string;
    /** More variables (endpoint override, credentials). */
    readonly extra?: Record<string, string>;
}

/** The passphrase of the local secrets provider used by the demo and the tests. */
export const LOCAL_PASSPHRASE = "renewal-demo-passphrase";

/** Environment for running `pulumi` offline against a local file backend. */
export function offlineEnv(opts: OfflineEnvOptions): Record<string, string> {
    const home = path.join(opts.stateDir, "home");
    const backend = path.join(opts.stateDir, "backend");
    fs.mkdirSync(home, { recursive: true });
    fs.mkdirSync(backend, { recursive: true });
    const inherited: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (v !== undefined) {
            inherited[k] = v;
        }
    }
    return {
        ...inherited,
        PATH: [opts.cli.binDir, dynamicProviderPluginDir(), path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter),
        PULUMI_HOME: home,
        PULUMI_BACKEND_URL: `file://${backend}`,
        PULUMI_CONFIG_PASSPHRASE: LOCAL_PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
        // Never reach for the ECS metadata service (a non-loopback address) when no credentials are set.
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
        ...opts.extra,
    };
}

/** The Automation API handle on the located CLI. */
export async function pulumiCommand(cli: PulumiCli): Promise<PulumiCommand> {
    return PulumiCommand.get({ root: path.dirname(cli.binDir), skipVersionCheck: true });
}
