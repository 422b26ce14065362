/**
 * The lease's properties, declared once: every argument a program writes, every output the
 * state records, and the internal inputs the hosts and `check` add. Validation (which keys are
 * allowed), diff (which inputs count as changed), secrecy (which outputs become secret), the SDK
 * class (which outputs it declares), the plugin's schema and the README's tables are derived from
 * this list; a new property is added here and nowhere else by name.
 */
import { MAX_SELECTOR_TAGS } from "./api-ranges";
import type { PeriodUnit, TargetKind } from "./types";

/** The type of a property, in the vocabulary of a Pulumi package schema. */
export type PropertyType =
    | { readonly type: "string"; readonly enum?: readonly string[] }
    | { readonly type: "integer" }
    | { readonly type: "number" }
    | { readonly type: "boolean" }
    | { readonly type: "array"; readonly items: PropertyType }
    | { readonly type: "map"; readonly values: PropertyType }
    | { readonly type: "object"; readonly name: ObjectTypeName };

/**
 * What a property is:
 * - `argument`: written by the program, validated by `check`, echoed in the state;
 * - `output`: written by the provider into the state only;
 * - `internal`: added to the inputs by the `RenewalLease` class or by `check` (never written by users).
 */
export type PropertyRole = "argument" | "output" | "internal";

/** One property of a lease. */
export interface LeaseProperty {
    /** The name, as programs and the state spell it. */
    readonly name: string;
    /** Argument, output or internal input. */
    readonly role: PropertyRole;
    /** Its type. */
    readonly type: PropertyType;
    /** What it means, in one or two sentences (README tables, schema, editor help). */
    readonly description: string;
    /** Changing it replaces the lease. */
    readonly replaceOnChange?: boolean;
    /**
     * Outputs computed from the targets or the term: returned as secrets when any argument of the
     * lease is secret (see `secrecy.ts`).
     */
    readonly secretWithLease?: boolean;
}

/** The object types properties refer to. */
export type ObjectTypeName = "InstanceSelector" | "ReservedInstanceSelector" | "TargetState" | "RenewalCall" | "TargetAlert" | "AppliedAutoRenew" | "DueRenewal" | "PlannedRenewal";

/** A field of an object type. */
export interface ObjectField {
    /** The field's name. */
    readonly name: string;
    /** Its type. */
    readonly type: PropertyType;
    /** What it means. */
    readonly description: string;
    /** Present in every value. */
    readonly required?: boolean;
}

/** How many targets a selector may match: the default of `maxTargets` and the most it may be set to. */
export const MAX_TARGETS = { default: 50, limit: 1000 } as const;

const string = { type: "string" } as const;
const integer = { type: "integer" } as const;
const number = { type: "number" } as const;
const boolean = { type: "boolean" } as const;
const strings = { type: "array", items: string } as const;
const PERIOD_UNIT = { type: "string", enum: ["Week", "Month", "Year"] } as const;

/** Every property of a lease, in the order tables list them. */
export const LEASE_PROPERTIES = [
    { name: "instanceIds", role: "argument", type: strings, description: "Subscription ECS instances (`i-…`), one `RenewInstance` call each. Exactly one of `instanceIds` / `reservedInstanceIds`; switching between them replaces the lease." },
    { name: "reservedInstanceIds", role: "argument", type: strings, description: "Reserved instances (`ecsri-…`), any number, renewed by `RenewReservedInstances` in calls of up to 10." },
    { name: "instanceSelector", role: "argument", type: { type: "object", name: "InstanceSelector" }, description: "Finds the instances to renew instead of listing them: the subscription (PrePaid) instances of the region that match every criterion given (`tags`, `resourceGroupId`, `zoneId`, `namePrefix`), read again at every preview and `up`. A new match is renewed like an added id; a target that stops matching is forgotten." },
    { name: "reservedInstanceSelector", role: "argument", type: { type: "object", name: "ReservedInstanceSelector" }, description: "Finds the reserved instances to renew: the Active reserved instances of the region that match every criterion given (`tags`, `resourceGroupId`, `zoneId`)." },
    { name: "maxTargets", role: "argument", type: integer, description: `Selectors only: the most targets the selector may match (default ${MAX_TARGETS.default}, at most ${MAX_TARGETS.limit}). A selector matching more fails at preview with the count and the first ids, before anything is bought.` },
    { name: "regionId", role: "argument", type: string, replaceOnChange: true, description: "Region of the targets. Default: the stack config `alicloud:region`, then `ALICLOUD_REGION`, `ALIBABA_CLOUD_REGION_ID`, `ALIBABA_CLOUD_REGION`. Changing it replaces the lease." },
    { name: "period", role: "argument", type: integer, description: "Length of each renewal in `periodUnit`: instances `Week` 1–4 or `Month` 1–12, 24, 36, 48, 60; reserved instances 1 or 3 (`Year`). Changing it renews again." },
    { name: "periodUnit", role: "argument", type: PERIOD_UNIT, description: "Unit of `period`. Default: `Month` for instances, `Year` for reserved instances. With `paidThrough` or `minimumDaysLeft` it limits the lengths tried." },
    { name: "expectedRenewDay", role: "argument", type: integer, description: "Instances only, 1–28: renew up to this day of the month, ECS's unified expiry day. Exclusive with `period`." },
    { name: "term", role: "argument", type: string, description: "A label of the term paid for (`\"2027\"`, `\"2027-Q3\"`). Changing it asks for one more renewal with the same length; leaving it unchanged never renews again." },
    { name: "paidThrough", role: "argument", type: string, description: "Coverage goal: keep every target paid through this date (`\"2027-12-31\"`, through the end of that day, UTC) or time with a zone. Exclusive with `period`, `expectedRenewDay`, `term`, `minimumDaysLeft`." },
    { name: "minimumDaysLeft", role: "argument", type: integer, description: "Coverage goal: keep at least this many days (1–1825) paid on every target; run `pulumi up --refresh` on a schedule. Same exclusions as `paidThrough`." },
    { name: "maxPrice", role: "argument", type: number, description: "Instances only: the most one renewal step of this lease may cost, in the account's currency, as `DescribeRenewalPrice` quotes it. A dearer step fails before any write call." },
    { name: "allowDoubleCharge", role: "argument", type: boolean, description: "`true` accepts that a target this lease shares with another lease of the stack is renewed, and charged, by each of them. Default `false`: such an overlap is refused at preview." },
    { name: "autoRenew", role: "argument", type: boolean, description: "Turn ECS auto-renewal on or off (instances: read back by refresh and restored). Changing it never buys a renewal. Unset: left as it is." },
    { name: "autoRenewPeriod", role: "argument", type: integer, description: "Length of each automatic renewal, with `autoRenew: true`. Instances, in `autoRenewPeriodUnit`: `Week` 1–4, `Month` 1, 2, 3, 6, 12, 24, 36, 48, 60, `Year` 1–5 (default 1). Reserved instances: 12 or 36 (months)." },
    { name: "autoRenewPeriodUnit", role: "argument", type: PERIOD_UNIT, description: "Instances only: unit of `autoRenewPeriod`, `Week`, `Month` (default) or `Year`." },

    { name: "renewalPlan", role: "output", type: string, secretWithLease: true, description: "The renewal the program last asked for, in words." },
    { name: "renewalCount", role: "output", type: integer, description: "Renewal steps done so far (the sequence number of the latest one)." },
    { name: "targets", role: "output", type: { type: "map", values: { type: "object", name: "TargetState" } }, secretWithLease: true, description: "Per target: expiry and status as last read, and the term it was last renewed for." },
    { name: "lastRenewalCalls", role: "output", type: { type: "array", items: { type: "object", name: "RenewalCall" } }, secretWithLease: true, description: "The ECS calls of the latest renewal step, with their ClientTokens, RequestIds and OrderIds." },
    { name: "creationUrn", role: "output", type: string, description: "The URN the lease was created with: the seed of its ClientTokens." },
    { name: "termKey", role: "output", type: string, secretWithLease: true, description: "The key of the renewal spec of the latest step, when it differs from the recorded spec's." },
    { name: "appliedAutoRenew", role: "output", type: { type: "object", name: "AppliedAutoRenew" }, description: "Reserved instances: the auto-renew setting last applied." },
    { name: "missingTargets", role: "output", type: strings, secretWithLease: true, description: "Targets that no longer exist, as found by the last refresh." },
    { name: "alerts", role: "output", type: { type: "array", items: { type: "object", name: "TargetAlert" } }, secretWithLease: true, description: "Targets that expired, were stopped for non-payment, fell under the coverage goal, or are gone, as last read." },
    { name: "providerVersion", role: "output", type: string, description: "Version of the provider that last wrote this lease's state." },
    { name: "adopted", role: "output", type: boolean, description: "Set by `pulumi import`: the targets were adopted as paid, so the first renewal spec a program gives counts as paid. Cleared by the first update." },

    { name: "leaseUrn", role: "internal", type: string, description: "The lease's URN, set by the host (the `RenewalLease` class, or the plugin from the engine's request)." },
    { name: "secretInputs", role: "internal", type: strings, description: "The names of the arguments the program marked secret, set by the host." },
    { name: "renewalPrice", role: "internal", type: string, description: "Set by `check` in previews: what `DescribeRenewalPrice` quotes for the planned renewal." },
    { name: "renewalsDue", role: "internal", type: { type: "array", items: { type: "object", name: "DueRenewal" } }, description: "Set by `check` for coverage leases: the renewals due now." },
    { name: "plannedRenewals", role: "internal", type: { type: "array", items: { type: "object", name: "PlannedRenewal" } }, description: "Set by `check`: per target the renewal this run will buy, with the expiry before and the expiry expected after." },
    { name: "dryRun", role: "internal", type: boolean, description: "Set by the `RenewalLease` class in previews; `check` drops it." },
    { name: "__provider", role: "internal", type: string, description: "The serialized dynamic provider, set by Pulumi's dynamic resources." },
] as const satisfies readonly LeaseProperty[];

/** The fields of each object type. */
export const OBJECT_TYPES: Readonly<Record<ObjectTypeName, { description: string; fields: readonly ObjectField[] }>> = {
    InstanceSelector: {
        description: "Which subscription instances of the region a lease renews: every criterion given must hold.",
        fields: [
            { name: "tags", type: { type: "map", values: string }, description: `Tags the instance must all carry, key to value (1 to ${MAX_SELECTOR_TAGS}).` },
            { name: "resourceGroupId", type: string, description: "The resource group the instance belongs to." },
            { name: "zoneId", type: string, description: "The zone of the instance." },
            { name: "namePrefix", type: string, description: "The start of the instance name (case-sensitive, no `*`)." },
        ],
    },
    ReservedInstanceSelector: {
        description: "Which Active reserved instances of the region a lease renews: every criterion given must hold.",
        fields: [
            { name: "tags", type: { type: "map", values: string }, description: `Tags the reserved instance must all carry, key to value (1 to ${MAX_SELECTOR_TAGS}).` },
            { name: "resourceGroupId", type: string, description: "The resource group the reserved instance belongs to." },
            { name: "zoneId", type: string, description: "The zone of a zone-scoped reserved instance." },
        ],
    },
    TargetState: {
        description: "What the state records for one target.",
        fields: [
            { name: "expiredTime", type: string, description: "Expiry as last read from ECS (`yyyy-MM-ddTHH:mmZ`, UTC)." },
            { name: "status", type: string, description: "Status as last read, or `NotFound` when the target no longer exists." },
            { name: "renewedInSequence", type: integer, required: true, description: "The renewal step this target was last renewed in (0: never)." },
            { name: "lastRenewedTerm", type: string, required: true, description: "The term it was last renewed for, e.g. `1 Month (term \"2027\")`." },
            { name: "pendingSequence", type: integer, description: "Coverage leases: the step whose renewal of this target failed; a retry reuses its ClientToken." },
            { name: "autoRenewal", type: string, description: "Instances with `autoRenew` set: the auto-renew attribute ECS reports." },
        ],
    },
    RenewalCall: {
        description: "One ECS renewal call of the latest renewal step.",
        fields: [
            { name: "action", type: string, required: true, description: "`RenewInstance` or `RenewReservedInstances`." },
            { name: "ids", type: strings, required: true, description: "The ids renewed by the call." },
            { name: "clientToken", type: string, required: true, description: "The ClientToken sent." },
            { name: "requestId", type: string, required: true, description: "The RequestId returned." },
            { name: "orderId", type: string, description: "The OrderId returned, if any." },
            { name: "replayed", type: boolean, description: "True when ECS answered with an order it had already made for this ClientToken." },
        ],
    },
    TargetAlert: {
        description: "A target that needs attention, as the last read found it.",
        fields: [
            { name: "id", type: string, required: true, description: "The target." },
            { name: "condition", type: string, required: true, description: "`expired`, `stoppedForNonPayment`, `belowGoal` or `gone`." },
            { name: "expiredTime", type: string, description: "Its expiry as read (absent when gone)." },
            { name: "message", type: string, required: true, description: "The same, in words, with dates." },
        ],
    },
    AppliedAutoRenew: {
        description: "An auto-renew setting applied to reserved instances.",
        fields: [
            { name: "enabled", type: boolean, required: true, description: "Auto-renewal on or off." },
            { name: "period", type: integer, description: "Months of each automatic renewal." },
        ],
    },
    DueRenewal: {
        description: "A renewal a coverage goal needs now.",
        fields: [
            { name: "id", type: string, required: true, description: "The target." },
            { name: "period", type: integer, required: true, description: "Length of the renewal." },
            { name: "periodUnit", type: PERIOD_UNIT, required: true, description: "Unit of `period`." },
        ],
    },
    PlannedRenewal: {
        description: "A renewal this run will buy for one target.",
        fields: [
            { name: "id", type: string, required: true, description: "The target." },
            { name: "renewBy", type: string, required: true, description: "The length bought, e.g. `1 Month` or `to day 15`." },
            { name: "expiryBefore", type: string, description: "Expiry as read now (absent when not read)." },
            { name: "expectedAfter", type: string, description: "Expiry expected after the renewal (absent when it cannot be computed)." },
        ],
    },
};

type Declared = (typeof LEASE_PROPERTIES)[number];

/** The names of the arguments a program writes. */
export type ArgumentName = Extract<Declared, { role: "argument" }>["name"];
/** The names of the outputs only the provider writes. */
export type OutputName = Extract<Declared, { role: "output" }>["name"];

function named<N extends string>(role: PropertyRole): N[] {
    return (LEASE_PROPERTIES as readonly LeaseProperty[]).filter((p) => p.role === role).map((p) => p.name as N);
}

/** The arguments, in declaration order. */
export const ARGUMENT_NAMES: readonly ArgumentName[] = named<ArgumentName>("argument");
/** The provider-written outputs, in declaration order. */
export const OUTPUT_NAMES: readonly OutputName[] = named<OutputName>("output");
/** Outputs that are secrets when any argument of the lease is. */
export const SECRET_WITH_LEASE: readonly string[] = (LEASE_PROPERTIES as readonly LeaseProperty[]).filter((p) => p.secretWithLease === true).map((p) => p.name);
/** Arguments whose change replaces the lease. */
export const REPLACE_ON_CHANGE: readonly string[] = (LEASE_PROPERTIES as readonly LeaseProperty[]).filter((p) => p.replaceOnChange === true).map((p) => p.name);

/** Defaults applied by validation and planning, per kind of target. */
export const DEFAULTS = {
    /** `periodUnit` when a lease sets `period` without it (or a coverage goal, to try every unit). */
    periodUnit: { instance: "Month", reservedInstance: "Year" } as const satisfies Record<TargetKind, PeriodUnit>,
    /** `autoRenewPeriod` of an instance when `autoRenew: true` leaves it out. */
    instanceAutoRenewPeriod: 1,
    /** `autoRenewPeriodUnit` of an instance when `autoRenew: true` leaves it out. */
    instanceAutoRenewPeriodUnit: "Month" as PeriodUnit,
} as const;
