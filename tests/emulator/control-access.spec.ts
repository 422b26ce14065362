/**
 * Who may use the control endpoints: only a local client holding this process's token, never a web
 * page (cross-origin) or a page reached through a rebound DNS name, and never with an unbounded body.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ControlRequestError, EmulatorControlClient, type RunningEmulator } from "../../emulator";
import { startTestEmulator, useEmulator } from "../support/emulator";
import { IDS, standardSeed } from "./helpers";
import { sendBytes, type SocketAnswer } from "./raw-http";

const ROOT = join(__dirname, "../..");

/** A control request with the headers given and nothing else (no token unless given). */
function control(emu: RunningEmulator, method: string, path: string, headers: Record<string, string>, body = ""): Promise<SocketAnswer> {
  const lines = [`${method} /__emulator/${path} HTTP/1.1`, `Host: ${headers["Host"] ?? emu.endpoint}`, "Connection: close", `Content-Length: ${Buffer.byteLength(body)}`];
  for (const [name, value] of Object.entries(headers)) if (name !== "Host") lines.push(`${name}: ${value}`);
  return sendBytes(emu, `${lines.join("\r\n")}\r\n\r\n${body}`);
}

describe("emulator: control endpoint access", () => {
  const emu = useEmulator({ seedEachTest: () => standardSeed() });
  const token = (): Record<string, string> => ({ "x-emulator-control-token": emu.controlToken });
  const stillStandard = async (): Promise<void> => {
    const state = await emu.control.state();
    assert.ok(state.instances.some((i) => i.InstanceId === IDS.running), "the state was not replaced");
  };

  it("startEmulator returns a control token of at least 128 random bits, new at every start", async () => {
    const other = await startTestEmulator();
    try {
      assert.match(emu.controlToken, /^[A-Za-z0-9_-]{22,}$/);
      assert.notEqual(other.controlToken, emu.controlToken);
    } finally {
      await other.stop();
    }
  });

  it("refuses a request without the token with 401, and changes nothing", async () => {
    const res = await control(emu, "POST", "reset", { "Content-Type": "application/json" }, '{"instances":[],"reservedInstances":[]}');
    assert.equal(res.status, 401);
    assert.match(String((JSON.parse(res.body) as { error: string }).error), /control token/);
    await stillStandard();
  });

  it("refuses a wrong token with 401", async () => {
    await assert.rejects(new EmulatorControlClient(emu.url, "not-the-token").ledger(), (e: unknown) => e instanceof ControlRequestError && e.status === 401);
  });

  it("serves a request with the token", async () => {
    assert.equal((await control(emu, "GET", "health", token())).status, 200);
  });

  it("refuses a request from a web page (an Origin header) with 403, token or not", async () => {
    const res = await control(emu, "POST", "reset", { ...token(), "Content-Type": "text/plain", Origin: "https://attacker.example" }, '{"instances":[],"reservedInstances":[]}');
    assert.equal(res.status, 403);
    await stillStandard();
  });

  it("refuses a request a browser marks cross-site (Sec-Fetch-Site) with 403", async () => {
    assert.equal((await control(emu, "GET", "state", { ...token(), "Sec-Fetch-Site": "cross-site" })).status, 403);
  });

  it("refuses a request addressed to a name other than a loopback one (DNS rebinding) with 403", async () => {
    assert.equal((await control(emu, "GET", "state", { ...token(), Host: `attacker.example:${emu.url.split(":").pop()}` })).status, 403);
  });

  it("accepts the loopback names 127.0.0.1, localhost and [::1] in Host", async () => {
    const port = emu.url.split(":").pop();
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      assert.equal((await control(emu, "GET", "health", { ...token(), Host: host })).status, 200, host);
    }
  });

  it("refuses a body over 8 MiB with 413 and changes nothing", async () => {
    const huge = JSON.stringify({ instances: [], reservedInstances: [], padding: "x".repeat(8 * 1024 * 1024) });
    const res = await control(emu, "POST", "reset", { ...token(), "Content-Type": "application/json" }, huge);
    assert.equal(res.status, 413);
    await stillStandard();
  });

  it("npm run emulator prints the control token, and it opens the control endpoints", async function () {
    this.timeout(30_000);
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", "--port", "0", "--seed", "demo", "--json"], { cwd: ROOT });
    try {
      const info = await new Promise<{ url: string; controlToken: string }>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error("no JSON line within 20 s")), 20_000);
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const line = out.split("\n").find((l) => l.startsWith("{"));
          if (line) {
            clearTimeout(timer);
            resolve(JSON.parse(line) as { url: string; controlToken: string });
          }
        });
        child.once("exit", (code) => reject(new Error(`exited with ${code}`)));
      });
      assert.equal((await new EmulatorControlClient(info.url, info.controlToken).health()).ok, true);
      await assert.rejects(new EmulatorControlClient(info.url, emu.controlToken).health(), (e: unknown) => e instanceof ControlRequestError && e.status === 401);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
