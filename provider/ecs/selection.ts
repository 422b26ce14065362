/**
 * Reads every page of a selector read: page 1 first (it gives the total count), then the
 * other pages together, so a selection of n targets costs ceil(n / 100) Describe calls
 * (one more only when the set grows between the first page and the last).
 */
import { MAX_IDS_PER_DESCRIBE, SelectedPage, SelectedTarget } from "./gateway";
import { createSemaphore } from "./semaphore";

/** Options of {@link readSelection}. */
export interface SelectionOptions {
    /** Wraps every call (retries). */
    readonly call: <T>(operation: () => Promise<T>) => Promise<T>;
    /** Pages read at once after the first. */
    readonly concurrency: number;
    /** Told after every page: targets read so far and the total count. */
    readonly onPage?: (read: number, total: number) => void;
}

/**
 * Reads a whole selection.
 *
 * @param readPage - Reads one page (1-based), e.g. `(n) => gateway.selectInstances(region, selector, n)`.
 * @param options - Retries, concurrency, progress.
 * @returns The targets, each once (a target that moved between pages while they were read is kept once).
 */
export async function readSelection(readPage: (pageNumber: number) => Promise<SelectedPage>, options: SelectionOptions): Promise<SelectedTarget[]> {
    const first = await options.call(() => readPage(1));
    let read = first.targets.length;
    options.onPage?.(read, first.totalCount);
    const pages = Math.ceil(first.totalCount / MAX_IDS_PER_DESCRIBE);
    const slots = createSemaphore(Math.max(1, options.concurrency));
    const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, k) => slots.run(async () => {
        const page = await options.call(() => readPage(k + 2));
        read += page.targets.length;
        options.onPage?.(read, first.totalCount);
        return page.targets;
    })));
    const byId = new Map<string, SelectedTarget>();
    for (const target of [first.targets, ...rest].flat()) {
        byId.set(target.id, target);
    }
    return [...byId.values()];
}
