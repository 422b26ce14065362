/**
 * The engine the end-to-end specs run on. Environment variables choose it, so that
 * `.ci/run` runs the same specs again on another engine:
 *
 * - `ENSURE_PULUMI_VERSION`: the Pulumi CLI (read by `scripts/ensure-pulumi.sh`; unset:
 *   the version in `.pulumi-version`, or newer on PATH; `newest`: the newest that builds here).
 * - `ALICLOUD_RENEWAL_E2E_PULUMI_SDK`: the `@pulumi/pulumi` version the e2e stacks install
 *   (unset: the repository's own devDependency).
 * - Node.js: the one running mocha. It runs the emulator, and the stacks' PATH puts it
 *   before any other `node`, so it also runs the language host and the dynamic provider.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/lib/pulumi-cli";

/** What the e2e specs run on. */
export interface E2eEngine {
    /** The Pulumi CLI version asked for (`scripts/ensure-pulumi.sh` provides it). */
    readonly cli: string;
    /** The `@pulumi/pulumi` version the e2e stacks use. */
    readonly sdk: string;
    /** The Node.js version running the tests, the language host and the dynamic provider. */
    readonly node: string;
}

const readJson = (file: string): { version: string } => JSON.parse(fs.readFileSync(file, "utf8")) as { version: string };

/** The `@pulumi/pulumi` installed in the repository (the devDependency, matched to the pinned CLI). */
const REPOSITORY_SDK = readJson(path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "package.json")).version;

/** The engine chosen by the environment. */
export const E2E_ENGINE: E2eEngine = {
    cli: process.env.ENSURE_PULUMI_VERSION || `${fs.readFileSync(path.join(REPO_ROOT, ".pulumi-version"), "utf8").trim()} (pinned)`,
    sdk: process.env.ALICLOUD_RENEWAL_E2E_PULUMI_SDK || REPOSITORY_SDK,
    node: process.versions.node,
};

/** The engine as a title suffix, e.g. `[CLI 3.163.0 (pinned), @pulumi/pulumi 3.163.0, Node.js 20.20.2]`. */
export const ENGINE_LABEL = `[CLI ${E2E_ENGINE.cli}, @pulumi/pulumi ${E2E_ENGINE.sdk}, Node.js ${E2E_ENGINE.node}]`;

let stackRoot: Promise<string> | undefined;

/**
 * The folder that holds the in-repository e2e stacks' project directories. With the
 * repository's own SDK it is `.cache/e2e`, which resolves `@pulumi/pulumi` and
 * `pulumi-alicloud-renewal` from the repository. With another SDK it is
 * `.cache/e2e-sdk/<version>`, whose `node_modules` holds that `@pulumi/pulumi` (installed
 * once from npm) and a copy of the built package, so that the program, the package and the
 * dynamic provider all load that one SDK; the package's own dependencies still resolve
 * from the repository's `node_modules` further up.
 */
export function e2eStackRoot(): Promise<string> {
    stackRoot ??= E2E_ENGINE.sdk === REPOSITORY_SDK ? Promise.resolve(path.join(REPO_ROOT, ".cache", "e2e")) : prepareSdkRoot(E2E_ENGINE.sdk);
    return stackRoot;
}

async function prepareSdkRoot(version: string): Promise<string> {
    const root = path.join(REPO_ROOT, ".cache", "e2e-sdk", version);
    const nodeModules = path.join(root, "node_modules");
    const installed = path.join(nodeModules, "@pulumi", "pulumi", "package.json");
    if (!fs.existsSync(installed) || readJson(installed).version !== version) {
        fs.mkdirSync(root, { recursive: true });
        fs.writeFileSync(path.join(root, "package.json"), `${JSON.stringify({ name: "renewal-e2e-sdk", private: true, dependencies: { "@pulumi/pulumi": version } }, null, 2)}\n`);
        await npmInstall(root);
    }
    // A fresh copy of the built package each run (a symlink would resolve back to the repository's SDK).
    const copy = path.join(nodeModules, "pulumi-alicloud-renewal");
    fs.rmSync(copy, { recursive: true, force: true });
    fs.mkdirSync(copy, { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(copy, "package.json"));
    fs.cpSync(path.join(REPO_ROOT, "dist"), path.join(copy, "dist"), { recursive: true });
    return root;
}

/** `npm install` in `dir`, without the variables `npm test` sets for its own scripts. */
function npmInstall(dir: string): Promise<void> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (v !== undefined && !/^npm_/i.test(k) && k !== "INIT_CWD") {
            env[k] = v;
        }
    }
    return new Promise((resolve, reject) => {
        const child = spawn("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock"], { cwd: dir, env, stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (status) => (status === 0 ? resolve() : reject(new Error(`npm install in ${dir} failed (exit ${status}):\n${stderr}`))));
    });
}
