/**
 * The `/__emulator/*` control endpoints (not part of the ECS API). They change or reveal the whole
 * state (keys included), so a request is served only when it comes from a loopback address, is
 * addressed to a loopback host (`Host: 127.0.0.1:…`, `localhost:…`, `[::1]:…`; this defeats DNS
 * rebinding), carries no browser cross-origin marks (no `Origin` header, no `Sec-Fetch-Site` other
 * than `none`), and carries this process's token in the `x-emulator-control-token` header. Bodies
 * are capped at {@link MAX_CONTROL_BODY_BYTES}.
 *
 * | method | path | body | answer |
 * | --- | --- | --- | --- |
 * | POST | `/__emulator/reset` | `SeedInventory` | `{ ok, instances, reservedInstances }`; replaces all state, clears the ledger, tokens and faults |
 * | GET | `/__emulator/ledger` | | `{ charges, calls }` |
 * | GET | `/__emulator/state` | | `{ now, clockFixed, AccountInArrears, instances, reservedInstances }` |
 * | GET | `/__emulator/faults` | | `{ faults }` with counters |
 * | POST | `/__emulator/faults` | `{ faults: FaultSpec[] }` | `{ faults }`; replaces the active faults |
 * | DELETE | `/__emulator/faults` | | `{ faults: [] }` |
 * | GET | `/__emulator/clock` | | `{ now, clockFixed }` |
 * | POST | `/__emulator/clock` | `{ now: "<ISO>" \| null }` | `{ now, clockFixed }`; null returns to the wall clock |
 * | GET | `/__emulator/health` | | `{ ok, accessKeyIds }` |
 *
 * Errors are `{ error: "<what is wrong>" }` with 400 (bad body), 401 (token missing or wrong), 403 (not
 * loopback, or a cross-origin browser request), 404, 405, 413 (body too large).
 *
 * @module
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import type { EcsBackend } from "../model/backend";
import { SeedError } from "../model/inventory";
import { parseIsoTime } from "../model/time";
import { BodyTooLargeError, calledHost, readBody } from "../wire/request";
import { safeEqual } from "../wire/signature";
import { FaultSpecError, type FaultRegistry } from "./faults";

/** Path prefix of the control endpoints. */
export const CONTROL_PREFIX = "/__emulator/";

/** Header that carries the control token. */
export const CONTROL_TOKEN_HEADER = "x-emulator-control-token";

/** Largest control request body (a reset seed of tens of thousands of resources fits). */
export const MAX_CONTROL_BODY_BYTES = 8 * 1024 * 1024;

/** What the control endpoints act on. */
export interface ControlDependencies {
  readonly backend: EcsBackend;
  readonly faults: FaultRegistry;
  /** The token a request must carry in {@link CONTROL_TOKEN_HEADER}. */
  readonly token: string;
}

/** A control request that cannot be served. */
class ControlError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = "ControlError";
  }
}

/** Whether a socket address is a loopback one. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/** Whether a request is addressed (its `Host` header) to a loopback name or address. */
function addressedToLoopback(req: IncomingMessage): boolean {
  const host = calledHost(req.headers);
  return host === "localhost" || host === "[::1]" || (host !== undefined && /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host));
}

/**
 * Refuses what is not the local, token-holding client the control endpoints are for.
 * @throws ControlError 403 or 401.
 */
function admit(req: IncomingMessage, token: string): void {
  if (!isLoopback(req.socket.remoteAddress)) {
    throw new ControlError(403, "control endpoints answer loopback clients only");
  }
  if (!addressedToLoopback(req)) {
    throw new ControlError(403, "control endpoints answer requests addressed to 127.0.0.1, localhost or [::1] only");
  }
  const site = req.headers["sec-fetch-site"];
  if (req.headers.origin !== undefined || (site !== undefined && site !== "none")) {
    throw new ControlError(403, "control endpoints refuse requests made by web pages (Origin / Sec-Fetch-Site)");
  }
  const sent = req.headers[CONTROL_TOKEN_HEADER];
  if (typeof sent !== "string" || sent === "") {
    throw new ControlError(401, `control endpoints need the emulator's control token in the ${CONTROL_TOKEN_HEADER} header (startEmulator() returns it, npm run emulator prints it)`);
  }
  if (!safeEqual(sent, token)) {
    throw new ControlError(401, `the ${CONTROL_TOKEN_HEADER} header is not this emulator's control token`);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json;charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let body: Buffer;
  try {
    body = await readBody(req, MAX_CONTROL_BODY_BYTES);
  } catch (e) {
    if (e instanceof BodyTooLargeError) throw new ControlError(413, `the body is larger than ${MAX_CONTROL_BODY_BYTES} bytes`);
    throw e;
  }
  const text = body.toString("utf8").trim();
  if (text === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ControlError(400, "the body is not JSON");
  }
}

function field(body: unknown, name: string): unknown {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

async function route(method: string, path: string, req: IncomingMessage, deps: ControlDependencies): Promise<unknown> {
  const { backend, faults } = deps;
  const clockView = (): { now: string; clockFixed: boolean } => ({ now: backend.clock.now().toISOString(), clockFixed: backend.clock.isFixed });
  const only = (...allowed: string[]): void => {
    if (!allowed.includes(method)) throw new ControlError(405, `${path} accepts ${allowed.join(", ")}`);
  };
  switch (path) {
    case "reset": {
      only("POST");
      backend.reset(await readJson(req));
      faults.clear();
      const s = backend.stateSnapshot();
      return { ok: true, instances: s.instances.length, reservedInstances: s.reservedInstances.length };
    }
    case "ledger":
      only("GET");
      return backend.ledgerSnapshot();
    case "state":
      only("GET");
      return backend.stateSnapshot();
    case "faults":
      only("GET", "POST", "DELETE");
      if (method === "POST") {
        const list = field(await readJson(req), "faults");
        return { faults: faults.set(list) };
      }
      if (method === "DELETE") faults.clear();
      return { faults: faults.list() };
    case "clock": {
      only("GET", "POST");
      if (method === "POST") {
        const now = field(await readJson(req), "now");
        if (now === null) {
          backend.setClock(undefined);
        } else {
          const d = typeof now === "string" ? parseIsoTime(now) : undefined;
          if (!d) throw new ControlError(400, 'body must be { "now": "<ISO 8601 time with a zone>" } or { "now": null }');
          backend.setClock(d);
        }
      }
      return clockView();
    }
    case "health":
      only("GET");
      return { ok: true, accessKeyIds: backend.accessKeys().map((k) => k.id) };
    default:
      throw new ControlError(404, `unknown control endpoint ${CONTROL_PREFIX}${path}`);
  }
}

/** Serves one control request. Never rejects. */
export async function handleControlRequest(req: IncomingMessage, res: ServerResponse, deps: ControlDependencies): Promise<void> {
  try {
    admit(req, deps.token);
    const path = (req.url ?? "").split("?")[0].slice(CONTROL_PREFIX.length).replace(/\/+$/, "");
    send(res, 200, await route((req.method ?? "GET").toUpperCase(), path, req, deps));
  } catch (e) {
    if (e instanceof ControlError) send(res, e.status, { error: e.message });
    else if (e instanceof SeedError || e instanceof FaultSpecError) send(res, 400, { error: e.message });
    else send(res, 500, { error: e instanceof Error ? e.message : String(e) });
  }
}
