/**
 * The ECS RPC endpoint: one request from socket to answer.
 *
 * Pipeline: read and parse → method (GET/POST) → authenticate → count the call under its Action →
 * Version `2014-05-26` → Action implemented → injected fault
 * (`error` / `reset-before-commit` stop here) → handler → deliver the answer (now, or as the
 * `*-after-commit` fault says) → settle the commit. Every answer's `Date` header is the model clock's
 * time when it is written; signature timestamps are checked against `wall` only. Nothing is counted
 * or stored for a request that fails before authentication, so unsigned traffic cannot grow the
 * emulator's memory or state.
 *
 * @module
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { DEFAULT_FAULT_DELAY_MS, faultError, type FaultRegistry, type FaultStatus } from "../control/faults";
import type { Commit, EcsBackend } from "../model/backend";
import { EcsError, InternalError, MissingParameterError } from "../model/errors";
import { NO_ACTION } from "../model/ledger";
import { ACTIONS } from "./actions";
import { authenticate, requestedAction, requestedVersion } from "./auth";
import { ActionNotFoundError, InvalidVersionError, UnsupportedHttpMethodError } from "./errors";
import type { NonceCache } from "./nonces";
import { ParamReader } from "./params";
import { newRequestId, sendError, sendSuccess, type AnswerContext } from "./render";
import { calledHost, parseWireRequest, readBody, type WireRequest } from "./request";

/** The only API version served. */
export const API_VERSION = "2014-05-26";

/** An answer held back by a delay or stall fault; cancelled when the emulator stops. */
export interface PendingAnswer {
  /** Stops waiting and settles the commit without answering. */
  cancel(): void;
}

/** What the endpoint needs. */
export interface EcsEndpointDependencies {
  readonly backend: EcsBackend;
  readonly nonces: NonceCache;
  readonly faults: FaultRegistry;
  /** Wall clock in ms (signature timestamps). */
  readonly wall: () => number;
  /** Answers held back by faults. */
  readonly pending: Set<PendingAnswer>;
  /** Reports unexpected (non-ECS) errors. */
  readonly log: (message: string) => void;
}

/** Destroys the connection without an answer. */
function dropConnection(res: ServerResponse): void {
  res.destroy();
}

/** Sends an answer as the fault (if any) says, then settles. */
function deliver(res: ServerResponse, fault: FaultStatus | undefined, send: () => void, settle: () => void, deps: EcsEndpointDependencies): void {
  switch (fault?.kind) {
    case "reset-after-commit":
      dropConnection(res);
      settle();
      return;
    case "delay-after-commit": {
      const entry: PendingAnswer = {
        cancel: () => {
          clearTimeout(timer);
          deps.pending.delete(entry);
          settle();
        },
      };
      const timer = setTimeout(() => {
        deps.pending.delete(entry);
        send();
        settle();
      }, fault.delayMs ?? DEFAULT_FAULT_DELAY_MS);
      deps.pending.add(entry);
      return;
    }
    case "stall-after-commit": {
      const entry: PendingAnswer = {
        cancel: () => {
          deps.pending.delete(entry);
          settle();
        },
      };
      deps.pending.add(entry);
      res.once("close", () => entry.cancel());
      return;
    }
    default:
      send();
      settle();
  }
}

function dispatch(wreq: WireRequest, action: string, requestId: string, deps: EcsEndpointDependencies): { fault: FaultStatus | undefined; run: () => Commit } {
  if (wreq.method !== "POST" && wreq.method !== "GET") {
    throw new UnsupportedHttpMethodError();
  }
  const auth = authenticate(wreq, { findKey: (id) => deps.backend.findAccessKey(id), nonces: deps.nonces, wall: deps.wall });
  deps.backend.countCall(action);
  const version = requestedVersion(wreq);
  if (version === undefined || version === "") throw new MissingParameterError("Version");
  if (version !== API_VERSION) throw new InvalidVersionError();
  if (action === NO_ACTION) throw new MissingParameterError("Action");
  if (!Object.prototype.hasOwnProperty.call(ACTIONS, action)) throw new ActionNotFoundError(action);
  const handler = ACTIONS[action];
  const fault = deps.faults.next(action);
  return {
    fault,
    run: () => handler({ action, params: new ParamReader(wreq.params), backend: deps.backend, requestId, accessKeyId: auth.accessKeyId }),
  };
}

/** Serves one ECS request. Never rejects. */
export async function handleEcsRequest(req: IncomingMessage, res: ServerResponse, deps: EcsEndpointDependencies): Promise<void> {
  const requestId = newRequestId();
  const answer: AnswerContext = { requestId, clock: deps.backend.clock, hostId: calledHost(req.headers) };
  let wreq: WireRequest;
  try {
    wreq = parseWireRequest(req, await readBody(req));
  } catch (e) {
    sendError(res, e instanceof EcsError ? e : new InternalError(), answer);
    return;
  }
  const action = requestedAction(wreq) || NO_ACTION;

  let fault: FaultStatus | undefined;
  let commit: Commit | undefined;
  let failure: EcsError | undefined;
  try {
    const d = dispatch(wreq, action, requestId, deps);
    fault = d.fault;
    if (fault?.kind === "error") {
      const e = faultError(fault);
      const extra: Record<string, string> = fault.retryAfterMs !== undefined ? { "x-acs-retry-after": String(fault.retryAfterMs) } : {};
      sendError(res, new EcsError(e.status, e.code, e.message), answer, extra);
      return;
    }
    if (fault?.kind === "reset-before-commit") {
      dropConnection(res);
      return;
    }
    commit = d.run();
  } catch (e) {
    if (e instanceof EcsError) {
      failure = e;
    } else {
      deps.log(`unexpected error in ${action}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      failure = new InternalError();
    }
  }
  const done = commit;
  const err = failure;
  deliver(
    res,
    fault,
    () => (done ? sendSuccess(res, done.body, answer) : sendError(res, err ?? new InternalError(), answer)),
    () => done?.settle(),
    deps,
  );
}
