/**
 * Coverage goals: "paid through a date" and "at least N days left". Pure functions that
 * decide, from a target's expiry and the cloud's current time, whether the goal is met
 * and which is the smallest renewal ECS accepts that meets it.
 *
 * Calendar rules (UTC), chosen to never promise more than ECS gives:
 * - N Weeks add 7·N days; N Months (and Years = 12·N Months) add calendar months, with
 *   the day clamped to the end of the target month (Jan 31 + 1 Month = Feb 28).
 * - A renewal starts from the expiry, or from now when the target has already expired.
 * - ECS does not renew past five years from now, so longer renewals are not candidates.
 */
import { INSTANCE_PERIODS, RESERVED_INSTANCE_PERIODS } from "./api-ranges";
import { LeaseInputs, PeriodUnit, TargetKind } from "./types";

/** ECS refuses renewals that end more than this many months after now. */
export const MAX_EXPIRY_MONTHS = 60;

/** Largest accepted `minimumDaysLeft`: five years. */
export const MAX_MINIMUM_DAYS_LEFT = 1825;

const DAY_MS = 24 * 3600 * 1000;

/** A renewal length as the API spells it. */
export interface RenewalLength {
    /** Number of `periodUnit`s. */
    readonly period: number;
    /** `Week`, `Month` or `Year`. */
    readonly periodUnit: PeriodUnit;
}

/** What a coverage goal asks of a lease. */
export interface CoverageGoal {
    /** A date (`2027-12-31`: through the end of that day, UTC) or an instant with a zone. */
    readonly paidThrough?: string;
    /** Days of subscription that must be left at all times. */
    readonly minimumDaysLeft?: number;
}

/** The decision for one target. */
export type CoverageDecision =
    | { readonly status: "met"; readonly goalMs: number }
    | { readonly status: "renew"; readonly goalMs: number; readonly renewal: RenewalLength; readonly newExpiryMs: number }
    | { readonly status: "unreachable"; readonly goalMs: number; readonly longest?: RenewalLength; readonly longestEndMs?: number };

/**
 * Parses `paidThrough`: `yyyy-MM-dd` means "through the end of that day, UTC" (the goal is the
 * next midnight UTC); an ISO 8601 time with `Z` or an offset is the goal itself.
 *
 * @returns The goal instant in ms, or undefined when the text is neither form or not a real date.
 */
export function parsePaidThrough(text: string): number | undefined {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (day) {
        const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
        const start = Date.UTC(year, month - 1, date);
        const check = new Date(start);
        if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
            return undefined;
        }
        return start + DAY_MS;
    }
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
        return undefined;
    }
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
}

/** The instant a target's expiry must reach, given the cloud's current time. */
export function goalInstant(goal: CoverageGoal, nowMs: number): number {
    if (goal.paidThrough !== undefined) {
        const ms = parsePaidThrough(goal.paidThrough);
        if (ms === undefined) {
            throw new RangeError(`paidThrough ${JSON.stringify(goal.paidThrough)} is not a date`);
        }
        return ms;
    }
    return nowMs + (goal.minimumDaysLeft ?? 0) * DAY_MS;
}

/** True for a coverage goal (`paidThrough` or `minimumDaysLeft`): the provider picks each renewal's length. */
export function isCoverage(term: Pick<LeaseInputs, "paidThrough" | "minimumDaysLeft">): boolean {
    return term.paidThrough !== undefined || term.minimumDaysLeft !== undefined;
}

/** True when the lease asks for renewals at all (an auto-renew policy alone does not). */
export function asksForRenewal(term: Pick<LeaseInputs, "period" | "expectedRenewDay" | "paidThrough" | "minimumDaysLeft">): boolean {
    return isCoverage(term) || term.period !== undefined || term.expectedRenewDay !== undefined;
}

/** Adds calendar months in UTC, clamping the day to the end of the target month. */
export function addMonths(ms: number, months: number): number {
    const d = new Date(ms);
    const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
    const year = Math.floor(total / 12);
    const month = total - year * 12;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** Where a renewal of `length` moves an expiry (from now, if already expired). */
export function renewedExpiry(expiryMs: number, nowMs: number, length: RenewalLength): number {
    const base = expiryMs >= nowMs ? expiryMs : Math.floor(nowMs / 60000) * 60000;
    switch (length.periodUnit) {
        case "Week": return base + length.period * 7 * DAY_MS;
        case "Month": return addMonths(base, length.period);
        case "Year": return addMonths(base, length.period * 12);
    }
}

/**
 * The renewal lengths ECS accepts for a kind of target, optionally limited to some units.
 *
 * @param kind - Instances (Week 1–4, Month 1–12, 24, 36, 48, 60) or reserved instances (Year 1, 3).
 * @param units - Units to consider (default: all the kind allows).
 * @param accept - Further filter, e.g. "only lengths ECS can quote a price for".
 */
export function allowedLengths(kind: TargetKind, units?: readonly PeriodUnit[], accept: (length: RenewalLength) => boolean = () => true): RenewalLength[] {
    const all: RenewalLength[] = kind === "reservedInstance"
        ? RESERVED_INSTANCE_PERIODS.map((period) => ({ period, periodUnit: "Year" as const }))
        : [
            ...INSTANCE_PERIODS.Week.map((period) => ({ period, periodUnit: "Week" as const })),
            ...INSTANCE_PERIODS.Month.map((period) => ({ period, periodUnit: "Month" as const })),
        ];
    return all.filter((l) => (units === undefined || units.includes(l.periodUnit)) && accept(l));
}

/**
 * Decides whether a target meets its goal and, if not, the smallest allowed renewal that does:
 * the candidate whose new expiry is earliest among those reaching the goal.
 *
 * @param expiryMs - The target's expiry as last read.
 * @param nowMs - The cloud's current time (the `Date` of the read's answer).
 * @param goalMs - See {@link goalInstant}.
 * @param lengths - Candidate renewals (see {@link allowedLengths}).
 */
export function decideCoverage(expiryMs: number, nowMs: number, goalMs: number, lengths: readonly RenewalLength[]): CoverageDecision {
    if (expiryMs >= goalMs || goalMs <= nowMs) {
        return { status: "met", goalMs };
    }
    const limit = addMonths(nowMs, MAX_EXPIRY_MONTHS);
    const outcomes = lengths
        .map((renewal) => ({ renewal, newExpiryMs: renewedExpiry(expiryMs, nowMs, renewal) }))
        .filter((o) => o.newExpiryMs <= limit)
        .sort((a, b) => a.newExpiryMs - b.newExpiryMs);
    const enough = outcomes.find((o) => o.newExpiryMs >= goalMs);
    if (enough) {
        return { status: "renew", goalMs, ...enough };
    }
    const longest = outcomes[outcomes.length - 1];
    return { status: "unreachable", goalMs, ...(longest ? { longest: longest.renewal, longestEndMs: longest.newExpiryMs } : {}) };
}

/** Formats an instant as ECS does, to the minute in UTC: `2027-03-01T16:00Z`. */
export function formatInstant(ms: number): string {
    return new Date(ms).toISOString().slice(0, 16) + "Z";
}

/** Whole days (rounded down) from `nowMs` to `expiryMs`; negative when expired. */
export function daysLeft(expiryMs: number, nowMs: number): number {
    return Math.floor((expiryMs - nowMs) / DAY_MS);
}

/** Describes a renewal length: `1 Month`, `3 Years`. */
export function describeLength(length: RenewalLength): string {
    return `${length.period} ${length.periodUnit}${length.period === 1 ? "" : "s"}`;
}
