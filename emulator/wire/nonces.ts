/**
 * Replay protection: a signature nonce may be used once per AccessKey for as long as a request
 * carrying it could still pass the timestamp check. A timestamp is accepted up to the window either
 * side of the wall clock, so a request that arrives dated a full window ahead stays acceptable until
 * two windows after its arrival: nonces are remembered that long, counted from arrival.
 *
 * @module
 */

import { TIMESTAMP_WINDOW_MS } from "./auth";

/** How long a nonce is remembered after its first use, in ms: twice the timestamp window. */
export const NONCE_TTL_MS = 2 * TIMESTAMP_WINDOW_MS;

/** Nonces seen recently, keyed by AccessKey id and nonce. */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  /** @param wall wall clock in ms, injectable for tests. */
  constructor(private readonly wall: () => number = Date.now) {}

  /**
   * Records a nonce.
   * @returns false when it was already used within {@link NONCE_TTL_MS}.
   */
  use(accessKeyId: string, nonce: string): boolean {
    const now = this.wall();
    this.prune(now);
    const key = `${accessKeyId}\n${nonce}`;
    if (this.seen.has(key)) {
      return false;
    }
    this.seen.set(key, now);
    return true;
  }

  /** Drops expired nonces (the map is in insertion order, so oldest first). */
  private prune(now: number): void {
    for (const [key, at] of this.seen) {
      if (now - at <= NONCE_TTL_MS) break;
      this.seen.delete(key);
    }
  }
}
