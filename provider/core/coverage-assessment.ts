/**
 * Applies a lease's coverage goal to what ECS reports about its targets: which targets are
 * due, the smallest allowed renewal of each, the `renewalPlan` text, and the problems that
 * must stop the run before anything is bought (a target that does not exist, is not a
 * subscription, or cannot reach the goal with any allowed renewal). Pure.
 */
import { allowedLengths, CoverageGoal, daysLeft, decideCoverage, describeLength, formatInstant, goalInstant, RenewalLength } from "./coverage";
import { LiveTarget } from "./types";
import { listAll, listIds } from "./format";
import { describeGoal, targetIds, targetKind } from "./plan";
import { priceQuery } from "./pricing";
import { idProperty, observedNow, targetProblems } from "./target-health";
import { DueRenewal, LeaseInputs } from "./types";
import { ValidationFailure } from "./validation";

/** The result of {@link assessCoverage}. */
export interface CoverageAssessment {
    /** The cloud's time the assessment used (ms). */
    readonly nowMs: number;
    /** Renewals due now, in id order. */
    readonly due: DueRenewal[];
    /** Problems that refuse the run, naming the property at fault. */
    readonly failures: ValidationFailure[];
    /** The `renewalPlan` text: what will be renewed and why, or that nothing is due (long lists summarized). */
    readonly text: string;
    /** The same, naming every target: for the preview's announcement. */
    readonly announcement: string;
}

/**
 * Assesses a coverage lease.
 *
 * @param inputs - The lease (must have `paidThrough` or `minimumDaysLeft`).
 * @param live - Its targets as just read from ECS.
 * @param localNowMs - This machine's clock, used only when ECS gave no time.
 */
export function assessCoverage(inputs: Omit<LeaseInputs, "renewalPlan">, live: Map<string, LiveTarget>, localNowMs: number): CoverageAssessment {
    const kind = targetKind(inputs);
    const ids = targetIds(inputs);
    const nowMs = observedNow(live, localNowMs);
    const goal: CoverageGoal = { paidThrough: inputs.paidThrough, minimumDaysLeft: inputs.minimumDaysLeft };
    const goalMs = goalInstant(goal, nowMs);
    const units = inputs.periodUnit !== undefined ? [inputs.periodUnit] : undefined;
    // With maxPrice, only lengths ECS can quote are tried: an unquotable one could not be checked.
    const lengths = allowedLengths(kind, units, inputs.maxPrice !== undefined ? (l) => priceQuery(kind, l) !== undefined : undefined);
    const goalProperty = inputs.paidThrough !== undefined ? "paidThrough" : "minimumDaysLeft";

    const failures: ValidationFailure[] = targetProblems(inputs, live);
    const due: DueRenewal[] = [];
    const notes: string[] = [];
    for (const id of ids) {
        const target = live.get(id);
        if (!target || (target.chargeType !== undefined && target.chargeType !== "PrePaid")) {
            continue;
        }
        const expiryMs = Date.parse(target.expiredTime);
        if (Number.isNaN(expiryMs)) {
            failures.push({ property: idProperty(inputs), reason: `ECS reports no expiry for ${id} (ExpiredTime ${JSON.stringify(target.expiredTime)}), so ${goalProperty} cannot be assessed` });
            continue;
        }
        const decision = decideCoverage(expiryMs, nowMs, goalMs, lengths);
        if (decision.status === "unreachable") {
            failures.push({ property: goalProperty, reason: unreachableReason(id, expiryMs, nowMs, decision.goalMs, decision.longest, decision.longestEndMs, describeGoal(inputs)) });
        } else if (decision.status === "renew") {
            due.push({ id, ...decision.renewal });
            notes.push(`${id} expires ${formatInstant(expiryMs)} (${daysLeft(expiryMs, nowMs)} days left) → ${formatInstant(decision.newExpiryMs)}`);
        }
    }
    const goalText = describeGoal(inputs);
    return { nowMs, due, failures, text: describeAssessment(ids, due, notes, goalText, listIds), announcement: describeAssessment(ids, due, notes, goalText, listAll) };
}

function unreachableReason(id: string, expiryMs: number, nowMs: number, goalMs: number, longest: RenewalLength | undefined, longestEndMs: number | undefined, goal: string): string {
    const reach = longest && longestEndMs !== undefined
        ? `the longest allowed renewal (${describeLength(longest)}) ends ${formatInstant(longestEndMs)}`
        : "no allowed renewal length fits";
    return `${goal} cannot be reached for ${id}: it expires ${formatInstant(expiryMs)}, the goal needs ${formatInstant(goalMs)}, and ${reach} ` +
        `(ECS renews by the allowed lengths only, and not past five years from now, ${formatInstant(nowMs)}); choose an earlier goal`;
}

/** The `renewalPlan` text of a coverage lease whose every target meets its goal. */
export function coverageMetText(inputs: Omit<LeaseInputs, "renewalPlan">): string {
    return `keep ${listIds(targetIds(inputs))} ${describeGoal(inputs)}; nothing due`;
}

function describeAssessment(ids: string[], due: DueRenewal[], notes: string[], goal: string, list: (ids: readonly string[]) => string): string {
    if (due.length === 0) {
        return `keep ${list(ids)} ${goal}; nothing due`;
    }
    const byLength = new Map<string, string[]>();
    for (const d of due) {
        const length = describeLength(d);
        byLength.set(length, [...(byLength.get(length) ?? []), d.id]);
    }
    const parts = [...byLength.entries()].map(([length, group]) => `${list(group)} by ${length}`);
    return `renew ${parts.join("; ")} to keep ${goal} (${list(notes)})`;
}
