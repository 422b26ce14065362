/**
 * Data shapes shared by the model, the control endpoints and their client.
 *
 * Field names are the ECS wire names (PascalCase) so that a seed, the stored state and the
 * `DescribeInstances` output read the same. Times are ECS minute strings (`yyyy-MM-ddTHH:mmZ`).
 *
 * @module
 */

/** An AccessKey pair the emulator accepts. */
export interface AccessKey {
  /** AccessKey id, e.g. `LTAIemulator0000000001`. */
  id: string;
  /** AccessKey secret used to verify signatures. */
  secret: string;
  /** When set, requests with this key must carry this STS token (`x-acs-security-token` / `SecurityToken`). */
  securityToken?: string;
}

/** Billing method of an instance. */
export type InstanceChargeType = "PrePaid" | "PostPaid";

/** Renewal status values shared by instances and reserved instances. */
export type RenewalStatus = "AutoRenewal" | "Normal" | "NotRenewal";

/** Units an auto-renew duration can be expressed in. */
export type AutoRenewUnit = "Week" | "Month" | "Year";

/** One operation lock (`OperationLocks.LockReason[]` on the wire). */
export interface OperationLock {
  /** `security`, `financial`, `Recycling`, … Only `security` blocks renewal of an instance. */
  LockReason: string;
  /** Optional explanation. */
  LockMsg?: string;
}

/** One tag of a resource (`Tags.Tag[]` element on the wire). */
export interface ResourceTag {
  TagKey: string;
  TagValue: string;
}

/** An ECS instance as stored by the model. */
export interface InstanceRecord {
  InstanceId: string;
  RegionId: string;
  ZoneId: string;
  InstanceName: string;
  InstanceType: string;
  InstanceChargeType: InstanceChargeType;
  /** `Pending | Running | Starting | Stopping | Stopped`. */
  Status: string;
  /** Subscription expiry; `2099-12-31T15:59Z` for PostPaid. */
  ExpiredTime: string;
  CreationTime: string;
  StartTime: string;
  /** Auto-renew state (as reported by DescribeInstanceAutoRenewAttribute). */
  AutoRenewEnabled: boolean;
  RenewalStatus: RenewalStatus;
  /** Auto-renew duration, in {@link PeriodUnit}s. */
  Duration: number;
  PeriodUnit: AutoRenewUnit;
  OperationLocks: OperationLock[];
  /** The instance has an unpaid order: renewal fails with `Instance.UnPaidOrder`. */
  UnpaidOrder: boolean;
  /** `""` when the seed gave none. */
  ResourceGroupId: string;
  Tags: ResourceTag[];
}

/** A reserved instance as stored by the model. */
export interface ReservedInstanceRecord {
  ReservedInstanceId: string;
  ReservedInstanceName: string;
  RegionId: string;
  ZoneId: string;
  InstanceType: string;
  InstanceAmount: number;
  /** `Region | Zone`. */
  Scope: string;
  /** `No Upfront | Partial Upfront | All Upfront`. */
  OfferingType: string;
  /** `Linux | Windows`. */
  Platform: string;
  /** `Creating | Active | Expired | Updating`. */
  Status: string;
  CreationTime: string;
  StartTime: string;
  ExpiredTime: string;
  Description: string;
  OperationLocks: OperationLock[];
  /** Auto-renew state (as reported by DescribeReservedInstanceAutoRenewAttribute). */
  RenewalStatus: RenewalStatus;
  /** Auto-renew duration, in {@link PeriodUnit}s. */
  Duration: number;
  PeriodUnit: AutoRenewUnit;
  /** `""` when the seed gave none. */
  ResourceGroupId: string;
  Tags: ResourceTag[];
}

/**
 * An instance in a seed (`POST /__emulator/reset`). Required: id, region, charge type, expiry and type;
 * everything else has a default. Set the optional fields to reach every model error.
 */
export interface SeedInstance {
  InstanceId: string;
  RegionId: string;
  /** `PrePaid` or `PostPaid` (checked when the seed is loaded). */
  InstanceChargeType: string;
  /** Default `Running`. Use `Pending`, `Starting` or `Stopping` for `IncorrectInstanceStatus`. */
  Status?: string;
  /** Any ISO 8601 time with a zone; stored to the minute. Required for PrePaid; PostPaid instances always get `2099-12-31T15:59Z`. */
  ExpiredTime?: string;
  /** Default `ecs.g7.large`. */
  InstanceType?: string;
  ZoneId?: string;
  InstanceName?: string;
  CreationTime?: string;
  AutoRenewEnabled?: boolean;
  /** `AutoRenewal | Normal | NotRenewal`; default from AutoRenewEnabled. */
  RenewalStatus?: string;
  Duration?: number;
  /** `Week | Month | Year`, default `Month`. */
  PeriodUnit?: string;
  /** e.g. `[{ LockReason: "security" }]` for `InstanceLockedForSecurity`. */
  OperationLocks?: OperationLock[];
  /** `true` for `Instance.UnPaidOrder`. */
  UnpaidOrder?: boolean;
  /** e.g. `rg-aek2prod0000001`; default none (`""`). */
  ResourceGroupId?: string;
  /** At most 20, one value per key, e.g. `[{ TagKey: "env", TagValue: "prod" }]`. Default none. */
  Tags?: ResourceTag[];
}

/** A reserved instance in a seed. */
export interface SeedReservedInstance {
  ReservedInstanceId: string;
  RegionId: string;
  /** Default `Active`. Use `Creating` or `Updating` for `IncorrectInstanceStatus`. */
  Status?: string;
  ExpiredTime: string;
  /** Default `ecs.g7.large`. */
  InstanceType?: string;
  ZoneId?: string;
  ReservedInstanceName?: string;
  InstanceAmount?: number;
  Scope?: string;
  OfferingType?: string;
  Platform?: string;
  CreationTime?: string;
  StartTime?: string;
  Description?: string;
  /** Any lock makes renewal fail with 403 `OperationDenied` ("The resource is out of usage."). */
  OperationLocks?: OperationLock[];
  /** `AutoRenewal | Normal`, default `Normal`. */
  RenewalStatus?: string;
  Duration?: number;
  /** `Month | Year`, default `Year`. */
  PeriodUnit?: string;
  /** Default none (`""`). */
  ResourceGroupId?: string;
  /** At most 20, one value per key. Default none. */
  Tags?: ResourceTag[];
}

/** The body of `POST /__emulator/reset`: it replaces all state. */
export interface SeedInventory {
  /** Replaces the accepted AccessKeys when present; otherwise the keys in use are kept. */
  accessKeys?: AccessKey[];
  instances: SeedInstance[];
  reservedInstances: SeedReservedInstance[];
  /** Fixes the model clock at this ISO time; absent = wall clock. */
  now?: string;
  /** Every renewal fails with 403 `Account.Arrearage`. */
  AccountInArrears?: boolean;
}

/** One successful renewal in the charge ledger. */
export interface ChargeEntry {
  /** `RenewInstance` or `RenewReservedInstances`. */
  action: string;
  /** Renewed resource ids. */
  ids: string[];
  /** Period as requested (defaults applied); `null` for an ExpectedRenewDay renewal. */
  period: number | null;
  /** `Week | Month | Year`; `null` for an ExpectedRenewDay renewal. */
  periodUnit: string | null;
  /** Present for an ExpectedRenewDay renewal. */
  expectedRenewDay?: number;
  /** The request's ClientToken, `null` when none was sent. */
  clientToken: string | null;
  orderId: string;
  requestId: string;
  /** ExpiredTime of each id before the renewal. */
  expiryBefore: Record<string, string>;
  /** ExpiredTime of each id after the renewal. */
  expiryAfter: Record<string, string>;
  /** Model-clock time of the charge, full ISO 8601. */
  at: string;
  /** AccessKey id that signed the request. */
  accessKeyId: string;
  /** Amount charged by the price model (instances only), in {@link currency}. */
  tradePrice?: number;
  currency?: string;
  /** RenewReservedInstances only: the AutoRenew / AutoRenewPeriod that came with the renewal. */
  autoRenew?: boolean;
  autoRenewPeriod?: number;
}

/** `GET /__emulator/ledger`. */
export interface LedgerSnapshot {
  charges: ChargeEntry[];
  /** Calls per Action, failed ones included (signature failures too). */
  calls: Record<string, number>;
}

/** `GET /__emulator/state`. */
export interface StateSnapshot {
  /** The model clock, full ISO 8601. */
  now: string;
  /** Whether the model clock is fixed. */
  clockFixed: boolean;
  AccountInArrears: boolean;
  instances: InstanceRecord[];
  reservedInstances: ReservedInstanceRecord[];
}

/** Any JSON value (response bodies are built from these). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object, e.g. a success body without its RequestId. */
export type JsonObject = { [key: string]: JsonValue };
