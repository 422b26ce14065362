/**
 * The emulated ECS account: instances, reserved instances, the charge ledger, idempotence records,
 * the model clock and persistence, with one method per implemented action. No HTTP here: inputs are
 * typed values already read off the wire, outputs are success bodies without RequestId, failures are
 * {@link EcsError}s.
 *
 * Mutations (the two renewals) return a {@link Commit}. Until the wire layer calls
 * {@link Commit.settle} (after the answer is delivered, or abandoned), the request's ClientToken and
 * the renewed resources are "in flight": a request with the same token gets `LastTokenProcessing`,
 * a renewal of the same resource with another token gets `LastOrderProcessing`.
 *
 * @module
 */

import {
  AccountArrearageError,
  ExpectedRenewDayConflictError,
  InstanceNotFoundError,
  InvalidInstanceIdsMalformedError,
  InvalidParameterError,
  InvalidParameterNotMatchError,
  InvalidPeriodError,
  InvalidTagCountError,
  LastOrderProcessingError,
  ResourceNotFoundError,
  ResourceTypeNotFoundError,
  MissingParameterError,
  DryRunOperationError,
} from "./errors";
import { IdempotenceStore, validateClientToken } from "./idempotence";
import {
  applyInstanceAutoRenewChange,
  applyInstanceLifecycle,
  applyInstanceRenewal,
  assertInstanceRenewable,
  assertPrePaid,
  expiryOf,
  filterInstances,
  instanceAutoRenewView,
  instanceView,
  validateInstanceAutoRenewChange,
  type InstanceAutoRenewChange,
} from "./instances";
import { loadInventory } from "./inventory";
import { Ledger } from "./ledger";
import { encodeNextToken, MAX_PAGE_SIZE, pageByNumber, pageByToken } from "./paging";
import { loadStateFile, saveStateFile, STATE_FILE_VERSION, type PersistedState } from "./persistence";
import { quoteRenewal, type PriceQuote } from "./pricing";
import { MAX_RESERVED_INSTANCES_PER_RENEWAL, RENEWAL_PRICE_PERIODS, renewalBase, renewedExpiry, termMonths, validateInstanceTerm, validateReservedTerm } from "./renewal";
import {
  applyReservedAutoRenewChange,
  applyReservedInstanceLifecycle,
  applyReservedInstanceRenewal,
  assertReservedAutoRenewModifiable,
  assertReservedInstanceRenewable,
  filterReservedInstances,
  findReservedInstanceInRegion,
  reservedInstanceAutoRenewView,
  reservedInstanceView,
  validateReservedAutoRenewChange,
  type ReservedInstanceAutoRenewChange,
} from "./reserved-instances";
import { ModelClock } from "./clock";
import { MAX_TAGS_PER_RESOURCE, withoutTags, withTags, type TagFilter } from "./tags";
import { daysBetween, formatEcsTime, nextDayOfMonthAfter, parseIsoTime } from "./time";
import type { AccessKey, ChargeEntry, InstanceRecord, JsonObject, LedgerSnapshot, ReservedInstanceRecord, ResourceTag, StateSnapshot } from "./types";

/** Largest number of ids accepted by the Describe / Modify actions. */
export const MAX_IDS_PER_CALL = 100;

/** Who and what is behind a mutation. */
export interface MutationContext {
  /** RequestId of the current response (recorded in the ledger). */
  requestId: string;
  /** AccessKey id that signed the request. */
  accessKeyId: string;
  /** ClientToken, if the request carried a non-empty one. */
  clientToken?: string;
  /** Fingerprint of the request (Action + business parameters); see `requestFingerprint`. */
  fingerprint: string;
}

/** The outcome of a successful mutation. */
export interface Commit {
  /** Success body without RequestId. */
  readonly body: JsonObject;
  /** True when this is an idempotent replay (nothing was applied). */
  readonly replayed: boolean;
  /** Releases the in-flight markers; call once the answer was delivered or abandoned. Idempotent. */
  settle(): void;
}

/** RenewInstance input. */
export interface RenewInstanceInput {
  instanceId: string;
  period?: number;
  periodUnit?: string;
  expectedRenewDay?: number;
}

/** RenewReservedInstances input. */
export interface RenewReservedInstancesInput {
  regionId: string;
  reservedInstanceIds: string[];
  period?: number;
  periodUnit?: string;
  autoRenew?: boolean;
  autoRenewPeriod?: number;
}

/** DescribeInstances input. */
export interface DescribeInstancesInput {
  regionId: string;
  instanceIds?: string[];
  status?: string;
  instanceChargeType?: string;
  instanceType?: string;
  /** Exact name, or a pattern with `*` wildcards. */
  instanceName?: string;
  zoneId?: string;
  resourceGroupId?: string;
  /** `Tag.N.Key` / `Tag.N.Value` pairs, all of which must match. */
  tags?: TagFilter[];
  pageNumber?: number;
  pageSize?: number;
  nextToken?: string;
  maxResults?: number;
  dryRun?: boolean;
}

/** DescribeReservedInstances input. */
export interface DescribeReservedInstancesInput {
  regionId: string;
  reservedInstanceIds?: string[];
  statuses?: string[];
  instanceType?: string;
  reservedInstanceName?: string;
  zoneId?: string;
  /** `Tag.N.Key` / `Tag.N.Value` pairs, all of which must match. */
  tags?: TagFilter[];
  pageNumber?: number;
  pageSize?: number;
}

/** TagResources input. */
export interface TagResourcesInput {
  regionId: string;
  resourceType: string;
  resourceIds: string[];
  tags: ResourceTag[];
}

/** UntagResources input. */
export interface UntagResourcesInput {
  regionId: string;
  resourceType: string;
  resourceIds: string[];
  tagKeys: string[];
  /** Removes every tag; only when no TagKey.N is given. */
  all?: boolean;
}

/** DescribeRenewalPrice input. */
export interface DescribeRenewalPriceInput {
  regionId: string;
  resourceId: string;
  resourceType?: string;
  period?: number;
  priceUnit?: string;
  expectedRenewDay?: number;
}

/** ModifyInstanceAutoRenewAttribute input. */
export interface ModifyInstanceAutoRenewInput extends InstanceAutoRenewChange {
  regionId: string;
  instanceIds: string[];
}

/** DescribeInstanceAutoRenewAttribute input. */
export interface DescribeInstanceAutoRenewInput {
  regionId: string;
  instanceIds?: string[];
  renewalStatus?: string;
  pageNumber?: number;
  pageSize?: number;
}

/** ModifyReservedInstanceAutoRenewAttribute input. */
export interface ModifyReservedInstanceAutoRenewInput extends ReservedInstanceAutoRenewChange {
  regionId: string;
  reservedInstanceIds: string[];
}

/** DescribeReservedInstanceAutoRenewAttribute input. */
export interface DescribeReservedInstanceAutoRenewInput {
  regionId: string;
  reservedInstanceIds?: string[];
}

/** Construction options. */
export interface BackendOptions {
  /** AccessKeys accepted until a reset installs others. */
  accessKeys: AccessKey[];
  /** JSON state file: loaded now when it exists, rewritten after every mutation. */
  stateFile?: string;
  /** Wall clock in ms, injectable for tests. */
  wall?: () => number;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The emulated account. */
export class EcsBackend {
  /** The model clock. */
  readonly clock: ModelClock;
  private readonly ledger = new Ledger();
  private readonly tokens = new IdempotenceStore();
  private instances = new Map<string, InstanceRecord>();
  private reservedInstances = new Map<string, ReservedInstanceRecord>();
  /** Resources whose renewal is applied but not answered yet, with the marker of that commit. */
  private readonly inFlightResources = new Map<string, object>();
  private accountInArrears = false;
  private resetKeys: AccessKey[] | null = null;
  private orderSequence = 0;
  private readonly startupKeys: AccessKey[];
  private readonly stateFile?: string;
  private readonly wall: () => number;
  /** Whether the state was loaded from an existing state file at construction. */
  readonly loadedFromFile: boolean;

  /**
   * @throws Error when `stateFile` exists but cannot be read as a state file.
   */
  constructor(opts: BackendOptions) {
    this.wall = opts.wall ?? Date.now;
    this.clock = new ModelClock(this.wall);
    this.startupKeys = clone(opts.accessKeys);
    this.stateFile = opts.stateFile;
    const persisted = opts.stateFile ? loadStateFile(opts.stateFile) : undefined;
    if (persisted) {
      this.restore(persisted);
    }
    this.loadedFromFile = persisted !== undefined;
  }


  // ------------------------------------------------------------------------------------------
  // Account, control and persistence
  // ------------------------------------------------------------------------------------------

  /** AccessKeys currently accepted. */
  accessKeys(): AccessKey[] {
    return clone(this.resetKeys ?? this.startupKeys);
  }

  /** Looks an AccessKey up by id. */
  findAccessKey(id: string): AccessKey | undefined {
    return (this.resetKeys ?? this.startupKeys).find((k) => k.id === id);
  }

  /**
   * Replaces all state with a seed (see `SeedInventory`); keeps the AccessKeys in use when the seed has none.
   * Clears the ledger, the idempotence records and in-flight markers; sets or frees the clock.
   * @throws SeedError on an invalid seed (nothing is changed then).
   */
  reset(seed: unknown): void {
    const inv = loadInventory(seed, new Date(this.wall()));
    this.instances = new Map(inv.instances.map((i) => [i.InstanceId, i]));
    this.reservedInstances = new Map(inv.reservedInstances.map((r) => [r.ReservedInstanceId, r]));
    if (inv.accessKeys) {
      this.resetKeys = inv.accessKeys;
    }
    this.accountInArrears = inv.accountInArrears;
    this.clock.set(inv.now);
    this.ledger.clear();
    this.tokens.clear();
    this.inFlightResources.clear();
    this.persist();
  }

  /** Fixes the model clock, or frees it (`undefined`). */
  setClock(now: Date | undefined): void {
    this.clock.set(now);
    this.persist();
  }

  /** Counts one call of an action in the ledger. */
  countCall(action: string): void {
    this.ledger.countCall(action);
  }

  /** The ledger. */
  ledgerSnapshot(): LedgerSnapshot {
    return this.ledger.snapshot();
  }

  /** Instances and reserved instances as stored (after applying expiry). */
  stateSnapshot(): StateSnapshot {
    this.refreshLifecycle();
    return {
      now: this.clock.now().toISOString(),
      clockFixed: this.clock.isFixed,
      AccountInArrears: this.accountInArrears,
      instances: clone([...this.instances.values()]),
      reservedInstances: clone([...this.reservedInstances.values()]),
    };
  }

  /** Writes the state file now (no-op without one). */
  flush(): void {
    this.persist();
  }

  private persist(): void {
    if (!this.stateFile) return;
    const state: PersistedState = {
      version: STATE_FILE_VERSION,
      clock: this.clock.isFixed ? this.clock.now().toISOString() : null,
      accountInArrears: this.accountInArrears,
      accessKeys: this.resetKeys,
      instances: [...this.instances.values()],
      reservedInstances: [...this.reservedInstances.values()],
      ledger: this.ledger.snapshot(),
      tokens: this.tokens.snapshot(),
      orderSequence: this.orderSequence,
    };
    saveStateFile(this.stateFile, state);
  }

  private restore(s: PersistedState): void {
    this.clock.set(s.clock ? parseIsoTime(s.clock) : undefined);
    this.accountInArrears = s.accountInArrears;
    this.resetKeys = s.accessKeys;
    // State files written before resources had tags and resource groups lack both.
    this.instances = new Map(s.instances.map((i) => [i.InstanceId, { ...i, ResourceGroupId: i.ResourceGroupId ?? "", Tags: i.Tags ?? [] }]));
    this.reservedInstances = new Map(s.reservedInstances.map((r) => [r.ReservedInstanceId, { ...r, ResourceGroupId: r.ResourceGroupId ?? "", Tags: r.Tags ?? [] }]));
    this.ledger.restore(s.ledger);
    this.tokens.restore(s.tokens ?? {});
    this.orderSequence = s.orderSequence ?? 0;
  }

  /** Applies expiry to every resource; persists when anything changed. */
  private refreshLifecycle(): void {
    const now = this.clock.now();
    let changed = false;
    for (const i of this.instances.values()) changed = applyInstanceLifecycle(i, now) || changed;
    for (const r of this.reservedInstances.values()) changed = applyReservedInstanceLifecycle(r, now) || changed;
    if (changed) this.persist();
  }

  private nextOrderId(): string {
    this.orderSequence += 1;
    return String(210000000000000 + this.orderSequence);
  }

  private assertNotInFlight(ids: readonly string[]): void {
    if (ids.some((id) => this.inFlightResources.has(id))) {
      throw new LastOrderProcessingError();
    }
  }

  /**
   * Runs a mutation under idempotence: replay or mismatch first, then `apply`, then record.
   * `apply` must validate everything before changing anything.
   */
  private mutate(action: string, ctx: MutationContext, apply: () => { body: JsonObject; resourceIds: string[] }): Commit {
    if (ctx.clientToken !== undefined) {
      validateClientToken(ctx.clientToken);
      const replay = this.tokens.lookup(ctx.clientToken, ctx.fingerprint);
      if (replay) {
        return { body: replay, replayed: true, settle: () => undefined };
      }
    }
    this.refreshLifecycle();
    const { body, resourceIds } = apply();
    const token = ctx.clientToken;
    const marker = {};
    if (token !== undefined) {
      this.tokens.record(token, { action, fingerprint: ctx.fingerprint, response: body }, marker);
    }
    resourceIds.forEach((id) => this.inFlightResources.set(id, marker));
    this.persist();
    let settled = false;
    return {
      body: clone(body),
      replayed: false,
      settle: () => {
        if (settled) return;
        settled = true;
        if (token !== undefined) this.tokens.release(token, marker);
        resourceIds.forEach((id) => {
          if (this.inFlightResources.get(id) === marker) this.inFlightResources.delete(id);
        });
      },
    };
  }

  private instanceInRegion(id: string, regionId: string): InstanceRecord {
    const i = this.instances.get(id);
    if (!i || i.RegionId !== regionId) {
      throw new InstanceNotFoundError(id);
    }
    return i;
  }

  // ------------------------------------------------------------------------------------------
  // Renewals
  // ------------------------------------------------------------------------------------------

  /**
   * RenewInstance. Checks, in order: ClientToken (format, replay, mismatch, in flight); the term;
   * the instance (exists, renewable); the account; a concurrent order; the maximum expiry.
   * @returns body `{ OrderId }`.
   */
  renewInstance(input: RenewInstanceInput, ctx: MutationContext): Commit {
    return this.mutate("RenewInstance", ctx, () => {
      const term = validateInstanceTerm(input);
      const instance = this.instances.get(input.instanceId);
      if (!instance) {
        throw new InstanceNotFoundError(input.instanceId);
      }
      assertInstanceRenewable(instance);
      if (this.accountInArrears) {
        throw new AccountArrearageError();
      }
      this.assertNotInFlight([instance.InstanceId]);
      const now = this.clock.now();
      const before = instance.ExpiredTime;
      const base = renewalBase(expiryOf(instance), now);
      const after = formatEcsTime(renewedExpiry(expiryOf(instance), term, now));
      const months = term.kind === "period" ? termMonths(term) : daysBetween(base, parseIsoTime(after) ?? base) / 30;
      const quote = quoteRenewal(instance.InstanceType, months);
      applyInstanceRenewal(instance, after);
      const orderId = this.nextOrderId();
      const entry: ChargeEntry = {
        action: "RenewInstance",
        ids: [instance.InstanceId],
        period: term.kind === "period" ? term.period : null,
        periodUnit: term.kind === "period" ? term.unit : null,
        clientToken: ctx.clientToken ?? null,
        orderId,
        requestId: ctx.requestId,
        expiryBefore: { [instance.InstanceId]: before },
        expiryAfter: { [instance.InstanceId]: after },
        at: now.toISOString(),
        accessKeyId: ctx.accessKeyId,
        tradePrice: quote.tradePrice,
        currency: quote.currency,
      };
      if (term.kind === "expectedRenewDay") entry.expectedRenewDay = term.day;
      this.ledger.charge(entry);
      return { body: { OrderId: orderId }, resourceIds: [instance.InstanceId] };
    });
  }

  /**
   * RenewReservedInstances. Checks, in order: ClientToken; the number of ids (1–10, no duplicates);
   * the term; each reserved instance (exists, in RegionId, renewable); the account; a concurrent
   * order; the maximum expiry. All ids are renewed or none.
   * @returns body `{ OrderId, ReservedInstanceIdSets: { ReservedInstanceId: [...] } }`.
   */
  renewReservedInstances(input: RenewReservedInstancesInput, ctx: MutationContext): Commit {
    return this.mutate("RenewReservedInstances", ctx, () => {
      const ids = input.reservedInstanceIds;
      if (ids.length === 0) {
        throw new MissingParameterError("ReservedInstanceId.1");
      }
      if (ids.length > MAX_RESERVED_INSTANCES_PER_RENEWAL) {
        throw new InvalidParameterNotMatchError(
          `ReservedInstanceId.N accepts at most ${MAX_RESERVED_INSTANCES_PER_RENEWAL} reserved instances per request; ${ids.length} were given.`,
        );
      }
      const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
      if (duplicate) {
        throw new InvalidParameterNotMatchError(`ReservedInstanceId.N lists ${duplicate} more than once.`);
      }
      const rt = validateReservedTerm(input);
      const records = ids.map((id) => findReservedInstanceInRegion(this.reservedInstances, id, input.regionId));
      records.forEach(assertReservedInstanceRenewable);
      if (this.accountInArrears) {
        throw new AccountArrearageError();
      }
      this.assertNotInFlight(ids);
      const now = this.clock.now();
      const after = records.map((r) => formatEcsTime(renewedExpiry(expiryOf(r), rt.term, now)));
      const months = termMonths(rt.term);
      const price = records.reduce((sum, r) => sum + quoteRenewal(r.InstanceType, months).tradePrice * r.InstanceAmount, 0);
      const expiryBefore: Record<string, string> = {};
      const expiryAfter: Record<string, string> = {};
      records.forEach((r, k) => {
        expiryBefore[r.ReservedInstanceId] = r.ExpiredTime;
        expiryAfter[r.ReservedInstanceId] = after[k];
        applyReservedInstanceRenewal(r, after[k], { enabled: rt.autoRenew, periodMonths: rt.autoRenewPeriod });
      });
      const orderId = this.nextOrderId();
      this.ledger.charge({
        action: "RenewReservedInstances",
        ids: [...ids],
        period: rt.term.period,
        periodUnit: rt.term.unit,
        clientToken: ctx.clientToken ?? null,
        orderId,
        requestId: ctx.requestId,
        expiryBefore,
        expiryAfter,
        at: now.toISOString(),
        accessKeyId: ctx.accessKeyId,
        tradePrice: Math.round(price * 100) / 100,
        currency: "CNY",
        autoRenew: rt.autoRenew,
        autoRenewPeriod: rt.autoRenew ? rt.autoRenewPeriod : undefined,
      });
      return { body: { OrderId: orderId, ReservedInstanceIdSets: { ReservedInstanceId: [...ids] } }, resourceIds: [...ids] };
    });
  }

  // ------------------------------------------------------------------------------------------
  // Reads
  // ------------------------------------------------------------------------------------------

  /**
   * DescribeInstances. Paging by PageNumber/PageSize, or by NextToken/MaxResults when either of those
   * is given. InstanceIds: at most 100. DryRun → `DryRunOperation`.
   */
  describeInstances(input: DescribeInstancesInput): JsonObject {
    if (input.instanceIds && input.instanceIds.length > MAX_IDS_PER_CALL) {
      throw new InvalidInstanceIdsMalformedError(`At most ${MAX_IDS_PER_CALL} ids are accepted; ${input.instanceIds.length} were given.`);
    }
    if (input.dryRun) {
      throw new DryRunOperationError();
    }
    this.refreshLifecycle();
    const all = filterInstances(this.instances.values(), input);
    if (input.nextToken !== undefined || input.maxResults !== undefined) {
      const page = pageByToken(all, input.nextToken, input.maxResults);
      return { Instances: { Instance: page.items.map(instanceView) }, TotalCount: page.totalCount, NextToken: page.nextToken };
    }
    const page = pageByNumber(all, input.pageNumber, input.pageSize);
    // The service answers NextToken in page mode too: where the next page starts, or "" after the last.
    const end = (page.pageNumber - 1) * page.pageSize + page.items.length;
    return {
      Instances: { Instance: page.items.map(instanceView) },
      TotalCount: page.totalCount,
      PageNumber: page.pageNumber,
      PageSize: page.pageSize,
      NextToken: page.items.length > 0 && end < all.length ? encodeNextToken(end) : "",
    };
  }

  /** DescribeReservedInstances: filters, PageNumber (from 1) / PageSize (1–100, default 10). */
  describeReservedInstances(input: DescribeReservedInstancesInput): JsonObject {
    if (input.reservedInstanceIds && input.reservedInstanceIds.length > MAX_IDS_PER_CALL) {
      throw new InvalidParameterError("ReservedInstanceId", `At most ${MAX_IDS_PER_CALL} ids are accepted.`);
    }
    this.refreshLifecycle();
    const all = filterReservedInstances(this.reservedInstances.values(), {
      regionId: input.regionId,
      ids: input.reservedInstanceIds,
      statuses: input.statuses,
      instanceType: input.instanceType,
      reservedInstanceName: input.reservedInstanceName,
      zoneId: input.zoneId,
      tags: input.tags,
    });
    const page = pageByNumber(all, input.pageNumber, input.pageSize);
    return {
      ReservedInstances: { ReservedInstance: page.items.map(reservedInstanceView) },
      TotalCount: page.totalCount,
      PageNumber: page.pageNumber,
      PageSize: page.pageSize,
    };
  }

  /**
   * DescribeRenewalPrice for an instance (ResourceType `instance`, the default). PriceUnit `Month`
   * (Period 1–9) or `Year` (Period 1–3, priced as 12·Period months), default 1 Month; or ExpectedRenewDay
   * 1–28, priced pro rata. Any other Period → `InvalidPeriod` (ranges in `RENEWAL_PRICE_PERIODS`).
   * See `./pricing.ts` for the price model.
   */
  describeRenewalPrice(input: DescribeRenewalPriceInput): JsonObject {
    if ((input.resourceType ?? "instance") !== "instance") {
      throw new InvalidParameterError("ResourceType", "Valid values: instance.");
    }
    if (input.period !== undefined && input.expectedRenewDay !== undefined) {
      throw new ExpectedRenewDayConflictError();
    }
    const unit = input.priceUnit ?? "Month";
    if (unit !== "Month" && unit !== "Year") {
      throw new InvalidParameterError("PriceUnit", "Valid values: Month, Year.");
    }
    this.refreshLifecycle();
    const instance = this.instanceInRegion(input.resourceId, input.regionId);
    assertPrePaid(instance);
    let months: number;
    if (input.expectedRenewDay !== undefined) {
      if (input.expectedRenewDay < 1 || input.expectedRenewDay > 28) {
        throw new InvalidParameterError("ExpectedRenewDay", "Valid values: 1 to 28.");
      }
      const base = renewalBase(expiryOf(instance), this.clock.now());
      months = daysBetween(base, nextDayOfMonthAfter(base, input.expectedRenewDay)) / 30;
    } else {
      const period = input.period ?? 1;
      if (!RENEWAL_PRICE_PERIODS[unit].includes(period)) {
        throw new InvalidPeriodError();
      }
      months = unit === "Month" ? period : period * 12;
    }
    return { PriceInfo: priceInfo(quoteRenewal(instance.InstanceType, months)) };
  }

  /**
   * TagResources on instances or reserved instances of the region: a key the resource has gets the
   * new value. All resources are tagged or none.
   * @throws ResourceTypeNotFoundError, ResourceNotFoundError, InvalidTagCountError
   */
  tagResources(input: TagResourcesInput): JsonObject {
    const records = this.taggableResources(input);
    const updated = records.map((r) => withTags(r.Tags, input.tags));
    if (updated.some((t) => t === undefined)) {
      throw new InvalidTagCountError(MAX_TAGS_PER_RESOURCE);
    }
    records.forEach((r, k) => (r.Tags = updated[k] ?? r.Tags));
    this.persist();
    return {};
  }

  /**
   * UntagResources: removes the TagKey.N keys (absent keys are ignored), or every tag when All is true
   * and no key is given; neither removes nothing.
   * @throws ResourceTypeNotFoundError, ResourceNotFoundError
   */
  untagResources(input: UntagResourcesInput): JsonObject {
    const records = this.taggableResources(input);
    const keys = input.tagKeys.length > 0 ? input.tagKeys : input.all ? "all" : [];
    records.forEach((r) => (r.Tags = withoutTags(r.Tags, keys)));
    this.persist();
    return {};
  }

  /** The records TagResources / UntagResources name, all checked to exist in the region. */
  private taggableResources(input: { regionId: string; resourceType: string; resourceIds: string[] }): { Tags: ResourceTag[] }[] {
    const all: ReadonlyMap<string, InstanceRecord | ReservedInstanceRecord> | undefined =
      input.resourceType === "instance" ? this.instances : input.resourceType === "reservedinstance" ? this.reservedInstances : undefined;
    if (!all) {
      throw new ResourceTypeNotFoundError();
    }
    return input.resourceIds.map((id) => {
      const record = all.get(id);
      if (!record || record.RegionId !== input.regionId) {
        throw new ResourceNotFoundError(id);
      }
      return record;
    });
  }

  /** ModifyInstanceAutoRenewAttribute: all ids are changed or none. */
  modifyInstanceAutoRenewAttribute(input: ModifyInstanceAutoRenewInput): JsonObject {
    if (input.instanceIds.length > MAX_IDS_PER_CALL) {
      throw new InvalidParameterError("InstanceId", `At most ${MAX_IDS_PER_CALL} ids are accepted.`);
    }
    const change = validateInstanceAutoRenewChange(input);
    this.refreshLifecycle();
    const records = input.instanceIds.map((id) => this.instanceInRegion(id, input.regionId));
    records.forEach(assertPrePaid);
    records.forEach((r) => applyInstanceAutoRenewChange(r, change));
    this.persist();
    return {};
  }

  /** DescribeInstanceAutoRenewAttribute: PrePaid instances of the region; unknown ids are left out. */
  describeInstanceAutoRenewAttribute(input: DescribeInstanceAutoRenewInput): JsonObject {
    if (!input.instanceIds && input.renewalStatus === undefined) {
      throw new MissingParameterError("InstanceId");
    }
    if (input.instanceIds && input.instanceIds.length > MAX_IDS_PER_CALL) {
      throw new InvalidParameterError("InstanceId", `At most ${MAX_IDS_PER_CALL} ids are accepted.`);
    }
    this.refreshLifecycle();
    const ids = input.instanceIds ? new Set(input.instanceIds) : undefined;
    const all = [...this.instances.values()].filter(
      (i) =>
        i.RegionId === input.regionId &&
        i.InstanceChargeType === "PrePaid" &&
        (!ids || ids.has(i.InstanceId)) &&
        (input.renewalStatus === undefined || i.RenewalStatus === input.renewalStatus),
    );
    const page = pageByNumber(all, input.pageNumber, Math.min(input.pageSize ?? 10, MAX_PAGE_SIZE));
    return {
      InstanceRenewAttributes: { InstanceRenewAttribute: page.items.map(instanceAutoRenewView) },
      TotalCount: page.totalCount,
      PageNumber: page.pageNumber,
      PageSize: page.pageSize,
    };
  }

  /** ModifyReservedInstanceAutoRenewAttribute: only Active reserved instances; all or none. */
  modifyReservedInstanceAutoRenewAttribute(input: ModifyReservedInstanceAutoRenewInput): JsonObject {
    if (input.reservedInstanceIds.length === 0) {
      throw new MissingParameterError("ReservedInstanceId.1");
    }
    if (input.reservedInstanceIds.length > MAX_IDS_PER_CALL) {
      throw new InvalidParameterError("ReservedInstanceId", `At most ${MAX_IDS_PER_CALL} ids are accepted.`);
    }
    const change = validateReservedAutoRenewChange(input);
    this.refreshLifecycle();
    const records = input.reservedInstanceIds.map((id) => findReservedInstanceInRegion(this.reservedInstances, id, input.regionId));
    records.forEach(assertReservedAutoRenewModifiable);
    records.forEach((r) => applyReservedAutoRenewChange(r, change));
    this.persist();
    return {};
  }

  /** DescribeReservedInstanceAutoRenewAttribute: the region's reserved instances (all, or the ids given; unknown ids left out). */
  describeReservedInstanceAutoRenewAttribute(input: DescribeReservedInstanceAutoRenewInput): JsonObject {
    if (input.reservedInstanceIds && input.reservedInstanceIds.length > MAX_IDS_PER_CALL) {
      throw new InvalidParameterError("ReservedInstanceId", `At most ${MAX_IDS_PER_CALL} ids are accepted.`);
    }
    this.refreshLifecycle();
    const all = filterReservedInstances(this.reservedInstances.values(), { regionId: input.regionId, ids: input.reservedInstanceIds });
    return { ReservedInstanceRenewAttributes: { ReservedInstanceRenewAttribute: all.map(reservedInstanceAutoRenewView) } };
  }
}

/** The `PriceInfo` object of DescribeRenewalPrice. */
function priceInfo(q: PriceQuote): JsonObject {
  const rules = q.rules.map((r) => ({ RuleId: r.ruleId, Description: r.description }));
  return {
    Price: {
      OriginalPrice: q.originalPrice,
      DiscountPrice: q.discountPrice,
      TradePrice: q.tradePrice,
      Currency: q.currency,
      DetailInfos: {
        DetailInfo: [
          { Resource: "instanceType", OriginalPrice: q.originalPrice, DiscountPrice: q.discountPrice, TradePrice: q.tradePrice, SubRules: { Rule: rules } },
        ],
      },
    },
    Rules: { Rule: rules },
  };
}
