/**
 * Read-ahead for refresh and preview: the first read of a kind of target in a region lists
 * the whole region (100 per page, pages fetched together), and later reads in the same
 * provider process are answered from that listing. Refreshing N leases of one region then
 * costs about ceil(regionSize / 100) + 1 calls, whatever order and pace the engine reads
 * them in (the id batcher only gathers the reads the engine has in flight at once).
 *
 * Where it does not apply, reads go to the id batcher as before:
 * - the region holds more than `maxTargets` targets of that kind (listing it would cost
 *   more than it saves; decided once per process from the first page's TotalCount);
 * - the listing is older than `maxAgeMs`;
 * - an id written by this process since the listing started (a renewal or an auto-renew
 *   change): the listing does not show the write;
 * - an id the listing does not contain: it is confirmed by an id read before it is
 *   reported missing (a target created while the pages were read could fall between them).
 *
 * Create and update never use the listing: the read before a purchase is always fresh.
 */
import { EcsGateway, MAX_IDS_PER_DESCRIBE } from "./gateway";
import { LiveTarget } from "../core/types";
import { TargetKind } from "../core/types";

/** Default largest region listed: 10 pages. */
export const DEFAULT_LISTING_MAX_TARGETS = 1000;

/** Default age after which a listing is read again. */
export const DEFAULT_LISTING_MAX_AGE_MS = 30_000;

/** Options of {@link createRegionListing}. */
export interface RegionListingOptions {
    /** The gateway, asked at call time. */
    readonly gateway: () => EcsGateway;
    /** Wraps every call (retries). */
    readonly call: <T>(operation: () => Promise<T>) => Promise<T>;
    /** Reads ids one by one (the id batcher), for what the listing cannot answer. */
    readonly readIds: (kind: TargetKind, regionId: string, ids: readonly string[]) => Promise<Map<string, LiveTarget>>;
    /** Largest region listed (default {@link DEFAULT_LISTING_MAX_TARGETS}). */
    readonly maxTargets?: number;
    /** Listing lifetime (default {@link DEFAULT_LISTING_MAX_AGE_MS}). */
    readonly maxAgeMs?: number;
    /** Clock (ms). */
    readonly now?: () => number;
}

/** Reads served from region listings. */
export interface RegionListing {
    /** Reads targets, from the region's listing where it can. */
    read(kind: TargetKind, regionId: string, ids: readonly string[]): Promise<Map<string, LiveTarget>>;
    /** Marks ids as written by this process: later reads of them skip the listing. */
    written(ids: readonly string[]): void;
}

interface Listing {
    readonly startedAt: number;
    /** The targets by id, or undefined when the region is too large to list. */
    readonly targets: Promise<Map<string, LiveTarget> | undefined>;
}

/** Creates the read-ahead. Share one per provider process. */
export function createRegionListing(options: RegionListingOptions): RegionListing {
    const maxTargets = options.maxTargets ?? DEFAULT_LISTING_MAX_TARGETS;
    const maxAgeMs = options.maxAgeMs ?? DEFAULT_LISTING_MAX_AGE_MS;
    const now = options.now ?? Date.now;
    const listings = new Map<string, Listing>();
    const tooLarge = new Set<string>();
    const writtenAt = new Map<string, number>();

    const list = async (key: string, kind: TargetKind, regionId: string): Promise<Map<string, LiveTarget> | undefined> => {
        const gateway = options.gateway();
        const first = await options.call(() => gateway.listTargets(kind, regionId, 1));
        if (first.totalCount > maxTargets) {
            tooLarge.add(key);
            return undefined;
        }
        const pages = Math.ceil(first.totalCount / MAX_IDS_PER_DESCRIBE);
        const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
            options.call(() => gateway.listTargets(kind, regionId, i + 2))));
        return new Map([first, ...rest].flatMap((page) => page.targets).map((t) => [t.id, t]));
    };

    const listingFor = (kind: TargetKind, regionId: string): Listing | undefined => {
        const key = `${kind}\u0000${regionId}`;
        if (tooLarge.has(key)) {
            return undefined;
        }
        let listing = listings.get(key);
        if (!listing || now() - listing.startedAt > maxAgeMs) {
            const startedAt = now();
            const targets = list(key, kind, regionId);
            listing = { startedAt, targets };
            listings.set(key, listing);
            // A failed listing is forgotten, so that the next read tries again.
            targets.catch(() => listings.get(key) === listing && listings.delete(key));
        }
        return listing;
    };

    return {
        async read(kind, regionId, ids) {
            const listing = listingFor(kind, regionId);
            const listed = listing ? await listing.targets.catch(() => undefined) : undefined;
            if (!listing || !listed) {
                return options.readIds(kind, regionId, ids);
            }
            const found = new Map<string, LiveTarget>();
            const unresolved: string[] = [];
            for (const id of ids) {
                const target = listed.get(id);
                const written = writtenAt.get(id);
                if (target && (written === undefined || written < listing.startedAt)) {
                    found.set(id, target);
                } else {
                    unresolved.push(id);
                }
            }
            if (unresolved.length > 0) {
                (await options.readIds(kind, regionId, unresolved)).forEach((t, id) => found.set(id, t));
            }
            return found;
        },
        written(ids) {
            const at = now();
            ids.forEach((id) => writtenAt.set(id, at));
        },
    };
}
