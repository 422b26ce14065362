/**
 * Replay protection: a signature nonce may be used once per AccessKey within the timestamp window.
 * Nonces older than the window can be forgotten, since a request that old fails the timestamp check.
 *
 * @module
 */

/** How long a nonce is remembered, in ms (equal to the timestamp window). */
export const NONCE_TTL_MS = 15 * 60 * 1000;

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
