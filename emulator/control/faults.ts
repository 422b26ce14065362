/**
 * Injected faults (`POST /__emulator/faults`), to test clients against the failures a real network
 * and a real service produce.
 *
 * A fault applies to one Action (or `"*"` for any). Its counter counts the authenticated calls of that
 * Action since the fault was set (1-based); it fires on calls `nth` … `nth + times - 1`. When several
 * faults fire on the same call, the first in the list wins (all counters advance).
 *
 * Kinds:
 * - `error`: answer `status`/`code`/`message` (default 500 `InternalError`; a known code such as
 *   `Throttling.User` gets its usual status and message) without touching state;
 *   `retryAfterMs` adds the `x-acs-retry-after` header (read by the SDK for Throttling errors);
 *   with `perSecond` it fires only on the calls beyond that many in the last second (a flow
 *   control: the calls it answers are not counted against the allowance).
 * - `reset-before-commit`: destroy the connection without applying anything.
 * - `reset-after-commit`: apply the request (state, ledger, token), then destroy the connection.
 * - `delay-after-commit`: apply, then answer only after `delayMs` (default 10000 ms, longer than the
 *   SDK's 3 s default timeouts). Until then the token and the resources are in flight.
 * - `stall-after-commit`: apply, then never answer; the request is settled when the client closes
 *   the connection (or the emulator stops).
 *
 * @module
 */

/** Fault kinds. */
export const FAULT_KINDS = ["error", "reset-before-commit", "reset-after-commit", "delay-after-commit", "stall-after-commit"] as const;

/** A fault kind. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Default delay of `delay-after-commit`, in ms. */
export const DEFAULT_FAULT_DELAY_MS = 10_000;

/** A fault as the control endpoint accepts it. */
export interface FaultSpec {
  /** Action name, or `"*"` for every Action. */
  action: string;
  /** First call (1-based, counted since the fault was set) on which it fires. Default 1. */
  nth?: number;
  kind: FaultKind;
  /** `error` only: wire code, default `InternalError`. */
  code?: string;
  /** `error` only: HTTP status; default the code's usual status, else 500. */
  status?: number;
  /** `error` only: message; a known code gets the service's message by default. */
  message?: string;
  /** `error` only: value of the `x-acs-retry-after` header, in ms. */
  retryAfterMs?: number;
  /** `delay-after-commit` only: delay in ms, default {@link DEFAULT_FAULT_DELAY_MS}. */
  delayMs?: number;
  /**
   * `error` only: fire only on the calls (among `nth` … `nth + times - 1`) beyond this many let
   * through in the last second, as a flow control does.
   */
  perSecond?: number;
  /** Number of consecutive calls it fires on, from `nth`. Default 1. */
  times?: number;
}

/** A fault with its defaults applied and its counters. */
export interface FaultStatus extends Required<Omit<FaultSpec, "code" | "status" | "message" | "retryAfterMs" | "delayMs" | "perSecond">> {
  code?: string;
  perSecond?: number;
  status?: number;
  message?: string;
  retryAfterMs?: number;
  delayMs?: number;
  /** Calls of the action seen since the fault was set. */
  seen: number;
  /** Times it fired. */
  fired: number;
}

/** An invalid fault list; the control endpoint answers 400. */
export class FaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FaultSpecError";
  }
}

/** Status and message of well-known codes, used when an `error` fault leaves them out. */
export const KNOWN_ERRORS: Readonly<Record<string, { readonly status: number; readonly message: string }>> = {
  InternalError: { status: 500, message: "The request processing has failed due to some unknown error." },
  ServiceUnavailable: { status: 503, message: "The request has failed due to a temporary failure of the server." },
  Throttling: { status: 400, message: "Request was denied due to request throttling." },
  "Throttling.User": { status: 400, message: "Request was denied due to user flow control." },
  "Throttling.Api": { status: 400, message: "Request was denied due to api flow control." },
  LastOrderProcessing: { status: 400, message: "The previous order is still processing, please try again later." },
  "Idempotence.Processing": { status: 400, message: "The previous request is still processing, please try again later." },
  LastTokenProcessing: { status: 403, message: "The last token request is processing." },
};

/** Status, code and message an `error` fault answers with, defaults applied. */
export function faultError(f: Pick<FaultSpec, "code" | "status" | "message">): { status: number; code: string; message: string } {
  const code = f.code ?? "InternalError";
  const known = KNOWN_ERRORS[code];
  return {
    code,
    status: f.status ?? known?.status ?? 500,
    message: f.message ?? known?.message ?? `Injected fault ${code}.`,
  };
}

function positiveInt(v: unknown, field: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw new FaultSpecError(`${field} must be a positive integer`);
  return v;
}

/**
 * Validates one fault and applies defaults.
 * @throws FaultSpecError
 */
export function validateFault(raw: unknown, index: number): FaultStatus {
  const where = `faults[${index}]`;
  if (typeof raw !== "object" || raw === null) throw new FaultSpecError(`${where} must be an object`);
  const f = raw as Partial<Record<keyof FaultSpec, unknown>>;
  if (typeof f.action !== "string" || f.action === "") throw new FaultSpecError(`${where}.action must be an Action name or "*"`);
  if (typeof f.kind !== "string" || !(FAULT_KINDS as readonly string[]).includes(f.kind)) {
    throw new FaultSpecError(`${where}.kind must be one of ${FAULT_KINDS.join(", ")}`);
  }
  const out: FaultStatus = {
    action: f.action,
    kind: f.kind as FaultKind,
    nth: positiveInt(f.nth, `${where}.nth`, 1),
    times: positiveInt(f.times, `${where}.times`, 1),
    seen: 0,
    fired: 0,
  };
  if (f.code !== undefined) {
    if (typeof f.code !== "string" || f.code === "") throw new FaultSpecError(`${where}.code must be a non-empty string`);
    out.code = f.code;
  }
  if (f.status !== undefined) {
    if (typeof f.status !== "number" || !Number.isInteger(f.status) || f.status < 400 || f.status > 599) {
      throw new FaultSpecError(`${where}.status must be an HTTP error status (400-599)`);
    }
    out.status = f.status;
  }
  if (f.message !== undefined) {
    if (typeof f.message !== "string") throw new FaultSpecError(`${where}.message must be a string`);
    out.message = f.message;
  }
  if (f.retryAfterMs !== undefined) out.retryAfterMs = positiveInt(f.retryAfterMs, `${where}.retryAfterMs`, 1);
  if (f.perSecond !== undefined) {
    if (out.kind !== "error") throw new FaultSpecError(`${where}.perSecond applies to error faults only`);
    out.perSecond = positiveInt(f.perSecond, `${where}.perSecond`, 1);
  }
  if (f.delayMs !== undefined) {
    if (typeof f.delayMs !== "number" || !Number.isInteger(f.delayMs) || f.delayMs < 0) throw new FaultSpecError(`${where}.delayMs must be a non-negative integer`);
    out.delayMs = f.delayMs;
  }
  return out;
}

/** The active faults. */
export class FaultRegistry {
  private faults: FaultStatus[] = [];
  /** Per `perSecond` fault: when the calls it let through arrived (ms), oldest first. */
  private passed = new Map<FaultStatus, number[]>();

  /** @param now clock of the `perSecond` allowance, in ms (the wall clock: flow control is not the model's time). */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * Replaces the active faults (counters start at zero).
   * @throws FaultSpecError (nothing changes then)
   */
  set(raw: unknown): FaultStatus[] {
    if (!Array.isArray(raw)) throw new FaultSpecError("faults must be an array");
    this.faults = raw.map((f, i) => validateFault(f, i));
    this.passed = new Map();
    return this.list();
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
    this.passed = new Map();
  }

  /** The active faults with their counters. */
  list(): FaultStatus[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /**
   * Counts one authenticated call of `action` and returns the fault that fires on it, if any.
   */
  next(action: string): FaultStatus | undefined {
    let firing: FaultStatus | undefined;
    for (const f of this.faults) {
      if (f.action !== action && f.action !== "*") continue;
      f.seen += 1;
      if (!firing && f.seen >= f.nth && f.seen < f.nth + f.times && this.overAllowance(f)) {
        f.fired += 1;
        firing = { ...f };
      }
    }
    return firing;
  }

  /** Whether a `perSecond` fault is over its allowance now (counting this call as let through if not); true without `perSecond`. */
  private overAllowance(f: FaultStatus): boolean {
    if (f.perSecond === undefined) return true;
    const now = this.now();
    const times = this.passed.get(f) ?? [];
    while (times.length > 0 && times[0] <= now - 1000) times.shift();
    this.passed.set(f, times);
    if (times.length >= f.perSecond) return true;
    times.push(now);
    return false;
  }
}
