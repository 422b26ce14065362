/**
 * Instance rules: lifecycle, renewability, the DescribeInstances view and the auto-renew attribute.
 *
 * Lifecycle (applied lazily, whenever the model is used): a PrePaid instance whose ExpiredTime has
 * passed and that is `Running` becomes `Stopped` with a `financial` operation lock, as the real service
 * stops expired subscriptions. It is never released. Renewing it removes the `financial` lock and
 * starts it again (`Running`).
 *
 * Renewability, checked in this order: PostPaid → `ChargeTypeViolation` (403); a `security` lock →
 * `InstanceLockedForSecurity` (403); an unpaid order → `Instance.UnPaidOrder` (403); a status other
 * than `Running` or `Stopped` → `IncorrectInstanceStatus` (403).
 *
 * @module
 */

import {
  ChargeTypeViolationError,
  IncorrectInstanceStatusError,
  InstanceLockedForSecurityError,
  InstanceUnpaidOrderError,
  InvalidParameterError,
  InvalidPeriodUnitError,
} from "./errors";
import { memoryMiB, vcpus } from "./pricing";
import { matchesTags, tagsView, type TagFilter } from "./tags";
import { parseIsoTime } from "./time";
import type { AutoRenewUnit, InstanceRecord, JsonObject, RenewalStatus } from "./types";

/** Lock reason set on an instance stopped because its subscription expired. */
export const EXPIRY_LOCK_REASON = "financial";

/** Statuses from which an instance may be renewed. */
export const RENEWABLE_INSTANCE_STATUSES: readonly string[] = ["Running", "Stopped"];

/** Allowed ModifyInstanceAutoRenewAttribute Duration values per PeriodUnit. */
export const INSTANCE_AUTO_RENEW_DURATIONS: Readonly<Record<AutoRenewUnit, readonly number[]>> = {
  Week: [1, 2, 3, 4],
  Month: [1, 2, 3, 6, 12, 24, 36, 48, 60],
  Year: [1, 2, 3, 4, 5],
};

/** Parsed ExpiredTime of a stored record. */
export function expiryOf(record: { ExpiredTime: string }): Date {
  const d = parseIsoTime(record.ExpiredTime);
  if (!d) {
    throw new Error(`stored ExpiredTime ${record.ExpiredTime} is not a time`);
  }
  return d;
}

/**
 * Applies expiry to one instance.
 * @returns whether the record changed.
 */
export function applyInstanceLifecycle(record: InstanceRecord, now: Date): boolean {
  if (record.InstanceChargeType !== "PrePaid" || record.Status !== "Running" || expiryOf(record).getTime() > now.getTime()) {
    return false;
  }
  record.Status = "Stopped";
  if (!record.OperationLocks.some((l) => l.LockReason === EXPIRY_LOCK_REASON)) {
    record.OperationLocks.push({ LockReason: EXPIRY_LOCK_REASON, LockMsg: "The subscription has expired." });
  }
  return true;
}

/**
 * Checks that an instance may be renewed.
 * @throws ChargeTypeViolationError, InstanceLockedForSecurityError, InstanceUnpaidOrderError, IncorrectInstanceStatusError
 */
export function assertInstanceRenewable(record: InstanceRecord): void {
  if (record.InstanceChargeType !== "PrePaid") {
    throw new ChargeTypeViolationError();
  }
  if (record.OperationLocks.some((l) => l.LockReason === "security")) {
    throw new InstanceLockedForSecurityError();
  }
  if (record.UnpaidOrder) {
    throw new InstanceUnpaidOrderError();
  }
  if (!RENEWABLE_INSTANCE_STATUSES.includes(record.Status)) {
    throw new IncorrectInstanceStatusError();
  }
}

/** Applies a successful renewal: new expiry; an instance stopped by expiry is unlocked and started. */
export function applyInstanceRenewal(record: InstanceRecord, newExpiry: string): void {
  record.ExpiredTime = newExpiry;
  const hadExpiryLock = record.OperationLocks.some((l) => l.LockReason === EXPIRY_LOCK_REASON);
  if (hadExpiryLock) {
    record.OperationLocks = record.OperationLocks.filter((l) => l.LockReason !== EXPIRY_LOCK_REASON);
    if (record.Status === "Stopped") {
      record.Status = "Running";
    }
  }
}

/** Filters accepted by DescribeInstances besides ids; all given ones must hold (logical AND). */
export interface InstanceFilters {
  regionId: string;
  /** An empty list matches nothing, as documented for `InstanceIds=[]`. */
  instanceIds?: readonly string[];
  status?: string;
  instanceChargeType?: string;
  instanceType?: string;
  /** Exact name, or a pattern in which `*` stands for any run of characters. */
  instanceName?: string;
  zoneId?: string;
  resourceGroupId?: string;
  /** `Tag.N` pairs: the instance must carry every one. */
  tags?: readonly TagFilter[];
}

/**
 * Whether a name matches an `InstanceName` filter: `*` matches any run of characters (none
 * included); every other character matches itself, case-sensitively; no `*` means the exact name.
 */
export function matchesNamePattern(name: string, pattern: string): boolean {
  if (!pattern.includes("*")) {
    return name === pattern;
  }
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`, "s").test(name);
}

/** Instances matching DescribeInstances filters, in stored order. */
export function filterInstances(all: Iterable<InstanceRecord>, f: InstanceFilters): InstanceRecord[] {
  const ids = f.instanceIds ? new Set(f.instanceIds) : undefined;
  return [...all].filter(
    (i) =>
      i.RegionId === f.regionId &&
      (!ids || ids.has(i.InstanceId)) &&
      (f.status === undefined || i.Status === f.status) &&
      (f.instanceChargeType === undefined || i.InstanceChargeType === f.instanceChargeType) &&
      (f.instanceType === undefined || i.InstanceType === f.instanceType) &&
      (f.instanceName === undefined || matchesNamePattern(i.InstanceName, f.instanceName)) &&
      (f.zoneId === undefined || i.ZoneId === f.zoneId) &&
      (f.resourceGroupId === undefined || i.ResourceGroupId === f.resourceGroupId) &&
      (f.tags === undefined || matchesTags(i.Tags, f.tags)),
  );
}

/** Deterministic private IP for an instance id. */
function privateIp(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `172.16.${(h >>> 8) % 250}.${(h % 250) + 2}`;
}

/** The instance as DescribeInstances reports it (`Instances.Instance[]` element). */
export function instanceView(i: InstanceRecord): JsonObject {
  const family = i.InstanceType.split(".").slice(0, 2).join(".");
  return {
    InstanceId: i.InstanceId,
    InstanceName: i.InstanceName,
    HostName: i.InstanceId,
    Description: "",
    RegionId: i.RegionId,
    ZoneId: i.ZoneId,
    Status: i.Status,
    InstanceChargeType: i.InstanceChargeType,
    InternetChargeType: "PayByTraffic",
    ExpiredTime: i.ExpiredTime,
    CreationTime: i.CreationTime,
    StartTime: i.StartTime,
    AutoReleaseTime: "",
    InstanceType: i.InstanceType,
    InstanceTypeFamily: family,
    Cpu: vcpus(i.InstanceType),
    Memory: memoryMiB(i.InstanceType),
    ImageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
    OSType: "linux",
    OSName: "Alibaba Cloud Linux  3.2104 LTS 64 bit",
    InstanceNetworkType: "vpc",
    InternetMaxBandwidthIn: 0,
    InternetMaxBandwidthOut: 0,
    SpotStrategy: "NoSpot",
    StoppedMode: i.Status === "Stopped" ? "KeepCharging" : "Not-applicable",
    SerialNumber: `emu-${i.InstanceId}`,
    ResourceGroupId: i.ResourceGroupId,
    KeyPairName: "",
    DeletionProtection: false,
    IoOptimized: true,
    Recyclable: false,
    DeviceAvailable: true,
    OperationLocks: { LockReason: i.OperationLocks.map((l): JsonObject => ({ LockReason: l.LockReason, LockMsg: l.LockMsg ?? "" })) },
    Tags: tagsView(i.Tags),
    SecurityGroupIds: { SecurityGroupId: [] },
    PublicIpAddress: { IpAddress: [] },
    InnerIpAddress: { IpAddress: [] },
    VpcAttributes: { VpcId: "vpc-emulator", VSwitchId: `vsw-${i.ZoneId}`, NatIpAddress: "", PrivateIpAddress: { IpAddress: [privateIp(i.InstanceId)] } },
  };
}

/** The instance as DescribeInstanceAutoRenewAttribute reports it. */
export function instanceAutoRenewView(i: InstanceRecord): JsonObject {
  return {
    InstanceId: i.InstanceId,
    AutoRenewEnabled: i.AutoRenewEnabled,
    Duration: i.Duration,
    PeriodUnit: i.PeriodUnit,
    RenewalStatus: i.RenewalStatus,
    EnableExpectedRenewDay: false,
  };
}

/** ModifyInstanceAutoRenewAttribute input, type-checked by the wire layer. */
export interface InstanceAutoRenewChange {
  autoRenew?: boolean;
  duration?: number;
  periodUnit?: string;
  renewalStatus?: string;
}

/** A validated auto-renew change. */
export interface ValidatedAutoRenewChange {
  renewalStatus: RenewalStatus;
  duration?: number;
  periodUnit: AutoRenewUnit;
}

/**
 * Validates a ModifyInstanceAutoRenewAttribute change. RenewalStatus wins over AutoRenew.
 * @throws InvalidParameterError (RenewalStatus, Duration), InvalidPeriodUnitError
 */
export function validateInstanceAutoRenewChange(c: InstanceAutoRenewChange): ValidatedAutoRenewChange {
  let renewalStatus: RenewalStatus;
  if (c.renewalStatus !== undefined) {
    if (c.renewalStatus !== "AutoRenewal" && c.renewalStatus !== "Normal" && c.renewalStatus !== "NotRenewal") {
      throw new InvalidParameterError("RenewalStatus", "Valid values: AutoRenewal, Normal, NotRenewal.");
    }
    renewalStatus = c.renewalStatus;
  } else {
    renewalStatus = c.autoRenew ? "AutoRenewal" : "Normal";
  }
  const unit = c.periodUnit ?? "Month";
  if (unit !== "Week" && unit !== "Month" && unit !== "Year") {
    throw new InvalidPeriodUnitError();
  }
  if (c.duration !== undefined && !INSTANCE_AUTO_RENEW_DURATIONS[unit].includes(c.duration)) {
    throw new InvalidParameterError("Duration", `Valid values for PeriodUnit ${unit}: ${INSTANCE_AUTO_RENEW_DURATIONS[unit].join(", ")}.`);
  }
  return { renewalStatus, duration: c.duration, periodUnit: unit };
}

/**
 * Checks that an instance is a subscription one (auto-renew and prices only exist for those).
 * @throws ChargeTypeViolationError for a PostPaid instance.
 */
export function assertPrePaid(i: InstanceRecord): void {
  if (i.InstanceChargeType !== "PrePaid") {
    throw new ChargeTypeViolationError();
  }
}

/**
 * Applies an auto-renew change (call {@link assertPrePaid} on every target first). Duration and unit
 * are updated when a Duration is given; when auto-renewal is switched on without one, a Duration that
 * is not valid for the unit falls back to 1.
 */
export function applyInstanceAutoRenewChange(i: InstanceRecord, c: ValidatedAutoRenewChange): void {
  i.RenewalStatus = c.renewalStatus;
  i.AutoRenewEnabled = c.renewalStatus === "AutoRenewal";
  if (c.duration !== undefined) {
    i.Duration = c.duration;
    i.PeriodUnit = c.periodUnit;
  } else if (i.AutoRenewEnabled && !INSTANCE_AUTO_RENEW_DURATIONS[c.periodUnit].includes(i.Duration)) {
    i.Duration = 1;
    i.PeriodUnit = c.periodUnit;
  }
}
