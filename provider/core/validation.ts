/**
 * Input validation for a lease: pure functions, no I/O, run by `check` at preview
 * time so that bad input is refused before any API call.
 */
import { MAX_SELECTOR_TAGS, AUTO_RENEW_PERIODS, INSTANCE_AUTO_RENEW_PERIODS, INSTANCE_PERIODS, MAX_EXPECTED_RENEW_DAY, RESERVED_INSTANCE_PERIODS } from "./api-ranges";
import { describeLength, asksForRenewal, MAX_MINIMUM_DAYS_LEFT, parsePaidThrough } from "./coverage";
import { priceQuery, whyNotQuoted } from "./pricing";
import { ARGUMENT_NAMES, DEFAULTS, LEASE_PROPERTIES, MAX_TARGETS } from "./properties";
import { isKnownRegion, KNOWN_REGIONS } from "./regions";
import type { RenewalSpec } from "./plan";
import { KINDS, TARGET_KINDS } from "./target-kinds";
import { LeaseInputs, PeriodUnit, TargetKind, TargetSelector } from "./types";

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
    /**
     * With unknowns and no failure: the targets already known (valid ids of a list that also
     * holds unknown ones), so that checks needing only them (overlaps) run at preview.
     */
    readonly knownTargets?: { leaseUrn: string; regionId: string; property: "instanceIds" | "reservedInstanceIds"; ids: string[]; allowDoubleCharge: boolean };
}

const REGION_ID = /^[a-z]{2,4}(-[a-z0-9]+){1,3}$/;
const MAX_TERM_LENGTH = 128;

/** Every key `check` accepts: arguments, internal inputs, and outputs the engine may echo back as inputs. */
const KNOWN_PROPERTIES: ReadonlySet<string> = new Set(LEASE_PROPERTIES.map((p) => p.name));

/** The arguments a program writes. */
const ARGUMENT_PROPERTIES: ReadonlySet<string> = new Set(ARGUMENT_NAMES);

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
        if (!KNOWN_PROPERTIES.has(key)) {
            fail(key, `unknown property "${key}"; allowed: ${[...ARGUMENT_PROPERTIES].join(", ")}`);
        }
    }

    const { kind, idsValid, selector } = validateTargets(raw, fail, known);
    const ids = idsValid && !selector && kind !== undefined ? { [TARGET_KINDS[kind].idProperty]: readIds(raw[TARGET_KINDS[kind].idProperty]) } : undefined;
    const maxTargets = validateMaxTargets(raw, selector !== undefined, fail, known);

    let regionId: string | undefined;
    if (known(raw.regionId)) {
        if (typeof raw.regionId !== "string" || !REGION_ID.test(raw.regionId)) {
            fail("regionId", `regionId must be an Alibaba Cloud region id such as "cn-hangzhou" or "ap-southeast-1"; got ${describeValue(raw.regionId)}`);
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

    const lengthOrGoal = validateLengthOrGoal(raw, kind, fail, known);

    let term: string | undefined;
    if (known(raw.term)) {
        if (typeof raw.term !== "string" || raw.term.trim() === "") {
            fail("term", `term must be a non-empty string such as "2027" or "2027-Q3"; got ${describeValue(raw.term)}`);
        } else if (raw.term.length > MAX_TERM_LENGTH) {
            fail("term", `term must be at most ${MAX_TERM_LENGTH} characters; got ${raw.term.length}`);
        } else {
            term = raw.term;
        }
    }

    const autoRenew = validateAutoRenew(raw, kind, fail, known);
    const maxPrice = validateMaxPrice(raw, kind, lengthOrGoal, fail, known);

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

    const allowDoubleCharge = validateFlag(raw, "allowDoubleCharge", fail, known);
    const secretInputs = validateSecretInputs(raw, fail, known);

    if (failures.length > 0 || hasUnknowns || !idsValid || kind === undefined || regionId === undefined || leaseUrn === undefined || lengthOrGoal === undefined) {
        const property = kind === undefined ? "instanceIds" : TARGET_KINDS[kind].idProperty;
        const list = selector ? undefined : raw[property];
        const knownIds = Array.isArray(list) ? list.filter((id): id is string => typeof id === "string" && !isUnknown(id)) : [];
        const knownTargets = failures.length === 0 && hasUnknowns && kind !== undefined && regionId !== undefined && leaseUrn !== undefined && knownIds.length > 0
            ? { leaseUrn, regionId, property, ids: readIds(knownIds), allowDoubleCharge } as const
            : undefined;
        return { failures, hasUnknowns, ...(knownTargets ? { knownTargets } : {}) };
    }
    const inputs: Omit<LeaseInputs, "renewalPlan"> = {
        ...ids,
        ...(selector ? { [TARGET_KINDS[kind].selectorProperty]: selector } : {}),
        ...(maxTargets !== undefined ? { maxTargets } : {}),
        regionId,
        ...lengthOrGoal,
        ...(term !== undefined ? { term } : {}),
        ...(maxPrice !== undefined ? { maxPrice } : {}),
        ...autoRenew,
        ...(allowDoubleCharge ? { allowDoubleCharge } : {}),
        leaseUrn,
        ...(secretInputs.length > 0 ? { secretInputs } : {}),
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

/** A value as messages show it: `null`, `undefined`, `NaN` and `Infinity` as themselves, anything else as JSON. */
export function describeValue(value: unknown): string {
    if (value === undefined) {
        return "undefined";
    }
    if (typeof value === "number" && !Number.isFinite(value)) {
        return String(value);
    }
    return JSON.stringify(value) ?? String(value);
}

/**
 * The kind of target the lease names, from which id property is set (whatever its values),
 * so that the other arguments are judged against the right kind even when an id is bad.
 */
function validateTargets(raw: Record<string, unknown>, fail: Fail, known: Known): { kind?: TargetKind; idsValid: boolean; selector?: TargetSelector } {
    const present = (p: string): boolean => raw[p] !== undefined && raw[p] !== null;
    const set = TARGET_PROPERTIES.filter(present);
    if (set.length !== 1) {
        const [idsA, idsB] = KINDS.map((k) => TARGET_KINDS[k].idProperty);
        if (set.length === 0) {
            fail(idsA, `set exactly one of ${KINDS.map((k) => `${TARGET_KINDS[k].idProperty} (${TARGET_KINDS[k].selectedDescription}, ${TARGET_KINDS[k].idPrefix}...)`).join(", ")}, ` +
                `${KINDS.map((k) => TARGET_KINDS[k].selectorProperty).join(" or ")} (targets found by tags, resource group, zone or name)`);
        } else if (set.length === 2 && set.includes(idsA) && set.includes(idsB)) {
            fail(idsB, `set exactly one of ${idsA} or ${idsB}, not both: a lease renews one kind of target`);
        } else {
            const named = [...set.filter((p) => p.endsWith("Selector")), ...set.filter((p) => !p.endsWith("Selector"))];
            fail(named[1], `set exactly one of ${TARGET_PROPERTIES.slice(0, -1).join(", ")} or ${TARGET_PROPERTIES.at(-1)}; this lease sets ${named.join(" and ")}: a lease renews one set of targets`);
        }
        return { idsValid: false };
    }
    const [property] = set;
    const kind = KINDS.find((k) => TARGET_KINDS[k].idProperty === property || TARGET_KINDS[k].selectorProperty === property) as TargetKind;
    const spec = TARGET_KINDS[kind];
    if (property === spec.selectorProperty) {
        const selector = validateSelector(raw[property], spec.selectorProperty, kind, fail, known);
        return { kind, idsValid: selector !== undefined, ...(selector ? { selector } : {}) };
    }
    const value = raw[property];
    if (!known(value)) {
        return { kind, idsValid: false };
    }
    const { idPattern: pattern, exampleId: example, idDescription: what } = spec;
    if (!Array.isArray(value)) {
        fail(property, `${property} must be a list of ids such as ["${example}"]; got ${describeValue(value)}`);
        return { kind, idsValid: false };
    }
    if (value.length === 0) {
        fail(property, `${property} must list at least one id such as "${example}"`);
        return { kind, idsValid: false };
    }
    let idsValid = true;
    const seen = new Set<string>();
    value.forEach((id: unknown, index) => {
        if (isUnknown(id)) {
            known(id);
            idsValid = false;
            return;
        }
        if (id === null || id === undefined) {
            fail(`${property}[${index}]`, `${property}[${index}] is ${describeValue(id)}: every entry must be a ${what}. ` +
                "A list built from resources or config gives null where a value is missing (for example [a.id, undefined]); remove the entry or fix its source");
            idsValid = false;
            return;
        }
        if (typeof id !== "string" || !pattern.test(id)) {
            fail(`${property}[${index}]`, `${describeValue(id)} is not a ${what}; expected an id such as "${example}"`);
            idsValid = false;
            return;
        }
        if (seen.has(id)) {
            fail(`${property}[${index}]`, `${id} is listed twice; list each target once`);
            idsValid = false;
        }
        seen.add(id);
    });
    return { kind, idsValid };
}

/** The part of a renewal spec validated together: a length or renewal day, or a coverage goal (the `term` label is validated on its own). */
type LengthOrGoal = Omit<RenewalSpec, "term">;

const present = (value: unknown): boolean => value !== undefined && value !== null;

/** How to ask for a renewal, for messages. */
const TERM_CHOICES = "period (with periodUnit), expectedRenewDay, paidThrough or minimumDaysLeft";

function validateLengthOrGoal(raw: Record<string, unknown>, kind: TargetKind | undefined, fail: Fail, known: Known): LengthOrGoal | undefined {
    const hasPeriod = present(raw.period);
    const hasUnit = present(raw.periodUnit);
    const hasDay = present(raw.expectedRenewDay);
    const hasPaidThrough = present(raw.paidThrough);
    const hasMinimumDays = present(raw.minimumDaysLeft);
    if (hasPaidThrough || hasMinimumDays) {
        return validateCoverage(raw, kind, fail, known);
    }
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
            fail("expectedRenewDay", `expectedRenewDay must be a whole day of the month from 1 to ${MAX_EXPECTED_RENEW_DAY}; got ${describeValue(day)}`);
            return undefined;
        }
        return { expectedRenewDay: day };
    }
    if (!hasPeriod) {
        if (!hasUnit && present(raw.autoRenew) && !present(raw.term)) {
            // An auto-renew policy alone: the lease never buys a renewal itself.
            return {};
        }
        fail("period", kind === "reservedInstance"
            ? "period is required: 1 or 3 (Years) for reserved instances, or set paidThrough or minimumDaysLeft"
            : `one of ${TERM_CHOICES} is required; allowed periods: ${describeInstancePeriods()}`);
        return undefined;
    }
    const unit = validateUnit(raw, kind, fail, known);
    if (!known(raw.period)) {
        return undefined;
    }
    const period = raw.period;
    if (typeof period !== "number" || !Number.isInteger(period)) {
        fail("period", `period must be a whole number; got ${describeValue(period)}`);
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

/** `periodUnit`, defaulted per kind; undefined when unknown or refused. */
function validateUnit(raw: Record<string, unknown>, kind: TargetKind | undefined, fail: Fail, known: Known): PeriodUnit | undefined {
    if (!present(raw.periodUnit)) {
        return kind === undefined ? undefined : DEFAULTS.periodUnit[kind];
    }
    if (!known(raw.periodUnit)) {
        return undefined;
    }
    const allowedUnits = kind === "reservedInstance" ? ["Year"] : ["Week", "Month"];
    if (typeof raw.periodUnit !== "string" || !allowedUnits.includes(raw.periodUnit)) {
        const why = kind === "reservedInstance"
            ? "reserved instances renew in Years"
            : "instances renew in Weeks or Months";
        fail("periodUnit", `periodUnit must be ${allowedUnits.map((u) => `"${u}"`).join(" or ")} (${why}); got ${describeValue(raw.periodUnit)}`);
        return undefined;
    }
    return raw.periodUnit as PeriodUnit;
}

/** Coverage mode: `paidThrough` or `minimumDaysLeft`, optionally with `periodUnit` to limit the lengths tried. */
function validateCoverage(raw: Record<string, unknown>, kind: TargetKind | undefined, fail: Fail, known: Known): LengthOrGoal | undefined {
    const goal = present(raw.paidThrough) ? "paidThrough" : "minimumDaysLeft";
    if (present(raw.paidThrough) && present(raw.minimumDaysLeft)) {
        fail("minimumDaysLeft", "set either paidThrough (a date) or minimumDaysLeft (a number of days), not both");
        return undefined;
    }
    for (const property of ["period", "expectedRenewDay", "term"] as const) {
        if (present(raw[property])) {
            fail(property, `${property} cannot be combined with ${goal}: a coverage goal picks the smallest allowed renewal itself; remove ${property} or remove ${goal}`);
            return undefined;
        }
    }
    let unit: PeriodUnit | undefined;
    if (present(raw.periodUnit)) {
        unit = validateUnit(raw, kind, fail, known);
        if (unit === undefined) {
            return undefined;
        }
    }
    const value = raw[goal];
    if (!known(value)) {
        return undefined;
    }
    if (goal === "paidThrough") {
        if (typeof value !== "string" || parsePaidThrough(value) === undefined) {
            fail("paidThrough", `paidThrough must be a date such as "2027-12-31" (paid through the end of that day, UTC) or a time with a zone such as "2027-12-31T16:00Z" or "2028-01-01T00:00+08:00"; got ${describeValue(value)}`);
            return undefined;
        }
        return { paidThrough: value, ...(unit ? { periodUnit: unit } : {}) };
    }
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_MINIMUM_DAYS_LEFT) {
        fail("minimumDaysLeft", `minimumDaysLeft must be a whole number of days from 1 to ${MAX_MINIMUM_DAYS_LEFT}; got ${describeValue(value)}`);
        return undefined;
    }
    return { minimumDaysLeft: value, ...(unit ? { periodUnit: unit } : {}) };
}

function validateMaxPrice(raw: Record<string, unknown>, kind: TargetKind | undefined, lengthOrGoal: LengthOrGoal | undefined, fail: Fail, known: Known): number | undefined {
    if (!present(raw.maxPrice) || !known(raw.maxPrice)) {
        return undefined;
    }
    const value = raw.maxPrice;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
        fail("maxPrice", `maxPrice must be a positive amount in the account's currency, e.g. 500; got ${describeValue(value)}`);
        return undefined;
    }
    if (kind === "reservedInstance") {
        fail("maxPrice", `maxPrice applies to instance leases only: ${whyNotQuoted("reservedInstance")}, so the price could not be checked`);
        return undefined;
    }
    if (lengthOrGoal !== undefined && !asksForRenewal(lengthOrGoal)) {
        fail("maxPrice", "maxPrice limits what a renewal costs, but this lease buys none: set period, expectedRenewDay, paidThrough or minimumDaysLeft, or remove maxPrice");
        return undefined;
    }
    if (kind === "instance" && lengthOrGoal?.period !== undefined && lengthOrGoal.periodUnit !== undefined
        && priceQuery("instance", { period: lengthOrGoal.period, periodUnit: lengthOrGoal.periodUnit }) === undefined) {
        fail("maxPrice", `maxPrice needs a price quote, but ${whyNotQuoted("instance")}; got period ${describeLength({ period: lengthOrGoal.period, periodUnit: lengthOrGoal.periodUnit })}. Use a quotable period or remove maxPrice`);
        return undefined;
    }
    if (kind === "instance" && lengthOrGoal?.periodUnit === "Week" && (lengthOrGoal.paidThrough !== undefined || lengthOrGoal.minimumDaysLeft !== undefined)) {
        fail("maxPrice", `maxPrice needs a price quote, but ${whyNotQuoted("instance")}; with maxPrice, leave periodUnit unset or set it to "Month"`);
        return undefined;
    }
    return value;
}

type AutoRenewFields = Pick<LeaseInputs, "autoRenew" | "autoRenewPeriod" | "autoRenewPeriodUnit">;

function validateAutoRenew(raw: Record<string, unknown>, kind: TargetKind | undefined, fail: Fail, known: Known): AutoRenewFields {
    const result: { autoRenew?: boolean; autoRenewPeriod?: number; autoRenewPeriodUnit?: PeriodUnit } = {};
    if (kind === undefined) {
        return result;
    }
    if (known(raw.autoRenew)) {
        if (typeof raw.autoRenew !== "boolean") {
            fail("autoRenew", `autoRenew must be true or false; got ${describeValue(raw.autoRenew)}`);
        } else {
            result.autoRenew = raw.autoRenew;
        }
    }
    let unit: PeriodUnit | undefined;
    if (present(raw.autoRenewPeriodUnit)) {
        if (kind === "reservedInstance") {
            fail("autoRenewPeriodUnit", "autoRenewPeriodUnit applies to instances only; reserved instances count autoRenewPeriod in months (12 or 36)");
        } else if (known(raw.autoRenewPeriodUnit)) {
            if (raw.autoRenewPeriodUnit !== "Week" && raw.autoRenewPeriodUnit !== "Month" && raw.autoRenewPeriodUnit !== "Year") {
                fail("autoRenewPeriodUnit", `autoRenewPeriodUnit must be "Week", "Month" or "Year"; got ${describeValue(raw.autoRenewPeriodUnit)}`);
            } else {
                unit = raw.autoRenewPeriodUnit;
                result.autoRenewPeriodUnit = unit;
            }
        }
    }
    if (known(raw.autoRenewPeriod)) {
        const allowed = kind === "reservedInstance" ? AUTO_RENEW_PERIODS : INSTANCE_AUTO_RENEW_PERIODS[unit ?? DEFAULTS.instanceAutoRenewPeriodUnit];
        const what = kind === "reservedInstance" ? "(months)" : `with autoRenewPeriodUnit "${unit ?? DEFAULTS.instanceAutoRenewPeriodUnit}"`;
        if (typeof raw.autoRenewPeriod !== "number" || !allowed.includes(raw.autoRenewPeriod)) {
            fail("autoRenewPeriod", `autoRenewPeriod must be ${listing(allowed)} ${what}; got ${describeValue(raw.autoRenewPeriod)}`);
        } else if (raw.autoRenew !== true && !isUnknown(raw.autoRenew)) {
            fail("autoRenewPeriod", "autoRenewPeriod takes effect only with autoRenew: true; set autoRenew: true or remove autoRenewPeriod");
        } else {
            result.autoRenewPeriod = raw.autoRenewPeriod;
        }
    }
    if (result.autoRenewPeriodUnit !== undefined && raw.autoRenew !== true && !isUnknown(raw.autoRenew)) {
        fail("autoRenewPeriodUnit", "autoRenewPeriodUnit takes effect only with autoRenew: true; set autoRenew: true or remove autoRenewPeriodUnit");
    }
    return result;
}

/** An optional boolean argument; `true` only when set to true. */
function validateFlag(raw: Record<string, unknown>, property: "allowDoubleCharge", fail: Fail, known: Known): boolean {
    const value = raw[property];
    if (!known(value)) {
        return false;
    }
    if (typeof value !== "boolean") {
        fail(property, `${property} must be true or false; got ${describeValue(value)}`);
        return false;
    }
    return value;
}

/** `secretInputs`, set by the `RenewalLease` class: the names of the arguments the program marked secret. */
function validateSecretInputs(raw: Record<string, unknown>, fail: Fail, known: Known): string[] {
    const value = raw.secretInputs;
    if (!known(value)) {
        return [];
    }
    if (!Array.isArray(value) || value.some((name) => typeof name !== "string" || !ARGUMENT_PROPERTIES.has(name))) {
        fail("secretInputs", "secretInputs is set by the RenewalLease class (the names of the arguments marked secret); do not set it");
        return [];
    }
    return [...new Set(value as string[])].sort();
}

/** The arguments that name or find a lease's targets: exactly one is set. */
const TARGET_PROPERTIES: readonly string[] = [...KINDS.map((k) => TARGET_KINDS[k].idProperty), ...KINDS.map((k) => TARGET_KINDS[k].selectorProperty)];

const SELECTOR_FIELDS = { instance: ["tags", "resourceGroupId", "zoneId", "namePrefix"], reservedInstance: ["tags", "resourceGroupId", "zoneId"] } as const;

/** A selector: at least one criterion, tags as a map of strings, no wildcard in a name prefix. */
function validateSelector(value: unknown, property: "instanceSelector" | "reservedInstanceSelector", kind: TargetKind, fail: Fail, known: Known): TargetSelector | undefined {
    if (!known(value)) {
        return undefined;
    }
    const fields: readonly string[] = SELECTOR_FIELDS[kind];
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        fail(property, `${property} must be an object with ${fields.join(", ")}, e.g. { tags: { env: "prod" } }; got ${describeValue(value)}`);
        return undefined;
    }
    const raw = value as Record<string, unknown>;
    let refused = false;
    const refuse: Fail = (p, reason) => {
        refused = true;
        fail(p, reason);
    };
    for (const key of Object.keys(raw)) {
        if (!fields.includes(key)) {
            refuse(property, key === "namePrefix"
                ? "reservedInstanceSelector has no namePrefix: select reserved instances by tags, resourceGroupId or zoneId"
                : `${property}.${key} is not a selector field; allowed: ${fields.join(", ")}`);
        }
    }
    const selector: { tags?: Record<string, string>; resourceGroupId?: string; zoneId?: string; namePrefix?: string } = {};
    if (raw.tags !== undefined && known(raw.tags)) {
        const tags = raw.tags;
        const entries = typeof tags === "object" && tags !== null && !Array.isArray(tags) ? Object.entries(tags) : undefined;
        if (!entries || entries.length === 0 || entries.length > MAX_SELECTOR_TAGS) {
            refuse(property, `${property}.tags must map 1 to ${MAX_SELECTOR_TAGS} tag keys to values, e.g. { env: "prod" }; got ${describeValue(tags)}`);
        } else {
            const bad = entries.find(([k, v]) => k.trim() === "" || k.length > 128 || typeof v !== "string" || v.length > 128);
            if (bad) {
                refuse(property, `${property}.tags: every key must be 1 to 128 characters and every value a string of at most 128; got ${describeValue(bad[0])}: ${describeValue(bad[1])}`);
            } else {
                selector.tags = Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b))) as Record<string, string>;
            }
        }
    }
    for (const field of ["resourceGroupId", "zoneId", "namePrefix"] as const) {
        const v = raw[field];
        if (v === undefined || !fields.includes(field) || !known(v)) {
            continue;
        }
        if (typeof v !== "string" || v.trim() === "" || v.length > 128 || (field === "namePrefix" && v.includes("*"))) {
            refuse(property, `${property}.${field} must be a non-empty string${field === "namePrefix" ? " without *" : ""} of at most 128 characters; got ${describeValue(v)}`);
        } else {
            selector[field] = v;
        }
    }
    if (refused) {
        return undefined;
    }
    if (Object.keys(selector).length === 0) {
        refuse(property, `${property} needs at least one of ${fields.join(", ")}: an empty selector would renew every subscription in the region`);
        return undefined;
    }
    return selector;
}

/** `maxTargets`: with a selector only, a whole number from 1 to {@link MAX_TARGETS.limit}. */
function validateMaxTargets(raw: Record<string, unknown>, hasSelector: boolean, fail: Fail, known: Known): number | undefined {
    const value = raw.maxTargets;
    if (!known(value)) {
        return undefined;
    }
    if (!hasSelector) {
        fail("maxTargets", "maxTargets limits what a selector may match; this lease lists its ids: remove maxTargets");
        return undefined;
    }
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_TARGETS.limit) {
        fail("maxTargets", `maxTargets must be a whole number from 1 to ${MAX_TARGETS.limit}; got ${describeValue(value)}`);
        return undefined;
    }
    return value;
}
