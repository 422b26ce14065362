/**
 * A counting semaphore: at most `limit` tasks run at once, the rest wait in FIFO order.
 * (Pacing calls over time is another job: see `rate-limit.ts`.)
 */
export interface Semaphore {
    /** Runs `task` when a slot is free. */
    run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * Creates a semaphore.
 *
 * @param limit - Maximum concurrent tasks (at least 1).
 */
export function createSemaphore(limit: number): Semaphore {
    let active = 0;
    const waiting: (() => void)[] = [];
    const release = (): void => {
        active--;
        const next = waiting.shift();
        if (next) {
            active++;
            next();
        }
    };
    return {
        async run<T>(task: () => Promise<T>): Promise<T> {
            if (active >= limit) {
                await new Promise<void>((resolve) => waiting.push(resolve));
            } else {
                active++;
            }
            try {
                return await task();
            } finally {
                release();
            }
        },
    };
}
