/**
 * Reserved-instance rules: lifecycle, renewability, the DescribeReservedInstances view and the
 * auto-renew attribute.
 *
 * Lifecycle (applied lazily): an `Active` reserved instance whose ExpiredTime has passed becomes
 * `Expired`. Expired ones can still be renewed (they become `Active` again); they are never released.
 *
 * Renewability, checked per id in this order:
 * - unknown id → 404 `InvalidReservedInstanceId.NotFound` (the seed table has no not-found code;
 *   this is the ECS code for the resource);
 * - RegionId differs from the reserved instance's region → 400 `InvalidParameter.Conflict`
 *   ("The specified region and cluster do not match.", from the seed table);
 * - any operation lock → 403 `OperationDenied` ("The resource is out of usage.", from the seed table);
 * - status other than `Active` / `Expired` → 403 `IncorrectInstanceStatus`.
 *
 * @module
 */

import {
  IncorrectInstanceStatusError,
  InvalidParameterConflictError,
  InvalidParameterError,
  InvalidPeriodError,
  InvalidPeriodUnitError,
  ReservedInstanceNotFoundError,
  ResourceOutOfUsageError,
} from "./errors";
import { expiryOf } from "./instances";
import { matchesTags, tagsView, type TagFilter } from "./tags";
import type { AutoRenewUnit, JsonObject, RenewalStatus, ReservedInstanceRecord } from "./types";

/** Statuses from which a reserved instance may be renewed. */
export const RENEWABLE_RESERVED_INSTANCE_STATUSES: readonly string[] = ["Active", "Expired"];

/** Allowed ModifyReservedInstanceAutoRenewAttribute Period values per PeriodUnit. */
export const RESERVED_INSTANCE_AUTO_RENEW_PERIODS_BY_UNIT: Readonly<Record<"Month" | "Year", readonly number[]>> = {
  Year: [1, 3, 5],
  Month: [1],
};

/**
 * Applies expiry to one reserved instance.
 * @returns whether the record changed.
 */
export function applyReservedInstanceLifecycle(record: ReservedInstanceRecord, now: Date): boolean {
  if (record.Status !== "Active" || expiryOf(record).getTime() > now.getTime()) {
    return false;
  }
  record.Status = "Expired";
  return true;
}

/**
 * Finds a reserved instance and checks that it belongs to the region.
 * @throws ReservedInstanceNotFoundError, InvalidParameterConflictError
 */
export function findReservedInstanceInRegion(all: ReadonlyMap<string, ReservedInstanceRecord>, id: string, regionId: string): ReservedInstanceRecord {
  const record = all.get(id);
  if (!record) {
    throw new ReservedInstanceNotFoundError(id);
  }
  if (record.RegionId !== regionId) {
    throw new InvalidParameterConflictError(`Reserved instance ${id} is in ${record.RegionId}, not ${regionId}.`);
  }
  return record;
}

/**
 * Checks that a reserved instance may be renewed.
 * @throws ResourceOutOfUsageError, IncorrectInstanceStatusError
 */
export function assertReservedInstanceRenewable(record: ReservedInstanceRecord): void {
  if (record.OperationLocks.length > 0) {
    throw new ResourceOutOfUsageError();
  }
  if (!RENEWABLE_RESERVED_INSTANCE_STATUSES.includes(record.Status)) {
    throw new IncorrectInstanceStatusError();
  }
}

/** Applies a successful renewal (an expired reserved instance becomes Active). */
export function applyReservedInstanceRenewal(record: ReservedInstanceRecord, newExpiry: string, autoRenew: { enabled: boolean; periodMonths: number }): void {
  record.ExpiredTime = newExpiry;
  if (record.Status === "Expired") {
    record.Status = "Active";
  }
  if (autoRenew.enabled) {
    record.RenewalStatus = "AutoRenewal";
    record.Duration = autoRenew.periodMonths / 12;
    record.PeriodUnit = "Year";
  }
}

/** Filters accepted by DescribeReservedInstances; all given ones must hold (logical AND). */
export interface ReservedInstanceFilters {
  regionId: string;
  ids?: readonly string[];
  statuses?: readonly string[];
  instanceType?: string;
  /** Exact match only (documented: no fuzzy matching). */
  reservedInstanceName?: string;
  /** Region-scoped reserved instances have no zone, so they never match a ZoneId. */
  zoneId?: string;
  /** `Tag.N` pairs: the reserved instance must carry every one. */
  tags?: readonly TagFilter[];
}

/** Reserved instances matching DescribeReservedInstances filters, in stored order. */
export function filterReservedInstances(all: Iterable<ReservedInstanceRecord>, f: ReservedInstanceFilters): ReservedInstanceRecord[] {
  const ids = f.ids && f.ids.length > 0 ? new Set(f.ids) : undefined;
  const statuses = f.statuses && f.statuses.length > 0 ? new Set(f.statuses) : undefined;
  return [...all].filter(
    (r) =>
      r.RegionId === f.regionId &&
      (!ids || ids.has(r.ReservedInstanceId)) &&
      (!statuses || statuses.has(r.Status)) &&
      (f.instanceType === undefined || r.InstanceType === f.instanceType) &&
      (f.reservedInstanceName === undefined || r.ReservedInstanceName === f.reservedInstanceName) &&
      (f.zoneId === undefined || r.ZoneId === f.zoneId) &&
      (f.tags === undefined || matchesTags(r.Tags, f.tags)),
  );
}

/** The reserved instance as DescribeReservedInstances reports it. */
export function reservedInstanceView(r: ReservedInstanceRecord): JsonObject {
  return {
    ReservedInstanceId: r.ReservedInstanceId,
    ReservedInstanceName: r.ReservedInstanceName,
    RegionId: r.RegionId,
    ZoneId: r.ZoneId,
    InstanceType: r.InstanceType,
    InstanceAmount: r.InstanceAmount,
    Scope: r.Scope,
    OfferingType: r.OfferingType,
    Platform: r.Platform,
    Status: r.Status,
    AllocationStatus: "",
    CreationTime: r.CreationTime,
    StartTime: r.StartTime,
    ExpiredTime: r.ExpiredTime,
    Description: r.Description,
    ResourceGroupId: r.ResourceGroupId,
    OperationLocks: { OperationLock: r.OperationLocks.map((l) => ({ LockReason: l.LockReason })) },
    Tags: tagsView(r.Tags),
  };
}

/** The reserved instance as DescribeReservedInstanceAutoRenewAttribute reports it. */
export function reservedInstanceAutoRenewView(r: ReservedInstanceRecord): JsonObject {
  return {
    ReservedInstanceId: r.ReservedInstanceId,
    Duration: r.Duration,
    PeriodUnit: r.PeriodUnit,
    RenewalStatus: r.RenewalStatus,
  };
}

/** ModifyReservedInstanceAutoRenewAttribute input, type-checked by the wire layer. */
export interface ReservedInstanceAutoRenewChange {
  renewalStatus?: string;
  period?: number;
  periodUnit?: string;
}

/** A validated change. */
export interface ValidatedReservedAutoRenewChange {
  renewalStatus?: RenewalStatus;
  period?: number;
  periodUnit: AutoRenewUnit;
}

/**
 * Validates a ModifyReservedInstanceAutoRenewAttribute change. PeriodUnit defaults to `Year`
 * (the international site's only value); Year periods 1, 3, 5; Month period 1.
 * @throws InvalidParameterError (RenewalStatus), InvalidPeriodUnitError, InvalidPeriodError
 */
export function validateReservedAutoRenewChange(c: ReservedInstanceAutoRenewChange): ValidatedReservedAutoRenewChange {
  if (c.renewalStatus !== undefined && c.renewalStatus !== "AutoRenewal" && c.renewalStatus !== "Normal") {
    throw new InvalidParameterError("RenewalStatus", "Valid values: AutoRenewal, Normal.");
  }
  const unit = c.periodUnit ?? "Year";
  if (unit !== "Year" && unit !== "Month") {
    throw new InvalidPeriodUnitError();
  }
  if (c.period !== undefined && !RESERVED_INSTANCE_AUTO_RENEW_PERIODS_BY_UNIT[unit].includes(c.period)) {
    throw new InvalidPeriodError();
  }
  return { renewalStatus: c.renewalStatus, period: c.period, periodUnit: unit };
}

/**
 * Checks that a reserved instance's auto-renew attribute may be modified (only Active ones).
 * @throws IncorrectInstanceStatusError
 */
export function assertReservedAutoRenewModifiable(r: ReservedInstanceRecord): void {
  if (r.Status !== "Active") {
    throw new IncorrectInstanceStatusError();
  }
}

/** Applies a validated change. */
export function applyReservedAutoRenewChange(r: ReservedInstanceRecord, c: ValidatedReservedAutoRenewChange): void {
  if (c.renewalStatus !== undefined) {
    r.RenewalStatus = c.renewalStatus;
  }
  if (c.period !== undefined) {
    r.Duration = c.period;
    r.PeriodUnit = c.periodUnit;
  }
}
