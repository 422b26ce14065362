/** Waiting for an event in tests, without asserting on time. */

/**
 * Resolves once `condition()` is true, checking every 20 ms.
 * @throws Error naming `what` when it is still false after `guardMs` (a guard against hangs, not a speed check).
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, guardMs = 30_000): Promise<void> {
    const deadline = Date.now() + guardMs;
    while (!(await condition())) {
        if (Date.now() > deadline) {
            throw new Error(`still waiting for ${what} after ${guardMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}
