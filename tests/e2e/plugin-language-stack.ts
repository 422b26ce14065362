/**
 * Stacks of YAML and Go programs served by the provider plugin, for `plugin-languages.spec.ts`: one
 * interface, two ways to run a program through the real CLI against the emulator.
 * - YAML: a project whose `Pulumi.yaml` (`runtime: yaml`) declares the leases, run by `pulumi` with
 *   `pulumi-language-yaml` from `scripts/ensure-yaml-host.sh`.
 * - Go: the Go Automation API driver `tests/clients/go-stack` (the generated SDK, an inline program),
 *   which runs the same `pulumi` with no Go language host.
 * Both find the compiled plugin on PATH as `pulumi-resource-alicloud-renewal`, use a file backend and
 * set the provider's `alicloud-renewal:*` config to the emulator.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { ensurePulumiCli, offlineEnv, REPO_ROOT, type PulumiCli } from "../../scripts/lib/pulumi-cli";
import { buildGoStack, runGoStack, type GoStackSpec } from "../support/go-stack";
import { e2eStackRoot } from "./engine";
import { PLUGIN_BIN } from "./plugin-stack";
import { killWhen, run } from "./support";

/** The languages a {@link LanguageStack} can be written in. */
export type Language = "yaml" | "go";

/** The resource type of a lease in a plugin program. */
export const LEASE_TYPE = "alicloud-renewal:index:RenewalLease";

/** A lease of the program: its arguments and its former names. */
export interface LeaseDecl {
    args: Record<string, unknown>;
    aliases?: string[];
}

/** The programs' tools, made once per run. */
export interface LanguageTools {
    cli: PulumiCli;
    /** Folder holding `pulumi-language-yaml`. */
    yamlHostDir: string;
    /** The go-stack binary. */
    goStack: string;
    /** Folder holding `pulumi-resource-alicloud-renewal` (a symlink to the compiled plugin). */
    pluginDir: string;
    /** Deletes the plugin folder. */
    dispose(): void;
}

/** Provides the CLI, the YAML host, go-stack and the plugin on a PATH folder (builds what is missing). */
export function languageTools(): LanguageTools {
    assert.ok(fs.existsSync(PLUGIN_BIN), `${PLUGIN_BIN} is missing: run npm run build`);
    fs.chmodSync(PLUGIN_BIN, 0o755);
    const cli = ensurePulumiCli();
    const yamlHostDir = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "ensure-yaml-host.sh")], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop() ?? "";
    const goStack = buildGoStack();
    const pluginDir = fs.mkdtempSync(path.join(os.tmpdir(), "renewal-plugin-path-"));
    fs.symlinkSync(PLUGIN_BIN, path.join(pluginDir, "pulumi-resource-alicloud-renewal"));
    return { cli, yamlHostDir, goStack, pluginDir, dispose: () => fs.rmSync(pluginDir, { recursive: true, force: true }) };
}

/** A stack of one language, served by the plugin. */
export interface LanguageStack {
    readonly language: Language;
    /** Sets the leases the program declares. */
    setLeases(leases: Record<string, LeaseDecl>): void;
    /** `up` (no preview); fails the test unless it succeeds; returns what it printed. */
    up(): Promise<string>;
    /** `preview --diff`; fails the test unless it succeeds; returns what it printed. */
    previewDiff(): Promise<string>;
    /** `destroy`; fails the test unless it succeeds. */
    destroy(): Promise<void>;
    /** Imports a lease `name` with id `REGION/ID[,ID…]`, unprotected. */
    importLease(name: string, id: string): Promise<void>;
    /** Starts `up` and kills it, and every process it started, with SIGKILL once `until()` holds. */
    killUpWhen(until: () => Promise<boolean>): Promise<void>;
    /** What a user does after a crash: release the lock and drop pending creates (`refresh --clear-pending-creates`). */
    recover(): Promise<void>;
    /** The RenewalLease resources in the state: name -> outputs. */
    leases(): Record<string, Record<string, unknown>>;
    /** Deletes the project and its backend. */
    dispose(): void;
}

let counter = 0;
const STACK = "e2e";

/** A new stack of `language` against `emu`, its provider config set to the emulator. */
export async function createLanguageStack(language: Language, name: string, emu: RunningEmulator, tools: LanguageTools): Promise<LanguageStack> {
    const project = `renewal-${language}-e2e`;
    const dir = path.join(await e2eStackRoot(), `plugin-${language}-${name}-${process.pid}-${++counter}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const base = offlineEnv({ cli: tools.cli, stateDir: path.join(dir, ".pulumi"), extra: { ALICLOUD_RENEWAL_RETRY_BASE_DELAY_MS: "20", ALICLOUD_RENEWAL_RETRY_MAX_DELAY_MS: "200" } });
    const env: Record<string, string> = { ...base, PATH: [tools.pluginDir, tools.yamlHostDir, base.PATH].join(path.delimiter) };
    const key = emu.accessKeys[0];
    const config = [
        { key: "alicloud-renewal:region", value: "cn-hangzhou" },
        { key: "alicloud-renewal:endpoint", value: emu.url },
        { key: "alicloud-renewal:accessKey", value: key.id },
        { key: "alicloud-renewal:secretKey", value: key.secret, secret: true },
    ];
    const pulumiBin = path.join(tools.cli.binDir, "pulumi");
    const pulumi = async (args: string[]): Promise<string> => {
        const result = await run(pulumiBin, [...args, "--stack", STACK, "--non-interactive"], dir, env);
        assert.equal(result.status, 0, `pulumi ${args.join(" ")} (${language}) failed:\n${result.stdout}\n${result.stderr}`);
        return result.stdout + result.stderr;
    };
    const urnOf = (lease: string): string => `urn:pulumi:${STACK}::${project}::${LEASE_TYPE}::${lease}`;
    let leases: Record<string, LeaseDecl> = {};

    const common = {
        language,
        setLeases: (next: Record<string, LeaseDecl>) => {
            leases = next;
            if (language === "yaml") {
                writeYamlProgram();
            }
        },
        async recover(): Promise<void> {
            await run(pulumiBin, ["cancel", "--yes", "--stack", STACK, "--non-interactive"], dir, env);
            await pulumi(["refresh", "--yes", "--clear-pending-creates", "--skip-preview"]);
        },
        leases(): Record<string, Record<string, unknown>> {
            const file = path.join(dir, ".pulumi", "backend", ".pulumi", "stacks", project, `${STACK}.json`);
            const state = JSON.parse(fs.readFileSync(file, "utf8")) as { checkpoint: { latest?: { resources?: { urn: string; type: string; outputs: Record<string, unknown> }[] } } };
            return Object.fromEntries((state.checkpoint.latest?.resources ?? [])
                .filter((r) => r.type === LEASE_TYPE)
                .map((r) => [r.urn.slice(r.urn.lastIndexOf("::") + 2), r.outputs]));
        },
        dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
    };

    // JSON is YAML: the program is written as JSON, aliases as the URNs pulumi-language-yaml expects.
    function writeYamlProgram(): void {
        const resources = Object.fromEntries(Object.entries(leases).map(([lease, decl]) => [lease, {
            type: LEASE_TYPE,
            properties: decl.args,
            ...(decl.aliases ? { options: { aliases: decl.aliases.map(urnOf) } } : {}),
        }]));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), JSON.stringify({ name: project, runtime: "yaml", resources }, null, 2));
    }

    if (language === "yaml") {
        writeYamlProgram();
        await pulumi(["stack", "init"]);
        for (const c of config) {
            await pulumi(["config", "set", c.key, c.value, c.secret ? "--secret" : "--plaintext"]);
        }
        return {
            ...common,
            up: () => pulumi(["up", "--yes", "--skip-preview"]),
            previewDiff: () => pulumi(["preview", "--diff"]),
            destroy: async () => void (await pulumi(["destroy", "--yes", "--skip-preview"])),
            importLease: async (lease, id) => void (await pulumi(["import", LEASE_TYPE, lease, id, "--yes", "--protect=false", "--generate-code=false"])),
            killUpWhen: (until) => killWhen(pulumiBin, ["up", "--yes", "--skip-preview", "--stack", STACK, "--non-interactive"], dir, env, until),
        };
    }

    const spec = (op: GoStackSpec["op"], importing?: { name: string; id: string }): GoStackSpec => ({
        op,
        project,
        stack: STACK,
        workDir: dir,
        backendUrl: env.PULUMI_BACKEND_URL,
        config,
        leases: importing
            ? [{ name: importing.name, args: {}, importId: importing.id }]
            : Object.entries(leases).map(([lease, decl]) => ({ name: lease, args: decl.args, ...(decl.aliases ? { aliases: decl.aliases } : {}) })),
    });
    const goStack = async (op: GoStackSpec["op"], importing?: { name: string; id: string }): Promise<string> => {
        const result = await runGoStack(tools.goStack, spec(op, importing), env);
        assert.ok(result.ok, `go-stack ${op} failed: ${result.error ?? ""}\n${result.stdout}\n${result.stderr}`);
        return result.stdout + result.stderr;
    };
    return {
        ...common,
        up: () => goStack("up"),
        previewDiff: () => goStack("preview-diff"),
        destroy: async () => void (await goStack("destroy")),
        importLease: async (lease, id) => void (await goStack("import", { name: lease, id })),
        killUpWhen: (until) => {
            const file = path.join(dir, "go-stack-up.json");
            fs.writeFileSync(file, JSON.stringify(spec("up")));
            return killWhen(tools.goStack, ["--spec", file], dir, env, until);
        },
    };
}
