/**
 * Starting and stopping the emulator programmatically.
 *
 * ```ts
 * const emu = await startEmulator({ port: 0, seed: demoSeed() });
 * const client = new Ecs(new $OpenApiUtil.Config({ accessKeyId: emu.accessKeys[0].id,
 *   accessKeySecret: emu.accessKeys[0].secret, endpoint: emu.endpoint, protocol: "http", regionId: "cn-hangzhou" }));
 * // ...
 * await emu.control.ledger();   // the control client already carries emu.controlToken
 * await emu.stop();
 * ```
 *
 * @module
 */

import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { FaultRegistry } from "./control/faults";
import { CONTROL_PREFIX, handleControlRequest } from "./control/routes";
import { EmulatorControlClient } from "./control-client";
import { EcsBackend } from "./model/backend";
import { EcsError } from "./model/errors";
import { accessKeysFromSeed } from "./model/inventory";
import type { AccessKey, SeedInventory } from "./model/types";
import { handleEcsRequest, type PendingAnswer } from "./wire/endpoint";
import { NonceCache } from "./wire/nonces";
import { newRequestId, rawErrorAnswer } from "./wire/render";

export type { AccessKey, SeedInventory } from "./model/types";

/** The AccessKey accepted when no other is configured. */
export const DEFAULT_ACCESS_KEY: AccessKey = Object.freeze({ id: "LTAIemulator0000000001", secret: "emulator-secret-0000000000000001" });

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. Control endpoints answer local clients holding the control token only anyway. */
  host?: string;
  /** JSON state file: loaded at start when it exists, rewritten after every mutation. */
  stateFile?: string;
  /** Accepted AccessKeys; default `[DEFAULT_ACCESS_KEY]`. A reset body with `accessKeys` replaces them. */
  accessKeys?: AccessKey[];
  /** Initial inventory; ignored when `stateFile` exists (the stored state wins). */
  seed?: SeedInventory;
  /** Where unexpected internal errors are reported; default `console.error`. */
  log?: (line: string) => void;
}

/** A running emulator. */
export interface RunningEmulator {
  /** `127.0.0.1:PORT`: what the SDK's `Config.endpoint` takes (with `protocol: "http"`). */
  readonly endpoint: string;
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The AccessKeys accepted right now. */
  readonly accessKeys: AccessKey[];
  /**
   * The secret of this process's control endpoints (random, new at every start): they answer only
   * requests that carry it in the `x-emulator-control-token` header.
   */
  readonly controlToken: string;
  /** Client of the control endpoints (sends {@link controlToken}). */
  readonly control: EmulatorControlClient;
  /** Stops listening, drops every connection (stalled ones too) and writes the state file. */
  stop(): Promise<void>;
}

/**
 * Answers a request Node's HTTP parser refused (bare CR, two Content-Length headers, Content-Length
 * with Transfer-Encoding, a bad request line, …) with a JSON 400, then closes the connection. A socket
 * that is already gone is just destroyed.
 */
function answerUnparsable(err: NodeJS.ErrnoException, socket: Duplex, backend: EcsBackend): void {
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const timeout = err.code === "ERR_HTTP_REQUEST_TIMEOUT";
  const error = timeout
    ? new EcsError(408, "RequestTimeout", "The request was not received in time.")
    : new EcsError(400, "BadRequest", `The HTTP request is malformed (${err.code ?? "parse error"}).`);
  socket.end(rawErrorAnswer(error, { requestId: newRequestId(), clock: backend.clock }));
}

/**
 * Starts an emulator.
 * @throws Error when the port is taken, the state file is unreadable, or the seed / keys are invalid.
 */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? "127.0.0.1";
  const log = opts.log ?? ((line: string) => console.error(`[emulator] ${line}`));
  const backend = new EcsBackend({ accessKeys: accessKeysFromSeed(opts.accessKeys ?? [DEFAULT_ACCESS_KEY]), stateFile: opts.stateFile });
  if (opts.seed && !backend.loadedFromFile) {
    backend.reset(opts.seed);
  }
  const faults = new FaultRegistry();
  const pending = new Set<PendingAnswer>();
  const nonces = new NonceCache();
  const controlToken = randomBytes(32).toString("base64url");
  const server: Server = createServer((req, res) => {
    const work = (req.url ?? "").startsWith(CONTROL_PREFIX)
      ? handleControlRequest(req, res, { backend, faults, token: controlToken })
      : handleEcsRequest(req, res, { backend, nonces, faults, pending, wall: Date.now, log });
    work.catch((e: unknown) => log(`unhandled: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
  });
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => answerUnparsable(err, socket, backend));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostPart = host.includes(":") ? `[${host}]` : host;
  const endpoint = `${hostPart}:${port}`;
  const url = `http://${endpoint}`;
  let stopped: Promise<void> | undefined;

  return {
    endpoint,
    url,
    get accessKeys(): AccessKey[] {
      return backend.accessKeys();
    },
    controlToken,
    control: new EmulatorControlClient(url, controlToken),
    stop(): Promise<void> {
      stopped ??= new Promise<void>((resolve) => {
        [...pending].forEach((p) => p.cancel());
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => backend.flush());
      return stopped;
    },
  };
}
