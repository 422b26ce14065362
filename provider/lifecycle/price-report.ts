/**
 * Prices a planned step: one DescribeRenewalPrice query per instance renewal (a read;
 * nothing is bought), summed per currency, and the lease's `maxPrice` checked against it.
 */
import { EcsGateway } from "../ecs/gateway";
import { EcsApiError, RenewalError } from "../core/errors";
import { listAll } from "../core/format";
import { CallLength, describeCallLength } from "../core/plan";
import { formatTotals, PriceQuote, priceQuery, totals, whyNotQuoted } from "../core/pricing";
import { TargetKind } from "../core/types";

/** One renewal to price. */
export interface PricedItem {
    /** Target id. */
    readonly id: string;
    /** What it is renewed by. */
    readonly renewBy: CallLength;
}

/** The prices of a step. */
export interface PriceReport {
    /** The `renewalPrice` text: `246.00 CNY`, or what could not be quoted and why. */
    readonly text: string;
    /** Per-target quotes for announcements: `i-a 1 Month 123.00 CNY`. */
    readonly lines: string[];
    /** Totals per currency of the quoted renewals. */
    readonly sums: Map<string, number>;
    /** Renewals without a quote, with the reason. */
    readonly unquoted: { id: string; reason: string }[];
    /** Targets the price query found not to exist (404 / `*.NotFound`): the run must not buy blind. */
    readonly missing: string[];
}

/**
 * Quotes every item (concurrently through `run`, which paces and retries). A failed query is
 * reported as unquoted, not thrown: the price is information unless `maxPrice` needs it.
 */
export async function priceStep(gateway: EcsGateway, run: <T>(operation: () => Promise<T>) => Promise<T>,
    kind: TargetKind, regionId: string, items: readonly PricedItem[]): Promise<PriceReport> {
    const missing: string[] = [];
    const outcomes = await Promise.all(items.map(async (item): Promise<{ item: PricedItem; quote: PriceQuote } | { item: PricedItem; reason: string }> => {
        const query = priceQuery(kind, item.renewBy);
        if (!query) {
            return { item, reason: whyNotQuoted(kind) };
        }
        try {
            return { item, quote: await run(() => gateway.describeRenewalPrice(regionId, item.id, query)) };
        } catch (err) {
            const code = err instanceof EcsApiError ? err.code : err instanceof RenewalError ? err.name : "error";
            if (err instanceof EcsApiError && (err.statusCode === 404 || /NotFound$/.test(err.code))) {
                missing.push(item.id);
            }
            return { item, reason: `DescribeRenewalPrice failed (${code})` };
        }
    }));
    const quoted = outcomes.flatMap((o) => ("quote" in o ? [o] : []));
    const unquoted = outcomes.flatMap((o) => ("reason" in o ? [{ id: o.item.id, reason: o.reason }] : []));
    const sums = totals(quoted.map((q) => q.quote));
    const lines = quoted.map((q) => `${q.item.id} ${describeCallLength(q.item.renewBy)} ${q.quote.tradePrice.toFixed(2)} ${q.quote.currency}`);
    let text: string;
    if (unquoted.length === 0) {
        text = formatTotals(sums);
    } else {
        const reasons = [...new Set(unquoted.map((u) => u.reason))].join("; ");
        const missing = `not quoted: ${listAll(unquoted.map((u) => u.id))} (${reasons})`;
        text = quoted.length > 0 ? `${formatTotals(sums)} for ${quoted.length} of ${items.length} renewals; ${missing}` : missing;
    }
    return { text, lines, sums, unquoted, missing: missing.sort() };
}

/**
 * Why a report breaks `maxPrice`, or undefined when the step stays within it. A step that
 * cannot be fully quoted, or is quoted in several currencies, breaks it: it cannot be checked.
 */
export function priceLimitProblem(report: PriceReport, maxPrice: number): string | undefined {
    if (report.unquoted.length > 0) {
        return `maxPrice ${maxPrice} cannot be checked: ${report.text}`;
    }
    if (report.sums.size > 1) {
        return `maxPrice ${maxPrice} cannot be checked against prices in several currencies (${report.text})`;
    }
    const [total] = [...report.sums.values()];
    if (total !== undefined && total > maxPrice) {
        return `the planned renewal costs ${report.text}, more than maxPrice ${maxPrice} (${report.lines.join(", ")}); raise maxPrice or renew less`;
    }
    return undefined;
}
