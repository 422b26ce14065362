/**
 * What ECS reports about a lease's targets that the user must hear about: targets that do
 * not exist or cannot be renewed (they refuse the run before anything is bought), and
 * targets that expired, were stopped for non-payment, fell under the coverage goal, or are
 * gone (warnings, and the `alerts` output). Pure.
 */
import { TARGET_KINDS } from "./target-kinds";
import { daysLeft, formatInstant, goalInstant } from "./coverage";
import { LiveTarget } from "./types";
import { describeGoal, isCoverage, targetIds, targetKind } from "./plan";
import { LeaseInputs, TargetAlert } from "./types";
import { ValidationFailure } from "./validation";

/** The lock ECS puts on an instance it stopped because its subscription expired. */
const NON_PAYMENT_LOCK = "financial";

type Lease = Pick<LeaseInputs, "instanceIds" | "reservedInstanceIds" | "regionId" | "paidThrough" | "minimumDaysLeft">;

/** The id property of a lease, as the user wrote it. */
export function idProperty(lease: Pick<LeaseInputs, "instanceIds" | "reservedInstanceIds">): "instanceIds" | "reservedInstanceIds" {
    return TARGET_KINDS[targetKind(lease)].idProperty;
}

/**
 * Targets that refuse the run: ids ECS does not know (`missing`, from a read or a price
 * query), and instances that are not subscriptions. Nothing of the lease is bought then.
 */
export function targetProblems(lease: Lease, live: ReadonlyMap<string, LiveTarget>, missing: readonly string[] = []): ValidationFailure[] {
    const kind = targetKind(lease);
    const property = idProperty(lease);
    const failures: ValidationFailure[] = [];
    const gone = targetIds(lease).filter((id) => !live.has(id) || missing.includes(id));
    if (gone.length > 0) {
        failures.push({
            property,
            reason: `${gone.join(", ")} ${gone.length === 1 ? "does" : "do"} not exist in ${lease.regionId}: ECS knows no such ${kind === "instance" ? "instance" : "reserved instance"}. ` +
                `Check the id and the region, or remove ${gone.length === 1 ? "it" : "them"} from ${property} if released; nothing of this lease is renewed until then`,
        });
    }
    for (const target of live.values()) {
        if (target.chargeType !== undefined && target.chargeType !== "PrePaid" && !gone.includes(target.id)) {
            failures.push({ property, reason: `${target.id} is pay-as-you-go (${target.chargeType}); only subscription (PrePaid) instances can be renewed: remove it from ${property}` });
        }
    }
    return failures;
}

/**
 * The targets that need attention: expired, stopped for non-payment, under the lease's
 * coverage goal, or gone, with their expiry.
 *
 * @param lease - The lease.
 * @param live - Its targets as just read.
 * @param nowMs - The cloud's time of the read.
 */
export function targetAlerts(lease: Lease, live: ReadonlyMap<string, LiveTarget>, nowMs: number): TargetAlert[] {
    const goalMs = isCoverage(lease) ? goalInstant({ paidThrough: lease.paidThrough, minimumDaysLeft: lease.minimumDaysLeft }, nowMs) : undefined;
    const alerts: TargetAlert[] = [];
    for (const id of targetIds(lease)) {
        const target = live.get(id);
        if (!target) {
            alerts.push({ id, condition: "gone", message: `${id} is gone: ECS no longer describes it in ${lease.regionId}` });
            continue;
        }
        const expiryMs = Date.parse(target.expiredTime);
        if (Number.isNaN(expiryMs)) {
            continue;
        }
        const expiry = formatInstant(expiryMs);
        if ((target.lockReasons ?? []).includes(NON_PAYMENT_LOCK)) {
            alerts.push({ id, condition: "stoppedForNonPayment", expiredTime: target.expiredTime, message: `${id} expired ${expiry} and is stopped for non-payment (status ${target.status})` });
        } else if (expiryMs <= nowMs) {
            alerts.push({ id, condition: "expired", expiredTime: target.expiredTime, message: `${id} expired ${expiry} (status ${target.status})` });
        } else if (goalMs !== undefined && expiryMs < goalMs) {
            alerts.push({ id, condition: "belowGoal", expiredTime: target.expiredTime,
                message: `${id} expires ${expiry} (${daysLeft(expiryMs, nowMs)} days left), short of ${describeGoal(lease)}: the next \`pulumi up\` renews it` });
        }
    }
    return alerts;
}

/** The one warning line of a lease's alerts. */
export function describeAlerts(alerts: readonly TargetAlert[]): string {
    return alerts.map((a) => a.message).join("; ");
}

/** The cloud's time of a read: the latest `Date` ECS stated, or the local clock when it stated none. */
export function observedNow(live: ReadonlyMap<string, LiveTarget>, localNowMs: number): number {
    const observed = [...live.values()].map((t) => t.observedAt).filter((t): t is number => t !== undefined);
    return observed.length > 0 ? Math.max(...observed) : localNowMs;
}
