/**
 * The ECS operations a lease uses (the gateway's port) and the shapes they answer with.
 * `sdk-gateway.ts` implements it on the official SDK; `rate-limited-gateway.ts` paces it;
 * tests may supply another.
 */
import { PriceQuery, PriceQuote } from "../core/pricing";
import { InstanceAutoRenewPolicy, LiveTarget, PeriodUnit, TargetSelector } from "../core/types";

/** A page of a region's listing. */
export interface TargetPage {
    /** The targets of this page. */
    readonly targets: LiveTarget[];
    /** How many the region holds in all. */
    readonly totalCount: number;
}

/** Statuses of a reserved instance a selector read can ask for. */
export type ReservedInstanceStatus = "Active" | "Expired";

/** A selector of reserved instances (they have no name prefix criterion). */
export type ReservedInstanceSelector = Omit<TargetSelector, "namePrefix">;

/** A target as a selector read describes it: a {@link LiveTarget} with the fields selectors and reports show. */
export interface SelectedTarget extends LiveTarget {
    /** Instance name or reserved instance name, when it has one. */
    readonly name?: string;
    /** Zone id, when it has one. */
    readonly zoneId?: string;
    /** Resource group id, when ECS reports one. */
    readonly resourceGroupId?: string;
    /** Tags, key to value. */
    readonly tags: Readonly<Record<string, string>>;
}

/** A page of a selector read. */
export interface SelectedPage {
    /** The matching targets of this page. */
    readonly targets: SelectedTarget[];
    /** How many targets the filtered listing holds: read pages 1 … ceil(totalCount / 100). */
    readonly totalCount: number;
}

/** An instance's (or a reserved instance's) auto-renew attribute as ECS reports it. */
export interface InstanceAutoRenewState {
    /** Instance or reserved instance id. */
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
    /**
     * One page (up to 100) of the subscription (PrePaid) instances of a region that match
     * `selector`, with the total count (DescribeInstances with its filters).
     */
    selectInstances(regionId: string, selector: TargetSelector, pageNumber: number): Promise<SelectedPage>;
    /**
     * One page (up to 100) of the reserved instances of a region that match `selector` and are
     * in one of `statuses` (default `Active`), with the total count (DescribeReservedInstances
     * with its filters). The API has no resource
     * group filter: `resourceGroupId` is applied to each page, so a page may hold fewer than 100
     * and `totalCount` counts the listing before it.
     */
    selectReservedInstances(regionId: string, selector: ReservedInstanceSelector, pageNumber: number, statuses?: readonly ReservedInstanceStatus[]): Promise<SelectedPage>;
    /** Quotes the renewal of one instance (DescribeRenewalPrice; a read, buys nothing). */
    describeRenewalPrice(regionId: string, instanceId: string, query: PriceQuery): Promise<PriceQuote>;
    /** Sets the auto-renew policy of up to 100 instances (ModifyInstanceAutoRenewAttribute). */
    modifyInstanceAutoRenew(regionId: string, ids: readonly string[], policy: InstanceAutoRenewPolicy): Promise<RenewResult>;
    /** Reads the auto-renew policy of up to 100 instances; unknown ids are absent. */
    describeInstanceAutoRenew(regionId: string, ids: readonly string[]): Promise<InstanceAutoRenewState[]>;
    /** Reads the auto-renew policy of up to 100 reserved instances (the same shape as instances'); unknown ids are absent. */
    describeReservedInstanceAutoRenew(regionId: string, ids: readonly string[]): Promise<InstanceAutoRenewState[]>;
}

/** Describe calls take at most this many ids. */
export const MAX_IDS_PER_DESCRIBE = 100;

/** ModifyReservedInstanceAutoRenewAttribute takes at most this many ids. */
export const MAX_IDS_PER_AUTO_RENEW_CHANGE = 100;
