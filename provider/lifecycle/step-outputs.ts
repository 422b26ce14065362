/**
 * What a renewal step leaves: the lease's new state built from the plan, the calls' results and
 * the targets read back, and the errors a failed or partly failed step throws.
 */
import { coverageMetText } from "../core/coverage-assessment";
import { PolicyChange, policyLabel } from "../core/auto-renew-policy";
import { PartialRenewalError, RenewalError } from "../core/errors";
import { describeCallLength, isCoverage, paidTermKey, RenewalPlan, targetIds, targetKind, termKey } from "../core/plan";
import { LeaseInputs, LeaseOutputs, TargetAlert, TargetRecord } from "../core/types";
import { PROVIDER_VERSION } from "../core/version";
import { LiveTarget } from "../core/types";
import { PartialStateError } from "./host-answers";
import type { ExecutionResult } from "./lease-calls";

/**
 * The lease's state after a step: the inputs echoed (without what only `check` needs), each
 * target's record (renewed in this step, failed, or as before, with its expiry as read back),
 * the step's calls, the auto-renew setting applied, and the alerts of the read.
 */
export function buildOutputs(olds: LeaseOutputs | undefined, inputs: LeaseInputs, plan: RenewalPlan, result: ExecutionResult,
    live: Map<string, LiveTarget>, creationUrn: string, appliedPolicy: PolicyChange | undefined, alerts: TargetAlert[] | undefined): LeaseOutputs {
    const anyRenewed = result.renewed.size > 0;
    const coverage = isCoverage(inputs);
    const sameStep = olds !== undefined && olds.renewalCount === plan.sequence;
    const instancePolicy = appliedPolicy?.kind === "instance" ? { ids: new Set(appliedPolicy.ids), label: policyLabel(appliedPolicy.policy) } : undefined;
    const targets: Record<string, TargetRecord> = {};
    for (const t of targetIds(inputs)) {
        const { pendingSequence: _cleared, ...previous }: TargetRecord = olds?.targets[t] ?? { renewedInSequence: 0, lastRenewedTerm: "" };
        const call = result.renewed.get(t);
        const now = live.get(t);
        const failedCall = coverage && result.failed.has(t) ? plan.calls.find((c) => c.ids.includes(t)) : undefined;
        targets[t] = {
            ...previous,
            ...(now ? { expiredTime: now.expiredTime, status: now.status } : {}),
            ...(call ? { renewedInSequence: call.sequence, lastRenewedTerm: coverage ? `${describeCallLength(call.renewBy)} (${plan.reason})` : plan.termDescription } : {}),
            // Coverage mode: remember the step that failed on this target, so a retry reuses its ClientToken.
            ...(failedCall ? { pendingSequence: failedCall.sequence } : {}),
            ...(instancePolicy?.ids.has(t) ? { autoRenewal: instancePolicy.label } : {}),
        };
    }
    const createAutoRenew = olds === undefined && targetKind(inputs) === "reservedInstance" && inputs.autoRenew !== undefined && result.failures.length === 0
        ? { enabled: inputs.autoRenew, ...(inputs.autoRenew && inputs.autoRenewPeriod !== undefined ? { period: inputs.autoRenewPeriod } : {}) }
        : undefined;
    const reservedPolicy = appliedPolicy?.kind === "reservedInstance" ? appliedPolicy.policy : undefined;
    const applied = reservedPolicy ?? createAutoRenew ?? olds?.appliedAutoRenew;
    // The inputs are echoed except what only `check` needs: the state keeps one copy of the URN (`creationUrn`).
    const { leaseUrn: _urn, renewalPlan, renewalPrice: _price, renewalsDue: _due, plannedRenewals: _planned, ...echoed } = inputs;
    const latestTermKey = anyRenewed || coverage ? plan.termKey : olds ? paidTermKey(olds, inputs) : plan.termKey;
    return {
        ...echoed,
        // A coverage step that bought everything it needed leaves the goal met: say so, or the
        // state would keep "renew … by 1 Month" although nothing more is due.
        renewalPlan: coverage && anyRenewed && result.failures.length === 0 ? coverageMetText(inputs) : renewalPlan,
        creationUrn,
        renewalCount: anyRenewed ? Math.max(plan.sequence, olds?.renewalCount ?? 0) : olds?.renewalCount ?? 0,
        ...(latestTermKey !== termKey(echoed) ? { termKey: latestTermKey } : {}),
        targets,
        lastRenewalCalls: anyRenewed
            ? [...(sameStep && !coverage ? olds.lastRenewalCalls : []), ...result.records]
            : olds?.lastRenewalCalls ?? [],
        ...(applied ? { appliedAutoRenew: applied } : {}),
        ...(alerts && alerts.length > 0 ? { alerts } : {}),
        providerVersion: PROVIDER_VERSION,
    };
}

/** The error of a step in which no call went through: the one failure, or all of them. */
export function stepError(plan: RenewalPlan, result: ExecutionResult): RenewalError {
    if (result.failures.length === 1) {
        return result.failures[0];
    }
    return new PartialRenewalError(plan.calls[0].action, result.renewed.size > 0 ? result.records.length : 0, result.failures);
}

/** @param outs - The state of what was bought, already in wire form (see {@link toWire}). */
export function partialStateError(id: string, outs: LeaseOutputs, plan: RenewalPlan, result: ExecutionResult): PartialStateError {
    const error = new PartialRenewalError(plan.calls[0].action, result.records.length, result.failures) as unknown as PartialStateError;
    error.id = id;
    error.properties = outs;
    // The engine shows the reasons (not the message) of a partial failure: lead with the headline.
    error.reasons = [error.message.split("\n")[0], ...result.failures.map((f) => f.message)];
    return error;
}

/** The OrderIds a lease's state records. */
export function recordedOrderIds(olds: LeaseOutputs | undefined): Set<string> {
    return new Set((olds?.lastRenewalCalls ?? []).flatMap((r) => (r.orderId ? [r.orderId] : [])));
}
