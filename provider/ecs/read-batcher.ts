/**
 * Read coalescing: every lease of a provider process reads its targets through one
 * batcher, which gathers the ids asked for during a short window and describes them
 * together, up to 100 ids per `DescribeInstances` or `DescribeReservedInstances` call
 * (the APIs' page size maximum), grouped by region and kind. Refreshing N leases that
 * the engine reads concurrently then costs about ceil(N / 100) calls instead of N.
 *
 * Guarantees:
 * - each caller gets exactly its own ids' results (absent ids: the target is gone);
 * - an id asked for by several callers in the same window is described once;
 * - a read never reuses a describe call that was sent before the read was asked for,
 *   so a read made after a renewal always sees the renewal;
 * - when a describe call fails (after its retries), every caller with an id in that
 *   call gets the error.
 */
import { EcsGateway, MAX_IDS_PER_DESCRIBE } from "./gateway";
import { LiveTarget } from "../core/types";
import { TargetKind } from "../core/types";

/** Coalesces reads of targets. */
export interface ReadBatcher {
    /**
     * Describes targets of one kind and region.
     *
     * @param kind - Instances or reserved instances.
     * @param regionId - Their region.
     * @param ids - The ids to read (duplicates are ignored).
     * @returns The targets that exist, by id.
     */
    read(kind: TargetKind, regionId: string, ids: readonly string[]): Promise<Map<string, LiveTarget>>;
    /** Sends every pending id now, without waiting for the window to close. */
    flush(): void;
}

/** Timer functions, injectable so tests control the window. */
export interface BatchTimers {
    /** Runs `callback` after `ms` milliseconds; returns a cancel function. */
    readonly schedule: (callback: () => void, ms: number) => () => void;
}

/** Options of {@link createReadBatcher}. */
export interface ReadBatcherOptions {
    /** The gateway to describe with, asked at send time (`configure` may replace it). */
    readonly gateway: () => EcsGateway;
    /** Wraps every describe call, e.g. with retries. Default: calls it once. */
    readonly call?: <T>(operation: () => Promise<T>) => Promise<T>;
    /** A group is sent this long after its latest new id (default {@link DEFAULT_BATCH_IDLE_MS}). */
    readonly idleMs?: number;
    /** An id never waits longer than this before it is sent (default {@link DEFAULT_BATCH_MAX_WAIT_MS}). */
    readonly maxWaitMs?: number;
    /** Ids per call, 1 to 100 (default 100). A group this large is sent at once. */
    readonly batchSize?: number;
    /** Timers (default: `setTimeout`). */
    readonly timers?: BatchTimers;
}

/**
 * Default idle window. The engine sends the reads of a refresh (at most `--parallel` at a
 * time) about a millisecond apart, with occasional gaps of a few milliseconds on a busy
 * machine; 8 ms gathers a whole round of them (measured: refresh of 500 leases at the
 * default `--parallel` 8 costs 63 calls, the minimum, against 83 with 3 ms).
 */
export const DEFAULT_BATCH_IDLE_MS = 8;

/**
 * Default longest wait of an id. It only matters while new ids keep arriving (a high
 * `--parallel`): the group is then sent after this long even if it is not full.
 */
export const DEFAULT_BATCH_MAX_WAIT_MS = 150;

interface Pending {
    readonly promise: Promise<LiveTarget | undefined>;
    readonly resolve: (target: LiveTarget | undefined) => void;
    readonly reject: (error: unknown) => void;
}

interface Group {
    readonly kind: TargetKind;
    readonly regionId: string;
    readonly pending: Map<string, Pending>;
    cancelIdle?: () => void;
    cancelMax?: () => void;
}

const REAL_TIMERS: BatchTimers = {
    schedule: (callback, ms) => {
        const timer = setTimeout(callback, ms);
        return () => clearTimeout(timer);
    },
};

function deferred(): Pending {
    let resolve: (target: LiveTarget | undefined) => void = () => undefined;
    let reject: (error: unknown) => void = () => undefined;
    const promise = new Promise<LiveTarget | undefined>((res, rej) => {
        resolve = res;
        reject = rej;
    });
    // A caller always awaits its ids; this keeps an id whose caller already failed on
    // another id from being reported as an unhandled rejection.
    promise.catch(() => undefined);
    return { promise, resolve, reject };
}

/**
 * Creates a read batcher. Share one per provider process so that all leases coalesce.
 *
 * @param options - Gateway, retry wrapper and window.
 */
export function createReadBatcher(options: ReadBatcherOptions): ReadBatcher {
    const idleMs = options.idleMs ?? DEFAULT_BATCH_IDLE_MS;
    const maxWaitMs = options.maxWaitMs ?? DEFAULT_BATCH_MAX_WAIT_MS;
    const batchSize = options.batchSize ?? MAX_IDS_PER_DESCRIBE;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_IDS_PER_DESCRIBE) {
        throw new RangeError(`batchSize must be 1 to ${MAX_IDS_PER_DESCRIBE}; got ${batchSize}`);
    }
    const call = options.call ?? (<T>(operation: () => Promise<T>): Promise<T> => operation());
    const timers = options.timers ?? REAL_TIMERS;
    const groups = new Map<string, Group>();

    const send = (group: Group, entries: [string, Pending][]): void => {
        const ids = entries.map(([id]) => id);
        const describe = (): Promise<LiveTarget[]> => {
            const gateway = options.gateway();
            return group.kind === "instance" ? gateway.describeInstances(group.regionId, ids) : gateway.describeReservedInstances(group.regionId, ids);
        };
        // Through a promise, so that even a synchronous throw reaches the callers.
        new Promise<LiveTarget[]>((resolve) => resolve(call(describe))).then((targets) => {
            const found = new Map(targets.map((t) => [t.id, t]));
            entries.forEach(([id, p]) => p.resolve(found.get(id)));
        }, (error: unknown) => {
            entries.forEach(([, p]) => p.reject(error));
        });
    };

    const takeBatch = (group: Group): [string, Pending][] => {
        const entries: [string, Pending][] = [];
        for (const entry of group.pending) {
            entries.push(entry);
            group.pending.delete(entry[0]);
            if (entries.length === batchSize) {
                break;
            }
        }
        return entries;
    };

    const clearTimers = (group: Group): void => {
        group.cancelIdle?.();
        group.cancelMax?.();
        group.cancelIdle = undefined;
        group.cancelMax = undefined;
    };

    const flushAll = (group: Group): void => {
        clearTimers(group);
        while (group.pending.size > 0) {
            send(group, takeBatch(group));
        }
    };

    const arm = (group: Group): void => {
        while (group.pending.size >= batchSize) {
            send(group, takeBatch(group));
        }
        if (group.pending.size === 0) {
            clearTimers(group);
            return;
        }
        group.cancelIdle?.();
        group.cancelIdle = timers.schedule(() => flushAll(group), idleMs);
        group.cancelMax ??= timers.schedule(() => flushAll(group), maxWaitMs);
    };

    return {
        async read(kind, regionId, ids) {
            const unique = [...new Set(ids)];
            if (unique.length === 0) {
                return new Map();
            }
            const key = `${kind}\u0000${regionId}`;
            const group = groups.get(key) ?? { kind, regionId, pending: new Map<string, Pending>() };
            groups.set(key, group);
            let added = false;
            const waits = unique.map((id) => {
                let p = group.pending.get(id);
                if (!p) {
                    p = deferred();
                    group.pending.set(id, p);
                    added = true;
                }
                return p.promise;
            });
            if (added) {
                arm(group);
            }
            const results = await Promise.all(waits);
            const found = new Map<string, LiveTarget>();
            results.forEach((t) => t && found.set(t.id, t));
            return found;
        },
        flush() {
            groups.forEach(flushAll);
        },
    };
}
