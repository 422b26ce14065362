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
import { missingCredentialsReason } from "./credential-presence";
import { EcsGateway, LiveTarget, MAX_IDS_PER_AUTO_RENEW_CHANGE } from "./ecs-client";
import { PartialRenewalError, RenewalError, toRenewalError } from "./errors";
import { createLimiter, Limiter } from "./limiter";
import { createReadBatcher, ReadBatcher } from "./read-batcher";
import { chunk, describeRequestedRenewal, listIds, PlannedCall, planCreate, planUpdate, RenewalPlan, replacementReasons, targetIds, targetKind } from "./plan";
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
}

/** An error that makes the engine record partial state (see the dynamic provider host's `grpcResponseFromError`). */
interface PartialStateError extends Error {
    id: string;
    properties: LeaseOutputs;
    reasons: string[];
}

const RELEVANT_INPUTS = ["instanceIds", "reservedInstanceIds", "regionId", "period", "periodUnit", "expectedRenewDay", "term", "autoRenew", "autoRenewPeriod"] as const;

interface ExecutionResult {
    readonly records: RenewalCallRecord[];
    readonly renewed: Set<string>;
    readonly failures: RenewalError[];
}

/** The provider. One instance per provider process, shared by every lease. */
export class LeaseProvider implements dynamic.ResourceProvider<LeaseInputs, LeaseOutputs> {
    private limiterInstance: Limiter | undefined;
    private credentialsChecked: { settings: ProviderSettings; problem: string | undefined } | undefined;
    private readsInstance: ReadBatcher | undefined;

    constructor(private readonly deps: LeaseProviderDeps) {}

    private get limiter(): Limiter {
        this.limiterInstance ??= createLimiter(this.deps.settings().maxConcurrency);
        return this.limiterInstance;
    }

    private get reads(): ReadBatcher {
        this.readsInstance ??= this.deps.reads ?? createReadBatcher({ gateway: this.deps.gateway, call: (operation) => this.retry(operation) });
        return this.readsInstance;
    }

    /** Validates and normalizes inputs; records the renewal the program asks for in `renewalPlan`. */
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
        const previous = olds && Object.keys(olds).length > 0 ? olds : undefined;
        const renewalPlan = describeRequestedRenewal(previous, result.inputs);
        if (!previous) {
            this.announce(result.inputs.leaseUrn, `will ${renewalPlan}`);
        }
        return { inputs: { ...result.inputs, renewalPlan } };
    }

    /** Decides update or replacement from the recorded state; calls nothing. */
    async diff(_id: string, olds: LeaseOutputs, news: LeaseInputs): Promise<dynamic.DiffResult> {
        if (Object.values(news).some(isUnknown)) {
            return {};
        }
        const replaces = replacementReasons(olds, news);
        if (replaces.length > 0) {
            this.announce(news.leaseUrn, `will be replaced (${replaces.join(", ")} changed) and the new lease will ${news.renewalPlan}`);
            return { replaces, deleteBeforeReplace: false };
        }
        const plan = planUpdate(olds, news);
        const autoRenew = this.autoRenewToApply(olds, news);
        if (plan.calls.length > 0) {
            const ids = plan.calls.flatMap((c) => c.ids);
            const recorded = ids.map((t) => `${t} ${olds.targets[t]?.expiredTime ?? "(not read yet)"}`);
            this.announce(news.leaseUrn, `will renew ${listIds(ids)} by ${plan.termDescription} (${plan.reason}); expiry recorded in state: ${listIds(recorded)}`);
        } else if (autoRenew !== undefined) {
            this.announce(news.leaseUrn, `will turn auto-renewal ${autoRenew.enabled ? `on (${autoRenew.period ?? 12} months)` : "off"}; no renewal is bought`);
        }
        const inputsChanged = RELEVANT_INPUTS.some((key) => JSON.stringify(olds[key] ?? null) !== JSON.stringify(news[key] ?? null));
        if (inputsChanged) {
            // Leave `changes` unset: the engine then shows its own property-level diff
            // (the detailed diff a dynamic provider returns would be dropped by the host).
            return {};
        }
        return { changes: plan.calls.length > 0 || autoRenew !== undefined };
    }

    /** Renews every target once (renewal step 1). */
    async create(inputs: LeaseInputs): Promise<dynamic.CreateResult<LeaseOutputs>> {
        const id = deriveLeaseId(inputs.leaseUrn);
        const plan = planCreate(inputs);
        const result = await this.execute(plan, inputs);
        if (result.renewed.size === 0 && result.failures.length > 0) {
            throw this.combine(plan, result);
        }
        const live = await this.readLiveQuietly(inputs);
        const outs = this.buildOutputs(undefined, inputs, plan, result, live, inputs.leaseUrn);
        if (result.failures.length > 0) {
            throw this.partial(id, outs, plan, result);
        }
        return { id, outs };
    }

    /** Renews what the plan says: everything for a new term, only pending targets otherwise. */
    async update(id: string, olds: LeaseOutputs, news: LeaseInputs): Promise<dynamic.UpdateResult<LeaseOutputs>> {
        const plan = planUpdate(olds, news);
        const autoRenew = this.autoRenewToApply(olds, news);
        const result = await this.execute(plan, news);
        let appliedAutoRenew = olds.appliedAutoRenew;
        if (autoRenew !== undefined && result.failures.length === 0) {
            const notCovered = targetIds(news).filter((t) => !result.renewed.has(t));
            await this.modifyAutoRenew(news, notCovered, autoRenew);
            appliedAutoRenew = autoRenew;
        } else if (autoRenew !== undefined && result.renewed.size === targetIds(news).length) {
            appliedAutoRenew = autoRenew;
        }
        if (plan.calls.length > 0 && result.renewed.size === 0 && result.failures.length > 0) {
            throw this.combine(plan, result);
        }
        const live = plan.calls.length > 0 ? await this.readLiveQuietly(news) : new Map<string, LiveTarget>();
        const outs = this.buildOutputs(olds, news, plan, result, live, olds.creationUrn, appliedAutoRenew);
        if (result.failures.length > 0) {
            throw this.partial(id, outs, plan, result);
        }
        return { outs };
    }

    /** Reads the expiry and status of every target. Returns no id when every target is gone. */
    async read(id: string, props?: LeaseOutputs): Promise<dynamic.ReadResult<LeaseOutputs>> {
        if (!props || !props.targets) {
            return { id, props };
        }
        const live = await this.readLive(props);
        const ids = targetIds(props);
        const missing = ids.filter((t) => !live.has(t));
        if (ids.length > 0 && missing.length === ids.length) {
            return {};
        }
        const targets: Record<string, TargetRecord> = {};
        for (const t of ids) {
            const previous = props.targets[t] ?? { renewedInSequence: 0, lastRenewedTerm: "" };
            const found = live.get(t);
            targets[t] = found
                ? { ...previous, expiredTime: found.expiredTime, status: found.status }
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

    private autoRenewToApply(olds: LeaseOutputs, news: LeaseInputs): { enabled: boolean; period?: number } | undefined {
        if (targetKind(news) !== "reservedInstance" || news.autoRenew === undefined) {
            return undefined;
        }
        const wanted = { enabled: news.autoRenew, ...(news.autoRenew && news.autoRenewPeriod !== undefined ? { period: news.autoRenewPeriod } : {}) };
        const applied = olds.appliedAutoRenew;
        if (applied && applied.enabled === wanted.enabled && applied.period === wanted.period) {
            return undefined;
        }
        return wanted;
    }

    private async modifyAutoRenew(inputs: LeaseInputs, ids: string[], wanted: { enabled: boolean; period?: number }): Promise<void> {
        const gateway = this.deps.gateway();
        for (const group of chunk(ids, MAX_IDS_PER_AUTO_RENEW_CHANGE)) {
            await this.limiter.run(() => this.retry(() => gateway.modifyReservedInstanceAutoRenew(inputs.regionId, group, wanted.enabled, wanted.period)));
        }
    }

    private retry<T>(operation: () => Promise<T>): Promise<T> {
        return withRetry(operation, this.deps.settings().retry, this.deps.effects ?? REAL_EFFECTS, this.deps.onAttemptFailure);
    }

    private async execute(plan: RenewalPlan, inputs: LeaseInputs): Promise<ExecutionResult> {
        const gateway = this.deps.gateway();
        const records: RenewalCallRecord[] = [];
        const renewed = new Set<string>();
        const failures: RenewalError[] = [];
        await Promise.all(plan.calls.map((call) => this.limiter.run(async () => {
            try {
                const response = await this.retry(() => this.send(gateway, call, inputs));
                records.push({ action: call.action, ids: call.ids, clientToken: call.clientToken, requestId: response.requestId, ...(response.orderId ? { orderId: response.orderId } : {}) });
                call.ids.forEach((t) => renewed.add(t));
            } catch (err) {
                failures.push(toRenewalError(err, { action: call.action, ids: call.ids, clientToken: call.clientToken }));
            }
        })));
        records.sort((a, b) => a.ids[0].localeCompare(b.ids[0]));
        return { records, renewed, failures };
    }

    private send(gateway: EcsGateway, call: PlannedCall, inputs: LeaseInputs): Promise<{ requestId: string; orderId?: string }> {
        if (call.action === "RenewInstance") {
            return gateway.renewInstance({
                regionId: inputs.regionId,
                instanceId: call.ids[0],
                ...(inputs.expectedRenewDay !== undefined
                    ? { expectedRenewDay: inputs.expectedRenewDay }
                    : { period: inputs.period, periodUnit: inputs.periodUnit }),
                clientToken: call.clientToken,
            });
        }
        return gateway.renewReservedInstances({
            regionId: inputs.regionId,
            reservedInstanceIds: call.ids,
            period: inputs.period ?? 1,
            periodUnit: inputs.periodUnit ?? "Year",
            ...(inputs.autoRenew !== undefined ? { autoRenew: inputs.autoRenew } : {}),
            ...(inputs.autoRenew && inputs.autoRenewPeriod !== undefined ? { autoRenewPeriod: inputs.autoRenewPeriod } : {}),
            clientToken: call.clientToken,
        });
    }

    /** Reads the lease's targets through the shared batcher: concurrent reads of many leases become one call per 100 ids. */
    private readLive(lease: Pick<LeaseInputs, "instanceIds" | "reservedInstanceIds" | "regionId">): Promise<Map<string, LiveTarget>> {
        return this.reads.read(targetKind(lease), lease.regionId, targetIds(lease));
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
        live: Map<string, LiveTarget>, creationUrn: string, appliedAutoRenew?: { enabled: boolean; period?: number }): LeaseOutputs {
        const anyRenewed = result.renewed.size > 0;
        const sameStep = olds !== undefined && olds.renewalCount === plan.sequence;
        const targets: Record<string, TargetRecord> = {};
        for (const t of targetIds(inputs)) {
            const previous: TargetRecord = olds?.targets[t] ?? { renewedInSequence: 0, lastRenewedTerm: "" };
            const renewed = result.renewed.has(t);
            const now = live.get(t);
            targets[t] = {
                ...previous,
                ...(now ? { expiredTime: now.expiredTime, status: now.status } : {}),
                ...(renewed ? { renewedInSequence: plan.sequence, lastRenewedTerm: plan.termDescription } : {}),
            };
        }
        const createAutoRenew = olds === undefined && inputs.autoRenew !== undefined && result.failures.length === 0
            ? { enabled: inputs.autoRenew, ...(inputs.autoRenew && inputs.autoRenewPeriod !== undefined ? { period: inputs.autoRenewPeriod } : {}) }
            : undefined;
        const applied = appliedAutoRenew ?? createAutoRenew ?? olds?.appliedAutoRenew;
        const { leaseUrn, renewalPlan, ...echoed } = inputs;
        return {
            ...echoed,
            leaseUrn,
            renewalPlan,
            creationUrn,
            renewalCount: anyRenewed ? Math.max(plan.sequence, olds?.renewalCount ?? 0) : olds?.renewalCount ?? 0,
            termKey: anyRenewed ? plan.termKey : olds?.termKey ?? plan.termKey,
            targets,
            lastRenewalCalls: anyRenewed
                ? [...(sameStep ? olds.lastRenewalCalls : []), ...result.records]
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

