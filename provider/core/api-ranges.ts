/**
 * The parameter ranges of the ECS APIs a lease calls, from the reference pages in
 * `docs/reference` (RenewInstance, RenewReservedInstances) and the official API reference
 * (ModifyInstanceAutoRenewAttribute). Validation refuses what falls outside them, and
 * coverage goals choose among them.
 */
import { PeriodUnit } from "./types";

/** Allowed `period` values per unit for subscription instances (RenewInstance reference page). */
export const INSTANCE_PERIODS: Readonly<Record<"Week" | "Month", readonly number[]>> = {
    Week: [1, 2, 3, 4],
    Month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60],
};

/** Allowed `period` values (in Years) for reserved instances (RenewReservedInstances reference page). */
export const RESERVED_INSTANCE_PERIODS: readonly number[] = [1, 3];

/** Allowed `autoRenewPeriod` values, in months, for reserved instances. */
export const AUTO_RENEW_PERIODS: readonly number[] = [12, 36];

/** Allowed `autoRenewPeriod` values per `autoRenewPeriodUnit` for instances (ModifyInstanceAutoRenewAttribute's Duration). */
export const INSTANCE_AUTO_RENEW_PERIODS: Readonly<Record<PeriodUnit, readonly number[]>> = {
    Week: [1, 2, 3, 4],
    Month: [1, 2, 3, 6, 12, 24, 36, 48, 60],
    Year: [1, 2, 3, 4, 5],
};

/** Highest `expectedRenewDay`: the unified expiry day is a day of the month from 1 to 28. */
export const MAX_EXPECTED_RENEW_DAY = 28;

/** RenewReservedInstances takes at most this many reserved instances per call. */
export const MAX_RESERVED_INSTANCES_PER_CALL = 10;

/** DescribeInstances and DescribeReservedInstances filter by at most this many tags (`Tag.N`, N 1 to 20). */
export const MAX_SELECTOR_TAGS = 20;
