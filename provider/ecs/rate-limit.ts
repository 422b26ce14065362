/**
 * Client-side rate limits. ECS throttles each API operation per region and account
 * separately, so the provider keeps one token bucket per (action, region): at most
 * `ratePerSecond` calls per second on average, with bursts of up to one second's worth.
 * A throttled answer pauses its bucket (for the server's `x-acs-retry-after` when it
 * sends one), so the calls queued behind it wait instead of being throttled in turn.
 */

/** Time, injectable so tests are deterministic. */
export interface RateClock {
    /** Milliseconds since an arbitrary origin. */
    readonly now: () => number;
    /** Waits `ms` milliseconds. */
    readonly sleep: (ms: number) => Promise<void>;
}

/** The real clock. */
export const REAL_CLOCK: RateClock = {
    now: () => performance.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** One token bucket. */
export interface TokenBucket {
    /** Waits until a call may be sent, and counts it. */
    take(): Promise<void>;
    /** Lets no call through for `ms` milliseconds, then resumes at the steady rate (no burst). */
    pause(ms: number): void;
}

/**
 * Creates a token bucket (a generic cell rate algorithm: each call is given the first
 * free slot, so waiting callers are served in order).
 *
 * @param ratePerSecond - Average calls per second (> 0).
 * @param burst - Calls that may go at once after a quiet period (default: one second's worth, at least 1).
 * @param clock - Time source.
 */
export function createTokenBucket(ratePerSecond: number, burst = Math.max(1, Math.floor(ratePerSecond)), clock: RateClock = REAL_CLOCK): TokenBucket {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
        throw new RangeError(`ratePerSecond must be a positive number; got ${ratePerSecond}`);
    }
    const interval = 1000 / ratePerSecond;
    const burstWindow = (Math.max(1, burst) - 1) * interval;
    // Theoretical arrival time of the next call at the steady rate.
    let tat = -Infinity;
    return {
        async take() {
            const now = clock.now();
            const slot = Math.max(now, tat - burstWindow);
            tat = Math.max(tat, slot) + interval;
            if (slot > now) {
                await clock.sleep(slot - now);
            }
        },
        pause(ms) {
            tat = Math.max(tat, clock.now() + ms + burstWindow);
        },
    };
}

/** Token buckets by ECS action and region. */
export interface CallRateLimiter {
    /** Waits until a call of `action` in `regionId` may be sent. */
    acquire(action: string, regionId: string): Promise<void>;
    /** Tells that ECS throttled a call of `action` in `regionId`, asking to wait `retryAfterMs` when known. */
    throttled(action: string, regionId: string, retryAfterMs?: number): void;
}

/** Pause of a bucket after a throttled answer without `x-acs-retry-after`. */
export const DEFAULT_THROTTLE_PAUSE_MS = 1000;

/**
 * Creates the per-(action, region) limiter.
 *
 * @param ratePerSecond - Calls per second allowed for each action in each region.
 * @param clock - Time source.
 */
export function createCallRateLimiter(ratePerSecond: number, clock: RateClock = REAL_CLOCK): CallRateLimiter {
    const buckets = new Map<string, TokenBucket>();
    const bucket = (action: string, regionId: string): TokenBucket => {
        const key = `${action}@${regionId}`;
        let b = buckets.get(key);
        if (!b) {
            b = createTokenBucket(ratePerSecond, undefined, clock);
            buckets.set(key, b);
        }
        return b;
    };
    return {
        acquire: (action, regionId) => bucket(action, regionId).take(),
        throttled: (action, regionId, retryAfterMs) => bucket(action, regionId).pause(retryAfterMs ?? DEFAULT_THROTTLE_PAUSE_MS),
    };
}
