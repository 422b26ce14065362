/**
 * ClientToken idempotence.
 *
 * - A token is recorded only when its request succeeded; the record keeps a fingerprint of the request
 *   (Action + every business parameter, see {@link requestFingerprint}) and the success body.
 * - Same token, same fingerprint → the stored body is answered again (new RequestId), nothing is charged.
 * - Same token, different fingerprint → 400 `IdempotenceParamNotMatch`.
 * - While the first request with a token has been applied but not yet answered (a delay or stall fault
 *   holds the answer), any request with that token → 403 `LastTokenProcessing`.
 * - Tokens are scoped to the whole emulated account (not per Action) and kept until the next reset;
 *   the ECS documentation states no retention window.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { IdempotenceParamNotMatchError, InvalidClientTokenError, LastTokenProcessingError } from "./errors";
import type { JsonObject } from "./types";

/** Longest accepted ClientToken. */
export const MAX_CLIENT_TOKEN_LENGTH = 64;

/** A recorded successful request. */
export interface IdempotenceRecord {
  /** Action of the first request. */
  action: string;
  /** {@link requestFingerprint} of the first request. */
  fingerprint: string;
  /** Success body of the first request, without RequestId. */
  response: JsonObject;
}

/**
 * Validates a ClientToken: 1–64 printable ASCII characters.
 * @throws InvalidClientTokenError
 */
export function validateClientToken(token: string): void {
  if (token.length > MAX_CLIENT_TOKEN_LENGTH || !/^[\x20-\x7e]+$/.test(token)) {
    throw new InvalidClientTokenError();
  }
}

/**
 * Deterministic fingerprint of a request: SHA-256 over the action and the sorted business parameters.
 * @param action the Action.
 * @param businessParams every request parameter except signature/common fields and ClientToken.
 */
export function requestFingerprint(action: string, businessParams: Readonly<Record<string, string>>): string {
  const sorted = Object.keys(businessParams)
    .sort()
    .map((k) => [k, businessParams[k]]);
  return createHash("sha256").update(JSON.stringify([action, sorted])).digest("hex");
}

/** Records of tokens, and the tokens whose first request is still being answered. */
export class IdempotenceStore {
  private records = new Map<string, IdempotenceRecord>();
  /** Tokens in flight, each with the marker of the commit that holds it. */
  private readonly inFlight = new Map<string, object>();

  /**
   * Looks a token up before a mutation runs.
   * @returns the stored success body when this is a replay, `undefined` when the token is new.
   * @throws LastTokenProcessingError, IdempotenceParamNotMatchError
   */
  lookup(token: string, fingerprint: string): JsonObject | undefined {
    if (this.inFlight.has(token)) {
      throw new LastTokenProcessingError();
    }
    const record = this.records.get(token);
    if (!record) {
      return undefined;
    }
    if (record.fingerprint !== fingerprint) {
      throw new IdempotenceParamNotMatchError();
    }
    return JSON.parse(JSON.stringify(record.response)) as JsonObject;
  }

  /**
   * Records a successful request and marks its token in flight until {@link release}.
   * @param marker identifies the commit; only the same marker releases the token.
   */
  record(token: string, record: IdempotenceRecord, marker: object): void {
    this.records.set(token, JSON.parse(JSON.stringify(record)) as IdempotenceRecord);
    this.inFlight.set(token, marker);
  }

  /** Marks a token's first request as answered (or abandoned); ignored if another commit holds it now. */
  release(token: string, marker: object): void {
    if (this.inFlight.get(token) === marker) this.inFlight.delete(token);
  }

  /** All records, for persistence. */
  snapshot(): Record<string, IdempotenceRecord> {
    return Object.fromEntries(this.records);
  }

  /** Replaces the records (used when loading a state file). */
  restore(records: Record<string, IdempotenceRecord>): void {
    this.records = new Map(Object.entries(records));
    this.inFlight.clear();
  }

  /** Forgets every token. */
  clear(): void {
    this.records.clear();
    this.inFlight.clear();
  }
}
