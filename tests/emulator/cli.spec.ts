import * as assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import Ecs from "@alicloud/ecs20140526";
import { REGION } from "./helpers";

const ROOT = join(__dirname, "../..");

interface Started {
  child: ChildProcessWithoutNullStreams;
  info: { endpoint: string; url: string; accessKeyId: string; accessKeySecret: string };
}

/** Runs `ts-node emulator/cli.ts` (what `npm run emulator` runs) and reads its JSON line. */
function startCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", ...args], { cwd: ROOT });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`no output within 20 s; stderr: ${err}`)), 20_000);
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve({ child, info: JSON.parse(line) as Started["info"] });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${err}`));
    });
  });
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

describe("emulator: command line", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "ecs-emulator-cli-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints its endpoint and AccessKey, serves the demo inventory, and exits 0 on SIGTERM", async function () {
    this.timeout(30_000);
    const { child, info } = await startCli(["--port", "0", "--seed", "demo", "--json", "--state-file", join(dir, "state.json")]);
    try {
      assert.match(info.endpoint, /^127\.0\.0\.1:\d+$/);
      assert.equal(info.url, `http://${info.endpoint}`);
      const client = new Ecs(new $OpenApiUtil.Config({ accessKeyId: info.accessKeyId, accessKeySecret: info.accessKeySecret, endpoint: info.endpoint, protocol: "http", regionId: REGION }));
      const res = await client.describeReservedInstances(new $Ecs.DescribeReservedInstancesRequest({ regionId: REGION, pageSize: 100 }));
      assert.equal(res.body?.totalCount, 12);
    } finally {
      child.kill("SIGTERM");
    }
    assert.equal(await exitCode(child), 0);
  });

  it("rejects an unknown argument with exit code 2 and the usage", async function () {
    this.timeout(30_000);
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", "--bogus"], { cwd: ROOT });
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    assert.equal(await exitCode(child), 2);
    assert.match(err, /unknown argument --bogus/);
    assert.match(err, /Usage: npm run emulator/);
  });
});
