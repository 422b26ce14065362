/**
 * The ECS operations a lease uses (the gateway's port) and the shapes they answer with.
 * `sdk-gateway.ts` implements it on the official SDK; `rate-limited-gateway.ts` paces it;
 * tests may supply another.
 */
import { PriceQuery, PriceQuote } from "../core/pricing";
import { InstanceAutoRenewPolicy, LiveTarget, PeriodUnit } from "../core/types";

/** A page of a region's listing. */
export interface TargetPage {
    /** The targets of this page. */
    readonly targets: LiveTarget[];
    /** How many the region holds in all. */
    readonly totalCount: number;
}

/** An instance's auto-renew attribute as ECS reports it. */
export interface InstanceAutoRenewState {
    /** Instance id. */
    readonly id: string;
    /** `AutoRenewal`, `Normal` (manual renewal) or `NotRenewal`. */
    readonly renewalStatus: string;
    /** Length of each automatic renewal, in `periodUnit`s. */
    readonly duration?: number;
    /** Unit of `duration`. */
    readonly periodUnit?: string;
}

/** Result of a renewal call. */
export interface RenewResult {
    /** RequestId of the successful response. */
    readonly requestId: string;
    /** OrderId, when ECS returns one. */
    readonly orderId?: string;
}

/** Parameters of a RenewInstance call. */
export interface RenewInstanceCall {
    /** Region of the instance: selects the endpoint (RenewInstance itself has no RegionId parameter). */
    readonly regionId: string;
    readonly instanceId: string;
    readonly period?: number;
    readonly periodUnit?: PeriodUnit;
    readonly expectedRenewDay?: number;
    readonly clientToken: string;
}

/** Parameters of a RenewReservedInstances call. */
export interface RenewReservedInstancesCall {
    readonly regionId: string;
    readonly reservedInstanceIds: readonly string[];
    readonly period: number;
    readonly periodUnit: PeriodUnit;
    readonly autoRenew?: boolean;
    readonly autoRenewPeriod?: number;
    readonly clientToken: string;
}

/** The ECS operations a lease uses. Implemented by `SdkEcsGateway`; tests may supply another. */
export interface EcsGateway {
    /** Renews one subscription instance. */
    renewInstance(call: RenewInstanceCall): Promise<RenewResult>;
    /** Renews 1 to 10 reserved instances. */
    renewReservedInstances(call: RenewReservedInstancesCall): Promise<RenewResult>;
    /** Describes up to 100 instances of a region; missing ids are absent from the result. */
    describeInstances(regionId: string, ids: readonly string[]): Promise<LiveTarget[]>;
    /** Describes up to 100 reserved instances of a region; missing ids are absent from the result. */
    describeReservedInstances(regionId: string, ids: readonly string[]): Promise<LiveTarget[]>;
    /** Turns auto-renewal of reserved instances on (with a period in months) or off. */
    modifyReservedInstanceAutoRenew(regionId: string, ids: readonly string[], enabled: boolean, periodMonths?: number): Promise<RenewResult>;
    /** One page (up to 100) of all the instances or reserved instances of a region, with the total count. */
    listTargets(kind: "instance" | "reservedInstance", regionId: string, pageNumber: number): Promise<TargetPage>;
    /** Quotes the renewal of one instance (DescribeRenewalPrice; a read, buys nothing). */
    describeRenewalPrice(regionId: string, instanceId: string, query: PriceQuery): Promise<PriceQuote>;
    /** Sets the auto-renew policy of up to 100 instances (ModifyInstanceAutoRenewAttribute). */
    modifyInstanceAutoRenew(regionId: string, ids: readonly string[], policy: InstanceAutoRenewPolicy): Promise<RenewResult>;
    /** Reads the auto-renew policy of up to 100 instances; unknown ids are absent. */
    describeInstanceAutoRenew(regionId: string, ids: readonly string[]): Promise<InstanceAutoRenewState[]>;
}

/** Describe calls take at most this many ids. */
export const MAX_IDS_PER_DESCRIBE = 100;

/** ModifyReservedInstanceAutoRenewAttribute takes at most this many ids. */
export const MAX_IDS_PER_AUTO_RENEW_CHANGE = 100;
