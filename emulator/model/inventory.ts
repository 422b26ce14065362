/**
 * Turns a seed (the body of `POST /__emulator/reset`) into stored records, applying defaults and
 * rejecting what the model could not represent.
 *
 * @module
 */

import { validateResourceTags } from "./tags";
import { formatEcsTime, parseIsoTime, POSTPAID_EXPIRED_TIME } from "./time";
import type {
  AccessKey,
  AutoRenewUnit,
  InstanceRecord,
  OperationLock,
  RenewalStatus,
  ReservedInstanceRecord,
  SeedInstance,
  SeedInventory,
  SeedReservedInstance,
  ResourceTag,
} from "./types";

/** A seed that cannot be loaded; the control endpoint answers it with 400. */
export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SeedError";
  }
}

/** Instance statuses DescribeInstances knows. */
export const INSTANCE_STATUSES: readonly string[] = ["Pending", "Running", "Starting", "Stopping", "Stopped"];

/** Reserved-instance statuses DescribeReservedInstances knows. */
export const RESERVED_INSTANCE_STATUSES: readonly string[] = ["Creating", "Active", "Expired", "Updating"];

const RENEWAL_STATUSES: readonly RenewalStatus[] = ["AutoRenewal", "Normal", "NotRenewal"];
const AUTO_RENEW_UNITS: readonly AutoRenewUnit[] = ["Week", "Month", "Year"];

function time(value: string | undefined, field: string, fallback: string | undefined): string {
  if (value === undefined || value === "") {
    if (fallback === undefined) {
      throw new SeedError(`${field} is required`);
    }
    return fallback;
  }
  const parsed = parseIsoTime(value);
  if (!parsed) {
    throw new SeedError(`${field} "${value}" is not an ISO 8601 time with a zone (e.g. 2026-03-01T16:00Z)`);
  }
  return formatEcsTime(parsed);
}

function nonEmpty(value: unknown, field: string): string {
  if (typeof value !== "string" || value === "") {
    throw new SeedError(`${field} must be a non-empty string`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, fallback: T): T {
  if (value === undefined) {
    return fallback;
  }
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new SeedError(`${field} must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}

function locks(value: OperationLock[] | undefined, field: string): OperationLock[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value) || value.some((l) => typeof l !== "object" || l === null || typeof l.LockReason !== "string")) {
    throw new SeedError(`${field} must be an array of { LockReason, LockMsg? }`);
  }
  return value.map((l) => (l.LockMsg === undefined ? { LockReason: l.LockReason } : { LockReason: l.LockReason, LockMsg: l.LockMsg }));
}

function optionalString(value: unknown, field: string): string {
  if (value === undefined) {
    return "";
  }
  if (typeof value !== "string") {
    throw new SeedError(`${field} must be a string`);
  }
  return value;
}

function tags(value: unknown, field: string): ResourceTag[] {
  const checked = validateResourceTags(value);
  if ("error" in checked) {
    throw new SeedError(`${field} ${checked.error}`);
  }
  return checked.tags;
}

function positiveInt(value: unknown, field: string, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new SeedError(`${field} must be a positive integer`);
  }
  return value;
}

/**
 * Builds a stored instance from its seed.
 * @param seed the seed entry.
 * @param now the model's now, for default creation times.
 * @throws SeedError
 */
export function instanceFromSeed(seed: SeedInstance, now: Date): InstanceRecord {
  const where = `instance ${String(seed.InstanceId)}`;
  const id = nonEmpty(seed.InstanceId, "InstanceId");
  const chargeType = oneOf(seed.InstanceChargeType, ["PrePaid", "PostPaid"] as const, `${where}: InstanceChargeType`, "PrePaid");
  const regionId = nonEmpty(seed.RegionId, `${where}: RegionId`);
  const status = oneOf(seed.Status, INSTANCE_STATUSES, `${where}: Status`, "Running");
  const renewalStatus = oneOf(seed.RenewalStatus, RENEWAL_STATUSES, `${where}: RenewalStatus`, seed.AutoRenewEnabled ? "AutoRenewal" : "Normal");
  const creation = time(seed.CreationTime, `${where}: CreationTime`, formatEcsTime(new Date(now.getTime() - 30 * 24 * 3600 * 1000)));
  return {
    InstanceId: id,
    RegionId: regionId,
    ZoneId: seed.ZoneId ?? `${regionId}-h`,
    InstanceName: seed.InstanceName ?? id,
    InstanceType: seed.InstanceType ?? "ecs.g7.large",
    InstanceChargeType: chargeType,
    Status: status,
    // Pay-as-you-go instances have no subscription end; ECS reports this fixed value for them.
    ExpiredTime: chargeType === "PostPaid" ? POSTPAID_EXPIRED_TIME : time(seed.ExpiredTime, `${where}: ExpiredTime`, undefined),
    CreationTime: creation,
    StartTime: creation,
    AutoRenewEnabled: renewalStatus === "AutoRenewal",
    RenewalStatus: renewalStatus,
    Duration: positiveInt(seed.Duration, `${where}: Duration`, 1),
    PeriodUnit: oneOf(seed.PeriodUnit, AUTO_RENEW_UNITS, `${where}: PeriodUnit`, "Month"),
    OperationLocks: locks(seed.OperationLocks, `${where}: OperationLocks`),
    UnpaidOrder: seed.UnpaidOrder === true,
    ResourceGroupId: optionalString(seed.ResourceGroupId, `${where}: ResourceGroupId`),
    Tags: tags(seed.Tags, `${where}: Tags`),
  };
}

/**
 * Builds a stored reserved instance from its seed.
 * @param seed the seed entry.
 * @param now the model's now, for default creation times.
 * @throws SeedError
 */
export function reservedInstanceFromSeed(seed: SeedReservedInstance, now: Date): ReservedInstanceRecord {
  const where = `reserved instance ${String(seed.ReservedInstanceId)}`;
  const id = nonEmpty(seed.ReservedInstanceId, "ReservedInstanceId");
  const regionId = nonEmpty(seed.RegionId, `${where}: RegionId`);
  const creation = time(seed.CreationTime, `${where}: CreationTime`, formatEcsTime(new Date(now.getTime() - 300 * 24 * 3600 * 1000)));
  return {
    ReservedInstanceId: id,
    ReservedInstanceName: seed.ReservedInstanceName ?? id,
    RegionId: regionId,
    ZoneId: seed.ZoneId ?? "",
    InstanceType: seed.InstanceType ?? "ecs.g7.large",
    InstanceAmount: positiveInt(seed.InstanceAmount, `${where}: InstanceAmount`, 1),
    Scope: seed.Scope ?? "Region",
    OfferingType: seed.OfferingType ?? "All Upfront",
    Platform: seed.Platform ?? "Linux",
    Status: oneOf(seed.Status, RESERVED_INSTANCE_STATUSES, `${where}: Status`, "Active"),
    CreationTime: creation,
    StartTime: time(seed.StartTime, `${where}: StartTime`, creation),
    ExpiredTime: time(seed.ExpiredTime, `${where}: ExpiredTime`, undefined),
    Description: seed.Description ?? "",
    OperationLocks: locks(seed.OperationLocks, `${where}: OperationLocks`),
    RenewalStatus: oneOf(seed.RenewalStatus, ["AutoRenewal", "Normal"] as const, `${where}: RenewalStatus`, "Normal"),
    Duration: positiveInt(seed.Duration, `${where}: Duration`, 1),
    PeriodUnit: oneOf(seed.PeriodUnit, AUTO_RENEW_UNITS, `${where}: PeriodUnit`, "Year"),
    ResourceGroupId: optionalString(seed.ResourceGroupId, `${where}: ResourceGroupId`),
    Tags: tags(seed.Tags, `${where}: Tags`),
  };
}

/**
 * Validates AccessKeys from a seed or options.
 * @throws SeedError
 */
export function accessKeysFromSeed(keys: unknown): AccessKey[] {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new SeedError("accessKeys must be a non-empty array of { id, secret, securityToken? }");
  }
  return keys.map((k: unknown, i) => {
    const key = k as Partial<AccessKey> | null;
    if (!key || typeof key.id !== "string" || key.id === "" || typeof key.secret !== "string" || key.secret === "") {
      throw new SeedError(`accessKeys[${i}] must have a non-empty id and secret`);
    }
    if (key.securityToken !== undefined && typeof key.securityToken !== "string") {
      throw new SeedError(`accessKeys[${i}].securityToken must be a string`);
    }
    return key.securityToken ? { id: key.id, secret: key.secret, securityToken: key.securityToken } : { id: key.id, secret: key.secret };
  });
}

/** A seed turned into records. */
export interface LoadedInventory {
  instances: InstanceRecord[];
  reservedInstances: ReservedInstanceRecord[];
  accessKeys?: AccessKey[];
  now?: Date;
  accountInArrears: boolean;
}

/**
 * Validates a whole seed. Missing `instances` / `reservedInstances` count as empty.
 * @param seed untrusted JSON.
 * @param wallNow wall-clock now, for defaults when the seed does not fix the clock.
 * @throws SeedError
 */
export function loadInventory(seed: unknown, wallNow: Date): LoadedInventory {
  if (typeof seed !== "object" || seed === null || Array.isArray(seed)) {
    throw new SeedError("the seed must be a JSON object { accessKeys?, instances, reservedInstances, now?, AccountInArrears? }");
  }
  const s = seed as Partial<SeedInventory>;
  let now: Date | undefined;
  if (s.now !== undefined) {
    now = typeof s.now === "string" ? parseIsoTime(s.now) : undefined;
    if (!now) {
      throw new SeedError(`now "${String(s.now)}" is not an ISO 8601 time with a zone`);
    }
  }
  const instancesIn = s.instances ?? [];
  const risIn = s.reservedInstances ?? [];
  if (!Array.isArray(instancesIn) || !Array.isArray(risIn)) {
    throw new SeedError("instances and reservedInstances must be arrays");
  }
  const effectiveNow = now ?? wallNow;
  const instances = instancesIn.map((i) => instanceFromSeed(i, effectiveNow));
  const reservedInstances = risIn.map((r) => reservedInstanceFromSeed(r, effectiveNow));
  const dup = (ids: string[]): string | undefined => ids.find((id, i) => ids.indexOf(id) !== i);
  const dupInstance = dup(instances.map((i) => i.InstanceId));
  const dupRi = dup(reservedInstances.map((r) => r.ReservedInstanceId));
  if (dupInstance || dupRi) {
    throw new SeedError(`duplicate id ${dupInstance ?? dupRi}`);
  }
  return {
    instances,
    reservedInstances,
    accessKeys: s.accessKeys === undefined ? undefined : accessKeysFromSeed(s.accessKeys),
    now,
    accountInArrears: s.AccountInArrears === true,
  };
}
