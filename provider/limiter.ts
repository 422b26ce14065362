/** A counting semaphore: at most `limit` tasks run at once, the rest wait in FIFO order. */
export interface Limiter {
    /** Runs `task` when a slot is free. */
    run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * Creates a limiter.
 *
 * @param limit - Maximum concurrent tasks (at least 1).
 */
export function createLimiter(limit: number): Limiter {
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
