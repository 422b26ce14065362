/**
 * Auto-renew policy of a lease: what the program asks for, how it reads in the state, and
 * which targets need a change. Pure functions. Changing a policy never buys a renewal:
 * it calls ModifyInstanceAutoRenewAttribute (instances) or
 * ModifyReservedInstanceAutoRenewAttribute (reserved instances).
 *
 * Instances: refresh reads the policy back (DescribeInstanceAutoRenewAttribute) into each
 * target's `autoRenewal`, so a change made outside Pulumi shows up as drift and the next
 * `up` restores the declared policy. Reserved instances: the state records the policy
 * last applied (`appliedAutoRenew`).
 */
import { InstanceAutoRenewPolicy } from "./types";
import { LeaseInputs, LeaseOutputs, TargetRecord } from "./types";
import { DEFAULTS } from "./properties";
import { targetIds, targetKind } from "./plan";

/** The instance policy the inputs ask for, or undefined when `autoRenew` is unset (left as it is). */
export function desiredInstancePolicy(inputs: Pick<LeaseInputs, "autoRenew" | "autoRenewPeriod" | "autoRenewPeriodUnit">): InstanceAutoRenewPolicy | undefined {
    if (inputs.autoRenew === undefined) {
        return undefined;
    }
    return inputs.autoRenew
        ? { enabled: true, duration: inputs.autoRenewPeriod ?? DEFAULTS.instanceAutoRenewPeriod, periodUnit: inputs.autoRenewPeriodUnit ?? DEFAULTS.instanceAutoRenewPeriodUnit }
        : { enabled: false };
}

/** How a policy reads in the state, as ECS would report it: `AutoRenewal 1 Month` or `Normal`. */
export function policyLabel(policy: InstanceAutoRenewPolicy): string {
    return policy.enabled ? `AutoRenewal ${policy.duration} ${policy.periodUnit}` : "Normal";
}

/** Whether a recorded attribute satisfies a policy (`Normal` and `NotRenewal` both mean "off"). */
export function satisfies(recorded: string | undefined, policy: InstanceAutoRenewPolicy): boolean {
    if (recorded === undefined) {
        return false;
    }
    return policy.enabled ? recorded === policyLabel(policy) : recorded === "Normal" || recorded === "NotRenewal";
}

/** The label of an attribute as ECS reports it. */
export function reportedLabel(state: { renewalStatus: string; duration?: number; periodUnit?: string }): string {
    return state.renewalStatus === "AutoRenewal" ? `AutoRenewal ${state.duration ?? DEFAULTS.instanceAutoRenewPeriod} ${state.periodUnit ?? DEFAULTS.instanceAutoRenewPeriodUnit}` : state.renewalStatus;
}

/** Instances whose recorded policy differs from the declared one (all of them when nothing is recorded). */
export function instancesNeedingPolicy(targets: Record<string, TargetRecord> | undefined, ids: readonly string[], policy: InstanceAutoRenewPolicy | undefined): string[] {
    if (policy === undefined) {
        return [];
    }
    return ids.filter((id) => !satisfies(targets?.[id]?.autoRenewal, policy));
}

/** The reserved-instance policy the inputs ask for, when it differs from the one last applied. */
export function reservedPolicyToApply(olds: Pick<LeaseOutputs, "appliedAutoRenew"> | undefined, inputs: Pick<LeaseInputs, "autoRenew" | "autoRenewPeriod">): { enabled: boolean; period?: number } | undefined {
    if (inputs.autoRenew === undefined) {
        return undefined;
    }
    const wanted = { enabled: inputs.autoRenew, ...(inputs.autoRenew && inputs.autoRenewPeriod !== undefined ? { period: inputs.autoRenewPeriod } : {}) };
    const applied = olds?.appliedAutoRenew;
    if (applied && applied.enabled === wanted.enabled && applied.period === wanted.period) {
        return undefined;
    }
    return wanted;
}

/** Describes a policy for announcements: `on (1 Month)`, `off`. */
export function describePolicy(policy: InstanceAutoRenewPolicy | { enabled: boolean; period?: number }): string {
    if (!policy.enabled) {
        return "off";
    }
    return "duration" in policy ? `on (${policy.duration} ${policy.periodUnit})` : `on (${policy.period ?? 12} months)`;
}

/** An auto-renew change a step makes. */
export type PolicyChange =
    | { readonly kind: "instance"; readonly ids: string[]; readonly policy: InstanceAutoRenewPolicy }
    | { readonly kind: "reservedInstance"; readonly policy: { enabled: boolean; period?: number } };

/** The auto-renew change the inputs ask for, from what the state records; undefined when none. */
export function policyChange(olds: LeaseOutputs | undefined, news: LeaseInputs): PolicyChange | undefined {
    if (targetKind(news) === "reservedInstance") {
        const policy = reservedPolicyToApply(olds, news);
        return policy ? { kind: "reservedInstance", policy } : undefined;
    }
    const policy = desiredInstancePolicy(news);
    const ids = instancesNeedingPolicy(olds?.targets, targetIds(news), policy);
    return policy && ids.length > 0 ? { kind: "instance", ids, policy } : undefined;
}
