/**
 * Shapes shared by the provider's pure planning code and its effects.
 *
 * Inputs are what `check` returns (validated, normalized); outputs are what the
 * state records. Both travel through the Pulumi engine as plain JSON, so every
 * field is a JSON value and optional fields are omitted rather than `undefined`.
 */

/** What a lease renews: subscription ECS instances or reserved instances. */
export type TargetKind = "instance" | "reservedInstance";

/** The time unit of a renewal period, as the ECS API spells it. */
export type PeriodUnit = "Week" | "Month" | "Year";

/** Validated, normalized inputs of a lease, as `check` returns them. */
export interface LeaseInputs {
    /** Subscription (PrePaid) ECS instance ids, sorted, without duplicates. */
    readonly instanceIds?: string[];
    /** Reserved instance ids, sorted, without duplicates. */
    readonly reservedInstanceIds?: string[];
    /** Finds the instances instead of listing them; `check` resolves it into `instanceIds`. */
    readonly instanceSelector?: TargetSelector;
    /** Finds the reserved instances; `check` resolves it into `reservedInstanceIds`. */
    readonly reservedInstanceSelector?: TargetSelector;
    /** Selectors only: the most targets the selector may match (default `MAX_TARGETS.default`). */
    readonly maxTargets?: number;
    /** The region every target lives in. */
    readonly regionId: string;
    /** Length of one renewal, in `periodUnit`. Absent when `expectedRenewDay` is used. */
    readonly period?: number;
    /** Unit of `period`. */
    readonly periodUnit?: PeriodUnit;
    /** Instances only: renew to this day of the month (1 to 28), the unified expiry day. */
    readonly expectedRenewDay?: number;
    /** Free-form label of the term; changing it asks for one more renewal. */
    readonly term?: string;
    /** Coverage mode: every target must stay paid through this date or instant (see `coverage.ts`). */
    readonly paidThrough?: string;
    /** Coverage mode: every target must keep at least this many days paid. */
    readonly minimumDaysLeft?: number;
    /** Instances only: the most one step of this lease may cost (DescribeRenewalPrice's trade price, summed). */
    readonly maxPrice?: number;
    /** Turn ECS auto-renewal on or off (instances: ModifyInstanceAutoRenewAttribute; reserved instances: ModifyReservedInstanceAutoRenewAttribute). */
    readonly autoRenew?: boolean;
    /** Length of each automatic renewal: months (12 or 36) for reserved instances, `autoRenewPeriodUnit`s for instances. */
    readonly autoRenewPeriod?: number;
    /** Instances only: unit of `autoRenewPeriod` (`Week`, `Month` or `Year`). */
    readonly autoRenewPeriodUnit?: PeriodUnit;
    /**
     * The user accepts that a target this lease shares with another lease of the stack is
     * renewed, and charged, once by each of them. Without it such an overlap is refused.
     */
    readonly allowDoubleCharge?: boolean;
    /**
     * Set by the `RenewalLease` class: the arguments the program marked secret. Every output
     * and diagnostic that would show their values is then secret or redacted.
     */
    readonly secretInputs?: string[];
    /**
     * The lease's URN as the program computes it now (named `leaseUrn` because `urn`
     * is reserved for the resource's own URN output). Used only when the lease is
     * created; later values (after a rename with aliases) are ignored.
     */
    readonly leaseUrn: string;
    /**
     * Human-readable description of the renewal this program asks for, computed by
     * `check` so that the preview's property diff says what will be bought.
     */
    readonly renewalPlan: string;
    /**
     * Computed by `check` when it plans a renewal: the price DescribeRenewalPrice quotes for it,
     * e.g. `246.00 CNY`, or why there is no quote. Shown in the preview's property diff.
     */
    readonly renewalPrice?: string;
    /** Computed by `check` in coverage mode: the renewals due now, one per target. */
    readonly renewalsDue?: DueRenewal[];
    /** Computed by `check`: per target, the renewal this run will buy (see `planned-renewals.ts`). */
    readonly plannedRenewals?: PlannedRenewal[];
}

/** A renewal a coverage goal needs now. */
export interface DueRenewal {
    /** The target. */
    readonly id: string;
    /** Length of the renewal. */
    readonly period: number;
    /** Unit of `period`. */
    readonly periodUnit: PeriodUnit;
}

/** What the state records for one target. */
export interface TargetRecord {
    /** Expiry as last read from ECS (`yyyy-MM-ddTHH:mmZ`), absent if never read. */
    readonly expiredTime?: string;
    /** Status as last read from ECS, or `NotFound` when the target has disappeared. */
    readonly status?: string;
    /** The renewal sequence number this target was last renewed in. */
    readonly renewedInSequence: number;
    /** Description of the term it was last renewed for, e.g. `1 Month (term "2027")`. */
    readonly lastRenewedTerm: string;
    /**
     * Coverage mode: the step whose renewal of this target failed. A retry of the target
     * reuses that step's number, hence its ClientToken, in case ECS did apply it.
     */
    readonly pendingSequence?: number;
    /** Instances with an auto-renew policy: what ECS reports, e.g. `AutoRenewal 1 Month`, `Normal`. */
    readonly autoRenewal?: string;
}

/** One ECS write call made for a renewal. */
export interface RenewalCallRecord {
    /** `RenewInstance` or `RenewReservedInstances`. */
    readonly action: RenewAction;
    /** The target ids renewed by this call, sorted. */
    readonly ids: string[];
    /** The ClientToken sent (see `deriveClientToken`). */
    readonly clientToken: string;
    /** The RequestId ECS returned. */
    readonly requestId: string;
    /** The OrderId ECS returned, when it returns one. */
    readonly orderId?: string;
    /**
     * True when ECS answered with an order it had already made for this ClientToken (the
     * OrderId is one the state records, or the expiry did not move): nothing was bought by
     * this call. See `replay.ts`.
     */
    readonly replayed?: boolean;
}

/** A target that needs the user's attention, as the last read found it. */
export interface TargetAlert {
    /** The target. */
    readonly id: string;
    /** What is wrong. */
    readonly condition: "expired" | "stoppedForNonPayment" | "belowGoal" | "gone";
    /** Its expiry as read (absent when gone). */
    readonly expiredTime?: string;
    /** The same, in words, with dates. */
    readonly message: string;
}

/** The ECS write actions this project calls. */
export type RenewAction = "RenewInstance" | "RenewReservedInstances";

/** The state of a lease, as create, update and read return it. */
export interface LeaseOutputs extends Omit<LeaseInputs, "leaseUrn" | "renewalPlan" | "renewalPrice" | "renewalsDue" | "plannedRenewals"> {
    /** The URN the lease had when it was created: the fixed seed of every ClientToken. */
    readonly creationUrn: string;
    /** The renewal plan text of the inputs last applied. */
    readonly renewalPlan: string;
    /** Sequence number of the latest renewal step: the number of renewal steps so far. */
    readonly renewalCount: number;
    /**
     * The term key of the latest renewal step (see `termKey`), when it differs from the key of
     * the term fields recorded next to it; absent otherwise (most leases), to keep the state small.
     * Read it with `recordedTermKey`.
     */
    readonly termKey?: string;
    /** Per target: expiry as last read, status, and the term it was last renewed for. */
    readonly targets: Record<string, TargetRecord>;
    /** The calls of the latest renewal step (one per instance, one per 10 reserved instances). */
    readonly lastRenewalCalls: RenewalCallRecord[];
    /** Auto-renew setting last applied to the reserved instances, if any. */
    readonly appliedAutoRenew?: { readonly enabled: boolean; readonly period?: number };
    /** Ids of targets that no longer exist, as found by the last refresh. */
    readonly missingTargets?: string[];
    /** Targets that expired, were stopped for non-payment, fell under the coverage goal, or are gone, as last read. */
    readonly alerts?: TargetAlert[];
    /** Version of the provider that last wrote this state. */
    readonly providerVersion: string;
    /**
     * Set by `pulumi import` (plugin host): the lease adopted targets already paid for, so the
     * first renewal spec a program gives it counts as paid (see `paidTermKey`). Cleared by the
     * first update.
     */
    readonly adopted?: boolean;
}

/** A target as ECS describes it. */
export interface LiveTarget {
    /** Instance or reserved instance id. */
    readonly id: string;
    /** Status, e.g. `Running`, `Stopped`, `Active`, `Expired`. */
    readonly status: string;
    /** Expiry, `yyyy-MM-ddTHH:mmZ`. */
    readonly expiredTime: string;
    /** `PrePaid` or `PostPaid` (instances only). */
    readonly chargeType?: string;
    /** Instances: why ECS locked it, e.g. `financial` (stopped for non-payment after expiry). */
    readonly lockReasons?: string[];
    /**
     * The cloud's time when it answered (the answer's `Date` header), in ms. Coverage goals
     * measure "days left" from it, so a skewed local clock cannot mislead them.
     */
    readonly observedAt?: number;
}

/** An instance's auto-renew policy: on for a length, or off. */
export type InstanceAutoRenewPolicy =
    | { readonly enabled: true; readonly duration: number; readonly periodUnit: PeriodUnit }
    | { readonly enabled: false };

/** A renewal this run will buy for one target (the `PlannedRenewal` object type of `properties.ts`). */
export interface PlannedRenewal {
    /** The target. */
    readonly id: string;
    /** The length bought, e.g. `1 Month` or `to day 15`. */
    readonly renewBy: string;
    /** Expiry as read now; absent when the target was not read. */
    readonly expiryBefore?: string;
    /** Expiry expected after the renewal; absent when unknown (renewals to a day of the month). */
    readonly expectedAfter?: string;
}

/**
 * Which targets of a region a selector picks: every criterion given must hold. Only subscription
 * (PrePaid) instances and Active reserved instances are ever picked.
 */
export interface TargetSelector {
    /** Tags the target must all carry, key to value. */
    readonly tags?: Readonly<Record<string, string>>;
    /** Resource group id, exact. */
    readonly resourceGroupId?: string;
    /** Zone id, exact. */
    readonly zoneId?: string;
    /** Instances only: the start of the instance name (case-sensitive; no `*`). */
    readonly namePrefix?: string;
}
