/**
 * The benchmark's stacks. Every stack is a JavaScript project of its own under one
 * root whose `node_modules` holds copies of this package (its package.json and `dist/`)
 * and of `@pulumi/pulumi`, as a user's install from a registry does: real directories
 * under node_modules, not links to the checkout. (Their own dependencies resolve from the
 * repository's node_modules further up.) So the state the engine writes is what users get.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PulumiCli, REPO_ROOT } from "../pulumi-cli";
import { watchPeaks } from "./process-peak";

/**
 * What a benchmark stack declares:
 * - `lease`: N RenewalLeases of one subscription instance each;
 * - `lease-fixed-pace`: the same, with `maxCallsPerSecond` 20 (the fixed pace of 0.2.0), to compare with adaptive pacing;
 * - `reserved`: N RenewalLeases of one reserved instance each;
 * - `baseline`: N no-op dynamic resources with no properties (the engine's floor);
 * - `shaped`: N no-op dynamic resources registering the same properties as a RenewalLease
 *   (what the engine and the program cost for a resource of that shape, provider aside).
 */
export type StackKind = "lease" | "lease-fixed-pace" | "reserved" | "baseline" | "shaped";

/** The result of one timed CLI run. */
export interface TimedRun {
    readonly wallMs: number;
    readonly status: number | null;
    readonly output: string;
    /** Peak resident memory (VmHWM, MiB) of the dynamic provider process and of the program. */
    readonly peakMiB: { readonly provider?: number; readonly program?: number };
}

/** A stack directory with its program. */
export interface BenchStack {
    readonly kind: StackKind;
    readonly n: number;
    readonly project: string;
    readonly dir: string;
    /** Creates a new, empty stack named `name` and selects it. */
    init(name: string): Promise<void>;
    /** Runs `pulumi <args> --stack <current> --non-interactive`, timing it and watching memory. */
    run(args: readonly string[]): Promise<TimedRun>;
    /** The state file of the current stack. */
    stateFile(): string;
}

const PACKAGE_NAME = "pulumi-alicloud-renewal";

/** The instance ids of a lease stack of size n: one instance per lease. */
export function benchInstanceIds(n: number): string[] {
    return Array.from({ length: n }, (_, i) => `i-bench${String(i).padStart(4, "0")}`);
}

/** The reserved instance ids of a reserved-instance stack of size n: one per lease. */
export function benchReservedIds(n: number): string[] {
    return Array.from({ length: n }, (_, i) => `ecsri-bench${String(i).padStart(4, "0")}`);
}

function program(kind: StackKind, n: number): string {
    if (kind === "shaped") {
        return `"use strict";
// N no-op dynamic resources that register the properties a RenewalLease registers.
const pulumi = require("@pulumi/pulumi");
const noop = { async create() { return { id: "noop", outs: {} }; } };
for (let i = 0; i < ${n}; i++) {
    const name = "lease-" + i;
    new pulumi.dynamic.Resource(noop, name, {
        instanceIds: ["i-bench" + String(i).padStart(4, "0")], period: 1, periodUnit: "Month", term: "2027", regionId: "cn-hangzhou",
        leaseUrn: pulumi.createUrn(name, "pulumi-nodejs:dynamic:Resource"),
        renewalPlan: undefined, renewalCount: undefined, targets: undefined, lastRenewalCalls: undefined,
        creationUrn: undefined, missingTargets: undefined, providerVersion: undefined,
    });
}
`;
    }
    if (kind === "baseline") {
        return `"use strict";
// The engine's floor: N dynamic resources whose provider does nothing but return an id.
const pulumi = require("@pulumi/pulumi");
const noop = { async create() { return { id: "noop", outs: {} }; } };
for (let i = 0; i < ${n}; i++) {
    new pulumi.dynamic.Resource(noop, "noop-" + i, {});
}
`;
    }
    const instances = kind !== "reserved";
    const ids = instances ? "instanceIds" : "reservedInstanceIds";
    const prefix = instances ? "i-bench" : "ecsri-bench";
    const unit = instances ? "Month" : "Year";
    return `"use strict";
// N leases of one ${instances ? "subscription instance" : "reserved instance"} each.
const { RenewalLease } = require("${PACKAGE_NAME}");
for (let i = 0; i < ${n}; i++) {
    new RenewalLease("lease-" + i, { ${ids}: ["${prefix}" + String(i).padStart(4, "0")], period: 1, periodUnit: "${unit}", term: "2027" });
}
`;
}

/**
 * Installs copies of this package (built `dist/`) and of `@pulumi/pulumi` into `root/node_modules`.
 * Copies, not links: Node resolves links to their real path, which would put the package
 * outside node_modules and change how Pulumi serializes its provider.
 */
export function installPackages(root: string): void {
    const modules = path.join(root, "node_modules");
    fs.rmSync(modules, { recursive: true, force: true });
    const own = path.join(modules, PACKAGE_NAME);
    fs.mkdirSync(own, { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(own, "package.json"));
    fs.cpSync(path.join(REPO_ROOT, "dist"), path.join(own, "dist"), { recursive: true, filter: (src) => !src.endsWith(".map") });
    const sdk = fs.realpathSync(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [REPO_ROOT] })));
    fs.cpSync(sdk, path.join(modules, "@pulumi", "pulumi"), { recursive: true });
}

/** Runs a command, timing it and watching its processes' memory. */
function timed(command: string, args: readonly string[], cwd: string, env: Record<string, string>): Promise<TimedRun> {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        const watch = child.pid !== undefined
            ? watchPeaks(child.pid, {
                provider: (c) => /cmd\/dynamic-provider\b/.test(c) && !c.includes("require.resolve"),
                program: (c) => /cmd\/run\b/.test(c) && !c.includes("require.resolve"),
            })
            : undefined;
        let output = "";
        child.stdout.on("data", (d: Buffer) => (output += d.toString()));
        child.stderr.on("data", (d: Buffer) => (output += d.toString()));
        child.on("error", reject);
        child.on("close", (status) => {
            const wallMs = performance.now() - started;
            const peaks = watch?.stop() ?? {};
            resolve({ wallMs, status, output, peakMiB: { provider: peaks.provider, program: peaks.program } });
        });
    });
}

/**
 * Creates the project directory of a benchmark stack under `root` (which must hold the
 * installed packages, see {@link installPackages}).
 */
export function createBenchStack(root: string, kind: StackKind, n: number, cli: PulumiCli, env: Record<string, string>): BenchStack {
    const project = `bench-${kind}-${n}`;
    const dir = path.join(root, project);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\nmain: index.js\n`);
    fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name: project, private: true, main: "index.js" }, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, "index.js"), program(kind, n));
    const pulumi = path.join(cli.binDir, "pulumi");
    const backend = new URL(env.PULUMI_BACKEND_URL).pathname;
    let stack = "";
    return {
        kind, n, project, dir,
        async init(name) {
            const result = await timed(pulumi, ["stack", "init", name, "--non-interactive"], dir, env);
            if (result.status !== 0) {
                throw new Error(`pulumi stack init ${name} in ${project} failed:\n${result.output}`);
            }
            stack = name;
        },
        run(args) {
            return timed(pulumi, [...args, "--stack", stack, "--non-interactive"], dir, env);
        },
        stateFile() {
            return path.join(backend, ".pulumi", "stacks", project, `${stack}.json`);
        },
    };
}
