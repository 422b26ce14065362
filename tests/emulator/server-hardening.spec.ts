/**
 * The emulator as a server under hostile or broken input: replays, unsigned floods, oversized and
 * malformed requests, and a state file in a folder others can write to.
 */
import * as assert from "node:assert/strict";
import { request } from "node:http";
import { Agent } from "node:http";
import { lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OpenApiUtil } from "@alicloud/openapi-core";
import { DEFAULT_ACCESS_KEY, type RunningEmulator } from "../../emulator";
import { authenticate, type AuthDependencies } from "../../emulator/wire/auth";
import { NonceCache } from "../../emulator/wire/nonces";
import type { WireRequest } from "../../emulator/wire/request";
import { startTestEmulator, useEmulator } from "../support/emulator";
import { REGION, sdkTimestamp, standardSeed } from "./helpers";
import { sendBytes } from "./raw-http";

const MINUTE = 60_000;

/** A parsed RPC request signed (by the npm SDK's signer) at `date` with `nonce`. */
function signedRpcRequest(date: Date, nonce: string): WireRequest {
  const params: Record<string, string> = {
    Action: "DescribeInstances",
    Version: "2014-05-26",
    Format: "json",
    RegionId: REGION,
    Timestamp: sdkTimestamp(date),
    SignatureNonce: nonce,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    AccessKeyId: DEFAULT_ACCESS_KEY.id,
  };
  params["Signature"] = OpenApiUtil.getRPCSignature(params, "POST", DEFAULT_ACCESS_KEY.secret);
  return { method: "POST", rawPath: "/", query: params, form: {}, params, headers: { host: "127.0.0.1" }, body: Buffer.alloc(0) };
}

/** POSTs `size` bytes to the ECS endpoint with node:http and returns status and parsed body. */
function postBody(emu: RunningEmulator, size: number): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL("/?Action=DescribeInstances", emu.url), { method: "POST", agent: false, headers: { "content-type": "application/x-www-form-urlencoded", "content-length": size } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> }));
    });
    req.on("error", reject);
    req.end(Buffer.alloc(size, "a"));
  });
}

describe("emulator: server hardening", () => {
  const emu = useEmulator({ seedEachTest: () => standardSeed() });

  describe("signature nonces", () => {
    it("refuses a replay for as long as its timestamp is acceptable: dated 14 min ahead, replayed 16 min later", () => {
      let wall = Date.parse("2026-06-01T00:00:00Z");
      const deps: AuthDependencies = { findKey: (id) => (id === DEFAULT_ACCESS_KEY.id ? DEFAULT_ACCESS_KEY : undefined), nonces: new NonceCache(() => wall), wall: () => wall };
      const req = signedRpcRequest(new Date(wall + 14 * MINUTE), "nonce-dated-ahead");
      authenticate(req, deps);
      wall += 16 * MINUTE;
      assert.throws(() => authenticate(req, deps), (e: { code?: string }) => e.code === "SignatureNonceUsed");
    });
  });

  describe("unsigned traffic", () => {
    it("counts and stores nothing for 2,000 unsigned requests with 8 KB action names (prints the RSS figure)", async function () {
      this.timeout(120_000);
      const before = await emu.control.ledger();
      const rssBefore = process.memoryUsage().rss;
      const agent = new Agent({ keepAlive: true, maxSockets: 8 });
      const send = (k: number): Promise<number> =>
        new Promise((resolve, reject) => {
          const action = `A${k}`.padEnd(8 * 1024, "x");
          const req = request(new URL(`/?Action=${action}&Version=2014-05-26`, emu.url), { method: "POST", agent }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          });
          req.on("error", reject);
          req.end();
        });
      const statuses: number[] = [];
      for (let k = 0; k < 2_000; k += 50) statuses.push(...(await Promise.all(Array.from({ length: 50 }, (_, j) => send(k + j)))));
      agent.destroy();
      const rssAfter = process.memoryUsage().rss;
      const after = await emu.control.ledger();
      console.log(
        `      RSS of the test process (emulator in-process) before/after 2,000 unsigned 8 KB-Action requests: ${(rssBefore / 2 ** 20).toFixed(0)} MB / ${(rssAfter / 2 ** 20).toFixed(0)} MB; ledger ${JSON.stringify(after).length} bytes`,
      );
      assert.ok(statuses.every((s) => s === 400), "every unsigned request is refused");
      assert.deepEqual(after, before, "no call counted, no charge recorded");
    });
  });

  describe("oversized and malformed requests", () => {
    it("answers a body over 1 MiB with 400 and an error body, not a reset connection", async () => {
      const res = await postBody(emu, 1024 * 1024 + 512 * 1024);
      assert.equal(res.status, 400);
      assert.equal(res.body["Code"], "InvalidParameter");
      assert.match(String(res.body["Message"]), /too large/);
    });

    const port = (): string => emu.endpoint.split(":").pop() ?? "";
    const malformed: ReadonlyArray<[string, () => Buffer | string]> = [
      ["a bare CR in a header", () => `POST /?Action=DescribeInstances HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nX-Odd: a\rb\r\nContent-Length: 0\r\n\r\n`],
      ["two Content-Length headers", () => `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\n`],
      ["Content-Length with Transfer-Encoding", () => `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
      ["invalid UTF-8 bytes in the request target", () => Buffer.concat([Buffer.from("GET /?Action=Describe"), Buffer.from([0xff, 0xfe]), Buffer.from(`Instances HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nConnection: close\r\n\r\n`)])],
      ["percent-encoded invalid UTF-8 in the query", () => `GET /?Action=Describe%FFInstances HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nConnection: close\r\n\r\n`],
      ["invalid UTF-8 in a form body", () => Buffer.concat([Buffer.from(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\nConnection: close\r\n\r\nRegionId=`), Buffer.from([0xc3])]).subarray(0)],
    ];
    for (const [what, bytes] of malformed) {
      it(`answers ${what} with 400 and a JSON error body`, async () => {
        const res = await sendBytes(emu, bytes());
        assert.equal(res.status, 400);
        const body = JSON.parse(res.body) as Record<string, unknown>;
        assert.equal(typeof body["Code"], "string");
        assert.match(String(body["RequestId"]), /^[0-9A-F-]{36}$/);
      });
    }
  });
});

describe("emulator: state file", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ecs-emulator-state-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is written owner-only (mode 0600): it holds the secrets of installed keys", async () => {
    const stateFile = join(dir, "state.json");
    const emu = await startTestEmulator({ stateFile, seed: standardSeed() });
    await emu.stop();
    assert.equal(statSync(stateFile).mode & 0o777, 0o600);
  });

  it("replaces a link planted at its path instead of writing through it", async () => {
    const stateFile = join(dir, "state.json");
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "precious\n");
    const emu = await startTestEmulator({ stateFile });
    try {
      symlinkSync(victim, stateFile);
      await emu.control.reset(standardSeed());
    } finally {
      await emu.stop();
    }
    assert.equal(readFileSync(victim, "utf8"), "precious\n");
    assert.ok(lstatSync(stateFile).isFile(), "the state file is a regular file now");
  });

  it("does not write through a link planted at the old predictable temp name <file>.<pid>.tmp", async () => {
    const stateFile = join(dir, "state.json");
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "precious\n");
    symlinkSync(victim, `${stateFile}.${process.pid}.tmp`);
    const emu = await startTestEmulator({ stateFile, seed: standardSeed() });
    await emu.stop();
    assert.equal(readFileSync(victim, "utf8"), "precious\n");
    assert.ok(JSON.parse(readFileSync(stateFile, "utf8")), "the state was written");
  });
});
