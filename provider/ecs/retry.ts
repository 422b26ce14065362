/**
 * Bounded exponential backoff with full jitter. Every attempt of a renewal call
 * carries the same ClientToken, so retrying is safe however the previous attempt ended.
 */
import { EcsApiError, OrderStillProcessingError, RenewalError } from "../core/errors";

/** Retry settings. */
export interface RetryPolicy {
    /** Total attempts, the first included. */
    readonly maxAttempts: number;
    /** Backoff base, in milliseconds: attempt n waits up to `baseDelayMs * 2^(n-1)`. */
    readonly baseDelayMs: number;
    /** Upper bound of one wait, in milliseconds. */
    readonly maxDelayMs: number;
    /**
     * How long, in milliseconds of waiting, a call answered "still processing an order"
     * (`orderProcessing` codes such as LastTokenProcessing) is retried, whatever `maxAttempts`
     * says. Default {@link DEFAULT_ORDER_WAIT_MS}.
     */
    readonly orderWaitMs?: number;
}

/** Default wait for an order ECS is still processing: 5 minutes. */
export const DEFAULT_ORDER_WAIT_MS = 300_000;

/** Defaults: 6 attempts, waits of up to 0.5 s, 1 s, 2 s, 4 s, 8 s (about 15 s at most in all); orders in progress waited for 5 minutes. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 8000, orderWaitMs: DEFAULT_ORDER_WAIT_MS };

/** Effects the retry loop needs, injectable so tests are deterministic. */
export interface RetryEffects {
    /** Waits `ms` milliseconds. */
    readonly sleep: (ms: number) => Promise<void>;
    /** Returns a number in [0, 1). */
    readonly random: () => number;
}

/** The real effects: timers and Math.random. */
export const REAL_EFFECTS: RetryEffects = {
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
};

/** Information given to the observer of each failed attempt. */
export interface AttemptFailure {
    /** 1-based number of the attempt that failed. */
    readonly attempt: number;
    /** Attempts left after this one. */
    readonly remaining: number;
    /** The error. */
    readonly error: RenewalError;
    /** Milliseconds the loop waits before the next attempt (0 when it gives up). */
    readonly delayMs: number;
}

/** The full-jitter delay before attempt `attempt + 1`. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(random() * ceiling);
}

/** The longest wait a throttled answer's `x-acs-retry-after` can impose on one retry. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The wait before retrying after `error`: the full-jitter backoff, or longer when ECS
 * throttled the call and said how long to wait (`x-acs-retry-after`, capped at {@link MAX_RETRY_AFTER_MS}).
 */
export function retryDelay(policy: RetryPolicy, attempt: number, random: () => number, error: RenewalError): number {
    const backoff = backoffDelay(policy, attempt, random);
    const asked = error instanceof EcsApiError ? error.retryAfterMs : undefined;
    return asked === undefined ? backoff : Math.min(MAX_RETRY_AFTER_MS, Math.max(backoff, asked));
}

/**
 * Runs `operation` until it succeeds, fails with a non-retryable error, or runs out of attempts.
 *
 * @param operation - The call; it must throw `RenewalError`s (map SDK errors first).
 * @param policy - Attempts and delays.
 * @param effects - Sleep and randomness.
 * @param onFailure - Told of every failed attempt (for logs and tests).
 */
export async function withRetry<T>(
    operation: (attempt: number) => Promise<T>,
    policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    effects: RetryEffects = REAL_EFFECTS,
    onFailure?: (failure: AttemptFailure) => void,
): Promise<T> {
    // Time waited on orders ECS is still processing: bounded by `orderWaitMs`, not by attempts.
    const orderWaitMs = policy.orderWaitMs ?? DEFAULT_ORDER_WAIT_MS;
    let orderWaitedMs = 0;
    for (let attempt = 1; ; attempt++) {
        try {
            return await operation(attempt);
        } catch (err) {
            if (!(err instanceof RenewalError)) {
                throw err;
            }
            const processing = err instanceof EcsApiError && err.category === "orderProcessing";
            const remaining = processing ? (orderWaitedMs < orderWaitMs ? 1 : 0) : policy.maxAttempts - attempt;
            const retry = err.retryable && remaining > 0;
            const delayMs = retry ? (processing ? Math.min(retryDelay(policy, attempt, effects.random, err), orderWaitMs - orderWaitedMs) : retryDelay(policy, attempt, effects.random, err)) : 0;
            onFailure?.({ attempt, remaining: retry ? remaining : 0, error: err, delayMs });
            if (!retry) {
                throw processing ? new OrderStillProcessingError(err as EcsApiError, orderWaitedMs) : err;
            }
            if (processing) {
                // Never wait less than a backoff step: a zero draw of the jitter would spin.
                orderWaitedMs += Math.max(delayMs, 1);
            }
            await effects.sleep(delayMs);
        }
    }
}
