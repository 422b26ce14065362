/**
 * The package as users get it: `npm pack`, then stacks of their own outside the
 * repository (a TypeScript one on the CommonJS setup of `pulumi new typescript`, and a
 * plain JavaScript one) install the tarball and `@pulumi/pulumi` from the registry's
 * cache, and the real CLI previews and renews through it against the emulator. The
 * stacks are then moved to another path, as to another checkout or machine, and must
 * preview no changes.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorControlClient } from "../../emulator";
import { ensurePulumiCli, offlineEnv, PulumiCli, REPO_ROOT } from "../../scripts/lib/pulumi-cli";
import { useEmulator } from "../support/emulator";
import { instanceIds, inventory, reservedIds } from "../support/fixtures";
import { E2E_ENGINE, ENGINE_LABEL } from "./engine";
import { CliResult, run } from "./support";

/** The Pulumi SDK the stacks install (the engine's; by default the repository's own, which matches the pinned CLI). */
const PULUMI_SDK_VERSION = E2E_ENGINE.sdk;
/** What `pulumi new typescript` adds for a TypeScript stack, pinned to what the npm cache holds. */
const TYPESCRIPT_DEV_DEPENDENCIES: Record<string, string> = { typescript: "5.9.3", "@types/node": "20.19.43" };
/** The package under test. */
const PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { name: string; version: string };

const INSTANCES = instanceIds(2);
const RESERVED = reservedIds(3);
const WRITE_ACTIONS = ["RenewInstance", "RenewReservedInstances", "ModifyReservedInstanceAutoRenewAttribute", "ModifyInstanceAutoRenewAttribute"];
const STACK = "dev";

/** The `tsconfig.json` that `pulumi new typescript` writes (CommonJS, strict). */
const PULUMI_NEW_TSCONFIG = {
    compilerOptions: {
        strict: true,
        outDir: "bin",
        target: "es2020",
        module: "commonjs",
        moduleResolution: "node",
        sourceMap: true,
        experimentalDecorators: true,
        pretty: true,
        noFallthroughCasesInSwitch: true,
        noImplicitReturns: true,
        forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
};

const TYPESCRIPT_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { RenewalLease, RenewalLeaseArgs } from "${PACKAGE.name}";

const serverArgs: RenewalLeaseArgs = { instanceIds: ${JSON.stringify(INSTANCES)}, period: 1, periodUnit: "Month", term: "2027" };
const servers = new RenewalLease("servers", serverArgs);
const reserved = new RenewalLease("reserved", { reservedInstanceIds: ${JSON.stringify(RESERVED)}, period: 1, periodUnit: "Year", term: "2027" });

export const renewalCounts: pulumi.Output<number[]> = pulumi.all([servers.renewalCount, reserved.renewalCount]);
export const providerVersions: pulumi.Output<string[]> = pulumi.all([servers.providerVersion, reserved.providerVersion]);
`;

const JAVASCRIPT_PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { RenewalLease } = require("${PACKAGE.name}");

const servers = new RenewalLease("servers", { instanceIds: ${JSON.stringify(INSTANCES)}, period: 1, periodUnit: "Month", term: "2027" });
const reserved = new RenewalLease("reserved", { reservedInstanceIds: ${JSON.stringify(RESERVED)}, period: 1, periodUnit: "Year", term: "2027" });

exports.renewalCounts = pulumi.all([servers.renewalCount, reserved.renewalCount]);
exports.providerVersions = pulumi.all([servers.providerVersion, reserved.providerVersion]);
`;

/** One kind of user stack. */
interface Flavor {
    readonly language: "TypeScript" | "JavaScript";
    readonly project: string;
    readonly main: string;
    readonly program: string;
    readonly devDependencies: Record<string, string>;
    readonly extraFiles: Record<string, string>;
}

const FLAVORS: readonly Flavor[] = [
    {
        language: "TypeScript",
        project: "renewal-package-ts",
        main: "index.ts",
        program: TYPESCRIPT_PROGRAM,
        devDependencies: TYPESCRIPT_DEV_DEPENDENCIES,
        extraFiles: { "tsconfig.json": `${JSON.stringify(PULUMI_NEW_TSCONFIG, null, 4)}\n` },
    },
    { language: "JavaScript", project: "renewal-package-js", main: "index.js", program: JAVASCRIPT_PROGRAM, devDependencies: {}, extraFiles: {} },
];

/** A user's stack directory; `dir` changes when the stack is moved. */
interface UserStack {
    readonly flavor: Flavor;
    dir: string;
}

/** A lease resource as the file backend's checkpoint stores it. */
interface CheckpointResource {
    readonly urn: string;
    readonly type: string;
    readonly inputs?: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
}

/** Variables `npm test` sets for its own scripts (they would steer the stacks' npm), and NODE_PATH (it could reach the repository). */
function isTestRunnerVariable(name: string): boolean {
    return /^npm_/i.test(name) || name === "INIT_CWD" || name === "NODE_PATH";
}

/** The environment of a user's shell: this process's, minus {@link isTestRunnerVariable}. */
function userShellEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (v !== undefined && !isTestRunnerVariable(k)) {
            env[k] = v;
        }
    }
    return env;
}

/** Fails with the command's whole output unless it exited 0. */
function assertOk(result: CliResult, what: string): CliResult {
    assert.equal(result.status, 0, `${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
    return result;
}

describe(`the packed package in stacks outside the repository ${ENGINE_LABEL}`, function () {
    this.timeout(600_000);
    let cli: PulumiCli;
    const emu = useEmulator();
    let root: string;
    let tarball: string;
    let packedFiles: string[];
    let pulumiEnv: Record<string, string>;
    const stacks = new Map<Flavor["language"], UserStack>();

    const npm = (args: string[], cwd: string): Promise<CliResult> => run("npm", args, cwd, userShellEnv());
    const pulumi = (target: UserStack, args: string[]): Promise<CliResult> => run(path.join(cli.binDir, "pulumi"), [...args, "--non-interactive"], target.dir, pulumiEnv);

    async function charges(): Promise<{ action: string; ids: string[] }[]> {
        return (await emu.control.ledger()).charges;
    }
    async function writeCalls(): Promise<number> {
        const calls = (await emu.control.ledger()).calls;
        return WRITE_ACTIONS.reduce((n, a) => n + (calls[a] ?? 0), 0);
    }
    function leaseResources(flavor: Flavor): CheckpointResource[] {
        const file = path.join(root, "pulumi-state", "backend", ".pulumi", "stacks", flavor.project, `${STACK}.json`);
        const state = JSON.parse(fs.readFileSync(file, "utf8")) as { checkpoint: { latest?: { resources?: CheckpointResource[] } } };
        return (state.checkpoint.latest?.resources ?? []).filter((r) => r.type.endsWith(":RenewalLease"));
    }

    /** Writes a stack directory as `pulumi new` would, with the tarball as a dependency. */
    function writeStack(flavor: Flavor): UserStack {
        const dir = path.join(root, "stacks", flavor.project);
        fs.mkdirSync(dir, { recursive: true });
        const packageJson = {
            name: flavor.project,
            main: flavor.main,
            devDependencies: flavor.devDependencies,
            dependencies: { "@pulumi/pulumi": PULUMI_SDK_VERSION, [PACKAGE.name]: `file:${tarball}` },
        };
        const files: Record<string, string> = {
            "package.json": `${JSON.stringify(packageJson, null, 4)}\n`,
            "Pulumi.yaml": `name: ${flavor.project}\ndescription: A ${flavor.language} stack that renews through the installed ${PACKAGE.name}\nruntime:\n  name: nodejs\n  options:\n    packagemanager: npm\n`,
            [flavor.main]: flavor.program,
            ...flavor.extraFiles,
        };
        for (const [name, text] of Object.entries(files)) {
            fs.writeFileSync(path.join(dir, name), text);
        }
        return { flavor, dir };
    }

    before(async () => {
        cli = ensurePulumiCli();
        root = fs.mkdtempSync(path.join(os.tmpdir(), "renewal-package-"));
        // Outside the repository: nothing may resolve from its node_modules.
        assert.ok(path.relative(REPO_ROOT, root).startsWith(".."), `${root} is inside ${REPO_ROOT}`);

        // `npm pack` runs `prepare` (the build), as `npm publish` does.
        const packDir = path.join(root, "pack");
        fs.mkdirSync(packDir);
        const pack = assertOk(await npm(["pack", "--json", "--pack-destination", packDir], REPO_ROOT), "npm pack");
        const packed = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("["))) as { filename: string; files: { path: string }[] }[];
        tarball = path.join(packDir, packed[0].filename);
        packedFiles = packed[0].files.map((f) => f.path).sort();

        // Both stacks install at once; the file backend lives outside them, so it survives their move.
        for (const flavor of FLAVORS) {
            stacks.set(flavor.language, writeStack(flavor));
        }
        const installs = await Promise.all([...stacks.values()].map((s) => npm(["install", "--prefer-offline", "--no-audit", "--no-fund"], s.dir)));
        installs.forEach((result, i) => assertOk(result, `npm install in the ${FLAVORS[i].language} stack`));

        pulumiEnv = offlineEnv({
            cli,
            stateDir: path.join(root, "pulumi-state"),
            extra: { ALICLOUD_RENEWAL_ENDPOINT: emu.url, ALICLOUD_RENEWAL_RETRY_BASE_DELAY_MS: "20", ALICLOUD_RENEWAL_RETRY_MAX_DELAY_MS: "200" },
        });
        for (const key of Object.keys(pulumiEnv).filter(isTestRunnerVariable)) {
            delete pulumiEnv[key];
        }
    });

    after(async () => {
        if (root) {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });

    it("the tarball holds the compiled package, its declarations, README, CHANGELOG and LICENSE, and nothing else", () => {
        for (const required of ["package.json", "README.md", "CHANGELOG.md", "LICENSE", "dist/index.js", "dist/index.d.ts", "dist/sdk/provider-shim.js", "dist/provider/index.js", "dist/provider/index.d.ts", "dist/provider/core/version.js", "dist/emulator/index.js", "dist/emulator/index.d.ts", "dist/emulator/cli.js"]) {
            assert.ok(packedFiles.includes(required), `${required} is missing from the tarball`);
        }
        const unexpected = packedFiles.filter((f) => !["package.json", "README.md", "CHANGELOG.md", "LICENSE"].includes(f) && !/^dist\/(index|(sdk|provider|emulator)\/.+)\.(js|d\.ts)$/.test(f));
        assert.deepEqual(unexpected, [], "files a user does not need");
    });

    for (const flavor of FLAVORS) {
        describe(`a ${flavor.language} stack that installed the tarball`, () => {
            let s: UserStack;
            /** The version the stack's installed copy reports: the package's, marked with build metadata naming this stack. */
            let installedVersion: string;
            before(async () => {
                s = stacks.get(flavor.language) as UserStack;
                // Mark the installed copy (semver build metadata only), so the version each lease
                // records proves which copy of the provider ran: this stack's, not the repository's.
                const installedManifest = path.join(s.dir, "node_modules", PACKAGE.name, "package.json");
                const manifest = JSON.parse(fs.readFileSync(installedManifest, "utf8")) as { version: string };
                assert.equal(manifest.version, PACKAGE.version, "the tarball installs the checkout's version");
                installedVersion = `${PACKAGE.version}+${flavor.project}`;
                fs.writeFileSync(installedManifest, JSON.stringify({ ...manifest, version: installedVersion }, null, 2));
                await emu.control.reset(inventory(INSTANCES, RESERVED));
                const key = emu.accessKeys[0];
                assertOk(await pulumi(s, ["stack", "init", STACK]), "pulumi stack init");
                assertOk(await pulumi(s, ["config", "set", "alicloud:region", "cn-hangzhou"]), "pulumi config set alicloud:region");
                assertOk(await pulumi(s, ["config", "set", "alicloud:accessKey", key.id]), "pulumi config set alicloud:accessKey");
                assertOk(await pulumi(s, ["config", "set", "--secret", "alicloud:secretKey", key.secret]), "pulumi config set --secret alicloud:secretKey");
            });

            it("node resolves the package and the dynamic provider host from the stack's own node_modules, not from the repository", async () => {
                // What the dynamic provider plugin's launcher does: resolve from the stack directory.
                const script = `for (const m of ["@pulumi/pulumi/cmd/dynamic-provider", "${PACKAGE.name}/provider"]) console.log(require.resolve(m));`;
                const resolved = assertOk(await run(process.execPath, ["-e", script], s.dir, userShellEnv()), "node -e require.resolve").stdout.trim().split("\n");
                const nodeModules = path.join(s.dir, "node_modules");
                assert.deepEqual(resolved, [path.join(nodeModules, "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js"), path.join(nodeModules, PACKAGE.name, "dist", "provider", "index.js")]);
                assert.ok(!fs.lstatSync(path.join(nodeModules, PACKAGE.name)).isSymbolicLink(), "the package is extracted from the tarball, not linked");
            });

            if (flavor.language === "TypeScript") {
                it("type-checks against the installed declarations with the stack's tsconfig (tsc --noEmit)", async () => {
                    assertOk(await run(process.execPath, [path.join(s.dir, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", s.dir], s.dir, userShellEnv()), "tsc --noEmit");
                });
            }

            it("pulumi preview names every target and its period, and makes no write call", async () => {
                const preview = assertOk(await pulumi(s, ["preview", "--diff", "--stack", STACK]), "pulumi preview");
                assert.equal(await writeCalls(), 0);
                // The provider's lines come on the CLI's stdout up to 3.163 and on its stderr in 3.276: the terminal shows both.
                const shown = preview.stdout + preview.stderr;
                assert.match(shown, new RegExp(`renew ${INSTANCES.join(", ")} by 1 Month \\(term "2027"\\)`));
                assert.match(shown, new RegExp(`renew ${RESERVED.join(", ")} by 1 Year \\(term "2027"\\)`));
            });

            it("pulumi up charges exactly once per target: one RenewInstance per instance, one RenewReservedInstances call for the three reserved instances", async () => {
                assertOk(await pulumi(s, ["up", "--yes", "--stack", STACK]), "pulumi up");
                const ledger = await charges();
                assert.deepEqual(ledger.filter((c) => c.action === "RenewInstance").map((c) => c.ids).sort(), INSTANCES.map((id) => [id]));
                assert.deepEqual(ledger.filter((c) => c.action === "RenewReservedInstances").map((c) => [...c.ids].sort()), [RESERVED]);
                assert.equal(ledger.length, 3);
                const outputs = JSON.parse(assertOk(await pulumi(s, ["stack", "output", "--json", "--stack", STACK]), "pulumi stack output").stdout) as { renewalCounts: number[] };
                assert.deepEqual(outputs.renewalCounts, [1, 1]);
            });

            it("each lease records, as providerVersion, the version of the copy installed in this stack: that copy's provider ran", () => {
                const leases = leaseResources(flavor);
                assert.equal(leases.length, 2);
                for (const lease of leases) {
                    assert.equal(lease.outputs?.providerVersion, installedVersion, `${lease.urn} records ${String(lease.outputs?.providerVersion)}`);
                }
            });

            it("the leases' state holds no path of the stack, the temp folder or the repository, and no secret", () => {
                const text = JSON.stringify(leaseResources(flavor));
                for (const needle of [s.dir, root, REPO_ROOT, os.tmpdir(), emu.accessKeys[0].secret]) {
                    assert.ok(!text.includes(needle), `the state of the leases contains ${needle}`);
                }
            });

            it("the stack moved to another path previews no changes and calls no write API", async () => {
                const moved = path.join(root, "elsewhere", "checkout", flavor.project);
                fs.mkdirSync(path.dirname(moved), { recursive: true });
                fs.renameSync(s.dir, moved);
                s.dir = moved;
                const before = await writeCalls();
                const preview = await pulumi(s, ["preview", "--expect-no-changes", "--stack", STACK]);
                assertOk(preview, "pulumi preview --expect-no-changes after the move");
                assert.match(preview.stdout, /3 unchanged/);
                assert.equal(await writeCalls(), before);
                assert.equal((await charges()).length, 3);
            });
        });
    }

    it("the installed alicloud-ecs-emulator command serves the ECS emulator with plain node (no ts-node)", async () => {
        const s = stacks.get("JavaScript") as UserStack;
        const bin = path.join(s.dir, "node_modules", ".bin", "alicloud-ecs-emulator");
        const child = spawn(bin, ["--port", "0", "--seed", "demo", "--json"], { cwd: s.dir, env: userShellEnv(), stdio: ["ignore", "pipe", "pipe"] });
        const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
        try {
            const info = await new Promise<{ url: string; accessKeyId: string; controlToken: string }>((resolve, reject) => {
                let out = "";
                let err = "";
                const timer = setTimeout(() => reject(new Error(`no JSON line within 20 s; stderr: ${err}`)), 20_000);
                child.stderr.on("data", (d: Buffer) => (err += d.toString()));
                child.stdout.on("data", (d: Buffer) => {
                    out += d.toString();
                    const line = out.split("\n").find((l) => l.startsWith("{"));
                    if (line) {
                        clearTimeout(timer);
                        resolve(JSON.parse(line) as { url: string; accessKeyId: string; controlToken: string });
                    }
                });
                child.once("exit", (code) => reject(new Error(`exited with ${code} before printing its endpoint: ${err}`)));
            });
            assert.equal(info.accessKeyId, emu.accessKeys[0].id);
            const state = await new EmulatorControlClient(info.url, info.controlToken).state();
            assert.ok(state.instances.length > 0 && state.reservedInstances.length > 0, "the demo inventory is served");
        } finally {
            child.kill("SIGTERM");
        }
        assert.equal(await exited, 0);
    });
});
