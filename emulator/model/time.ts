/**
 * Time formats and calendar arithmetic used by the model. All computations are in UTC.
 *
 * Rules (they are the model's contract and are tested directly):
 * - ECS reports times to the minute, `yyyy-MM-ddTHH:mmZ` ({@link formatEcsTime}).
 * - A renewal of N months adds calendar months and clamps to the end of the target month:
 *   2026-01-31 + 1 month = 2026-02-28; the time of day is kept ({@link addCalendarMonths}).
 * - A renewal of N weeks adds 7·N days ({@link addWeeks}).
 * - ExpectedRenewDay D (1–28) renews to the first instant strictly after the base whose
 *   day-of-month is D, keeping the base's time of day ({@link nextDayOfMonthAfter}).
 *   Examples: base 2026-01-10T16:00Z, D=15 → 2026-01-15T16:00Z; D=10 → 2026-02-10T16:00Z;
 *   D=5 → 2026-02-05T16:00Z.
 *
 * @module
 */

/** Matches the ECS minute format `yyyy-MM-ddTHH:mmZ`. */
export const ECS_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/;

/** Expiry reported for pay-as-you-go instances by the real service. */
export const POSTPAID_EXPIRED_TIME = "2099-12-31T15:59Z";

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * Formats a date as ECS does, to the minute in UTC: `2026-03-01T16:00Z`.
 * @param d the instant; seconds are truncated.
 */
export function formatEcsTime(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}Z`;
}

/**
 * Parses an ISO 8601 time (`2026-03-01T16:00Z`, `2026-03-01T16:00:00Z`, `2026-03-01T16:00:00.000+08:00`).
 * A value without a zone is rejected rather than read in local time.
 * @returns the instant, or `undefined` when the text is not an ISO time with a zone.
 */
export function parseIsoTime(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    return undefined;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Number of days in a month. @param year full year. @param month0 month, 0-based. */
export function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/**
 * Adds calendar months, clamping the day to the end of the target month and keeping the time of day.
 * @param d start instant.
 * @param months number of months (may be negative).
 */
export function addCalendarMonths(d: Date, months: number): Date {
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month0));
  return new Date(Date.UTC(year, month0, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
}

/** Adds 7·weeks days. */
export function addWeeks(d: Date, weeks: number): Date {
  return new Date(d.getTime() + weeks * 7 * 24 * 3600 * 1000);
}

/**
 * The first instant strictly after `base` whose UTC day-of-month is `day`, at the base's time of day.
 * @param base the current expiry (or now, for an expired resource).
 * @param day 1–28, so every month has it.
 */
export function nextDayOfMonthAfter(base: Date, day: number): Date {
  const sameMonth = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), day, base.getUTCHours(), base.getUTCMinutes(), base.getUTCSeconds(), base.getUTCMilliseconds()));
  return sameMonth.getTime() > base.getTime() ? sameMonth : addCalendarMonths(sameMonth, 1);
}

/** Truncates an instant to the minute (ECS stores expiries to the minute). */
export function truncateToMinute(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 60000) * 60000);
}

/** Whole days between two instants (fractional part kept), `to - from`. */
export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / (24 * 3600 * 1000);
}
