/**
 * A small typed HTTP client for the emulator's `/__emulator/*` control endpoints, for tests, the demo
 * and benchmarks. Uses only `node:http`; every call opens and closes its own connection and carries
 * the emulator's control token.
 *
 * @module
 */

import { request } from "node:http";
import type { FaultSpec, FaultStatus } from "./control/faults";
import { CONTROL_TOKEN_HEADER } from "./control/routes";
import type { LedgerSnapshot, SeedInventory, StateSnapshot } from "./model/types";

/** Answer of `POST /__emulator/reset`. */
export interface ResetResult {
  ok: boolean;
  instances: number;
  reservedInstances: number;
}

/** Answer of the clock endpoints. */
export interface ClockState {
  /** The model clock, ISO 8601. */
  now: string;
  /** Whether it is fixed (else it follows the wall clock). */
  clockFixed: boolean;
}

/** A control call answered with a non-2xx status. */
export class ControlRequestError extends Error {
  /**
   * @param status HTTP status.
   * @param message the endpoint's `error` text.
   */
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = "ControlRequestError";
  }
}

/** Client of one emulator's control endpoints. */
export class EmulatorControlClient {
  /**
   * @param url base URL of the emulator, e.g. `http://127.0.0.1:40123`.
   * @param token the emulator's control token (`RunningEmulator.controlToken`, or `controlToken` in
   *   the `--json` line of `npm run emulator`).
   */
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  /** Replaces all state with a seed (also clears ledger, tokens and faults). */
  reset(body: SeedInventory): Promise<ResetResult> {
    return this.call<ResetResult>("POST", "reset", body);
  }

  /** Charges and call counts. */
  ledger(): Promise<LedgerSnapshot> {
    return this.call<LedgerSnapshot>("GET", "ledger");
  }

  /** Stored instances and reserved instances, and the model clock. */
  state(): Promise<StateSnapshot> {
    return this.call<StateSnapshot>("GET", "state");
  }

  /** Active faults with their counters. */
  async faults(): Promise<FaultStatus[]> {
    return (await this.call<{ faults: FaultStatus[] }>("GET", "faults")).faults;
  }

  /** Replaces the active faults. */
  async setFaults(faults: FaultSpec[]): Promise<FaultStatus[]> {
    return (await this.call<{ faults: FaultStatus[] }>("POST", "faults", { faults })).faults;
  }

  /** Removes every fault. */
  async clearFaults(): Promise<void> {
    await this.call<{ faults: FaultStatus[] }>("DELETE", "faults");
  }

  /** Fixes the model clock at an ISO time, or returns it to the wall clock with `null`. */
  setClock(iso: string | null): Promise<ClockState> {
    return this.call<ClockState>("POST", "clock", { now: iso });
  }

  /** The model clock. */
  clock(): Promise<ClockState> {
    return this.call<ClockState>("GET", "clock");
  }

  /** Liveness and the accepted AccessKey ids. */
  health(): Promise<{ ok: boolean; accessKeyIds: string[] }> {
    return this.call<{ ok: boolean; accessKeyIds: string[] }>("GET", "health");
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(`/__emulator/${path}`, this.url);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), "utf8");
    return new Promise<T>((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          agent: false,
          headers: {
            [CONTROL_TOKEN_HEADER]: this.token,
            ...(payload ? { "content-type": "application/json", "content-length": payload.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown;
            try {
              parsed = text === "" ? {} : JSON.parse(text);
            } catch {
              reject(new ControlRequestError(res.statusCode ?? 0, `non-JSON answer from ${url.href}: ${text.slice(0, 200)}`));
              return;
            }
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) {
              const message = typeof parsed === "object" && parsed !== null && "error" in parsed ? String((parsed as { error: unknown }).error) : text;
              reject(new ControlRequestError(status, message));
              return;
            }
            resolve(parsed as T);
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }
}
