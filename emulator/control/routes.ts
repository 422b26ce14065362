/**
 * The `/__emulator/*` control endpoints (not part of the ECS API), served to loopback clients only:
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
 * Errors are `{ error: "<what is wrong>" }` with 400 (bad body), 403 (not loopback), 404, 405.
 *
 * @module
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import type { EcsBackend } from "../model/backend";
import { SeedError } from "../model/inventory";
import { parseIsoTime } from "../model/time";
import { FaultSpecError, type FaultRegistry } from "./faults";

/** Path prefix of the control endpoints. */
export const CONTROL_PREFIX = "/__emulator/";

/** What the control endpoints act on. */
export interface ControlDependencies {
  readonly backend: EcsBackend;
  readonly faults: FaultRegistry;
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

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json;charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8").trim();
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
    if (!isLoopback(req.socket.remoteAddress)) {
      throw new ControlError(403, "control endpoints answer loopback clients only");
    }
    const path = (req.url ?? "").split("?")[0].slice(CONTROL_PREFIX.length).replace(/\/+$/, "");
    send(res, 200, await route((req.method ?? "GET").toUpperCase(), path, req, deps));
  } catch (e) {
    if (e instanceof ControlError) send(res, e.status, { error: e.message });
    else if (e instanceof SeedError || e instanceof FaultSpecError) send(res, 400, { error: e.message });
    else send(res, 500, { error: e instanceof Error ? e.message : String(e) });
  }
}
