/**
 * The per-target detail of the renewals a run will buy: the length, the expiry read now and the
 * expiry expected after. `check` records it in the `plannedRenewals` input, so that a host that
 * shows detailed diffs (the plugin's `pulumi preview --diff`) prints one entry per target.
 */
import { formatInstant, renewedExpiry } from "./coverage";
import type { LiveTarget, PlannedRenewal } from "./types";
import { CallLength, describeCallLength } from "./plan";

/**
 * The planned renewals of `items`, in id order.
 *
 * @param items - What will be bought for each target.
 * @param live - The targets as read now.
 * @param nowMs - The cloud's current time (an expired target is renewed from now).
 */
export function plannedRenewals(items: readonly { id: string; renewBy: CallLength }[], live: ReadonlyMap<string, LiveTarget>, nowMs: number): PlannedRenewal[] {
    return [...items].sort((a, b) => a.id.localeCompare(b.id)).map(({ id, renewBy }) => {
        const expiry = live.get(id)?.expiredTime;
        const expiryMs = expiry === undefined ? NaN : Date.parse(expiry);
        const after = !Number.isNaN(expiryMs) && !("expectedRenewDay" in renewBy) ? formatInstant(renewedExpiry(expiryMs, nowMs, renewBy)) : undefined;
        return {
            id,
            renewBy: describeCallLength(renewBy),
            ...(expiry !== undefined ? { expiryBefore: expiry } : {}),
            ...(after !== undefined ? { expectedAfter: after } : {}),
        };
    });
}
