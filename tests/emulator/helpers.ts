/**
 * Shared helpers of the emulator suite: SDK clients pointed at an emulator, a
 * standard inventory with one resource per model error, and raw-request tools (signed with the SDK's
 * own signing functions) for the tests that must control the bytes on the wire.
 */
import * as assert from "node:assert/strict";
import { request } from "node:http";
import Ecs from "@alicloud/ecs20140526";
import { OpenApiUtil, $OpenApiUtil } from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";
import type { AccessKey, RunningEmulator, SeedInventory } from "../../emulator";

/** Region of the standard inventory. */
export const REGION = "cn-hangzhou";

/** Model clock of the standard inventory. */
export const NOW = "2026-01-10T08:00:00.000Z";

/** ExpiredTime of the ordinary renewable resources. */
export const EXPIRY = "2026-03-31T16:00Z";

/** Ids in the standard inventory, one per situation the model distinguishes. */
export const IDS = {
  running: "i-running",
  stopped: "i-stopped",
  expired: "i-expired",
  postPaid: "i-postpaid",
  locked: "i-locked",
  unpaid: "i-unpaid",
  pending: "i-pending",
  starting: "i-starting",
  stopping: "i-stopping",
  farFuture: "i-far",
  beijing: "i-beijing",
  ri: (n: number): string => `ecsri-${String(n).padStart(3, "0")}`,
  riBeijing: "ecsri-beijing",
  riCreating: "ecsri-creating",
  riUpdating: "ecsri-updating",
  riLocked: "ecsri-locked",
  riExpired: "ecsri-expired",
} as const;

/** Number of ordinary Active reserved instances in cn-hangzhou (`IDS.ri(1..n)`). */
export const ACTIVE_RI_COUNT = 12;

/** The standard inventory, clock fixed at {@link NOW}. */
export function standardSeed(extra: Partial<SeedInventory> = {}): SeedInventory {
  const prepaid = (InstanceId: string, more: Record<string, unknown> = {}) => ({
    InstanceId,
    RegionId: REGION,
    InstanceChargeType: "PrePaid",
    Status: "Running",
    ExpiredTime: EXPIRY,
    InstanceType: "ecs.g7.large",
    ...more,
  });
  return {
    now: NOW,
    instances: [
      prepaid(IDS.running),
      prepaid(IDS.stopped, { Status: "Stopped" }),
      prepaid(IDS.expired, { ExpiredTime: "2026-01-05T16:00Z" }),
      { InstanceId: IDS.postPaid, RegionId: REGION, InstanceChargeType: "PostPaid", Status: "Running", InstanceType: "ecs.c7.large" },
      prepaid(IDS.locked, { OperationLocks: [{ LockReason: "security" }] }),
      prepaid(IDS.unpaid, { UnpaidOrder: true }),
      prepaid(IDS.pending, { Status: "Pending" }),
      prepaid(IDS.starting, { Status: "Starting" }),
      prepaid(IDS.stopping, { Status: "Stopping" }),
      prepaid(IDS.farFuture, { ExpiredTime: "2030-12-01T16:00Z" }),
      prepaid(IDS.beijing, { RegionId: "cn-beijing" }),
      ...(extra.instances ?? []),
    ],
    reservedInstances: [
      ...Array.from({ length: ACTIVE_RI_COUNT }, (_, k) => ({ ReservedInstanceId: IDS.ri(k + 1), RegionId: REGION, Status: "Active", ExpiredTime: EXPIRY, InstanceType: "ecs.g7.large" })),
      { ReservedInstanceId: IDS.riBeijing, RegionId: "cn-beijing", Status: "Active", ExpiredTime: EXPIRY },
      { ReservedInstanceId: IDS.riCreating, RegionId: REGION, Status: "Creating", ExpiredTime: EXPIRY },
      { ReservedInstanceId: IDS.riUpdating, RegionId: REGION, Status: "Updating", ExpiredTime: EXPIRY },
      { ReservedInstanceId: IDS.riLocked, RegionId: REGION, Status: "Active", ExpiredTime: EXPIRY, OperationLocks: [{ LockReason: "financial" }] },
      { ReservedInstanceId: IDS.riExpired, RegionId: REGION, Status: "Expired", ExpiredTime: "2026-01-01T16:00Z" },
      ...(extra.reservedInstances ?? []),
    ],
    ...(extra.accessKeys ? { accessKeys: extra.accessKeys } : {}),
    ...(extra.AccountInArrears ? { AccountInArrears: true } : {}),
  };
}

/** Options of {@link ecsClient}. */
export interface ClientOptions {
  /** `"v2"` for the legacy RPC signature; default ACS3. */
  signature?: "v2";
  /** Key to sign with; default the emulator's first key. */
  key?: AccessKey;
  /** STS token to send. */
  securityToken?: string;
}

/** An official SDK client pointed at the emulator. */
export function ecsClient(emu: RunningEmulator, opts: ClientOptions = {}): Ecs {
  const key = opts.key ?? emu.accessKeys[0];
  return new Ecs(
    new $OpenApiUtil.Config({
      accessKeyId: key.id,
      accessKeySecret: key.secret,
      securityToken: opts.securityToken,
      endpoint: emu.endpoint,
      protocol: "http",
      regionId: REGION,
      signatureAlgorithm: opts.signature,
    }),
  );
}

/** SDK runtime options with small timeouts (ms). */
export function fastRuntime(timeoutMs = 500): $dara.RuntimeOptions {
  return new $dara.RuntimeOptions({ readTimeout: timeoutMs, connectTimeout: timeoutMs });
}

/** The SDK error fields the tests look at. */
export interface SdkError {
  name: string;
  code: string;
  statusCode: number;
  message: string;
  requestId?: string;
  data?: Record<string, unknown>;
}

/** Awaits a call that must fail with an SDK error of this code and status; returns the error. */
export async function expectEcsError(call: Promise<unknown>, code: string, status: number): Promise<SdkError> {
  let caught: unknown;
  try {
    await call;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected ${code} (${status}) but the call succeeded`);
  const err = caught as SdkError;
  assert.equal(err.code, code, `expected code ${code}, got ${err.code}: ${err.message}`);
  assert.equal(err.statusCode, status, `expected status ${status} for ${code}, got ${err.statusCode}`);
  return err;
}

/** Awaits a call that must fail at the transport level (no HTTP answer); returns the error. */
export async function expectTransportError(call: Promise<unknown>): Promise<Error> {
  let caught: unknown;
  try {
    await call;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, "expected a transport error but the call succeeded");
  assert.equal((caught as SdkError).statusCode, undefined, `expected no HTTP status, got ${(caught as SdkError).statusCode}: ${caught.message}`);
  return caught;
}

/**
 * Calls any Action with raw query parameters through the SDK's generic `callApi` (still signed and
 * sent by the SDK), for Actions or parameter values the typed models cannot express.
 */
export async function callAction(client: Ecs, action: string, query: Record<string, string>, version = "2014-05-26"): Promise<Record<string, unknown>> {
  const params = new $OpenApiUtil.Params({
    action,
    version,
    protocol: "HTTPS",
    pathname: "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
  const res = await client.callApi(params, new $OpenApiUtil.OpenApiRequest({ query }), new $dara.RuntimeOptions({}));
  return res.body as Record<string, unknown>;
}

/** A request to send byte for byte with node:http. */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** An answer to a raw request. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** `yyyy-MM-ddTHH:mm:ssZ` as the SDK formats it. */
export function sdkTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Options of the raw signers. */
export interface SignOptions {
  action: string;
  query?: Record<string, string>;
  key?: AccessKey;
  /** Signing time; default now. */
  date?: Date;
  nonce?: string;
  securityToken?: string;
  version?: string;
}

/** An ACS3 request signed with the SDK's own `OpenApiUtil.getAuthorization`. */
export function signAcs3(emu: RunningEmulator, o: SignOptions): RawRequest {
  const key = o.key ?? emu.accessKeys[0];
  const query = o.query ?? {};
  const headers: Record<string, string> = {
    host: emu.endpoint,
    "x-acs-version": o.version ?? "2014-05-26",
    "x-acs-action": o.action,
    "x-acs-date": sdkTimestamp(o.date ?? new Date()),
    "x-acs-signature-nonce": o.nonce ?? OpenApiUtil.getNonce(),
    accept: "application/json",
    "x-acs-content-sha256": EMPTY_SHA256,
  };
  if (o.securityToken) {
    headers["x-acs-accesskey-id"] = key.id;
    headers["x-acs-security-token"] = o.securityToken;
  }
  const sdkRequest = { method: "POST", pathname: "/", query, headers } as unknown as Parameters<typeof OpenApiUtil.getAuthorization>[0];
  headers["authorization"] = OpenApiUtil.getAuthorization(sdkRequest, "ACS3-HMAC-SHA256", EMPTY_SHA256, key.id, key.secret);
  return { method: "POST", path: `/?${new URLSearchParams(query).toString().replace(/\+/g, "%20")}`, headers };
}

/** An RPC v2 request signed with the SDK's own `OpenApiUtil.getRPCSignature`. */
export function signRpc(emu: RunningEmulator, o: SignOptions): RawRequest {
  const key = o.key ?? emu.accessKeys[0];
  const query: Record<string, string> = {
    Action: o.action,
    Format: "json",
    Version: o.version ?? "2014-05-26",
    Timestamp: sdkTimestamp(o.date ?? new Date()),
    SignatureNonce: o.nonce ?? OpenApiUtil.getNonce(),
    ...(o.query ?? {}),
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    AccessKeyId: key.id,
  };
  if (o.securityToken) query["SecurityToken"] = o.securityToken;
  query["Signature"] = OpenApiUtil.getRPCSignature(query, "POST", key.secret);
  return { method: "POST", path: `/?${new URLSearchParams(query).toString().replace(/\+/g, "%20")}`, headers: { host: emu.endpoint } };
}

/** Sends a raw request with node:http (fresh connection) and parses the JSON answer. */
export function sendRaw(emu: RunningEmulator, r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(r.path, emu.url), { method: r.method, headers: r.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as Record<string, unknown> });
        } catch {
          reject(new Error(`non-JSON answer ${res.statusCode}: ${text}`));
        }
      });
    });
    req.on("error", reject);
    req.end(r.body);
  });
}

/** Sleeps. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
