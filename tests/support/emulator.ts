/**
 * The one way a spec gets an emulator: {@link useEmulator} starts one for the enclosing `describe`
 * and stops it after; {@link startTestEmulator} is for the few tests whose subject is starting and
 * stopping itself.
 */
import { DEFAULT_ACCESS_KEY, startEmulator, type EmulatorOptions, type RunningEmulator, type SeedInventory } from "../../emulator";

/** Starts an emulator on a free port that accepts {@link DEFAULT_ACCESS_KEY} unless told otherwise. The caller stops it. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    return startEmulator({ port: 0, accessKeys: [DEFAULT_ACCESS_KEY], ...options });
}

/** Options of {@link useEmulator}. */
export interface UseEmulatorOptions extends EmulatorOptions {
    /**
     * Loaded before every test (`POST /__emulator/reset`, which also clears the ledger, the faults
     * and the idempotence tokens), so each test starts from the same inventory.
     */
    seedEachTest?: () => SeedInventory;
}

/**
 * Starts an emulator before the tests of the enclosing `describe` (mocha `before`) and stops it after
 * them (`after`). Returns it at once: the handle forwards every property to the running emulator
 * (the control client too), and throws when used outside the `describe`'s tests and hooks.
 */
export function useEmulator(options: UseEmulatorOptions = {}): RunningEmulator {
    const { seedEachTest, ...startOptions } = options;
    let running: RunningEmulator | undefined;
    before(async () => {
        running = await startTestEmulator(startOptions);
    });
    after(async () => {
        const stopping = running;
        running = undefined;
        await stopping?.stop();
    });
    if (seedEachTest) {
        beforeEach(async () => {
            await handle.control.reset(seedEachTest());
        });
    }
    const handle = new Proxy({} as RunningEmulator, {
        get(_, key) {
            if (!running) {
                throw new Error(`the emulator is used outside the tests of the describe that called useEmulator() (reading ${String(key)})`);
            }
            const value: unknown = Reflect.get(running, key);
            return typeof value === "function" ? value.bind(running) : value;
        },
    });
    return handle;
}
