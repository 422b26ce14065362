/**
 * How long the provider plugin takes from process start to printing its port (what the engine
 * waits for before every phase of every command), and whether start-up loaded the ECS SDK.
 *
 * Each run starts the built executable (`dist/provider/hosts/plugin/main.js`) with Node.js, as
 * the engine does through the `bin`, times it until the first line on stdout, and stops it. A
 * last run loads the plugin in-process to list the modules start-up required.
 *
 * Usage: `npm run bench:plugin-startup [-- --runs 7]` (after `npm run build`). Prints only.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "..");
const PLUGIN = path.join(REPO_ROOT, "dist", "provider", "hosts", "plugin", "main.js");

/** Milliseconds until the plugin printed its port. */
function timeToPort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn(process.execPath, [PLUGIN], { stdio: ["ignore", "pipe", "inherit"] });
        child.on("error", reject);
        child.on("exit", (code) => reject(new Error(`the plugin exited (${code}) before printing a port`)));
        child.stdout.once("data", (chunk: Buffer) => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            child.removeAllListeners("exit");
            child.kill();
            if (!/^\d+\s*$/.test(chunk.toString())) {
                reject(new Error(`expected a port, got ${JSON.stringify(chunk.toString())}`));
            }
            resolve(ms);
        });
    });
}

/** The modules start-up requires, counted in a child process that loads the plugin and reports. */
function startupModules(): Promise<string> {
    const probe = `require(${JSON.stringify(PLUGIN)}); setTimeout(() => { const m = Object.keys(require.cache);` +
        ` console.log(JSON.stringify({ modules: m.length, alicloudSdk: m.filter((f) => f.includes("@alicloud")).length })); process.exit(0); }, 1000);`;
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["-e", probe], { stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.on("error", reject);
        child.on("close", () => resolve(out.trim().split("\n").pop() ?? ""));
    });
}

async function main(): Promise<void> {
    const runsArg = process.argv.indexOf("--runs");
    const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        times.push(await timeToPort());
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`plugin start-up to port, ${runs} runs (ms): ${times.map((t) => t.toFixed(0)).join(", ")}; median ${sorted[Math.floor(runs / 2)].toFixed(0)}`);
    console.log(`modules loaded by start-up (the port printed; "alicloudSdk" must be 0): ${await startupModules()}`);
}

main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
