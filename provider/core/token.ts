/**
 * ClientToken derivation: the heart of the never-renew-twice promise.
 *
 * Formula (version 1):
 *
 *     token = "rl1-" + hex(SHA-256(JSON.stringify(["pulumi-alicloud-renewal/client-token/v1", creationUrn, sequence, sortedIds])))[0..60]
 *
 * - `creationUrn` is the lease's URN when it was created (kept in state, so a
 *   rename with aliases keeps every token);
 * - `sequence` is the renewal step number (1 for the create, +1 for each update
 *   that asks for another term);
 * - `sortedIds` are the target ids of that one call, sorted.
 *
 * The token depends on nothing a renewal changes (no expiry, no time), so a retry
 * of the same step after a silent success re-sends the same token and ECS answers
 * with the original result instead of charging again. The result is 64 ASCII
 * characters and reveals nothing about the stack but a hash.
 *
 * Rule: the formula never changes under the same prefix. A step started by one version
 * and finished by another must send the same token, or ECS sees a new order and charges
 * again. A new formula gets a new prefix (`rl2-`) and a new domain string, the old
 * formula stays available for steps recorded with `rl1-` tokens, and
 * `tests/provider/token.spec.ts` pins both with golden vectors.
 */
import { createHash } from "crypto";

/** Prefix that names the formula's version, so a future change of formula cannot collide. */
export const CLIENT_TOKEN_PREFIX = "rl1-";

/** ECS accepts ClientTokens of at most this many ASCII characters. */
export const MAX_CLIENT_TOKEN_LENGTH = 64;

const DOMAIN = "pulumi-alicloud-renewal/client-token/v1";

/**
 * Derives the ClientToken of one renewal call.
 *
 * @param creationUrn - The lease's URN at creation.
 * @param sequence - The renewal step number (a positive integer).
 * @param ids - The ids renewed by this call (order does not matter).
 */
export function deriveClientToken(creationUrn: string, sequence: number, ids: readonly string[]): string {
    if (!Number.isInteger(sequence) || sequence < 1) {
        throw new RangeError(`renewal sequence must be a positive integer; got ${sequence}`);
    }
    if (ids.length === 0) {
        throw new RangeError("a renewal call needs at least one target id");
    }
    const material = JSON.stringify([DOMAIN, creationUrn, sequence, [...ids].sort()]);
    const digest = createHash("sha256").update(material, "utf8").digest("hex");
    return CLIENT_TOKEN_PREFIX + digest.slice(0, MAX_CLIENT_TOKEN_LENGTH - CLIENT_TOKEN_PREFIX.length);
}

/** Derives the lease's resource id from its creation URN: stable, short, and opaque. */
export function deriveLeaseId(creationUrn: string): string {
    return "lease-" + createHash("sha256").update(creationUrn, "utf8").digest("hex").slice(0, 20);
}
