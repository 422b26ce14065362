#!/usr/bin/env node
/**
 * Command line: `npm run emulator -- [--port 0] [--host 127.0.0.1] [--state-file path] [--seed demo|empty|file.json] [--json]`
 * in this repository; `alicloud-ecs-emulator [options]` (the package's `bin`, compiled to
 * `dist/emulator/cli.js`) where the package is installed.
 * Prints the endpoint, the accepted AccessKey and the control token, then serves until SIGINT / SIGTERM.
 *
 * @module
 */

import { readFileSync } from "node:fs";
import { demoSeed } from "./demo-seed";
import type { SeedInventory } from "./model/types";
import { startEmulator } from "./server";

/** Parsed command line. */
export interface CliOptions {
  port: number;
  host: string;
  stateFile?: string;
  /** `demo`, `empty`, or a path to a JSON seed. */
  seed: string;
  json: boolean;
}

/** Usage text. */
export const USAGE = `Usage: npm run emulator -- [options]
   or: alicloud-ecs-emulator [options]     (installed package: npx alicloud-ecs-emulator)

  --port N            TCP port (default 0 = any free port)
  --host H            interface to bind (default 127.0.0.1)
  --state-file PATH   keep state in PATH across restarts (loaded when it exists)
  --seed demo|empty|FILE.json
                      initial inventory when there is no state file (default demo)
  --json              print one JSON line {endpoint,url,accessKeyId,accessKeySecret,controlToken}
                      instead of text
  --help              this text`;

/**
 * Parses argv (without node and script).
 * @throws Error with a message naming the bad argument.
 */
export function parseArgs(argv: readonly string[]): CliOptions | "help" {
  const out: CliOptions = { port: 0, host: "127.0.0.1", seed: "demo", json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case "--port": {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 65535) throw new Error(`--port must be 0-65535, got ${v}`);
        out.port = Number(v);
        break;
      }
      case "--host":
        out.host = value();
        break;
      case "--state-file":
        out.stateFile = value();
        break;
      case "--seed":
        out.seed = value();
        break;
      case "--json":
        out.json = true;
        break;
      case "--help":
      case "-h":
        return "help";
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  return out;
}

/** The seed named on the command line. */
export function seedFor(name: string): SeedInventory {
  if (name === "demo") return demoSeed();
  if (name === "empty") return { instances: [], reservedInstances: [] };
  return JSON.parse(readFileSync(name, "utf8")) as SeedInventory;
}

async function main(): Promise<void> {
  let opts: CliOptions | "help";
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (opts === "help") {
    console.log(USAGE);
    return;
  }
  const emu = await startEmulator({ port: opts.port, host: opts.host, stateFile: opts.stateFile, seed: seedFor(opts.seed) });
  const key = emu.accessKeys[0];
  const state = await emu.control.state();
  if (opts.json) {
    console.log(JSON.stringify({ endpoint: emu.endpoint, url: emu.url, accessKeyId: key.id, accessKeySecret: key.secret, controlToken: emu.controlToken }));
  } else {
    console.log(
      [
        "ECS emulator (API 2014-05-26) listening",
        `  endpoint:          ${emu.endpoint}    (SDK Config: endpoint "${emu.endpoint}", protocol "http")`,
        `  url:               ${emu.url}`,
        `  AccessKey id:      ${key.id}`,
        `  AccessKey secret:  ${key.secret}`,
        `  state file:        ${opts.stateFile ?? "(none, state is in memory)"}`,
        `  inventory:         ${state.instances.length} instances, ${state.reservedInstances.length} reserved instances`,
        `  control:           ${emu.url}/__emulator/{reset,ledger,state,faults,clock,health}`,
        `  control token:     ${emu.controlToken}    (header x-emulator-control-token; new at every start)`,
        "Press Ctrl+C to stop.",
      ].join("\n"),
    );
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    emu.stop().then(
      () => {
        if (!opts.json) console.log(`stopped (${signal})`);
        process.exit(0);
      },
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
