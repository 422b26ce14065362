/**
 * Client-side pacing. ECS throttles each API operation per region and account separately,
 * so the provider paces each (action, region) on its own:
 *
 * - an optional hard ceiling (`maxCallsPerSecond`, off by default): a fixed token bucket,
 *   {@link createTokenBucket};
 * - adaptive pacing (`adaptive-rate.ts`): full speed until ECS throttles, then a rate
 *   learned from the throttling answers that recovers over time.
 *
 * A throttled answer also pauses its operation for the server's `x-acs-retry-after` when it
 * sends one (a ceiling without adaptive pacing pauses {@link DEFAULT_THROTTLE_PAUSE_MS} when it
 * does not), so the calls queued behind it wait instead of being throttled in turn.
 */

import { AdaptiveRate, createAdaptiveRate } from "./adaptive-rate";

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

/** Pacing by ECS action and region. */
export interface CallRateLimiter {
    /** Waits until a call of `action` in `regionId` may be sent. */
    acquire(action: string, regionId: string): Promise<void>;
    /** Tells that ECS answered a call of `action` in `regionId` with anything but throttling. */
    answered(action: string, regionId: string): void;
    /** Tells that ECS throttled a call of `action` in `regionId`, asking to wait `retryAfterMs` when known. */
    throttled(action: string, regionId: string, retryAfterMs?: number): void;
    /**
     * The rate, in calls per second, the adaptive pacing currently allows `action` in `regionId`;
     * `undefined` while it has never been throttled there (full speed). The ceiling is not included.
     */
    learnedRate(action: string, regionId: string): number | undefined;
}

/** Pause of a ceiling without adaptive pacing after a throttled answer without `x-acs-retry-after`. */
export const DEFAULT_THROTTLE_PAUSE_MS = 1000;

/** Options of {@link createCallRateLimiter}. */
export interface CallRateLimiterOptions {
    /** Hard ceiling, in calls per second for each action in each region; absent: none. */
    readonly ceilingPerSecond?: number;
    /** Whether to learn a rate from throttling answers (default true). */
    readonly adaptive?: boolean;
    /** Time source. */
    readonly clock?: RateClock;
}

/**
 * Creates the per-(action, region) limiter.
 *
 * @param options - Ceiling, adaptive pacing, clock.
 */
export function createCallRateLimiter(options: CallRateLimiterOptions = {}): CallRateLimiter {
    const clock = options.clock ?? REAL_CLOCK;
    const adaptive = options.adaptive ?? true;
    const ceiling = options.ceilingPerSecond;
    interface Pace {
        readonly ceiling?: TokenBucket;
        readonly learned?: AdaptiveRate;
    }
    const paces = new Map<string, Pace>();
    const pace = (action: string, regionId: string): Pace => {
        const key = `${action}@${regionId}`;
        let p = paces.get(key);
        if (!p) {
            p = {
                ...(ceiling !== undefined ? { ceiling: createTokenBucket(ceiling, undefined, clock) } : {}),
                ...(adaptive ? { learned: createAdaptiveRate(clock) } : {}),
            };
            paces.set(key, p);
        }
        return p;
    };
    return {
        async acquire(action, regionId) {
            const p = pace(action, regionId);
            await p.ceiling?.take();
            await p.learned?.take();
        },
        answered(action, regionId) {
            pace(action, regionId).learned?.answered();
        },
        throttled(action, regionId, retryAfterMs) {
            const p = pace(action, regionId);
            // With adaptive pacing the lowered rate is the backoff; a fixed ceiling has only the pause.
            const pauseMs = retryAfterMs ?? (p.learned ? undefined : DEFAULT_THROTTLE_PAUSE_MS);
            if (pauseMs !== undefined) {
                p.ceiling?.pause(pauseMs);
            }
            p.learned?.throttled(retryAfterMs);
        },
        learnedRate: (action, regionId) => pace(action, regionId).learned?.rate(),
    };
}
