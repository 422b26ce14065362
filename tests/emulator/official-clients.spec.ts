/**
 * The emulator answers official Alibaba Cloud clients other than the npm SDK: the same call list goes
 * through the classic Go SDK (`github.com/aliyun/alibaba-cloud-sdk-go`, `services/ecs`: the SDK of the
 * `aliyun` command-line tool, RPC signature only) and the current Go SDK
 * (`github.com/alibabacloud-go/ecs-20140526/v7`), with both of its signatures. The Go programs in
 * `tests/clients/go` are built here (into the git-ignored `.cache/go-clients`); a machine without `go`
 * or a failed build fails this spec, it is never skipped.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { DEFAULT_ACCESS_KEY, type AccessKey, type RunningEmulator } from "../../emulator";
import { useEmulator } from "../support/emulator";
import { ACTIVE_RI_COUNT, IDS, REGION, standardSeed } from "./helpers";

const run = promisify(execFile);
const ROOT = join(__dirname, "../..");
const GO_MODULE = join(ROOT, "tests/clients/go");
const BIN_DIR = join(ROOT, ".cache/go-clients");

/** One call of the script (see `tests/clients/go/internal/script`). */
interface ScriptCall {
  name: string;
  action: string;
  /** The request as the SDKs' JSON field names (the wire names), with JSON types. */
  params: Record<string, unknown>;
  key?: AccessKey;
}

/** One result line of a Go program. */
interface CallResult {
  name: string;
  ok: boolean;
  status?: number;
  code?: string;
  message?: string;
  requestId?: string;
  hostId?: string;
  body?: Record<string, unknown>;
}

const WRONG_SECRET: AccessKey = { id: DEFAULT_ACCESS_KEY.id, secret: "not-the-secret" };
const UNKNOWN_KEY: AccessKey = { id: "LTAInobodyhasthiskey", secret: DEFAULT_ACCESS_KEY.secret };
const TOKEN = "go-client-renew-0001";
const riIds = (n: number): string[] => Array.from({ length: n }, (_, k) => IDS.ri(k + 1));

/** Every Action the project uses (and the one it does not, for completeness), and the errors it relies on. */
const CALLS: readonly ScriptCall[] = [
  { name: "page", action: "DescribeInstances", params: { RegionId: REGION, PageNumber: 1, PageSize: 2 } },
  { name: "ids", action: "DescribeInstances", params: { RegionId: REGION, InstanceIds: JSON.stringify([IDS.running, IDS.stopped]), MaxResults: 10 } },
  { name: "reserved", action: "DescribeReservedInstances", params: { RegionId: REGION, PageSize: 100, Status: ["Active"] } },
  { name: "price", action: "DescribeRenewalPrice", params: { RegionId: REGION, ResourceId: IDS.running, Period: 1, PriceUnit: "Month" } },
  { name: "renew", action: "RenewInstance", params: { InstanceId: IDS.running, Period: 1, PeriodUnit: "Month", ClientToken: TOKEN } },
  { name: "replay", action: "RenewInstance", params: { InstanceId: IDS.running, Period: 1, PeriodUnit: "Month", ClientToken: TOKEN } },
  { name: "mismatch", action: "RenewInstance", params: { InstanceId: IDS.running, Period: 2, PeriodUnit: "Month", ClientToken: TOKEN } },
  { name: "badPeriod", action: "RenewInstance", params: { InstanceId: IDS.stopped, Period: 5, PeriodUnit: "Week" } },
  { name: "notFound", action: "RenewInstance", params: { InstanceId: "i-nobody", Period: 1, PeriodUnit: "Month" } },
  { name: "ten", action: "RenewReservedInstances", params: { RegionId: REGION, ReservedInstanceId: riIds(10), Period: 1, PeriodUnit: "Year", ClientToken: "go-client-ri-10" } },
  { name: "eleven", action: "RenewReservedInstances", params: { RegionId: REGION, ReservedInstanceId: riIds(11), Period: 1, PeriodUnit: "Year" } },
  { name: "autoRenew", action: "ModifyInstanceAutoRenewAttribute", params: { RegionId: REGION, InstanceId: IDS.stopped, AutoRenew: true, Duration: 2, PeriodUnit: "Month" } },
  { name: "autoRenewRead", action: "DescribeInstanceAutoRenewAttribute", params: { RegionId: REGION, InstanceId: IDS.stopped } },
  { name: "riAutoRenew", action: "ModifyReservedInstanceAutoRenewAttribute", params: { RegionId: REGION, ReservedInstanceId: [IDS.ri(12)], RenewalStatus: "AutoRenewal", Period: 1, PeriodUnit: "Year" } },
  { name: "riAutoRenewRead", action: "DescribeReservedInstanceAutoRenewAttribute", params: { RegionId: REGION, ReservedInstanceId: [IDS.ri(12)] } },
  { name: "wrongSecret", action: "DescribeInstances", params: { RegionId: REGION }, key: WRONG_SECRET },
  { name: "unknownKey", action: "DescribeInstances", params: { RegionId: REGION }, key: UNKNOWN_KEY },
];

/** The client programs and the signatures each one is run with. */
const CLIENTS: ReadonlyArray<{ title: string; program: "classic" | "current"; signature: "v2" | "v3" }> = [
  { title: "classic Go SDK (alibaba-cloud-sdk-go services/ecs, as the aliyun CLI), RPC HMAC-SHA1 signature", program: "classic", signature: "v2" },
  { title: "current Go SDK (ecs-20140526/v7), ACS3-HMAC-SHA256 signature", program: "current", signature: "v3" },
  { title: "current Go SDK (ecs-20140526/v7), RPC HMAC-SHA1 signature", program: "current", signature: "v2" },
];

/** Builds both programs; fails (never skips) when `go` is missing or the build fails. Prints the time. */
async function buildGoClients(): Promise<void> {
  mkdirSync(BIN_DIR, { recursive: true });
  const started = Date.now();
  try {
    await run("go", ["build", "-mod=readonly", "-buildvcs=false", "-o", BIN_DIR + "/", "./classic", "./current"], {
      cwd: GO_MODULE,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === "ENOENT") throw new Error("`go` is not on PATH: the official Go SDK clients cannot be built (install Go, as scripts/ensure-pulumi.sh needs it too)");
    throw new Error(`go build of tests/clients/go failed:\n${err.stderr ?? err.message}`);
  }
  console.log(`      go build of the official Go SDK clients (classic + current): ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Runs one program over the call list and returns its results by call name. */
async function runScript(emu: RunningEmulator, program: string, signature: string): Promise<Map<string, CallResult>> {
  const script = {
    endpoint: emu.endpoint,
    regionId: REGION,
    signature,
    calls: CALLS.map((c) => ({ name: c.name, action: c.action, params: c.params, key: c.key ?? emu.accessKeys[0] })),
  };
  const child = execFile(join(BIN_DIR, program), { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });
  const done = new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${program} exited with ${code}: ${err}`))));
  });
  child.stdin?.end(JSON.stringify(script));
  const lines = (await done).split("\n").filter((l) => l.trim() !== "");
  return new Map(lines.map((l) => JSON.parse(l) as CallResult).map((r) => [r.name, r]));
}

/** The result of a call that must have succeeded. */
function success(results: Map<string, CallResult>, name: string): Record<string, unknown> {
  const r = results.get(name);
  assert.ok(r, `no result for ${name}`);
  assert.ok(r.ok, `${name} failed: ${r.status} ${r.code} ${r.message}`);
  return r.body ?? {};
}

/** The result of a call that must have failed with this status and code. */
function failure(results: Map<string, CallResult>, name: string, status: number, code: string): CallResult {
  const r = results.get(name);
  assert.ok(r, `no result for ${name}`);
  assert.equal(r.ok, false, `${name} succeeded, expected ${status} ${code}`);
  assert.equal(r.code, code, `${name}: ${r.message}`);
  assert.equal(r.status, status);
  return r;
}

const list = (body: Record<string, unknown>, outer: string, inner: string): Array<Record<string, unknown>> =>
  ((body[outer] as Record<string, unknown> | undefined)?.[inner] as Array<Record<string, unknown>> | undefined) ?? [];

describe("emulator: official Go SDKs", function () {
  before(async function () {
    this.timeout(20 * 60_000); // a cold build downloads both SDKs through the module proxy
    await buildGoClients();
  });
  const emu = useEmulator();

  for (const client of CLIENTS) {
    describe(client.title, () => {
      let results: Map<string, CallResult>;
      let charges: Awaited<ReturnType<RunningEmulator["control"]["ledger"]>>["charges"];

      before(async function () {
        this.timeout(180_000);
        await emu.control.reset(standardSeed());
        results = await runScript(emu, client.program, client.signature);
        charges = (await emu.control.ledger()).charges;
      });

      it("pages DescribeInstances by number, with TotalCount and a NextToken for the rest", () => {
        const body = success(results, "page");
        assert.equal(list(body, "Instances", "Instance").length, 2);
        assert.ok(Number(body["TotalCount"]) > 2);
        assert.match(String(body["NextToken"] ?? ""), /\S/, "a NextToken for the next page");
      });

      it("filters DescribeInstances by a JSON array of InstanceIds", () => {
        const ids = list(success(results, "ids"), "Instances", "Instance").map((i) => i["InstanceId"]);
        assert.deepEqual([...ids].sort(), [IDS.running, IDS.stopped].sort());
      });

      it("lists the Active reserved instances (Status.N) with DescribeReservedInstances", () => {
        const ris = list(success(results, "reserved"), "ReservedInstances", "ReservedInstance");
        assert.equal(ris.length, ACTIVE_RI_COUNT + 1, "the ordinary ones and the locked one");
        assert.ok(ris.every((r) => r["Status"] === "Active"));
      });

      it("quotes a renewal with DescribeRenewalPrice", () => {
        const price = (success(results, "price")["PriceInfo"] as Record<string, Record<string, unknown>>)["Price"];
        assert.equal(Number(price["TradePrice"]), 300);
        assert.equal(price["Currency"], "CNY");
      });

      it("renews an instance with RenewInstance and answers an OrderId", () => {
        assert.match(String(success(results, "renew")["OrderId"]), /\S/);
      });

      it("answers a replay of the same ClientToken with the same OrderId and charges once", () => {
        assert.equal(success(results, "replay")["OrderId"], success(results, "renew")["OrderId"]);
        assert.equal(charges.filter((c) => c.clientToken === TOKEN).length, 1);
      });

      it("answers the same ClientToken with other parameters with 400 IdempotenceParamNotMatch", () => {
        failure(results, "mismatch", 400, "IdempotenceParamNotMatch");
      });

      it("answers Period 5 Week with 400 InvalidPeriod", () => {
        failure(results, "badPeriod", 400, "InvalidPeriod");
      });

      it("answers an unknown instance with 404 InvalidInstanceId.NotFound, HostId the host it called", () => {
        const r = failure(results, "notFound", 404, "InvalidInstanceId.NotFound");
        assert.match(String(r.requestId), /^[0-9A-F-]{36}$/);
        assert.equal(r.hostId, "127.0.0.1");
      });

      it("renews 10 reserved instances in one RenewReservedInstances call", () => {
        const body = success(results, "ten");
        assert.match(String(body["OrderId"]), /\S/);
        assert.deepEqual((body["ReservedInstanceIdSets"] as { ReservedInstanceId: string[] }).ReservedInstanceId, riIds(10));
      });

      it("answers 11 reserved instances with 403 InvalidParameter.NotMatch and renews none of them", () => {
        failure(results, "eleven", 403, "InvalidParameter.NotMatch");
        assert.equal(charges.filter((c) => c.action === "RenewReservedInstances").length, 1, "only the call of 10");
      });

      it("turns on an instance's auto-renewal and reads it back", () => {
        success(results, "autoRenew");
        const [attr] = list(success(results, "autoRenewRead"), "InstanceRenewAttributes", "InstanceRenewAttribute");
        assert.equal(attr["InstanceId"], IDS.stopped);
        assert.equal(attr["AutoRenewEnabled"], true);
        assert.equal(Number(attr["Duration"]), 2);
      });

      it("turns on a reserved instance's auto-renewal and reads it back", () => {
        success(results, "riAutoRenew");
        const [attr] = list(success(results, "riAutoRenewRead"), "ReservedInstanceRenewAttributes", "ReservedInstanceRenewAttribute");
        assert.equal(attr["ReservedInstanceId"], IDS.ri(12));
        assert.equal(attr["RenewalStatus"], "AutoRenewal");
      });

      it("answers a wrong secret with 400 SignatureDoesNotMatch", () => {
        failure(results, "wrongSecret", 400, "SignatureDoesNotMatch");
      });

      it("answers an unknown AccessKey with 404 InvalidAccessKeyId.NotFound", () => {
        failure(results, "unknownKey", 404, "InvalidAccessKeyId.NotFound");
      });
    });
  }
});
