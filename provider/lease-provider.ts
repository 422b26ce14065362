/**
 * The RenewalLease provider: check, diff, create, update, read and delete, built
 * from the pure planning functions and the ECS gateway.
 *
 * Contracts (as in Pulumi's `ResourceProvider`):
 * - `check` and `diff` make no API call: preview spends nothing.
 * - `create` is transactional: if it throws a plain error, nothing was renewed. When
 *   some calls of a multi-call create went through, it throws an error that carries
 *   the lease id and the partial state, so the engine records what was bought.
 * - `update` buys only what the plan says; a partial failure is recorded the same way.
 * - `read` reports the live expiry and status of every target; no id when all are gone.
 * - `delete` calls nothing: a renewal cannot be undone, so deleting a lease forgets it.
 */
import * as dynamic from "@pulumi/pulumi/dynamic";
import { desiredInstancePolicy, describePolicy, instancesNeedingPolicy, policyLabel, reportedLabel, reservedPolicyToApply } from "./auto-renew-policy";
import { assessCoverage, CoverageAssessment } from "./coverage-assessment";
import { missingCredentialsReason } from "./credential-presence";
import { EcsGateway, InstanceAutoRenewPolicy, LiveTarget, MAX_IDS_PER_AUTO_RENEW_CHANGE, MAX_IDS_PER_DESCRIBE } from "./ecs-client";
import { CoverageError, PartialRenewalError, PriceLimitError, RenewalError, toRenewalError } from "./errors";
import { createLimiter, Limiter } from "./limiter";
import { createReadBatcher, ReadBatcher } from "./read-batcher";
import { createRegionListing, RegionListing } from "./region-listing";
import { chunk, CallTerm, fixedCallTerm, isCoverage, listIds, PlannedCall, planCoverage, planCreate, planUpdate, recordedTermKey, RenewalPlan, replacementReasons, requestedRenewal, targetIds, targetKind, termKey } from "./plan";
import { describeCallTerm, PricedItem, priceLimitProblem, PriceReport, priceStep } from "./price-report";
import { AttemptFailure, REAL_EFFECTS, RetryEffects, withRetry } from "./retry";
import { ProviderSettings } from "./settings";
import { deriveLeaseId } from "./token";
import { LeaseInputs, LeaseOutputs, RenewalCallRecord, TargetRecord } from "./types";
import { isUnknown, validateLeaseInputs } from "./validation";
import { PROVIDER_VERSION } from "./version";

/** What the provider needs from its surroundings. */
export interface LeaseProviderDeps {
    /** Current settings (resolved by `configure`). */
    readonly settings: () => ProviderSettings;
    /** The ECS gateway to use for the given settings. */
    readonly gateway: () => EcsGateway;
    /** A problem found while configuring, reported by `check` at preview time. */
    readonly configurationProblem?: () => { property: string; reason: string } | undefined;
    /** Sleep and randomness for retries. */
    readonly effects?: RetryEffects;
    /** Told of every failed attempt (no secrets in it). */
    readonly onAttemptFailure?: (failure: AttemptFailure) => void;
    /**
     * Where preview announcements go. The dynamic provider host has no engine log
     * connection, but the CLI shows every line a provider writes to stderr as a
     * diagnostic, so the default writes there. Never given secrets.
     */
    readonly announce?: (line: string) => void;
    /**
     * Where reads go: share one batcher per process so that the reads of all leases are
     * coalesced (see `read-batcher.ts`). Default: one of this provider's own, over `gateway`.
     */
    readonly reads?: ReadBatcher;
    /**
     * Read-ahead for refresh and preview (see `region-listing.ts`); share one per process.
     * Default: one of this provider's own, over `reads`.
     */
    readonly listing?: RegionListing;
}

/**
 * True when the program runs a preview: the `RenewalLease` class sets `dryRun: true` then
 * (`pulumi.runtime.isDryRun()`), and leaves it out in the update pass of `pulumi up`.
 */
function isPreview(raw: Record<string, unknown>): boolean {
    return raw.dryRun === true;
}

/** An error that makes the engine record partial state (see the dynamic provider host's `grpcResponseFromError`). */
interface PartialStateError extends Error {
    id: string;
    properties: LeaseOutputs;
    reasons: string[];
}

const RELEVANT_INPUTS = ["instanceIds", "reservedInstanceIds", "regionId", "period", "periodUnit", "expectedRenewDay", "term",
    "paidThrough", "minimumDaysLeft", "maxPrice", "autoRenew", "autoRenewPeriod", "autoRenewPeriodUnit"] as const;

interface ExecutionResult {
    readonly records: RenewalCallRecord[];
    /** Renewed targets, with the call that renewed them. */
    readonly renewed: Map<string, PlannedCall>;
    /** Targets whose call failed. */
    readonly failed: Set<string>;
    readonly failures: RenewalError[];
}

/** An auto-renew change a step makes. */
type PolicyChange =
    | { readonly kind: "instance"; readonly ids: string[]; readonly policy: InstanceAutoRenewPolicy }
    | { readonly kind: "reservedInstance"; readonly policy: { enabled: boolean; period?: number } };

/** The provider. One instance per provider process, shared by every lease. */
export class LeaseProvider implements dynamic.ResourceProvider<LeaseInputs, LeaseOutputs> {
    private limiterInstance: Limiter | undefined;
    private credentialsChecked: { settings: ProviderSettings; problem: string | undefined } | undefined;
    private readsInstance: ReadBatcher | undefined;
    private listingInstance: RegionListing | undefined;

    constructor(private readonly deps: LeaseProviderDeps) {}

    private get limiter(): Limiter {
        this.limiterInstance ??= createLimiter(this.deps.settings().maxConcurrency);
        return this.limiterInstance;
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

    /**
     * Validates and normalizes inputs; records in `renewalPlan` the renewal the program asks
     * for, and in `renewalPrice` what DescribeRenewalPrice quotes for it. A coverage lease
     * reads its targets' expiries here (reads only: preview buys nothing).
     */
    async check(olds: LeaseInputs, news: LeaseInputs): Promise<dynamic.CheckResult<LeaseInputs>> {
        const problem = this.deps.configurationProblem?.();
        if (problem) {
            return { inputs: news, failures: [problem] };
        }
        const settings = this.deps.settings();
        // Settings are fixed for the process: look for credential files once, not once per lease.
        if (this.credentialsChecked?.settings !== settings) {
            this.credentialsChecked = { settings, problem: missingCredentialsReason(settings.credentials, process.env) };
        }
        const credentialsProblem = this.credentialsChecked.problem;
        if (credentialsProblem) {
            return { inputs: news, failures: [{ property: "alicloud:accessKey", reason: credentialsProblem }] };
        }
        const raw = news as unknown as Record<string, unknown>;
        const result = validateLeaseInputs(raw, settings.region, settings.extraRegions);
        if (result.failures.length > 0 || !result.inputs) {
            return { inputs: news, failures: result.failures };
        }
        const inputs = result.inputs;
        const kind = targetKind(inputs);
        const previous = olds && Object.keys(olds).length > 0 ? olds : undefined;

        let renewalPlan: string;
        let toPrice: PricedItem[];
        let renewalsDue: LeaseInputs["renewalsDue"];
        if (isCoverage(inputs)) {
            const assessment = assessCoverage(inputs, await this.readListed(inputs), Date.now());
            if (assessment.failures.length > 0) {
                return { inputs: news, failures: assessment.failures };
            }
            renewalPlan = assessment.text;
            renewalsDue = assessment.due.length > 0 ? assessment.due : undefined;
            toPrice = assessment.due.map((d) => ({ id: d.id, term: { period: d.period, periodUnit: d.periodUnit } }));
        } else {
            const requested = requestedRenewal(previous, inputs);
            renewalPlan = requested.text;
            const term = fixedCallTerm(inputs, kind);
            toPrice = requested.ids.map((id) => ({ id, term }));
        }

        let renewalPrice = toPrice.length === 0 && !isCoverage(inputs) ? previous?.renewalPrice : undefined;
        // The quote is for the person reading a preview. In the update pass of `pulumi up` nobody
        // reads it, and create/update quote again themselves when `maxPrice` asks them to.
        if (toPrice.length > 0 && isPreview(raw)) {
            const report = await this.price(inputs, toPrice);
            if (inputs.maxPrice !== undefined) {
                const overLimit = priceLimitProblem(report, inputs.maxPrice);
                if (overLimit) {
                    return { inputs: news, failures: [{ property: "maxPrice", reason: overLimit }] };
                }
            }
            renewalPrice = report.text;
            if (!previous || renewalsDue) {
                this.announce(inputs.leaseUrn, `will ${renewalPlan}; price: ${report.lines.length > 0 ? report.lines.join(", ") + "; total " : ""}${report.text}`);
            }
        } else if (!previous || renewalsDue) {
            this.announce(inputs.leaseUrn, `will ${renewalPlan}`);
        }
        return {
            inputs: {
                ...inputs,
                renewalPlan,
                ...(renewalPrice !== undefined ? { renewalPrice } : {}),
                ...(renewalsDue ? { renewalsDue } : {}),
            },
        };
    }

    /** Decides update or replacement from the recorded state and `check`'s plan; calls nothing. */
    async diff(_id: string, olds: LeaseOutputs, news: LeaseInputs): Promise<dynamic.DiffResult> {
        if (Object.values(news).some(isUnknown)) {
            return {};
        }
        const replaces = replacementReasons(olds, news);
        if (replaces.length > 0) {
            this.announce(news.leaseUrn, `will be replaced (${replaces.join(", ")} changed) and the new lease will ${news.renewalPlan}`);
            return { replaces, deleteBeforeReplace: false };
        }
        const price = news.renewalPrice !== undefined ? `; price: ${news.renewalPrice}` : "";
        let renews: boolean;
        if (isCoverage(news)) {
            // `check` has announced the due renewals with their prices.
            renews = (news.renewalsDue ?? []).length > 0;
        } else {
            const plan = planUpdate(olds, news);
            renews = plan.calls.length > 0;
            if (renews) {
                const ids = plan.calls.flatMap((c) => c.ids);
                const recorded = ids.map((t) => `${t} ${olds.targets[t]?.expiredTime ?? "(not read yet)"}`);
                this.announce(news.leaseUrn, `will renew ${listIds(ids)} by ${plan.termDescription} (${plan.reason})${price}; expiry recorded in state: ${listIds(recorded)}`);
            }
        }
        const policy = this.policyChange(olds, news);
        if (policy) {
            const which = policy.kind === "instance" ? ` for ${listIds(policy.ids)}` : "";
            this.announce(news.leaseUrn, `will turn auto-renewal ${describePolicy(policy.policy)}${which}; no renewal is bought for it`);
        }
        const needed = renews || policy !== undefined;
        const inputsChanged = RELEVANT_INPUTS.some((key) => JSON.stringify(olds[key] ?? null) !== JSON.stringify(news[key] ?? null));
        if (inputsChanged || (needed && news.renewalPlan !== olds.renewalPlan)) {
            // Leave `changes` unset: the engine then shows its own property-level diff of the
            // inputs, `renewalPlan` and `renewalPrice` included (a detailed diff returned by a
            // dynamic provider would be dropped by the host).
            return {};
        }
        return { changes: needed };
    }

    /** Renews every target once (renewal step 1); a coverage lease renews what its goal needs. */
    async create(inputs: LeaseInputs): Promise<dynamic.CreateResult<LeaseOutputs>> {
        const id = deriveLeaseId(inputs.leaseUrn);
        const plan = isCoverage(inputs) ? planCoverage(undefined, inputs, (await this.assess(inputs)).due) : planCreate(inputs);
        await this.enforceMaxPrice(inputs, plan);
        const result = await this.execute(plan, inputs);
        if (result.renewed.size === 0 && result.failures.length > 0) {
            throw this.combine(plan, result);
        }
        const policy = this.policyChange(undefined, inputs);
        const appliedPolicy = await this.applyPolicy(inputs, policy, result);
        const live = await this.readLiveQuietly(inputs);
        const outs = this.buildOutputs(undefined, inputs, plan, result, live, inputs.leaseUrn, appliedPolicy);
        if (result.failures.length > 0) {
            throw this.partial(id, outs, plan, result);
        }
        return { id, outs };
    }

    /** Renews what the plan says: everything for a new term, only pending targets otherwise, or what a coverage goal needs. */
    async update(id: string, olds: LeaseOutputs, news: LeaseInputs): Promise<dynamic.UpdateResult<LeaseOutputs>> {
        const plan = isCoverage(news) ? planCoverage(olds, news, (await this.assess(news)).due) : planUpdate(olds, news);
        await this.enforceMaxPrice(news, plan);
        const result = await this.execute(plan, news);
        if (plan.calls.length > 0 && result.renewed.size === 0 && result.failures.length > 0) {
            throw this.combine(plan, result);
        }
        const policy = this.policyChange(olds, news);
        const appliedPolicy = await this.applyPolicy(news, policy, result);
        const live = plan.calls.length > 0 ? await this.readLiveQuietly(news) : new Map<string, LiveTarget>();
        const outs = this.buildOutputs(olds, news, plan, result, live, olds.creationUrn, appliedPolicy);
        if (result.failures.length > 0) {
            throw this.partial(id, outs, plan, result);
        }
        return { outs };
    }

    /**
     * Reads the expiry and status of every target, and for instance leases with an auto-renew
     * policy, the policy ECS reports. Returns no id when every target is gone.
     */
    async read(id: string, props?: LeaseOutputs): Promise<dynamic.ReadResult<LeaseOutputs>> {
        if (!props || !props.targets) {
            return { id, props };
        }
        const live = await this.readListed(props);
        const ids = targetIds(props);
        const missing = ids.filter((t) => !live.has(t));
        if (ids.length > 0 && missing.length === ids.length) {
            return {};
        }
        const policies = targetKind(props) === "instance" && props.autoRenew !== undefined
            ? await this.readInstancePolicies(props.regionId, ids.filter((t) => live.has(t)))
            : new Map<string, string>();
        const targets: Record<string, TargetRecord> = {};
        for (const t of ids) {
            const previous = props.targets[t] ?? { renewedInSequence: 0, lastRenewedTerm: "" };
            const found = live.get(t);
            const policy = policies.get(t);
            targets[t] = found
                ? { ...previous, expiredTime: found.expiredTime, status: found.status, ...(policy !== undefined ? { autoRenewal: policy } : {}) }
                : { ...previous, status: "NotFound" };
        }
        const outs: LeaseOutputs = { ...props, targets, providerVersion: props.providerVersion };
        if (missing.length > 0) {
            return { id, props: { ...outs, missingTargets: missing } };
        }
        const { missingTargets: _dropped, ...rest } = outs;
        return { id, props: rest };
    }

    /** Forgets the lease. Calls nothing: a renewal cannot be undone or refunded. */
    async delete(): Promise<void> {
        // Intentionally empty.
    }

    private announce(leaseUrn: string, what: string): void {
        const name = leaseUrn.slice(leaseUrn.lastIndexOf("::") + 2);
        (this.deps.announce ?? ((line: string) => process.stderr.write(line + "\n")))(`RenewalLease ${name} ${what}`);
    }

    /** The auto-renew change the inputs ask for, from what the state records; undefined when none. */
    private policyChange(olds: LeaseOutputs | undefined, news: LeaseInputs): PolicyChange | undefined {
        if (targetKind(news) === "reservedInstance") {
            const policy = reservedPolicyToApply(olds, news);
            return policy ? { kind: "reservedInstance", policy } : undefined;
        }
        const policy = desiredInstancePolicy(news);
        const ids = instancesNeedingPolicy(olds?.targets, targetIds(news), policy);
        return policy && ids.length > 0 ? { kind: "instance", ids, policy } : undefined;
    }

    /**
     * Applies an auto-renew change after the renewals (never instead of them: it buys nothing).
     * Reserved instances renewed in this step got the policy with their renewal call.
     * @returns What was applied, for the state.
     */
    private async applyPolicy(inputs: LeaseInputs, change: PolicyChange | undefined, result: ExecutionResult): Promise<PolicyChange | undefined> {
        if (!change || result.failures.length > 0) {
            return undefined;
        }
        const gateway = this.deps.gateway();
        if (change.kind === "instance") {
            for (const group of chunk(change.ids, MAX_IDS_PER_AUTO_RENEW_CHANGE)) {
                await this.limiter.run(() => this.retry(() => gateway.modifyInstanceAutoRenew(inputs.regionId, group, change.policy)));
            }
            return change;
        }
        const notCovered = targetIds(inputs).filter((t) => !result.renewed.has(t));
        for (const group of chunk(notCovered, MAX_IDS_PER_AUTO_RENEW_CHANGE)) {
            await this.limiter.run(() => this.retry(() => gateway.modifyReservedInstanceAutoRenew(inputs.regionId, group, change.policy.enabled, change.policy.period)));
        }
        return change;
    }

    /** Reads the auto-renew attribute of instances, 100 per call. */
    private async readInstancePolicies(regionId: string, ids: string[]): Promise<Map<string, string>> {
        const gateway = this.deps.gateway();
        const found = new Map<string, string>();
        for (const group of chunk(ids, MAX_IDS_PER_DESCRIBE)) {
            const states = await this.limiter.run(() => this.retry(() => gateway.describeInstanceAutoRenew(regionId, group)));
            states.forEach((state) => found.set(state.id, reportedLabel(state)));
        }
        return found;
    }

    /** Reads the targets of a coverage lease and applies its goal; refuses the step if the goal cannot be met. */
    private async assess(inputs: LeaseInputs): Promise<CoverageAssessment> {
        const assessment = assessCoverage(inputs, await this.readLive(inputs), Date.now());
        if (assessment.failures.length > 0) {
            const [first] = assessment.failures;
            throw new CoverageError(first.property, assessment.failures.map((f) => f.reason).join("; "));
        }
        return assessment;
    }

    /** Quotes the renewals of a step. */
    private price(inputs: Pick<LeaseInputs, "instanceIds" | "reservedInstanceIds" | "regionId">, items: PricedItem[]): Promise<PriceReport> {
        return priceStep(this.deps.gateway(), (operation) => this.limiter.run(() => this.retry(operation)), targetKind(inputs), inputs.regionId, items);
    }

    /** With `maxPrice`, quotes the step about to run and refuses it, before any write, when it costs more. */
    private async enforceMaxPrice(inputs: LeaseInputs, plan: RenewalPlan): Promise<void> {
        if (inputs.maxPrice === undefined || plan.calls.length === 0) {
            return;
        }
        const items = plan.calls.flatMap((call) => call.ids.map((id) => ({ id, term: call.term })));
        const report = await this.price(inputs, items);
        const problem = priceLimitProblem(report, inputs.maxPrice);
        if (problem) {
            throw new PriceLimitError(problem, report.sums, inputs.maxPrice);
        }
    }

    private retry<T>(operation: () => Promise<T>): Promise<T> {
        return withRetry(operation, this.deps.settings().retry, this.deps.effects ?? REAL_EFFECTS, this.deps.onAttemptFailure);
    }

    private async execute(plan: RenewalPlan, inputs: LeaseInputs): Promise<ExecutionResult> {
        const gateway = this.deps.gateway();
        const records: RenewalCallRecord[] = [];
        const renewed = new Map<string, PlannedCall>();
        const failed = new Set<string>();
        const failures: RenewalError[] = [];
        await Promise.all(plan.calls.map((call) => this.limiter.run(async () => {
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

    private send(gateway: EcsGateway, call: PlannedCall, inputs: LeaseInputs): Promise<{ requestId: string; orderId?: string }> {
        const term: CallTerm = call.term;
        if (call.action === "RenewInstance") {
            return gateway.renewInstance({
                regionId: inputs.regionId,
                instanceId: call.ids[0],
                ...("expectedRenewDay" in term
                    ? { expectedRenewDay: term.expectedRenewDay }
                    : { period: term.period, periodUnit: term.periodUnit }),
                clientToken: call.clientToken,
            });
        }
        return gateway.renewReservedInstances({
            regionId: inputs.regionId,
            reservedInstanceIds: call.ids,
            period: "period" in term ? term.period : 1,
            periodUnit: "periodUnit" in term ? term.periodUnit : "Year",
            ...(inputs.autoRenew !== undefined ? { autoRenew: inputs.autoRenew } : {}),
            ...(inputs.autoRenew && inputs.autoRenewPeriod !== undefined ? { autoRenewPeriod: inputs.autoRenewPeriod } : {}),
            clientToken: call.clientToken,
        });
    }

    /** Reads the lease's targets through the shared batcher: concurrent reads of many leases become one call per 100 ids. */
    private readLive(lease: Pick<LeaseInputs, "instanceIds" | "reservedInstanceIds" | "regionId">): Promise<Map<string, LiveTarget>> {
        return this.reads.read(targetKind(lease), lease.regionId, targetIds(lease));
    }

    /** Reads for refresh and preview: from the region's listing where it can (see `region-listing.ts`). */
    private readListed(lease: Pick<LeaseInputs, "instanceIds" | "reservedInstanceIds" | "regionId">): Promise<Map<string, LiveTarget>> {
        return this.listing.read(targetKind(lease), lease.regionId, targetIds(lease));
    }

    /** Reads expiries after a renewal. A failure here must not lose the renewal, so it is ignored. */
    private async readLiveQuietly(lease: LeaseInputs): Promise<Map<string, LiveTarget>> {
        try {
            return await this.readLive(lease);
        } catch {
            return new Map();
        }
    }

    private buildOutputs(olds: LeaseOutputs | undefined, inputs: LeaseInputs, plan: RenewalPlan, result: ExecutionResult,
        live: Map<string, LiveTarget>, creationUrn: string, appliedPolicy: PolicyChange | undefined): LeaseOutputs {
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
                ...(call ? { renewedInSequence: call.sequence, lastRenewedTerm: coverage ? `${describeCallTerm(call.term)} (${plan.reason})` : plan.termDescription } : {}),
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
        const { leaseUrn: _urn, renewalPlan, renewalPrice: _price, renewalsDue: _due, ...echoed } = inputs;
        const latestTermKey = anyRenewed || coverage ? plan.termKey : olds ? recordedTermKey(olds) : plan.termKey;
        return {
            ...echoed,
            renewalPlan,
            creationUrn,
            renewalCount: anyRenewed ? Math.max(plan.sequence, olds?.renewalCount ?? 0) : olds?.renewalCount ?? 0,
            ...(latestTermKey !== termKey(echoed) ? { termKey: latestTermKey } : {}),
            targets,
            lastRenewalCalls: anyRenewed
                ? [...(sameStep && !coverage ? olds.lastRenewalCalls : []), ...result.records]
                : olds?.lastRenewalCalls ?? [],
            ...(applied ? { appliedAutoRenew: applied } : {}),
            providerVersion: PROVIDER_VERSION,
        };
    }

    private combine(plan: RenewalPlan, result: ExecutionResult): RenewalError {
        if (result.failures.length === 1) {
            return result.failures[0];
        }
        return new PartialRenewalError(plan.calls[0].action, result.renewed.size > 0 ? result.records.length : 0, result.failures);
    }

    private partial(id: string, outs: LeaseOutputs, plan: RenewalPlan, result: ExecutionResult): PartialStateError {
        const error = new PartialRenewalError(plan.calls[0].action, result.records.length, result.failures) as unknown as PartialStateError;
        error.id = id;
        error.properties = outs;
        // The engine shows the reasons (not the message) of a partial failure: lead with the headline.
        error.reasons = [error.message.split("\n")[0], ...result.failures.map((f) => f.message)];
        return error;
    }
}

