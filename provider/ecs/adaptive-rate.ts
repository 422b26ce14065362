/**
 * Adaptive pacing of one ECS operation in one region: the scheme of the AWS SDKs' `adaptive`
 * retry mode (as botocore implements it in `retries/adaptive.py`, `bucket.py` and `cubic.py`),
 * chosen over plain AIMD because its recovery is a function of time since the last
 * throttling answer rather than of the number of successes, so an operation called rarely
 * (a renewal now and then) regains full speed as fast as a busy one, and because it backs
 * off from the rate actually measured rather than from a nominal one.
 *
 * - Until ECS first throttles the operation, calls are not paced at all.
 * - Every answer is counted in a measured rate (answers per second, in half-second buckets,
 *   smoothed).
 * - A throttling answer sets the allowed rate to {@link CUBIC_BETA} × the measured rate (or
 *   the allowed rate, if lower), remembers that measured rate as the last known good maximum
 *   `wMax`, and pauses for the server's retry-after when it sent one.
 * - Any other answer sets the allowed rate on the cubic curve
 *   `C·(t − K)³ + wMax`, `K = ∛(wMax·(1 − β)/C)`, `t` the seconds since the last throttling
 *   answer: it starts at β·wMax, flattens near wMax, then grows past it; it is also kept under
 *   {@link MAX_RATE_OVER_MEASURED} × the measured rate, so it never runs far ahead of the traffic.
 * - The allowed rate feeds a token bucket (capacity one second's worth, at least one token,
 *   at least {@link MIN_RATE} per second) that callers wait on in order; a change of rate
 *   applies to callers already waiting.
 */
import type { RateClock } from "./rate-limit";

/** The cubic's scale constant `C` (botocore's value). */
export const CUBIC_SCALE = 0.4;

/** Multiplicative decrease on a throttling answer `β` (botocore's value). */
export const CUBIC_BETA = 0.7;

/** Slowest allowed rate, in calls per second. */
export const MIN_RATE = 0.5;

/** The allowed rate never exceeds this many times the measured rate. */
export const MAX_RATE_OVER_MEASURED = 2;

/** Width of a measuring bucket, in seconds. */
const MEASURE_BUCKET_S = 0.5;

/** Weight of the newest bucket in the measured rate. */
const MEASURE_SMOOTHING = 0.8;

/** The adaptive pace of one operation in one region. */
export interface AdaptiveRate {
    /** Waits until a call may be sent (at once while never throttled). */
    take(): Promise<void>;
    /** Counts an answer that was not throttling, and lets the rate recover. */
    answered(): void;
    /** Counts a throttling answer: lowers the rate, and pauses for `retryAfterMs` when given. */
    throttled(retryAfterMs?: number): void;
    /** The allowed rate in calls per second, or `undefined` while never throttled. */
    rate(): number | undefined;
}

/**
 * The cubic curve after a throttling answer.
 *
 * @param wMax - Measured rate when throttled.
 * @param seconds - Time since that answer.
 */
export function cubicRate(wMax: number, seconds: number): number {
    const k = Math.cbrt((wMax * (1 - CUBIC_BETA)) / CUBIC_SCALE);
    return CUBIC_SCALE * (seconds - k) ** 3 + wMax;
}

/**
 * Creates the adaptive pace of one operation in one region.
 *
 * @param clock - Time source (milliseconds).
 */
export function createAdaptiveRate(clock: RateClock): AdaptiveRate {
    // Measured rate of answers.
    let measured = 0;
    let bucketStart = Math.floor(clock.now() / 1000 / MEASURE_BUCKET_S) * MEASURE_BUCKET_S;
    let bucketCount = 0;
    // Learned state; `allowed` undefined until the first throttling answer.
    let allowed: number | undefined;
    let wMax = 0;
    let lastThrottleS = 0;
    // The token bucket.
    let tokens = 0;
    let refilledAt = clock.now();
    let pausedUntil = -Infinity;
    const waiting: (() => void)[] = [];
    let serving = false;

    const startedS = clock.now() / 1000;
    const measure = (): number => {
        const nowS = clock.now() / 1000;
        const bucket = Math.floor(nowS / MEASURE_BUCKET_S) * MEASURE_BUCKET_S;
        bucketCount++;
        if (bucket > bucketStart) {
            measured = MEASURE_SMOOTHING * (bucketCount / (bucket - bucketStart)) + (1 - MEASURE_SMOOTHING) * measured;
            bucketCount = 0;
            bucketStart = bucket;
        }
        // Before the first bucket closes, the smoothed rate is still 0 and would drop the pace to
        // MIN_RATE (botocore's does): estimate it from the answers so far instead.
        return measured > 0 ? measured : bucketCount / Math.max(MEASURE_BUCKET_S, nowS - startedS);
    };

    const refill = (): void => {
        const now = clock.now();
        if (now <= refilledAt) {
            return;
        }
        if (allowed !== undefined) {
            tokens = Math.min(Math.max(allowed, 1), tokens + ((now - refilledAt) / 1000) * allowed);
        }
        refilledAt = now;
    };

    const setAllowed = (rate: number): void => {
        refill();
        allowed = Math.max(MIN_RATE, rate);
        tokens = Math.min(tokens, Math.max(allowed, 1));
    };

    // One loop serves the waiting callers in order, re-reading the rate at every step.
    const serve = async (): Promise<void> => {
        if (serving) {
            return;
        }
        serving = true;
        try {
            while (waiting.length > 0) {
                const now = clock.now();
                if (now < pausedUntil) {
                    await clock.sleep(pausedUntil - now);
                    continue;
                }
                refill();
                const rate = allowed;
                if (rate === undefined || tokens >= 1) {
                    if (rate !== undefined) {
                        tokens -= 1;
                    }
                    waiting.shift()?.();
                    continue;
                }
                await clock.sleep(Math.max(1, ((1 - tokens) / rate) * 1000));
            }
        } finally {
            serving = false;
        }
    };

    return {
        take() {
            if (allowed === undefined && waiting.length === 0) {
                return Promise.resolve();
            }
            const turn = new Promise<void>((resolve) => waiting.push(resolve));
            void serve();
            return turn;
        },
        answered() {
            const m = measure();
            if (allowed !== undefined) {
                setAllowed(Math.min(cubicRate(wMax, clock.now() / 1000 - lastThrottleS), MAX_RATE_OVER_MEASURED * m));
            }
        },
        throttled(retryAfterMs) {
            const m = measure();
            const from = allowed === undefined ? m : Math.min(m, allowed);
            wMax = from;
            lastThrottleS = clock.now() / 1000;
            setAllowed(Math.min(CUBIC_BETA * from, MAX_RATE_OVER_MEASURED * m));
            if (retryAfterMs !== undefined && retryAfterMs > 0) {
                pausedUntil = Math.max(pausedUntil, clock.now() + retryAfterMs);
                tokens = 0;
                // No tokens accrue during the pause.
                refilledAt = pausedUntil;
            }
        },
        rate: () => allowed,
    };
}
