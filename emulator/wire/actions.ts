/**
 * One handler per implemented Action: read the parameters, call the model, return the body.
 * Handlers stay a few lines; the rules live in `../model/`.
 *
 * @module
 */

import type { Commit, EcsBackend, MutationContext } from "../model/backend";
import { requestFingerprint } from "../model/idempotence";
import { InvalidParameterError } from "../model/errors";
import { MAX_RESERVED_INSTANCES_PER_RENEWAL } from "../model/renewal";
import { MAX_TAG_FILTERS, type TagFilter } from "../model/tags";
import type { JsonObject } from "../model/types";
import { ParamReader } from "./params";

/** What a handler gets. */
export interface ActionContext {
  readonly action: string;
  readonly params: ParamReader;
  readonly backend: EcsBackend;
  readonly requestId: string;
  readonly accessKeyId: string;
}

/** A handler: returns a {@link Commit} (reads return one whose settle does nothing). */
export type ActionHandler = (ctx: ActionContext) => Commit;

const read = (body: JsonObject): Commit => ({ body, replayed: false, settle: () => undefined });

function mutation(ctx: ActionContext): MutationContext {
  return {
    requestId: ctx.requestId,
    accessKeyId: ctx.accessKeyId,
    clientToken: ctx.params.string("ClientToken"),
    fingerprint: requestFingerprint(ctx.action, ctx.params.businessParameters()),
  };
}

/** Largest N of `ResourceId.N` in TagResources / UntagResources. */
const MAX_RESOURCES_PER_TAG_CALL = 50;

/** `Tag.N.Key` / `Tag.N.Value` of a Describe request, or undefined when none is given. */
/** The resources a TagResources / UntagResources call names (at least one `ResourceId.N`). */
function taggedResources(p: ParamReader): { regionId: string; resourceType: string; resourceIds: string[] } {
  const regionId = p.requiredString("RegionId");
  const resourceType = p.requiredString("ResourceType");
  const resourceIds = p.list("ResourceId", MAX_RESOURCES_PER_TAG_CALL);
  if (resourceIds.length === 0) p.requiredString("ResourceId.1");
  return { regionId, resourceType, resourceIds };
}

function tagFilters(p: ParamReader): TagFilter[] | undefined {
  const pairs = p.keyValuePairs("Tag", MAX_TAG_FILTERS);
  return pairs.length > 0 ? pairs : undefined;
}

/** The implemented Actions of ECS 2014-05-26. Anything else is `InvalidAction.NotFound`. */
export const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  RenewInstance: (ctx) => {
    const p = ctx.params;
    return ctx.backend.renewInstance(
      {
        instanceId: p.requiredString("InstanceId"),
        period: p.integer("Period"),
        periodUnit: p.string("PeriodUnit"),
        expectedRenewDay: p.integer("ExpectedRenewDay"),
      },
      mutation(ctx),
    );
  },

  RenewReservedInstances: (ctx) => {
    const p = ctx.params;
    const regionId = p.requiredString("RegionId");
    const ids = p.list("ReservedInstanceId");
    if (ids.length === 0) p.requiredString("ReservedInstanceId.1");
    // More than 10 ids is the model's InvalidParameter.NotMatch; up to 10 ids, N above 10 is a bad index.
    if (ids.length <= MAX_RESERVED_INSTANCES_PER_RENEWAL) p.list("ReservedInstanceId", MAX_RESERVED_INSTANCES_PER_RENEWAL);
    return ctx.backend.renewReservedInstances(
      {
        regionId,
        reservedInstanceIds: ids,
        period: p.integer("Period"),
        periodUnit: p.string("PeriodUnit"),
        autoRenew: p.boolean("AutoRenew"),
        autoRenewPeriod: p.integer("AutoRenewPeriod"),
      },
      mutation(ctx),
    );
  },

  DescribeInstances: (ctx) => {
    const p = ctx.params;
    return read(
      ctx.backend.describeInstances({
        regionId: p.requiredString("RegionId"),
        instanceIds: p.jsonStringArray("InstanceIds"),
        status: p.string("Status"),
        instanceChargeType: p.string("InstanceChargeType"),
        instanceType: p.string("InstanceType"),
        instanceName: p.string("InstanceName"),
        zoneId: p.string("ZoneId"),
        resourceGroupId: p.string("ResourceGroupId"),
        tags: tagFilters(p),
        pageNumber: p.integer("PageNumber"),
        pageSize: p.integer("PageSize"),
        nextToken: p.string("NextToken"),
        maxResults: p.integer("MaxResults"),
        dryRun: p.boolean("DryRun"),
      }),
    );
  },

  DescribeReservedInstances: (ctx) => {
    const p = ctx.params;
    const ids = p.list("ReservedInstanceId");
    const statuses = p.list("Status");
    return read(
      ctx.backend.describeReservedInstances({
        regionId: p.requiredString("RegionId"),
        reservedInstanceIds: ids.length > 0 ? ids : undefined,
        statuses: statuses.length > 0 ? statuses : undefined,
        instanceType: p.string("InstanceType"),
        reservedInstanceName: p.string("ReservedInstanceName"),
        zoneId: p.string("ZoneId"),
        tags: tagFilters(p),
        pageNumber: p.integer("PageNumber"),
        pageSize: p.integer("PageSize"),
      }),
    );
  },

  TagResources: (ctx) => {
    const p = ctx.params;
    const { regionId, resourceType, resourceIds } = taggedResources(p);
    const tags = p.keyValuePairs("Tag", MAX_TAG_FILTERS);
    if (tags.length === 0) p.requiredString("Tag.1.Key");
    const duplicate = tags.find((t, i) => tags.findIndex((u) => u.key === t.key) !== i);
    if (duplicate) throw new InvalidParameterError("Tag.N.Key", `The key ${duplicate.key} is given more than once.`);
    return read(
      ctx.backend.tagResources({ regionId, resourceType, resourceIds, tags: tags.map((t) => ({ TagKey: t.key, TagValue: t.value ?? "" })) }),
    );
  },

  UntagResources: (ctx) => {
    const p = ctx.params;
    const { regionId, resourceType, resourceIds } = taggedResources(p);
    return read(
      ctx.backend.untagResources({ regionId, resourceType, resourceIds, tagKeys: p.list("TagKey", MAX_TAG_FILTERS), all: p.boolean("All") }),
    );
  },

  DescribeRenewalPrice: (ctx) => {
    const p = ctx.params;
    return read(
      ctx.backend.describeRenewalPrice({
        regionId: p.requiredString("RegionId"),
        resourceId: p.requiredString("ResourceId"),
        resourceType: p.string("ResourceType"),
        period: p.integer("Period"),
        priceUnit: p.string("PriceUnit"),
        expectedRenewDay: p.integer("ExpectedRenewDay"),
      }),
    );
  },

  ModifyInstanceAutoRenewAttribute: (ctx) => {
    const p = ctx.params;
    const regionId = p.requiredString("RegionId");
    p.requiredString("InstanceId");
    return read(
      ctx.backend.modifyInstanceAutoRenewAttribute({
        regionId,
        instanceIds: p.commaList("InstanceId") ?? [],
        autoRenew: p.boolean("AutoRenew"),
        duration: p.integer("Duration"),
        periodUnit: p.string("PeriodUnit"),
        renewalStatus: p.string("RenewalStatus"),
      }),
    );
  },

  DescribeInstanceAutoRenewAttribute: (ctx) => {
    const p = ctx.params;
    return read(
      ctx.backend.describeInstanceAutoRenewAttribute({
        regionId: p.requiredString("RegionId"),
        instanceIds: p.commaList("InstanceId"),
        renewalStatus: p.string("RenewalStatus"),
        pageNumber: p.integer("PageNumber"),
        pageSize: p.integer("PageSize"),
      }),
    );
  },

  ModifyReservedInstanceAutoRenewAttribute: (ctx) => {
    const p = ctx.params;
    return read(
      ctx.backend.modifyReservedInstanceAutoRenewAttribute({
        regionId: p.requiredString("RegionId"),
        reservedInstanceIds: p.list("ReservedInstanceId"),
        renewalStatus: p.string("RenewalStatus"),
        period: p.integer("Period"),
        periodUnit: p.string("PeriodUnit"),
      }),
    );
  },

  DescribeReservedInstanceAutoRenewAttribute: (ctx) => {
    const p = ctx.params;
    const ids = p.list("ReservedInstanceId");
    return read(
      ctx.backend.describeReservedInstanceAutoRenewAttribute({
        regionId: p.requiredString("RegionId"),
        reservedInstanceIds: ids.length > 0 ? ids : undefined,
      }),
    );
  },
};

/** Names of the implemented Actions. */
export const IMPLEMENTED_ACTIONS: readonly string[] = Object.keys(ACTIONS);
