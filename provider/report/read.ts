/**
 * The reads of `report`: every subscription instance and reserved instance of a region (a
 * tag selector if given), their auto-renew settings and, for instances, a one-month renewal
 * quote. Read-only: only Describe* calls.
 *
 * Calls: ceil(n / 100) DescribeInstances + ceil(m / 100) DescribeReservedInstances (pages read
 * together after the first), the same again for the auto-renew attributes, and one
 * DescribeRenewalPrice per instance listed (after `--within` is applied).
 */
import { daysLeft } from "../core/coverage";
import { EcsApiError, RenewalError } from "../core/errors";
import { PriceQuery } from "../core/pricing";
import { TargetKind } from "../core/types";
import { EcsGateway, InstanceAutoRenewState, MAX_IDS_PER_DESCRIBE, SelectedPage, SelectedTarget } from "../ecs/gateway";
import { readSelection } from "../ecs/selection";
import { createSemaphore } from "../ecs/semaphore";

/** The renewal term quoted for each instance. */
export const QUOTED_TERM = { period: 1, priceUnit: "Month" } as const satisfies PriceQuery;

/** One target of the report. */
export interface ReportRow {
    readonly id: string;
    readonly kind: TargetKind;
    readonly name?: string;
    readonly zoneId?: string;
    /** Expiry as ECS reports it, `yyyy-MM-ddTHH:mmZ`. */
    readonly expiredTime: string;
    /** Whole days left (negative once expired), measured from the cloud's clock. */
    readonly daysLeft: number;
    readonly status: string;
    /** The auto-renew attribute, or `undefined` when ECS did not report one. */
    readonly autoRenew?: { readonly renewalStatus: string; readonly duration?: number; readonly periodUnit?: string };
    /** The quote for {@link QUOTED_TERM}, or why there is none. */
    readonly price: { readonly tradePrice: number; readonly currency: string } | { readonly notQuoted: string };
}

/** What `report` read. */
export interface ReportData {
    readonly region: string;
    /** The cloud's time of the first answer (its `Date`), ISO 8601; days left count from it. */
    readonly observedAt: string;
    readonly rows: ReportRow[];
}

/** Effects of {@link readReport}. */
export interface ReportReadOptions {
    /** The gateway (paced). */
    readonly gateway: EcsGateway;
    /** Wraps every call (retries). */
    readonly call: <T>(operation: () => Promise<T>) => Promise<T>;
    /** Calls at once. */
    readonly concurrency: number;
    /** Told a line of progress now and then, for large regions. */
    readonly progress: (line: string) => void;
    /** Local clock, used when ECS sends no `Date`. */
    readonly now: () => number;
}

/** Above this many targets of a kind, progress lines are printed. */
export const PROGRESS_THRESHOLD = MAX_IDS_PER_DESCRIBE;

/**
 * Reads the report of a region.
 *
 * @param region - Region id.
 * @param tags - Tags every target must carry.
 * @param withinDays - Keep only targets with at most this many days left.
 * @param options - Gateway and effects.
 */
export async function readReport(region: string, tags: Readonly<Record<string, string>>, withinDays: number | undefined, options: ReportReadOptions): Promise<ReportData> {
    const selector = Object.keys(tags).length > 0 ? { tags } : {};
    const instances = await readAllPages("instances", options, (page) => options.gateway.selectInstances(region, selector, page));
    const reserved = await readAllPages("reserved instances", options, (page) => options.gateway.selectReservedInstances(region, selector, page, ["Active", "Expired"]));

    const observed = [...instances, ...reserved].map((t) => t.observedAt).find((t) => t !== undefined);
    const nowMs = observed ?? options.now();
    const within = (t: SelectedTarget): boolean => withinDays === undefined || daysLeft(Date.parse(t.expiredTime), nowMs) <= withinDays;
    const keptInstances = instances.filter(within);
    const keptReserved = reserved.filter(within);

    const [instanceRenew, reservedRenew, prices] = await Promise.all([
        readAutoRenew(keptInstances, (ids) => options.gateway.describeInstanceAutoRenew(region, ids), options),
        readAutoRenew(keptReserved, (ids) => options.gateway.describeReservedInstanceAutoRenew(region, ids), options),
        quoteAll(region, keptInstances, options),
    ]);

    const row = (t: SelectedTarget, kind: TargetKind, renew: Map<string, InstanceAutoRenewState>): ReportRow => {
        const a = renew.get(t.id);
        return {
            id: t.id,
            kind,
            ...(t.name !== undefined ? { name: t.name } : {}),
            ...(t.zoneId !== undefined ? { zoneId: t.zoneId } : {}),
            expiredTime: t.expiredTime,
            daysLeft: daysLeft(Date.parse(t.expiredTime), nowMs),
            status: t.status,
            ...(a ? { autoRenew: { renewalStatus: a.renewalStatus, ...(a.duration !== undefined ? { duration: a.duration } : {}), ...(a.periodUnit ? { periodUnit: a.periodUnit } : {}) } } : {}),
            price: kind === "instance" ? prices.get(t.id) ?? { notQuoted: "no quote" } : { notQuoted: "ECS has no renewal price query for reserved instances" },
        };
    };
    return {
        region,
        observedAt: new Date(nowMs).toISOString(),
        rows: [...keptInstances.map((t) => row(t, "instance", instanceRenew)), ...keptReserved.map((t) => row(t, "reservedInstance", reservedRenew))],
    };
}

/** Reads a whole selection, with progress lines when it is larger than a page. */
function readAllPages(what: string, options: ReportReadOptions, read: (page: number) => Promise<SelectedPage>): Promise<SelectedTarget[]> {
    return readSelection(read, {
        call: options.call,
        concurrency: options.concurrency,
        onPage: (count, total) => {
            if (total > PROGRESS_THRESHOLD) {
                options.progress(`listing ${total} ${what}: ${count}`);
            }
        },
    });
}

async function readAutoRenew(targets: readonly SelectedTarget[], read: (ids: readonly string[]) => Promise<InstanceAutoRenewState[]>, options: ReportReadOptions): Promise<Map<string, InstanceAutoRenewState>> {
    const ids = targets.map((t) => t.id);
    const batches = Array.from({ length: Math.ceil(ids.length / MAX_IDS_PER_DESCRIBE) }, (_, k) => ids.slice(k * MAX_IDS_PER_DESCRIBE, (k + 1) * MAX_IDS_PER_DESCRIBE));
    const slots = createSemaphore(options.concurrency);
    const answers = await Promise.all(batches.map((batch) => slots.run(() => options.call(() => read(batch)))));
    return new Map(answers.flat().map((a) => [a.id, a]));
}

async function quoteAll(region: string, instances: readonly SelectedTarget[], options: ReportReadOptions): Promise<Map<string, ReportRow["price"]>> {
    const slots = createSemaphore(options.concurrency);
    const loud = instances.length > PROGRESS_THRESHOLD;
    let done = 0;
    const quotes = await Promise.all(instances.map((t) => slots.run(async (): Promise<[string, ReportRow["price"]]> => {
        let price: ReportRow["price"];
        try {
            const q = await options.call(() => options.gateway.describeRenewalPrice(region, t.id, QUOTED_TERM));
            price = { tradePrice: q.tradePrice, currency: q.currency };
        } catch (err) {
            if (!(err instanceof RenewalError)) {
                throw err;
            }
            // One instance ECS will not quote (locked, released meanwhile) does not sink the report.
            price = { notQuoted: `DescribeRenewalPrice failed: ${err instanceof EcsApiError ? err.code : err.message}` };
        }
        done++;
        if (loud && (done % MAX_IDS_PER_DESCRIBE === 0 || done === instances.length)) {
            options.progress(`quoting renewal prices: ${done}/${instances.length}`);
        }
        return [t.id, price];
    })));
    return new Map(quotes);
}
