/**
 * Replayed answers. ECS remembers a ClientToken for a while and answers a repeated token
 * with the order it already made, charging nothing. That is the point of the tokens when
 * an interrupted `pulumi up` is run again; but a lease deleted and created again with the
 * same name and targets derives the same tokens as the deleted one, so within that window
 * its "renewal" is a replay of the old order and buys nothing. Neither case is an error;
 * both must be recorded as what they are and told to the user. Pure.
 */
import { LiveTarget } from "./types";
import { RenewalCallRecord } from "./types";

/**
 * Marks the calls ECS answered with an earlier order: an OrderId the state already records,
 * or, for every target of the call, an expiry that did not move.
 *
 * @param records - The calls of the step, as ECS answered them.
 * @param before - The targets as read before the step.
 * @param after - The targets as read after it.
 * @param knownOrderIds - OrderIds the lease's state records from earlier steps.
 */
export function markReplays(records: readonly RenewalCallRecord[], before: ReadonlyMap<string, LiveTarget>, after: ReadonlyMap<string, LiveTarget>,
    knownOrderIds: ReadonlySet<string>): RenewalCallRecord[] {
    return records.map((record) => {
        const sameOrder = record.orderId !== undefined && knownOrderIds.has(record.orderId);
        const expiryUnmoved = record.ids.every((id) => {
            const was = before.get(id)?.expiredTime;
            const now = after.get(id)?.expiredTime;
            return was !== undefined && was !== "" && now === was;
        });
        return sameOrder || expiryUnmoved ? { ...record, replayed: true } : record;
    });
}

/** The warning for the replayed calls of a step, explaining both possible causes. */
export function describeReplays(replayed: readonly RenewalCallRecord[]): string {
    const calls = replayed.map((r) => `${r.action} ${r.ids.join(", ")}${r.orderId ? ` (order ${r.orderId})` : ""}`).join("; ");
    return `ECS answered ${calls} with an order it had already made for the same ClientToken: nothing was bought by ${replayed.length === 1 ? "this call" : "these calls"}. ` +
        "Either an earlier `pulumi up` was interrupted after ECS renewed (the renewal is now recorded: nothing to do), " +
        "or this lease was deleted and created again with the same name and targets, so its ClientTokens repeat the deleted lease's " +
        "(nothing new was bought: change `term` to buy a renewal)";
}
