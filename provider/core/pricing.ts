/**
 * Renewal prices: which renewals `DescribeRenewalPrice` can quote, how to ask for them,
 * and how to sum and describe quotes. Pure functions; the gateway sends the query.
 *
 * DescribeRenewalPrice quotes instances only (ResourceType `instance`), by `PriceUnit`
 * Month (Period 1–9) or Year (Period 1–3), or to an ExpectedRenewDay. So a renewal of
 * Weeks, of 10, 11, 48 or 60 Months, or of a reserved instance has no quote.
 */
import { RenewalLength } from "./coverage";
import { TargetKind } from "./types";

/** The parameters of one DescribeRenewalPrice query. */
export type PriceQuery =
    | { readonly period: number; readonly priceUnit: "Month" | "Year" }
    | { readonly expectedRenewDay: number };

/** A quote as ECS returns it. */
export interface PriceQuote {
    /** What the renewal would cost after discounts. */
    readonly tradePrice: number;
    /** `CNY` or `USD`. */
    readonly currency: string;
}

/** A renewal the provider may quote: a length, or renewal to a day of the month. */
export type QuotedTerm = RenewalLength | { readonly expectedRenewDay: number };

/** The DescribeRenewalPrice parameters for a renewal, or undefined when ECS cannot quote it. */
export function priceQuery(kind: TargetKind, term: QuotedTerm): PriceQuery | undefined {
    if (kind !== "instance") {
        return undefined;
    }
    if ("expectedRenewDay" in term) {
        return { expectedRenewDay: term.expectedRenewDay };
    }
    if (term.periodUnit === "Month" && term.period >= 1 && term.period <= 9) {
        return { period: term.period, priceUnit: "Month" };
    }
    if (term.periodUnit === "Month" && term.period % 12 === 0 && term.period / 12 <= 3) {
        return { period: term.period / 12, priceUnit: "Year" };
    }
    return undefined;
}

/** Why a renewal has no quote, for messages. */
export function whyNotQuoted(kind: TargetKind): string {
    return kind === "instance"
        ? "DescribeRenewalPrice quotes Month 1–9, Year 1–3 (12, 24, 36 Months) or a renewal day, not Weeks, 10, 11, 48 or 60 Months"
        : "ECS has no renewal price query for reserved instances";
}

/** Totals per currency, e.g. `{ CNY: 246 }`. */
export function totals(quotes: readonly PriceQuote[]): Map<string, number> {
    const sums = new Map<string, number>();
    for (const q of quotes) {
        sums.set(q.currency, (sums.get(q.currency) ?? 0) + q.tradePrice);
    }
    return sums;
}

/** Formats totals: `246.00 CNY`, or `10.00 CNY + 3.00 USD`. */
export function formatTotals(sums: Map<string, number>): string {
    return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => `${amount.toFixed(2)} ${currency}`).join(" + ");
}
