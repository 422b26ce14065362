/**
 * Renewal planning: pure functions that decide, from the recorded state and the
 * new inputs, which targets a step renews, with which sequence number and which
 * ClientTokens. No I/O here; `lease-provider.ts` executes the plan.
 */
import { listIds } from "./format";
import { deriveClientToken } from "./token";
import { LeaseInputs, LeaseOutputs, RenewAction, TargetKind } from "./types";
import { MAX_RESERVED_INSTANCES_PER_CALL } from "./validation";

/** The term-defining fields of a lease: a change to any of them asks for another renewal. */
export type TermFields = Pick<LeaseInputs, "period" | "periodUnit" | "expectedRenewDay" | "term">;

/** One ECS write call a plan makes. */
export interface PlannedCall {
    /** The ECS action. */
    readonly action: RenewAction;
    /** Target ids renewed by this call, sorted. */
    readonly ids: string[];
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
    return lease.instanceIds !== undefined ? "instance" : "reservedInstance";
}

/** The target ids of a lease, sorted. */
export function targetIds(lease: Pick<LeaseInputs, "instanceIds" | "reservedInstanceIds">): string[] {
    return [...(lease.instanceIds ?? lease.reservedInstanceIds ?? [])].sort();
}

/** A canonical string of the term fields: equal keys mean "the same requested term". */
export function termKey(term: TermFields): string {
    return JSON.stringify([term.period ?? null, term.periodUnit ?? null, term.expectedRenewDay ?? null, term.term ?? null]);
}

/** Describes the term, e.g. `1 Month`, `to day 15 of the month (term "2027")`. */
export function describeTerm(term: TermFields): string {
    const length = term.expectedRenewDay !== undefined
        ? `to expiry day ${term.expectedRenewDay} of the month`
        : `${term.period} ${term.periodUnit}${term.period === 1 ? "" : "s"}`;
    return term.term !== undefined ? `${length} (term ${JSON.stringify(term.term)})` : length;
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
 * Builds the write calls that renew `ids` in step `sequence`: one RenewInstance per
 * instance, one RenewReservedInstances per group of up to 10 reserved instances
 * (groups taken in sorted id order, so a retry regroups identically).
 */
export function buildCalls(kind: TargetKind, creationUrn: string, sequence: number, ids: readonly string[]): PlannedCall[] {
    const sorted = [...ids].sort();
    if (kind === "instance") {
        return sorted.map((id) => ({ action: "RenewInstance" as const, ids: [id], clientToken: deriveClientToken(creationUrn, sequence, [id]) }));
    }
    return chunk(sorted, MAX_RESERVED_INSTANCES_PER_CALL).map((group) => ({
        action: "RenewReservedInstances" as const,
        ids: group,
        clientToken: deriveClientToken(creationUrn, sequence, group),
    }));
}

/** The plan of a create: renew every target once, as step 1. */
export function planCreate(inputs: LeaseInputs): RenewalPlan {
    const ids = targetIds(inputs);
    return {
        sequence: 1,
        termKey: termKey(inputs),
        termDescription: describeTerm(inputs),
        reason: "new lease",
        calls: buildCalls(targetKind(inputs), inputs.leaseUrn, 1, ids),
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
    if (key !== olds.termKey) {
        const sequence = olds.renewalCount + 1;
        return {
            sequence,
            termKey: key,
            termDescription: describeTerm(news),
            reason: describeTermChange(olds, news),
            calls: buildCalls(kind, olds.creationUrn, sequence, ids),
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
        termDescription: describeTerm(news),
        reason,
        calls: pending.length > 0 ? buildCalls(kind, olds.creationUrn, sequence, pending) : [],
    };
}

/** Explains what changed in the term, e.g. `term "2027" → "2028"`. */
export function describeTermChange(olds: TermFields, news: TermFields): string {
    const changes: string[] = [];
    if (olds.term !== news.term) {
        changes.push(`term ${JSON.stringify(olds.term ?? null)} → ${JSON.stringify(news.term ?? null)}`);
    }
    if (olds.period !== news.period || olds.periodUnit !== news.periodUnit || olds.expectedRenewDay !== news.expectedRenewDay) {
        changes.push(`length ${describeTerm({ ...olds, term: undefined })} → ${describeTerm({ ...news, term: undefined })}`);
    }
    return changes.length > 0 ? changes.join(", ") : "term changed";
}

/** Properties whose change replaces the lease instead of renewing: region and kind of target. */
export function replacementReasons(olds: Pick<LeaseInputs, "regionId" | "instanceIds" | "reservedInstanceIds">, news: Pick<LeaseInputs, "regionId" | "instanceIds" | "reservedInstanceIds">): string[] {
    const replaces: string[] = [];
    if (targetKind(olds) !== targetKind(news)) {
        replaces.push(news.instanceIds !== undefined ? "instanceIds" : "reservedInstanceIds");
    }
    if (olds.regionId !== news.regionId) {
        replaces.push("regionId");
    }
    return replaces;
}

/**
 * The `renewalPlan` text `check` records in the inputs, so that the preview's
 * property diff says which targets will be renewed, for how long and why. When
 * nothing that buys a renewal changed, the old text is kept so the diff stays empty.
 */
export function describeRequestedRenewal(olds: Partial<LeaseInputs> | undefined, news: Omit<LeaseInputs, "renewalPlan">): string {
    const ids = targetIds(news);
    const term = describeTerm(news);
    const isNewLease = olds === undefined || olds.regionId === undefined
        || (olds.instanceIds === undefined && olds.reservedInstanceIds === undefined)
        || replacementReasons(olds as LeaseInputs, news).length > 0;
    if (isNewLease) {
        return `renew ${listIds(ids)} by ${term} (new lease)`;
    }
    if (termKey(olds as TermFields) !== termKey(news)) {
        return `renew ${listIds(ids)} by ${term} (${describeTermChange(olds as TermFields, news)})`;
    }
    const before = new Set(targetIds(olds as LeaseInputs));
    const added = ids.filter((id) => !before.has(id));
    if (added.length > 0) {
        return `renew ${listIds(added)} by ${term} (added to the lease)`;
    }
    return olds.renewalPlan ?? `renew ${listIds(ids)} by ${term}`;
}

/** Re-exported for callers that list targets alongside a plan. */
export { listIds };
