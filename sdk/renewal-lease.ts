/**
 * The `RenewalLease` resource: declares which subscription resources must be
 * renewed and for how long. `pulumi up` renews each target exactly once per
 * declared term; `pulumi preview` shows what will be renewed without buying anything.
 */
import * as pulumi from "@pulumi/pulumi";
// The module itself is the provider object (see provider-shim.ts for why it matters to the state size).
import * as providerShim from "./provider-shim";
import { ArgumentName, OUTPUT_NAMES, OutputName } from "../provider/core/properties";

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
     * Finds the instances to renew instead of listing them: the subscription (PrePaid) instances
     * of the region matching every criterion given, read again at every preview and `up`. A new
     * match is renewed like an added id; a target that stops matching is forgotten. Exactly one of
     * `instanceIds`, `reservedInstanceIds`, `instanceSelector`, `reservedInstanceSelector`.
     */
    instanceSelector?: pulumi.Input<RenewalTargetSelector>;
    /** Finds the reserved instances to renew: the Active ones of the region matching every criterion (no `namePrefix`). */
    reservedInstanceSelector?: pulumi.Input<Omit<RenewalTargetSelector, "namePrefix">>;
    /**
     * Selectors only: the most targets the selector may match (default 50, at most 1000). A selector
     * matching more fails at preview with the count and the first ids, before anything is bought.
     */
    maxTargets?: pulumi.Input<number>;
    /**
     * Region of the targets, e.g. `cn-hangzhou`. Default: the stack config
     * `alicloud:region`, then `ALICLOUD_REGION`, `ALIBABA_CLOUD_REGION_ID`, `ALIBABA_CLOUD_REGION`.
     * Changing it replaces the lease.
     */
    regionId?: pulumi.Input<string>;
    /**
     * Length of each renewal, in `periodUnit`. Instances: Week 1-4, or Month 1-12, 24,
     * 36, 48, 60. Reserved instances: 1 or 3 (Years). Changing it renews again.
     * Exclusive with `expectedRenewDay`, `paidThrough` and `minimumDaysLeft`.
     */
    period?: pulumi.Input<number>;
    /**
     * Unit of `period`. Default: `Month` for instances, `Year` for reserved instances. Changing it renews again.
     * With `paidThrough` or `minimumDaysLeft`: limits the lengths tried to this unit (e.g. `Month`: no Week renewals).
     */
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
     * Coverage goal: keep every target paid through this date. `"2027-12-31"` means through
     * the end of that day, UTC; a time with a zone (`"2028-01-01T00:00+08:00"`) is the exact goal.
     * Each `up` reads the expiries and renews only the targets short of the goal, each by the
     * smallest allowed length that reaches it; a goal no allowed renewal can reach fails at preview.
     * Exclusive with `period`, `expectedRenewDay`, `term` and `minimumDaysLeft`.
     */
    paidThrough?: pulumi.Input<string>;
    /**
     * Coverage goal: keep at least this many days (1-1825) paid on every target. Run
     * `pulumi up --refresh` on a schedule: a target is renewed, by the smallest allowed length
     * that restores the minimum, only when it falls under it.
     * Exclusive with `period`, `expectedRenewDay`, `term` and `paidThrough`.
     */
    minimumDaysLeft?: pulumi.Input<number>;
    /**
     * Instances only: the most one `up` may spend on this lease's renewals, in the account's
     * currency, as quoted by `DescribeRenewalPrice`. A dearer step fails before anything is bought.
     */
    maxPrice?: pulumi.Input<number>;
    /**
     * Turn ECS automatic renewal on or off. Instances: `ModifyInstanceAutoRenewAttribute`, read back
     * by refresh (`DescribeInstanceAutoRenewAttribute`) so that outside changes are restored.
     * Reserved instances: `ModifyReservedInstanceAutoRenewAttribute`. Changing it never buys a
     * renewal. Unset: left as it is. A lease may set only this (an auto-renew policy, no term).
     */
    autoRenew?: pulumi.Input<boolean>;
    /**
     * Length of each automatic renewal (with `autoRenew: true`). Reserved instances: 12 or 36
     * (months). Instances: in `autoRenewPeriodUnit`: Week 1-4, Month 1, 2, 3, 6, 12, 24, 36, 48, 60,
     * Year 1-5; default 1.
     */
    autoRenewPeriod?: pulumi.Input<number>;
    /** Instances only: unit of `autoRenewPeriod`, `Week`, `Month` (default) or `Year`. */
    autoRenewPeriodUnit?: pulumi.Input<RenewalPeriodUnit>;
    /**
     * A target listed by two leases of one stack is renewed, and charged, by each of them, so
     * such an overlap is refused at preview, naming both leases. Set `true` on every lease that
     * lists the shared target to accept paying once per lease. Default `false`.
     */
    allowDoubleCharge?: pulumi.Input<boolean>;
}

/** Which targets of the region a selector lease renews: every criterion given must hold. */
export interface RenewalTargetSelector {
    /** Tags the target must all carry, key to value (1 to 20), e.g. `{ env: "prod" }`. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** The resource group the target belongs to. */
    resourceGroupId?: pulumi.Input<string>;
    /** The zone of the target. */
    zoneId?: pulumi.Input<string>;
    /** Instances only: the start of the instance name (case-sensitive, no `*`). */
    namePrefix?: pulumi.Input<string>;
}

/** A target that needs attention, as the last read found it. */
export interface RenewalTargetAlert {
    /** The target. */
    readonly id: string;
    /** `expired`, `stoppedForNonPayment`, `belowGoal` (coverage leases) or `gone`. */
    readonly condition: string;
    /** Its expiry as read (absent when gone). */
    readonly expiredTime?: string;
    /** The same, in words, with dates. */
    readonly message: string;
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
    /** Instances with `autoRenew` set: the auto-renew attribute ECS reports, e.g. `AutoRenewal 1 Month`, `Normal`. */
    readonly autoRenewal?: string;
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
    /** Coverage goal: paid through this date. */
    declare public readonly paidThrough: pulumi.Output<string | undefined>;
    /** Coverage goal: days that must stay paid. */
    declare public readonly minimumDaysLeft: pulumi.Output<number | undefined>;
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
    /** Targets that expired, were stopped for non-payment, fell under the coverage goal, or are gone, as last read. */
    declare public readonly alerts: pulumi.Output<RenewalTargetAlert[] | undefined>;
    /** Version of the provider that last wrote this lease's state. */
    declare public readonly providerVersion: pulumi.Output<string>;
    /** The key of the renewal spec of the latest step, when it differs from the recorded spec's. */
    declare public readonly termKey: pulumi.Output<string | undefined>;
    /** Set by `pulumi import` (plugin host only) until the first update: the targets were adopted as paid. */
    declare public readonly adopted: pulumi.Output<boolean | undefined>;
    /** Reserved instances: the auto-renew setting last applied. */
    declare public readonly appliedAutoRenew: pulumi.Output<{ enabled: boolean; period?: number } | undefined>;

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
            // Tells `check` to quote prices: only previews show them. `check` drops it, so the engine never
            // stores it; `pulumi up` leaves it out, so the state's property dependencies do not list it either.
            ...(pulumi.runtime.isDryRun() ? { dryRun: true } : {}),
            // The provider is told which arguments are secret (it receives their values in clear), so
            // that it returns the outputs derived from them as secrets and redacts its diagnostics.
            secretInputs: secretArgumentNames(args),
            // The outputs, declared so the engine fills them in.
            ...Object.fromEntries(OUTPUT_NAMES.map((name) => [name, undefined])),
        };
        super(providerShim, name, props, opts, "alicloud-renewal", "RenewalLease");
    }
}

/** The names of the arguments the program marked secret (absent when none is), as a plain output. */
function secretArgumentNames(args: RenewalLeaseArgs): pulumi.Output<string[] | undefined> {
    const names = (Object.keys(args) as (keyof RenewalLeaseArgs)[]).filter((k) => args[k] !== undefined);
    const secret = Promise.all(names.map(async (k) => ((await pulumi.isSecret(pulumi.output(args[k]))) ? k : undefined)))
        .then((found) => found.filter((k): k is keyof RenewalLeaseArgs => k !== undefined).sort())
        .then((found) => (found.length > 0 ? found : undefined));
    return pulumi.output(secret);
}

function defaultRegion(): string | undefined {
    const configured = new pulumi.Config("alicloud").get("region");
    const env = process.env;
    return [configured, env.ALICLOUD_REGION, env.ALIBABA_CLOUD_REGION_ID, env.ALIBABA_CLOUD_REGION].find((v) => v !== undefined && v !== "");
}

/** Compiles only when `T` and `U` are the same set of names. */
type SameNames<T, U> = [T] extends [U] ? ([U] extends [T] ? true : never) : never;
// The class's arguments and outputs are the declared ones (provider/core/properties.ts): a property
// added there and not here, or here and not there, fails to compile.
const argumentsMatchDeclaration: SameNames<keyof RenewalLeaseArgs, ArgumentName> = true;
const outputsMatchDeclaration: SameNames<Exclude<{ [K in keyof RenewalLease]: RenewalLease[K] extends pulumi.Output<unknown> ? K : never }[keyof RenewalLease], ArgumentName | "urn" | "id">, OutputName> = true;
void argumentsMatchDeclaration;
void outputsMatchDeclaration;
