/**
 * The lifecycle's access to ECS: every call of a lease goes through here, paced by the
 * concurrency semaphore and retried by `retry.ts`; reads go through the shared batcher and region
 * listing. It buys what a plan says (`execute`), applies auto-renew changes, quotes prices and
 * reads targets; it decides nothing.
 */
import { chunk, CallLength, PlannedCall, RenewalPlan, targetIds, targetKind } from "../core/plan";
import { PolicyChange, reportedLabel } from "../core/auto-renew-policy";
import { PriceLimitError, RenewalError, toRenewalError } from "../core/errors";
import { LeaseInputs, LiveTarget, RenewalCallRecord, TargetKind, TargetSelector } from "../core/types";
import { readSelection } from "../ecs/selection";
import { EcsGateway, SelectedTarget, MAX_IDS_PER_AUTO_RENEW_CHANGE, MAX_IDS_PER_DESCRIBE } from "../ecs/gateway";
import { createReadBatcher, ReadBatcher } from "../ecs/read-batcher";
import { createRegionListing, RegionListing } from "../ecs/region-listing";
import { REAL_EFFECTS, withRetry } from "../ecs/retry";
import { createSemaphore, Semaphore } from "../ecs/semaphore";
import type { LeaseLifecycleDeps } from "./deps";
import { PricedItem, priceLimitProblem, PriceReport, priceStep } from "./price-report";

/** What one step's calls did. */
export interface ExecutionResult {
    /** One record per call that went through, in id order. */
    readonly records: RenewalCallRecord[];
    /** Renewed targets, with the call that renewed them. */
    readonly renewed: Map<string, PlannedCall>;
    /** Targets whose call failed. */
    readonly failed: Set<string>;
    /** Why each failed call failed. */
    readonly failures: RenewalError[];
}

/** The longest a read after a renewal waits for the other steps in progress (see `LeaseCalls.beginStep`). */
export const AFTER_WRITE_MAX_WAIT_MS = 1000;

/** A renewal step's share of the gathered reads after renewals. */
export interface StepReads {
    /** Reads the lease's targets after its renewals (a failure reads as nothing: it must not lose the renewal). */
    readAfter(lease: LeaseInputs): Promise<Map<string, LiveTarget>>;
    /** Ends the step without a read (idempotent; `readAfter` ends it too). */
    end(): void;
}

/** The lease's targets as the reads need them. */
type Targets = Pick<LeaseInputs, "instanceIds" | "reservedInstanceIds" | "regionId">;

/** The ECS calls of a lifecycle. One per lifecycle (so one per provider process). */
export class LeaseCalls {
    private callSlotsInstance: Semaphore | undefined;
    private readsInstance: ReadBatcher | undefined;
    private afterWritesInstance: ReadBatcher | undefined;
    private stepsWriting = 0;
    private listingInstance: RegionListing | undefined;

    constructor(private readonly deps: LeaseLifecycleDeps) {}

    /** At most `maxConcurrency` calls at once (writes, auto-renew reads and price quotes). */
    private get callSlots(): Semaphore {
        this.callSlotsInstance ??= createSemaphore(this.deps.settings().maxConcurrency);
        return this.callSlotsInstance;
    }

    /** The batcher of the reads after renewals (see {@link beginStep}). */
    private get afterWrites(): ReadBatcher {
        this.afterWritesInstance ??= createReadBatcher({ gateway: this.deps.gateway, call: (operation) => this.retry(operation), idleMs: AFTER_WRITE_MAX_WAIT_MS, maxWaitMs: AFTER_WRITE_MAX_WAIT_MS });
        return this.afterWritesInstance;
    }

    private get reads(): ReadBatcher {
        this.readsInstance ??= this.deps.reads ?? createReadBatcher({ gateway: this.deps.gateway, call: (operation) => this.retry(operation) });
        return this.readsInstance;
    }

    private get listing(): RegionListing {
        this.listingInstance ??= this.deps.listing ?? createRegionListing({
            gateway: this.deps.gateway,
            call: (operation) => this.retry(operation),
            readIds: (kind, regionId, ids) => this.reads.read(kind, regionId, ids),
        });
        return this.listingInstance;
    }


    retry<T>(operation: () => Promise<T>): Promise<T> {
        return withRetry(operation, this.deps.settings().retry, this.deps.effects ?? REAL_EFFECTS, this.deps.onAttemptFailure);
    }

    /**
     * Applies an auto-renew change after the renewals (never instead of them: it buys nothing).
     * Reserved instances renewed in this step got the policy with their renewal call.
     * @returns What was applied, for the state.
     */
    async applyPolicy(inputs: LeaseInputs, change: PolicyChange | undefined, result: ExecutionResult): Promise<PolicyChange | undefined> {
        if (!change || result.failures.length > 0) {
            return undefined;
        }
        const gateway = this.deps.gateway();
        if (change.kind === "instance") {
            for (const group of chunk(change.ids, MAX_IDS_PER_AUTO_RENEW_CHANGE)) {
                await this.callSlots.run(() => this.retry(() => gateway.modifyInstanceAutoRenew(inputs.regionId, group, change.policy)));
            }
            return change;
        }
        const notCovered = targetIds(inputs).filter((t) => !result.renewed.has(t));
        for (const group of chunk(notCovered, MAX_IDS_PER_AUTO_RENEW_CHANGE)) {
            await this.callSlots.run(() => this.retry(() => gateway.modifyReservedInstanceAutoRenew(inputs.regionId, group, change.policy.enabled, change.policy.period)));
        }
        return change;
    }

    /** Reads the auto-renew attribute of instances, 100 per call. */
    async readInstancePolicies(regionId: string, ids: string[]): Promise<Map<string, string>> {
        const gateway = this.deps.gateway();
        const found = new Map<string, string>();
        for (const group of chunk(ids, MAX_IDS_PER_DESCRIBE)) {
            const states = await this.callSlots.run(() => this.retry(() => gateway.describeInstanceAutoRenew(regionId, group)));
            states.forEach((state) => found.set(state.id, reportedLabel(state)));
        }
        return found;
    }

    /** Quotes the renewals of a step. */
    price(inputs: Targets, items: PricedItem[]): Promise<PriceReport> {
        return priceStep(this.deps.gateway(), (operation) => this.callSlots.run(() => this.retry(operation)), targetKind(inputs), inputs.regionId, items);
    }

    /** With `maxPrice`, quotes the step about to run and refuses it, before any write, when it costs more. */
    async enforceMaxPrice(inputs: LeaseInputs, plan: RenewalPlan): Promise<void> {
        if (inputs.maxPrice === undefined || plan.calls.length === 0) {
            return;
        }
        const items = plan.calls.flatMap((call) => call.ids.map((id) => ({ id, renewBy: call.renewBy })));
        const report = await this.price(inputs, items);
        const problem = priceLimitProblem(report, inputs.maxPrice);
        if (problem) {
            throw new PriceLimitError(problem, report.sums, inputs.maxPrice);
        }
    }

    async execute(plan: RenewalPlan, inputs: LeaseInputs): Promise<ExecutionResult> {
        const gateway = this.deps.gateway();
        const records: RenewalCallRecord[] = [];
        const renewed = new Map<string, PlannedCall>();
        const failed = new Set<string>();
        const failures: RenewalError[] = [];
        await Promise.all(plan.calls.map((call) => this.callSlots.run(async () => {
            try {
                const response = await this.retry(() => this.send(gateway, call, inputs));
                records.push({ action: call.action, ids: call.ids, clientToken: call.clientToken, requestId: response.requestId, ...(response.orderId ? { orderId: response.orderId } : {}) });
                call.ids.forEach((t) => renewed.set(t, call));
            } catch (err) {
                call.ids.forEach((t) => failed.add(t));
                failures.push(toRenewalError(err, { action: call.action, ids: call.ids, clientToken: call.clientToken }));
            } finally {
                // Whatever the outcome, ECS may have renewed them: region listings taken before now are stale for these ids.
                this.listing.written(call.ids);
            }
        })));
        records.sort((a, b) => a.ids[0].localeCompare(b.ids[0]));
        return { records, renewed, failed, failures };
    }

    send(gateway: EcsGateway, call: PlannedCall, inputs: LeaseInputs): Promise<{ requestId: string; orderId?: string }> {
        const renewBy: CallLength = call.renewBy;
        if (call.action === "RenewInstance") {
            return gateway.renewInstance({
                regionId: inputs.regionId,
                instanceId: call.ids[0],
                ...("expectedRenewDay" in renewBy
                    ? { expectedRenewDay: renewBy.expectedRenewDay }
                    : { period: renewBy.period, periodUnit: renewBy.periodUnit }),
                clientToken: call.clientToken,
            });
        }
        return gateway.renewReservedInstances({
            regionId: inputs.regionId,
            reservedInstanceIds: call.ids,
            period: "period" in renewBy ? renewBy.period : 1,
            periodUnit: "periodUnit" in renewBy ? renewBy.periodUnit : "Year",
            ...(inputs.autoRenew !== undefined ? { autoRenew: inputs.autoRenew } : {}),
            ...(inputs.autoRenew && inputs.autoRenewPeriod !== undefined ? { autoRenewPeriod: inputs.autoRenewPeriod } : {}),
            clientToken: call.clientToken,
        });
    }

    /** Reads the lease's targets through the shared batcher: concurrent reads of many leases become one call per 100 ids. */
    readLive(lease: Targets): Promise<Map<string, LiveTarget>> {
        return this.reads.read(targetKind(lease), lease.regionId, targetIds(lease));
    }

    /** Reads for refresh and preview: from the region's listing where it can (see `region-listing.ts`). */
    readListed(lease: Targets): Promise<Map<string, LiveTarget>> {
        return this.listing.read(targetKind(lease), lease.regionId, targetIds(lease));
    }

    /** Reads expiries before a renewal, from the listing where it can. A failure only costs the replay check. */
    async readListedQuietly(lease: LeaseInputs): Promise<Map<string, LiveTarget>> {
        try {
            return await this.readListed(lease);
        } catch {
            return new Map();
        }
    }

    /**
     * Starts a renewal step: its read after the renewals joins those of the other steps in progress.
     * The engine runs up to `--parallel` creates and updates at once and starts the next one only
     * when one returns, so the reads after them are gathered until every step in progress has
     * reached its read (or {@link AFTER_WRITE_MAX_WAIT_MS} has passed), then sent together: about
     * one Describe call per `--parallel` steps instead of one per step.
     */
    beginStep(): StepReads {
        this.stepsWriting++;
        let open = true;
        const close = (): void => {
            if (open) {
                open = false;
                this.stepsWriting--;
                if (this.stepsWriting === 0) {
                    this.afterWrites.flush();
                }
            }
        };
        return {
            readAfter: async (lease) => {
                const reading = this.readAfterWrites(lease);
                close();
                return reading;
            },
            end: close,
        };
    }

    /** Reads expiries after a renewal. A failure here must not lose the renewal, so it is ignored. */
    private async readAfterWrites(lease: LeaseInputs): Promise<Map<string, LiveTarget>> {
        try {
            return await this.afterWrites.read(targetKind(lease), lease.regionId, targetIds(lease));
        } catch {
            return new Map();
        }
    }

    /**
     * The targets a selector picks in a region: subscription instances or Active reserved
     * instances, read in ceil(n / 100) Describe calls (see `readSelection`), each call retried.
     */
    select(kind: TargetKind, regionId: string, selector: TargetSelector): Promise<SelectedTarget[]> {
        const gateway = this.deps.gateway();
        const readPage = kind === "instance"
            ? (page: number) => gateway.selectInstances(regionId, selector, page)
            : (page: number) => gateway.selectReservedInstances(regionId, selector, page);
        return readSelection(readPage, { call: (operation) => this.retry(operation), concurrency: this.deps.settings().maxConcurrency });
    }
}
