/**
 * Input validation for a lease: pure functions, no I/O, run by `check` at preview
 * time so that bad input is refused before any API call.
 */
import { isKnownRegion, KNOWN_REGIONS } from "./regions";
import { LeaseInputs, PeriodUnit, TargetKind } from "./types";

/** The value Pulumi passes for inputs that are not known yet during a preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** One refused property, in the shape Pulumi's `check` reports. */
export interface ValidationFailure {
    /** Name of the property at fault, as the user wrote it in the program. */
    readonly property: string;
    /** What is wrong and which values are allowed. */
    readonly reason: string;
}

/** Result of validating raw inputs: normalized inputs when there is no failure. */
export interface ValidationResult {
    /** Normalized inputs (ids sorted, defaults applied), absent when any failure was found. */
    readonly inputs?: Omit<LeaseInputs, "renewalPlan">;
    /** Every problem found, in property order. */
    readonly failures: ValidationFailure[];
    /** True when some input is still unknown (preview): the inputs are then partial. */
    readonly hasUnknowns: boolean;
}

/** Allowed `period` values per unit for subscription instances (RenewInstance reference page). */
export const INSTANCE_PERIODS: Readonly<Record<"Week" | "Month", readonly number[]>> = {
    Week: [1, 2, 3, 4],
    Month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60],
};

/** Allowed `period` values (in Years) for reserved instances (RenewReservedInstances reference page). */
export const RESERVED_INSTANCE_PERIODS: readonly number[] = [1, 3];

/** Allowed `autoRenewPeriod` values, in months, for reserved instances. */
export const AUTO_RENEW_PERIODS: readonly number[] = [12, 36];

/** Highest `expectedRenewDay`: the unified expiry day is a day of the month from 1 to 28. */
export const MAX_EXPECTED_RENEW_DAY = 28;

/** RenewReservedInstances takes at most this many reserved instances per call. */
export const MAX_RESERVED_INSTANCES_PER_CALL = 10;

const INSTANCE_ID = /^i-[0-9a-z]{2,62}$/;
const RESERVED_INSTANCE_ID = /^ecsri-[0-9a-z]{2,58}$/;
const REGION_ID = /^[a-z]{2,4}(-[a-z0-9]+){1,3}$/;
const MAX_TERM_LENGTH = 128;

/** Output-only properties the resource class declares; the engine may echo them back as inputs. */
const OUTPUT_PROPERTIES = new Set(["renewalCount", "targets", "lastRenewalCalls", "creationUrn", "missingTargets", "providerVersion"]);

const KNOWN_PROPERTIES = new Set([
    "instanceIds", "reservedInstanceIds", "regionId", "period", "periodUnit", "expectedRenewDay",
    "term", "autoRenew", "autoRenewPeriod", "leaseUrn", "renewalPlan", "__provider",
]);

/** True when a value is Pulumi's unknown sentinel. */
export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

function listing(values: readonly (string | number)[]): string {
    return values.join(", ");
}

function describeInstancePeriods(): string {
    return `Week: ${listing(INSTANCE_PERIODS.Week)}; Month: ${listing(INSTANCE_PERIODS.Month)}`;
}

/**
 * Validates raw lease inputs and normalizes them.
 *
 * @param raw - The inputs as the engine passes them to `check`.
 * @param defaultRegion - The region to use when `regionId` is absent (stack config or environment).
 * @param extraRegions - Region ids accepted in addition to the known ones.
 */
export function validateLeaseInputs(raw: Record<string, unknown>, defaultRegion?: string, extraRegions: readonly string[] = []): ValidationResult {
    const failures: ValidationFailure[] = [];
    const fail = (property: string, reason: string): void => {
        failures.push({ property, reason });
    };
    let hasUnknowns = false;
    const known = (value: unknown): boolean => {
        if (isUnknown(value)) {
            hasUnknowns = true;
            return false;
        }
        return value !== undefined && value !== null;
    };

    for (const key of Object.keys(raw)) {
        if (!KNOWN_PROPERTIES.has(key) && !OUTPUT_PROPERTIES.has(key)) {
            fail(key, `unknown property "${key}"; allowed: ${[...KNOWN_PROPERTIES].filter((k) => k !== "__provider" && k !== "renewalPlan" && k !== "leaseUrn").join(", ")}`);
        }
    }

    const kind = validateTargets(raw, fail, known);
    const instanceIds = kind === "instance" ? readIds(raw.instanceIds) : undefined;
    const reservedInstanceIds = kind === "reservedInstance" ? readIds(raw.reservedInstanceIds) : undefined;

    let regionId: string | undefined;
    if (known(raw.regionId)) {
        if (typeof raw.regionId !== "string" || !REGION_ID.test(raw.regionId)) {
            fail("regionId", `regionId must be an Alibaba Cloud region id such as "cn-hangzhou" or "ap-southeast-1"; got ${JSON.stringify(raw.regionId)}`);
        } else if (!isKnownRegion(raw.regionId, extraRegions)) {
            fail("regionId", unknownRegion(raw.regionId));
        } else {
            regionId = raw.regionId;
        }
    } else if (!isUnknown(raw.regionId)) {
        if (defaultRegion === undefined || defaultRegion === "") {
            fail("regionId", "regionId is required: set it on the lease, or set the stack config alicloud:region, or the ALICLOUD_REGION / ALIBABA_CLOUD_REGION_ID environment variable");
        } else if (!REGION_ID.test(defaultRegion)) {
            fail("regionId", `the default region ${JSON.stringify(defaultRegion)} (from alicloud:region or the environment) is not a region id such as "cn-hangzhou"`);
        } else if (!isKnownRegion(defaultRegion, extraRegions)) {
            fail("regionId", `the default region: ${unknownRegion(defaultRegion)}`);
        } else {
            regionId = defaultRegion;
        }
    }

    const term = validateTerm(raw, kind, fail, known);

    let termLabel: string | undefined;
    if (known(raw.term)) {
        if (typeof raw.term !== "string" || raw.term.trim() === "") {
            fail("term", `term must be a non-empty string such as "2027" or "2027-Q3"; got ${JSON.stringify(raw.term)}`);
        } else if (raw.term.length > MAX_TERM_LENGTH) {
            fail("term", `term must be at most ${MAX_TERM_LENGTH} characters; got ${raw.term.length}`);
        } else {
            termLabel = raw.term;
        }
    }

    const autoRenew = validateAutoRenew(raw, kind, fail, known);

    let leaseUrn: string | undefined;
    if (known(raw.leaseUrn)) {
        if (typeof raw.leaseUrn !== "string" || !raw.leaseUrn.startsWith("urn:pulumi:")) {
            fail("leaseUrn", "leaseUrn must be the lease's Pulumi URN; create leases with the RenewalLease class, which sets it");
        } else {
            leaseUrn = raw.leaseUrn;
        }
    } else if (!isUnknown(raw.leaseUrn)) {
        fail("leaseUrn", "leaseUrn is missing; create leases with the RenewalLease class, which sets it");
    }

    if (failures.length > 0 || hasUnknowns || kind === undefined || regionId === undefined || leaseUrn === undefined || term === undefined) {
        return { failures, hasUnknowns };
    }
    const inputs: Omit<LeaseInputs, "renewalPlan"> = {
        ...(instanceIds ? { instanceIds } : {}),
        ...(reservedInstanceIds ? { reservedInstanceIds } : {}),
        regionId,
        ...term,
        ...(termLabel !== undefined ? { term: termLabel } : {}),
        ...autoRenew,
        leaseUrn,
    };
    return { inputs, failures, hasUnknowns };
}

function unknownRegion(regionId: string): string {
    return `${JSON.stringify(regionId)} is not a known Alibaba Cloud region; known regions: ${KNOWN_REGIONS.join(", ")}. ` +
        "If it is a new region, allow it with the alicloud-renewal:extraRegions setting";
}

function readIds(value: unknown): string[] {
    return [...new Set(value as string[])].sort();
}

type Fail = (property: string, reason: string) => void;
type Known = (value: unknown) => boolean;

function validateTargets(raw: Record<string, unknown>, fail: Fail, known: Known): TargetKind | undefined {
    const hasInstances = raw.instanceIds !== undefined && raw.instanceIds !== null;
    const hasReserved = raw.reservedInstanceIds !== undefined && raw.reservedInstanceIds !== null;
    if (hasInstances === hasReserved) {
        const reason = hasInstances
            ? "set exactly one of instanceIds or reservedInstanceIds, not both: a lease renews one kind of target"
            : "set exactly one of instanceIds (subscription ECS instances, i-...) or reservedInstanceIds (reserved instances, ecsri-...)";
        fail(hasInstances ? "reservedInstanceIds" : "instanceIds", reason);
        return undefined;
    }
    const property = hasInstances ? "instanceIds" : "reservedInstanceIds";
    const kind: TargetKind = hasInstances ? "instance" : "reservedInstance";
    const value = raw[property];
    if (!known(value)) {
        return undefined;
    }
    const pattern = kind === "instance" ? INSTANCE_ID : RESERVED_INSTANCE_ID;
    const example = kind === "instance" ? "i-bp67acfmxazb4ph1abcd" : "ecsri-2ze53qonjqxg7r1abc";
    if (!Array.isArray(value)) {
        fail(property, `${property} must be a list of ids such as ["${example}"]; got ${JSON.stringify(value)}`);
        return undefined;
    }
    if (value.length === 0) {
        fail(property, `${property} must list at least one id such as "${example}"`);
        return undefined;
    }
    let ok = true;
    const seen = new Set<string>();
    value.forEach((id, index) => {
        if (!known(id)) {
            ok = false;
            return;
        }
        if (typeof id !== "string" || !pattern.test(id)) {
            fail(`${property}[${index}]`, `${JSON.stringify(id)} is not a ${kind === "instance" ? "subscription ECS instance id (i-...)" : "reserved instance id (ecsri-...)"}; expected an id such as "${example}"`);
            ok = false;
            return;
        }
        if (seen.has(id)) {
            fail(`${property}[${index}]`, `${id} is listed twice; list each target once`);
            ok = false;
        }
        seen.add(id);
    });
    return ok ? kind : undefined;
}

type TermFields = Pick<LeaseInputs, "period" | "periodUnit" | "expectedRenewDay">;

function validateTerm(raw: Record<string, unknown>, kind: TargetKind | undefined, fail: Fail, known: Known): TermFields | undefined {
    const hasPeriod = raw.period !== undefined && raw.period !== null;
    const hasUnit = raw.periodUnit !== undefined && raw.periodUnit !== null;
    const hasDay = raw.expectedRenewDay !== undefined && raw.expectedRenewDay !== null;
    if (hasDay && (hasPeriod || hasUnit)) {
        fail("expectedRenewDay", "set either period (with periodUnit) or expectedRenewDay, not both");
        return undefined;
    }
    if (hasDay) {
        if (kind === "reservedInstance") {
            fail("expectedRenewDay", "expectedRenewDay applies to instances only; reserved instances renew by period 1 or 3 with periodUnit \"Year\"");
            return undefined;
        }
        if (!known(raw.expectedRenewDay)) {
            return undefined;
        }
        const day = raw.expectedRenewDay;
        if (typeof day !== "number" || !Number.isInteger(day) || day < 1 || day > MAX_EXPECTED_RENEW_DAY) {
            fail("expectedRenewDay", `expectedRenewDay must be a whole day of the month from 1 to ${MAX_EXPECTED_RENEW_DAY}; got ${JSON.stringify(day)}`);
            return undefined;
        }
        return { expectedRenewDay: day };
    }
    if (!hasPeriod) {
        fail("period", kind === "reservedInstance"
            ? "period is required: 1 or 3 (Years) for reserved instances"
            : `period (with periodUnit) or expectedRenewDay is required; allowed periods: ${describeInstancePeriods()}`);
        return undefined;
    }
    let unit: PeriodUnit | undefined;
    if (hasUnit) {
        if (!known(raw.periodUnit)) {
            return undefined;
        }
        const allowedUnits = kind === "reservedInstance" ? ["Year"] : ["Week", "Month"];
        if (typeof raw.periodUnit !== "string" || !allowedUnits.includes(raw.periodUnit)) {
            const why = kind === "reservedInstance"
                ? "reserved instances renew in Years"
                : "instances renew in Weeks or Months";
            fail("periodUnit", `periodUnit must be ${allowedUnits.map((u) => `"${u}"`).join(" or ")} (${why}); got ${JSON.stringify(raw.periodUnit)}`);
            return undefined;
        }
        unit = raw.periodUnit as PeriodUnit;
    } else if (kind !== undefined) {
        unit = kind === "reservedInstance" ? "Year" : "Month";
    }
    if (!known(raw.period)) {
        return undefined;
    }
    const period = raw.period;
    if (typeof period !== "number" || !Number.isInteger(period)) {
        fail("period", `period must be a whole number; got ${JSON.stringify(period)}`);
        return undefined;
    }
    if (kind === undefined || unit === undefined) {
        return undefined;
    }
    const allowed = kind === "reservedInstance" ? RESERVED_INSTANCE_PERIODS : INSTANCE_PERIODS[unit as "Week" | "Month"];
    if (!allowed.includes(period)) {
        fail("period", `period ${period} is not allowed with periodUnit "${unit}"; allowed: ${listing(allowed)}`);
        return undefined;
    }
    return { period, periodUnit: unit };
}

type AutoRenewFields = Pick<LeaseInputs, "autoRenew" | "autoRenewPeriod">;

function validateAutoRenew(raw: Record<string, unknown>, kind: TargetKind | undefined, fail: Fail, known: Known): AutoRenewFields {
    const result: { autoRenew?: boolean; autoRenewPeriod?: number } = {};
    for (const property of ["autoRenew", "autoRenewPeriod"] as const) {
        if (raw[property] !== undefined && raw[property] !== null && kind === "instance") {
            fail(property, `${property} applies to reserved instances only; instance auto-renewal is not managed by this lease`);
        }
    }
    if (kind !== "reservedInstance") {
        return result;
    }
    if (known(raw.autoRenew)) {
        if (typeof raw.autoRenew !== "boolean") {
            fail("autoRenew", `autoRenew must be true or false; got ${JSON.stringify(raw.autoRenew)}`);
        } else {
            result.autoRenew = raw.autoRenew;
        }
    }
    if (known(raw.autoRenewPeriod)) {
        if (typeof raw.autoRenewPeriod !== "number" || !AUTO_RENEW_PERIODS.includes(raw.autoRenewPeriod)) {
            fail("autoRenewPeriod", `autoRenewPeriod must be ${AUTO_RENEW_PERIODS.join(" or ")} (months); got ${JSON.stringify(raw.autoRenewPeriod)}`);
        } else if (raw.autoRenew !== true && !isUnknown(raw.autoRenew)) {
            fail("autoRenewPeriod", "autoRenewPeriod takes effect only with autoRenew: true; set autoRenew: true or remove autoRenewPeriod");
        } else {
            result.autoRenewPeriod = raw.autoRenewPeriod;
        }
    }
    return result;
}
