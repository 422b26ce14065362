/**
 * Renewal planning: pure functions that decide, from the recorded state and the
 * new inputs, which targets a step renews, with which sequence number and which
 * ClientTokens. No I/O here; `lifecycle/lease-lifecycle.ts` executes the plan.
 */
import { DEFAULTS, REPLACE_ON_CHANGE } from "./properties";
import { kindOf, TARGET_KINDS } from "./target-kinds";
import { describeLength, asksForRenewal, isCoverage, RenewalLength } from "./coverage";
import { listAll, listIds } from "./format";
import { deriveClientToken } from "./token";
import { DueRenewal, LeaseInputs, LeaseOutputs, RenewAction, TargetKind } from "./types";

/**
 * What a lease asks to buy: a length or a renewal day (with the user's `term` label), or a
 * coverage goal. A change to any of these fields asks for another renewal. ("Term" alone
 * always means the user's label.)
 */
export type RenewalSpec = Pick<LeaseInputs, "period" | "periodUnit" | "expectedRenewDay" | "term" | "paidThrough" | "minimumDaysLeft">;

/** What one call renews by: a length, or to a day of the month (instances). */
export type CallLength = RenewalLength | { readonly expectedRenewDay: number };

/** One ECS write call a plan makes. */
export interface PlannedCall {
    /** The ECS action. */
    readonly action: RenewAction;
    /** Target ids renewed by this call, sorted. */
    readonly ids: string[];
    /** The renewal step the call belongs to (part of its ClientToken). */
    readonly sequence: number;
    /** What the call renews by. */
    readonly renewBy: CallLength;
    /** The ClientToken: a pure function of the creation URN, the sequence and `ids`. */
    readonly clientToken: string;
}

/** What one create or update will buy. */
export interface RenewalPlan {
    /** Renewal step number these calls belong to. */
    readonly sequence: number;
    /** Term key of that step. */
    readonly termKey: string;
    /** Human-readable term, e.g. `1 Month (term "2027")`. */
    readonly termDescription: string;
    /** Why these targets are renewed. */
    readonly reason: string;
    /** The calls, in order; empty when nothing needs renewing. */
    readonly calls: PlannedCall[];
}

/** The kind of targets a lease's inputs or outputs name. */
export function targetKind(lease: Pick<LeaseInputs, "instanceIds" | "reservedInstanceIds">): TargetKind {
    return kindOf(lease);
}

/** The target ids of a lease, sorted. */
export function targetIds(lease: Pick<LeaseInputs, "instanceIds" | "reservedInstanceIds">): string[] {
    return [...(lease[TARGET_KINDS[kindOf(lease)].idProperty] ?? [])].sort();
}

export { asksForRenewal, isCoverage };

/** A canonical string of a renewal spec (the state's `termKey`): equal keys mean "the same renewal asked for". */
export function termKey(spec: RenewalSpec): string {
    if (isCoverage(spec)) {
        return JSON.stringify(["coverage", spec.paidThrough ?? null, spec.minimumDaysLeft ?? null, spec.periodUnit ?? null]);
    }
    return JSON.stringify([spec.period ?? null, spec.periodUnit ?? null, spec.expectedRenewDay ?? null, spec.term ?? null]);
}

/**
 * The term key of a lease's latest renewal step, as its state records it. The state writes
 * `termKey` only when it differs from the key of its own term fields (see `buildOutputs`).
 */
export function recordedTermKey(olds: LeaseOutputs): string {
    return olds.termKey ?? termKey(olds);
}

/**
 * The spec key the state counts as paid for. A lease adopted by `pulumi import` (`adopted`)
 * counts the first spec a program gives it as paid: importing says "these are already paid".
 */
export function paidTermKey(olds: LeaseOutputs, news: RenewalSpec): string {
    return olds.adopted === true ? termKey(news) : recordedTermKey(olds);
}

/** Describes a coverage goal: `paid through 2027-12-31`, `at least 60 days left`. */
export function describeGoal(spec: RenewalSpec): string {
    return spec.paidThrough !== undefined ? `paid through ${spec.paidThrough}` : `at least ${spec.minimumDaysLeft} days left`;
}

/** Describes a renewal spec, e.g. `1 Month`, `to day 15 of the month (term "2027")`, `at least 60 days left`. */
export function describeSpec(spec: RenewalSpec): string {
    if (isCoverage(spec)) {
        return describeGoal(spec);
    }
    if (!asksForRenewal(spec)) {
        return "no renewal (auto-renew policy only)";
    }
    const length = spec.expectedRenewDay !== undefined
        ? `to expiry day ${spec.expectedRenewDay} of the month`
        : describeLength({ period: spec.period ?? 1, periodUnit: spec.periodUnit ?? "Month" });
    return spec.term !== undefined ? `${length} (term ${JSON.stringify(spec.term)})` : length;
}

/** The call term of a fixed-term lease. */
export function fixedCallLength(inputs: RenewalSpec, kind: TargetKind): CallLength {
    if (inputs.expectedRenewDay !== undefined) {
        return { expectedRenewDay: inputs.expectedRenewDay };
    }
    return { period: inputs.period ?? 1, periodUnit: inputs.periodUnit ?? DEFAULTS.periodUnit[kind] };
}

/** Describes a call length: `1 Month`, `to day 15`. */
export function describeCallLength(renewBy: CallLength): string {
    return "expectedRenewDay" in renewBy ? `to day ${renewBy.expectedRenewDay}` : describeLength(renewBy);
}

/** Splits ids into consecutive groups of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
    const groups: T[][] = [];
    for (let i = 0; i < items.length; i += size) {
        groups.push(items.slice(i, i + size));
    }
    return groups;
}

/**
 * Builds the write calls that renew `ids` in step `sequence`: one call per group of the kind's
 * `idsPerRenewCall` (one instance, up to 10 reserved instances), groups taken in sorted id
 * order, so a retry regroups identically and sends the same ClientTokens.
 */
export function buildCalls(kind: TargetKind, creationUrn: string, sequence: number, ids: readonly string[], renewBy: CallLength): PlannedCall[] {
    const { renewAction, idsPerRenewCall } = TARGET_KINDS[kind];
    return chunk([...ids].sort(), idsPerRenewCall).map((group) => ({
        action: renewAction,
        ids: group,
        sequence,
        renewBy,
        clientToken: deriveClientToken(creationUrn, sequence, group),
    }));
}

/** The plan of a create: renew every target once, as step 1 (coverage leases: see {@link planCoverage}). */
export function planCreate(inputs: LeaseInputs): RenewalPlan {
    const ids = targetIds(inputs);
    const kind = targetKind(inputs);
    return {
        sequence: 1,
        termKey: termKey(inputs),
        termDescription: describeSpec(inputs),
        reason: "new lease",
        calls: asksForRenewal(inputs) ? buildCalls(kind, inputs.leaseUrn, 1, ids, fixedCallLength(inputs, kind)) : [],
    };
}

/**
 * The plan of a coverage lease: renew each due target by the length its goal needs.
 *
 * A due target is renewed in a new step (the lease's count + 1), unless the step that last
 * tried it failed on it: then that step's number, and so its ClientToken, is reused, so
 * that ECS answers from its record if the failed attempt was applied after all.
 * Reserved instances are grouped by length, then in calls of up to 10 in id order.
 *
 * @param olds - The recorded state (undefined for a create).
 * @param inputs - The lease's inputs.
 * @param due - The renewals due now (see `coverage.ts`).
 */
export function planCoverage(olds: LeaseOutputs | undefined, inputs: LeaseInputs, due: readonly DueRenewal[]): RenewalPlan {
    const kind = targetKind(inputs);
    const creationUrn = olds?.creationUrn ?? inputs.leaseUrn;
    const count = olds?.renewalCount ?? 0;
    const groups = new Map<string, { sequence: number; renewBy: RenewalLength; ids: string[] }>();
    for (const d of due) {
        const pending = olds?.targets[d.id]?.pendingSequence;
        const sequence = pending !== undefined && pending === count ? count : count + 1;
        const key = `${sequence}/${d.period}/${d.periodUnit}`;
        const group = groups.get(key) ?? { sequence, renewBy: { period: d.period, periodUnit: d.periodUnit }, ids: [] };
        group.ids.push(d.id);
        groups.set(key, group);
    }
    const calls = [...groups.values()].flatMap((g) => buildCalls(kind, creationUrn, g.sequence, g.ids, g.renewBy));
    calls.sort((a, b) => a.ids[0].localeCompare(b.ids[0]));
    return {
        sequence: calls.reduce((max, c) => Math.max(max, c.sequence), count),
        termKey: termKey(inputs),
        termDescription: describeGoal(inputs),
        reason: `to keep ${describeGoal(inputs)}`,
        calls,
    };
}

/**
 * The plan of an update. A changed term starts a new step that renews every target;
 * an unchanged term renews only the targets not yet renewed in the current step
 * (targets added to the lease, or left over by a partly failed step).
 */
export function planUpdate(olds: LeaseOutputs, news: LeaseInputs): RenewalPlan {
    const ids = targetIds(news);
    const key = termKey(news);
    const kind = targetKind(news);
    if (!asksForRenewal(news)) {
        return { sequence: olds.renewalCount, termKey: key, termDescription: describeSpec(news), reason: "auto-renew policy only", calls: [] };
    }
    const renewBy = fixedCallLength(news, kind);
    if (key !== paidTermKey(olds, news)) {
        const sequence = olds.renewalCount + 1;
        return {
            sequence,
            termKey: key,
            termDescription: describeSpec(news),
            reason: describeSpecChange(olds, news),
            calls: buildCalls(kind, olds.creationUrn, sequence, ids, renewBy),
        };
    }
    const sequence = olds.renewalCount;
    const pending = ids.filter((id) => olds.targets[id]?.renewedInSequence !== sequence);
    const added = pending.filter((id) => olds.targets[id] === undefined);
    const reason = added.length === pending.length
        ? "added to the lease"
        : "not yet renewed for the current term (an earlier run did not finish)";
    return {
        sequence,
        termKey: key,
        termDescription: describeSpec(news),
        reason,
        calls: pending.length > 0 ? buildCalls(kind, olds.creationUrn, sequence, pending, renewBy) : [],
    };
}

/** Explains what changed in the term, e.g. `term "2027" → "2028"`. */
export function describeSpecChange(olds: RenewalSpec, news: RenewalSpec): string {
    const changes: string[] = [];
    if (olds.term !== news.term) {
        changes.push(`term ${JSON.stringify(olds.term ?? null)} → ${JSON.stringify(news.term ?? null)}`);
    }
    if (olds.period !== news.period || olds.periodUnit !== news.periodUnit || olds.expectedRenewDay !== news.expectedRenewDay
        || olds.paidThrough !== news.paidThrough || olds.minimumDaysLeft !== news.minimumDaysLeft) {
        changes.push(`length ${describeSpec({ ...olds, term: undefined })} → ${describeSpec({ ...news, term: undefined })}`);
    }
    return changes.length > 0 ? changes.join(", ") : "term changed";
}

/** Properties whose change replaces the lease instead of renewing: region and kind of target. */
export function replacementReasons(olds: Pick<LeaseInputs, "regionId" | "instanceIds" | "reservedInstanceIds">, news: Pick<LeaseInputs, "regionId" | "instanceIds" | "reservedInstanceIds">): string[] {
    const replaces: string[] = [];
    if (targetKind(olds) !== targetKind(news)) {
        replaces.push(news.instanceIds !== undefined ? "instanceIds" : "reservedInstanceIds");
    }
    for (const property of REPLACE_ON_CHANGE as readonly (keyof typeof news)[]) {
        if (JSON.stringify(olds[property]) !== JSON.stringify(news[property])) {
            replaces.push(property);
        }
    }
    return replaces;
}

/** What a fixed-term program asks to buy, as `check` sees it from the old and new inputs. */
export interface RequestedRenewal {
    /** The `renewalPlan` text (long id lists summarized). */
    readonly text: string;
    /** The same, naming every target: for the preview's announcement. */
    readonly announcement: string;
    /** The targets that will be renewed; empty when the old text is kept (nothing new asked). */
    readonly ids: string[];
}

/**
 * The `renewalPlan` text `check` records in the inputs of a fixed-term lease, so that the
 * preview's property diff says which targets will be renewed, for how long and why. When
 * nothing that buys a renewal changed, the old text is kept so the diff stays empty.
 */
export function requestedRenewal(olds: (Partial<LeaseInputs> & { adopted?: boolean }) | undefined, news: Omit<LeaseInputs, "renewalPlan">): RequestedRenewal {
    const ids = targetIds(news);
    const term = describeSpec(news);
    const both = (text: (list: (ids: readonly string[]) => string) => string, renewed: string[]): RequestedRenewal =>
        ({ text: text(listIds), announcement: text(listAll), ids: renewed });
    if (!asksForRenewal(news)) {
        return both((list) => `renew nothing (auto-renew policy only for ${list(ids)})`, []);
    }
    const isNewLease = olds === undefined || olds.regionId === undefined
        || (olds.instanceIds === undefined && olds.reservedInstanceIds === undefined)
        || replacementReasons(olds as LeaseInputs, news).length > 0;
    if (isNewLease) {
        return both((list) => `renew ${list(ids)} by ${term} (new lease)`, ids);
    }
    if (olds.adopted !== true && termKey(olds as RenewalSpec) !== termKey(news)) {
        return both((list) => `renew ${list(ids)} by ${term} (${describeSpecChange(olds as RenewalSpec, news)})`, ids);
    }
    const before = new Set(targetIds(olds as LeaseInputs));
    const added = ids.filter((id) => !before.has(id));
    if (added.length > 0) {
        return both((list) => `renew ${list(added)} by ${term} (added to the lease)`, added);
    }
    if (olds.adopted === true) {
        return both((list) => `renew nothing: ${list(ids)} imported as paid for ${term}; the next change of term renews them`, []);
    }
    return both((list) => olds.renewalPlan ?? `renew ${list(ids)} by ${term}`, []);
}
