/**
 * The `RenewalLease` resource: declares which subscription resources must be
 * renewed and for how long. `pulumi up` renews each target exactly once per
 * declared term; `pulumi preview` shows what will be renewed without buying anything.
 */
import * as pulumi from "@pulumi/pulumi";
// The module itself is the provider object (see provider-shim.ts for why it matters to the state size).
import * as providerShim from "./provider-shim";

/** The resource type token of a lease: its URNs read `...::pulumi-nodejs:dynamic/alicloud-renewal:RenewalLease::name`. */
export const RENEWAL_LEASE_TYPE = "pulumi-nodejs:dynamic/alicloud-renewal:RenewalLease";

/** Unit of a renewal period. Instances: `Week` or `Month`; reserved instances: `Year`. */
export type RenewalPeriodUnit = "Week" | "Month" | "Year";

/** Arguments of a {@link RenewalLease}. */
export interface RenewalLeaseArgs {
    /**
     * Subscription (PrePaid) ECS instances to renew (`i-...`), one `RenewInstance` call each.
     * Exactly one of `instanceIds` and `reservedInstanceIds` must be set; switching
     * between them replaces the lease. Adding an id renews only that instance, for the
     * current term; removing one renews nothing.
     */
    instanceIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Reserved instances to renew (`ecsri-...`), any number: they are renewed by
     * `RenewReservedInstances` in calls of up to 10.
     */
    reservedInstanceIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Region of the targets, e.g. `cn-hangzhou`. Default: the stack config
     * `alicloud:region`, then `ALICLOUD_REGION`, `ALIBABA_CLOUD_REGION_ID`, `ALIBABA_CLOUD_REGION`.
     * Changing it replaces the lease.
     */
    regionId?: pulumi.Input<string>;
    /**
     * Length of each renewal, in `periodUnit`. Instances: Week 1-4, or Month 1-12, 24,
     * 36, 48, 60. Reserved instances: 1 or 3 (Years). Changing it renews again.
     * Exclusive with `expectedRenewDay`.
     */
    period?: pulumi.Input<number>;
    /** Unit of `period`. Default: `Month` for instances, `Year` for reserved instances. Changing it renews again. */
    periodUnit?: pulumi.Input<RenewalPeriodUnit>;
    /**
     * Instances only: renew up to this day of the month (1-28), ECS's unified expiry day.
     * Exclusive with `period`. Changing it renews again.
     */
    expectedRenewDay?: pulumi.Input<number>;
    /**
     * A label of the term being paid for, e.g. `"2027"` or `"2027-Q3"`. Changing it asks
     * for one more renewal with the same period; leaving it unchanged never renews again.
     */
    term?: pulumi.Input<string>;
    /**
     * Reserved instances only: turn automatic renewal on or off. Changing it alone buys
     * nothing: it calls `ModifyReservedInstanceAutoRenewAttribute`. Unset: left as it is.
     */
    autoRenew?: pulumi.Input<boolean>;
    /** Reserved instances only: months of each automatic renewal, 12 or 36 (with `autoRenew: true`). */
    autoRenewPeriod?: pulumi.Input<number>;
}

/** What the state records for one target. */
export interface RenewalTargetState {
    /** Expiry as last read from ECS (`yyyy-MM-ddTHH:mmZ`, UTC). */
    readonly expiredTime?: string;
    /** Status as last read, or `NotFound` when the target no longer exists. */
    readonly status?: string;
    /** The renewal step this target was last renewed in (0: never). */
    readonly renewedInSequence: number;
    /** The term it was last renewed for, e.g. `1 Month (term "2027")`. */
    readonly lastRenewedTerm: string;
}

/** One ECS renewal call of the latest renewal step. */
export interface RenewalCall {
    /** `RenewInstance` or `RenewReservedInstances`. */
    readonly action: string;
    /** The ids renewed by the call. */
    readonly ids: string[];
    /** The ClientToken sent. */
    readonly clientToken: string;
    /** The RequestId returned. */
    readonly requestId: string;
    /** The OrderId returned, if any. */
    readonly orderId?: string;
}

/**
 * A lease on subscription resources: keeps ECS instances or reserved instances
 * renewed, exactly once per declared term.
 *
 * Deleting a lease renews nothing and refunds nothing: it only forgets the lease.
 *
 * @example
 * ```ts
 * new RenewalLease("web-2027", { instanceIds: [web.id], period: 1, periodUnit: "Month", term: "2027-01" });
 * ```
 */
export class RenewalLease extends pulumi.dynamic.Resource {
    // Output properties are `declare`d: a class field would be redefined as undefined
    // after the base constructor has registered it (ES2022 class field semantics).
    /** Target ids (instances). */
    declare public readonly instanceIds: pulumi.Output<string[] | undefined>;
    /** Target ids (reserved instances). */
    declare public readonly reservedInstanceIds: pulumi.Output<string[] | undefined>;
    /** The region of the targets. */
    declare public readonly regionId: pulumi.Output<string>;
    /** Renewal length. */
    declare public readonly period: pulumi.Output<number | undefined>;
    /** Unit of `period`. */
    declare public readonly periodUnit: pulumi.Output<string | undefined>;
    /** Unified expiry day, when used. */
    declare public readonly expectedRenewDay: pulumi.Output<number | undefined>;
    /** The term label. */
    declare public readonly term: pulumi.Output<string | undefined>;
    /** The renewal the program last asked for, in words. */
    declare public readonly renewalPlan: pulumi.Output<string>;
    /** Number of renewal steps done so far (the sequence number of the latest one). */
    declare public readonly renewalCount: pulumi.Output<number>;
    /** Per target: expiry as last read, status, and the term it was last renewed for. */
    declare public readonly targets: pulumi.Output<Record<string, RenewalTargetState>>;
    /** The calls of the latest renewal step, with their ClientTokens, RequestIds and OrderIds. */
    declare public readonly lastRenewalCalls: pulumi.Output<RenewalCall[]>;
    /** The URN the lease was created with: the seed of its ClientTokens. */
    declare public readonly creationUrn: pulumi.Output<string>;
    /** Targets that no longer exist, as found by the last refresh. */
    declare public readonly missingTargets: pulumi.Output<string[] | undefined>;
    /** Version of the provider that last wrote this lease's state. */
    declare public readonly providerVersion: pulumi.Output<string>;

    /**
     * Declares a lease.
     *
     * @param name - The resource name. Renaming needs `aliases`; a lease keeps its ClientTokens across renames.
     * @param args - Targets and term.
     * @param opts - Resource options.
     */
    constructor(name: string, args: RenewalLeaseArgs, opts?: pulumi.CustomResourceOptions) {
        const regionId = args.regionId ?? defaultRegion();
        const leaseUrn = pulumi.createUrn(name, RENEWAL_LEASE_TYPE, opts?.parent);
        const props: Record<string, pulumi.Input<unknown> | undefined> = {
            ...args,
            regionId,
            leaseUrn,
            renewalPlan: undefined,
            renewalCount: undefined,
            targets: undefined,
            lastRenewalCalls: undefined,
            creationUrn: undefined,
            missingTargets: undefined,
            providerVersion: undefined,
        };
        super(providerShim, name, props, opts, "alicloud-renewal", "RenewalLease");
    }
}

function defaultRegion(): string | undefined {
    const configured = new pulumi.Config("alicloud").get("region");
    const env = process.env;
    return [configured, env.ALICLOUD_REGION, env.ALIBABA_CLOUD_REGION_ID, env.ALIBABA_CLOUD_REGION].find((v) => v !== undefined && v !== "");
}
