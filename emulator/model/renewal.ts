/**
 * Renewal rules as pure functions: which periods are allowed, and where a renewal moves an expiry.
 *
 * Ranges come from the seed reference pages (`docs/reference/`):
 * - RenewInstance: PeriodUnit `Week` (Period 1–4) or `Month` (Period 1–12, 24, 36, 48, 60), default `Month`;
 *   ExpectedRenewDay 1–28, mutually exclusive with Period.
 * - RenewReservedInstances: PeriodUnit `Year` only, Period 1 or 3 (default 1); AutoRenewPeriod 12 or 36 (months).
 * - DescribeRenewalPrice (API reference, `docs/ecs-wire.md` §4): PriceUnit `Month` (Period 1–9) or
 *   `Year` (Period 1–3), default `Month` and 1; ExpectedRenewDay 1–28, mutually exclusive with Period.
 *   Narrower than RenewInstance: a price for 12 Months is asked as 1 Year.
 *
 * Where a renewal starts: from the current expiry, or from the model's "now" when the resource has
 * already expired (the real service does not bill the lapsed days). The maximum expiry is five calendar
 * years after "now" ({@link MAX_EXPIRY_MONTHS}); a renewal ending later fails with
 * `InvalidPeriod.ExceededMaximumExpirationDate`. The ExpectedRenewDay rule is in `./time.ts`.
 *
 * @module
 */

import {
  ExceededMaximumExpirationDateError,
  ExpectedRenewDayConflictError,
  InvalidParameterError,
  InvalidParameterNotMatchError,
  InvalidPeriodError,
  InvalidPeriodUnitError,
  PeriodNotFoundError,
} from "./errors";
import { addCalendarMonths, addWeeks, nextDayOfMonthAfter, truncateToMinute } from "./time";

/** Allowed RenewInstance periods per unit. */
export const INSTANCE_PERIODS: Readonly<Record<"Week" | "Month", readonly number[]>> = {
  Week: [1, 2, 3, 4],
  Month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60],
};

/** Allowed DescribeRenewalPrice periods per PriceUnit. */
export const RENEWAL_PRICE_PERIODS: Readonly<Record<"Month" | "Year", readonly number[]>> = {
  Month: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  Year: [1, 2, 3],
};

/** Allowed RenewReservedInstances periods (unit Year). */
export const RESERVED_INSTANCE_PERIODS: readonly number[] = [1, 3];

/** Allowed RenewReservedInstances AutoRenewPeriod values, in months. */
export const RESERVED_INSTANCE_AUTO_RENEW_PERIODS: readonly number[] = [12, 36];

/** Maximum number of reserved instances in one RenewReservedInstances call. */
export const MAX_RESERVED_INSTANCES_PER_RENEWAL = 10;

/** A renewal may not end later than this many calendar months after "now". */
export const MAX_EXPIRY_MONTHS = 60;

/** A validated renewal term. */
export type RenewalTerm =
  | { readonly kind: "period"; readonly period: number; readonly unit: "Week" | "Month" | "Year" }
  | { readonly kind: "expectedRenewDay"; readonly day: number };

/** Raw RenewInstance term parameters, already type-checked by the wire layer. */
export interface InstanceTermInput {
  period?: number;
  periodUnit?: string;
  expectedRenewDay?: number;
}

/**
 * Validates RenewInstance's Period / PeriodUnit / ExpectedRenewDay.
 * @throws InvalidPeriodUnitError, ExpectedRenewDayConflictError, PeriodNotFoundError, InvalidPeriodError,
 *   InvalidParameterError (ExpectedRenewDay outside 1–28).
 */
export function validateInstanceTerm(input: InstanceTermInput): RenewalTerm {
  const unit = input.periodUnit ?? "Month";
  if (unit !== "Week" && unit !== "Month") {
    throw new InvalidPeriodUnitError();
  }
  if (input.period !== undefined && input.expectedRenewDay !== undefined) {
    throw new ExpectedRenewDayConflictError();
  }
  if (input.expectedRenewDay !== undefined) {
    if (input.expectedRenewDay < 1 || input.expectedRenewDay > 28) {
      throw new InvalidParameterError("ExpectedRenewDay", "Valid values: 1 to 28.");
    }
    return { kind: "expectedRenewDay", day: input.expectedRenewDay };
  }
  if (input.period === undefined) {
    throw new PeriodNotFoundError();
  }
  if (!INSTANCE_PERIODS[unit].includes(input.period)) {
    throw new InvalidPeriodError();
  }
  return { kind: "period", period: input.period, unit };
}

/** Raw RenewReservedInstances term parameters, already type-checked by the wire layer. */
export interface ReservedTermInput {
  period?: number;
  periodUnit?: string;
  autoRenew?: boolean;
  autoRenewPeriod?: number;
}

/** A validated RenewReservedInstances term. */
export interface ReservedTerm {
  readonly term: RenewalTerm & { kind: "period" };
  readonly autoRenew: boolean;
  /** Months; only meaningful when {@link autoRenew}. */
  readonly autoRenewPeriod: number;
}

/**
 * Validates RenewReservedInstances' Period / PeriodUnit / AutoRenew / AutoRenewPeriod.
 * AutoRenewPeriod is checked only when AutoRenew is true (the reference says it only applies then).
 * @throws InvalidPeriodUnitError, InvalidPeriodError, InvalidParameterNotMatchError (AutoRenewPeriod).
 */
export function validateReservedTerm(input: ReservedTermInput): ReservedTerm {
  const unit = input.periodUnit ?? "Year";
  if (unit !== "Year") {
    throw new InvalidPeriodUnitError();
  }
  const period = input.period ?? 1;
  if (!RESERVED_INSTANCE_PERIODS.includes(period)) {
    throw new InvalidPeriodError();
  }
  const autoRenew = input.autoRenew ?? false;
  const autoRenewPeriod = input.autoRenewPeriod ?? 12;
  if (autoRenew && !RESERVED_INSTANCE_AUTO_RENEW_PERIODS.includes(autoRenewPeriod)) {
    throw new InvalidParameterNotMatchError(`The specified AutoRenewPeriod ${autoRenewPeriod} is not valid. Valid values: 12, 36.`);
  }
  return { term: { kind: "period", period, unit: "Year" }, autoRenew, autoRenewPeriod };
}

/**
 * The instant a renewal starts from: the current expiry, or now when already expired.
 * @param expiry current expiry.
 * @param now the model's now.
 */
export function renewalBase(expiry: Date, now: Date): Date {
  return expiry.getTime() >= now.getTime() ? expiry : truncateToMinute(now);
}

/**
 * Where a renewal moves an expiry.
 * @param expiry current expiry.
 * @param term validated term.
 * @param now the model's now.
 * @throws ExceededMaximumExpirationDateError when the result is more than {@link MAX_EXPIRY_MONTHS} after now.
 */
export function renewedExpiry(expiry: Date, term: RenewalTerm, now: Date): Date {
  const base = renewalBase(expiry, now);
  let next: Date;
  if (term.kind === "expectedRenewDay") {
    next = nextDayOfMonthAfter(base, term.day);
  } else if (term.unit === "Week") {
    next = addWeeks(base, term.period);
  } else if (term.unit === "Month") {
    next = addCalendarMonths(base, term.period);
  } else {
    next = addCalendarMonths(base, term.period * 12);
  }
  if (next.getTime() > addCalendarMonths(now, MAX_EXPIRY_MONTHS).getTime()) {
    throw new ExceededMaximumExpirationDateError();
  }
  return next;
}

/** Length of a term in months, for pricing (a week is a quarter month). */
export function termMonths(term: RenewalTerm & { kind: "period" }): number {
  switch (term.unit) {
    case "Week":
      return term.period / 4;
    case "Month":
      return term.period;
    case "Year":
      return term.period * 12;
  }
}
