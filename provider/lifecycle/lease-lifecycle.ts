/**
 * The lease's lifecycle, shared by both hosts (the dynamic provider in `hosts/dynamic`, the
 * provider plugin in `hosts/plugin`): check, diff, create, update, read, delete and import,
 * built from the pure planning functions (`core/`) and the lease's ECS calls (`lease-calls.ts`).
 * It knows nothing of how a host speaks to the engine: it answers `results.ts` shapes.
 *
 * Contracts (as in Pulumi's resource provider protocol):
 * - `check` and `diff` buy nothing. `check` reads: it confirms that every target exists
 *   (region listing), reads the expiries a coverage goal needs, and in previews quotes
 *   prices (DescribeRenewalPrice); it refuses a target another lease of the stack renews.
 *   `diff` calls nothing.
 * - Every answer to the host is plain JSON; derived outputs of a lease with secret
 *   arguments are secrets, and its diagnostics and errors are redacted (see `secrecy.ts`).
 * - `create` is transactional: if it throws a plain error, nothing was renewed. When
 *   some calls of a multi-call create went through, it throws an error that carries
 *   the lease id and the partial state, so the engine records what was bought.
 * - `update` buys only what the plan says; a partial failure is recorded the same way.
 * - `read` reports the live expiry and status of every target; no id when all are gone.
 * - `delete` calls nothing: a renewal cannot be undone, so deleting a lease forgets it.
 * - `importLease` reads only: it adopts existing targets as a lease that bought nothing.
 */
import { policyChange, describePolicy } from "../core/auto-renew-policy";
import { assessCoverage, CoverageAssessment } from "../core/coverage-assessment";
import { missingCredentialsReason } from "../config/credential-presence";
import { LiveTarget } from "../core/types";
import { CoverageError, ImportError } from "../core/errors";
import { listAll, listIds } from "../core/format";
import { describeReplays, markReplays } from "../core/replay";
import { NO_SECRETS, Secrecy, secrecyOf } from "../core/secrecy";
import { describeConflicts, leaseName, TargetClaims } from "../core/target-claims";
import { describeAlerts, idProperty, observedNow, targetAlerts, targetProblems } from "../core/target-health";
import { fixedCallLength, isCoverage, planCoverage, planCreate, planUpdate, RenewalPlan, replacementReasons, requestedRenewal, targetIds, targetKind } from "../core/plan";
import { PricedItem, priceLimitProblem } from "./price-report";
import { ProviderSettings } from "../config/settings";
import { deriveLeaseId } from "../core/token";
import { LeaseInputs, LeaseOutputs, TargetRecord } from "../core/types";
import { isUnknown, validateLeaseInputs, ValidationFailure } from "../core/validation";
import { PROVIDER_VERSION } from "../core/version";
import { plannedRenewals } from "../core/planned-renewals";
import { parseImportId } from "../core/import-id";
import { LeaseCalls, StepReads } from "./lease-calls";
import { LeaseLifecycleDeps } from "./deps";
import { hostFailure, redacting, toWire } from "./host-answers";
import { buildOutputs, partialStateError, recordedOrderIds, stepError } from "./step-outputs";
import { selectorOf, SelectorArgument } from "../core/selectors";
import { TARGET_KINDS } from "../core/target-kinds";
import { CheckOutcome, CreateOutcome, ImportOutcome, LeaseDiff, ReadOutcome, UpdateOutcome } from "./results";
import { ARGUMENT_NAMES, MAX_TARGETS } from "../core/properties";


/** What a host tells `check` beside the inputs. */
export interface CheckContext {
    /** True when the engine runs a preview: `check` then quotes prices and announces what it plans. */
    readonly preview: boolean;
}

/**
 * The dynamic host's way of saying "preview": the `RenewalLease` class sets `dryRun: true` then
 * (`pulumi.runtime.isDryRun()`), and leaves it out in the update pass of `pulumi up`.
 */
function isPreview(raw: Record<string, unknown>): boolean {
    return raw.dryRun === true;
}

/** The inputs whose change the engine's diff should show: the arguments, and which of them are secret. */
const RELEVANT_INPUTS: readonly (keyof LeaseInputs & keyof LeaseOutputs)[] = [...ARGUMENT_NAMES, "secretInputs"];


/** The lifecycle. One instance per provider process, shared by every lease. */
export class LeaseLifecycle {
    private credentialsChecked: { settings: ProviderSettings; problem: string | undefined } | undefined;
    private readonly claims: TargetClaims;
    private readonly calls: LeaseCalls;

    constructor(private readonly deps: LeaseLifecycleDeps) {
        this.claims = deps.claims ?? new TargetClaims();
        this.calls = new LeaseCalls(deps);
    }

    /**
     * Validates and normalizes inputs; refuses targets another lease of the stack renews and
     * targets ECS does not know; records in `renewalPlan` the renewal the program asks for,
     * and in previews, in `renewalPrice` what DescribeRenewalPrice quotes for it, announcing
     * every target it will buy for and every target that needs attention.
     */
    async check(olds: LeaseInputs, news: LeaseInputs, context?: CheckContext): Promise<CheckOutcome> {
        const secrecy = secrecyOf(news);
        const preview = context?.preview ?? isPreview(news as unknown as Record<string, unknown>);
        return redacting(secrecy, () => this.checkInputs(olds, news, preview, secrecy));
    }

    private async checkInputs(olds: LeaseInputs, news: LeaseInputs, preview: boolean, secrecy: Secrecy): Promise<CheckOutcome> {
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
        const refuse = (failures: readonly ValidationFailure[]): CheckOutcome =>
            ({ inputs: news, failures: failures.map((f) => hostFailure(f, raw, secrecy)) });
        const result = validateLeaseInputs(raw, settings.region, settings.extraRegions);
        if (result.failures.length > 0) {
            return refuse(result.failures);
        }
        if (!result.inputs) {
            // Some input is unknown until an earlier resource is created; `up` checks again with the
            // values. The ids already known can overlap another lease's now.
            const known = result.knownTargets;
            const conflicts = known ? this.claims.claim(known) : [];
            return conflicts.length > 0 && known
                ? refuse([{ property: known.property, reason: describeConflicts(known.leaseUrn, conflicts) }])
                : { inputs: news };
        }
        let inputs = result.inputs;
        let selected: Map<string, LiveTarget> | undefined;
        if (selectorOf(inputs)) {
            const resolved = await this.resolveSelector(inputs, preview, secrecy);
            if ("failures" in resolved) {
                return refuse(resolved.failures);
            }
            ({ inputs, live: selected } = resolved);
        }
        const conflicts = this.claims.claim({ leaseUrn: inputs.leaseUrn, regionId: inputs.regionId, ids: targetIds(inputs), allowDoubleCharge: inputs.allowDoubleCharge === true });
        if (conflicts.length > 0) {
            return refuse([{ property: selectorOf(inputs)?.property ?? idProperty(inputs), reason: describeConflicts(inputs.leaseUrn, conflicts) }]);
        }
        // A selector's read already described its targets: no second read of them.
        const live = selected ?? await this.calls.readListed(inputs);
        const problems = targetProblems(inputs, live);
        if (problems.length > 0) {
            return refuse(problems);
        }
        const previous = olds && Object.keys(olds).length > 0 ? olds : undefined;
        const alerts = targetAlerts(inputs, live, observedNow(live, Date.now()));
        if (preview && alerts.length > 0) {
            this.warn(inputs.leaseUrn, describeAlerts(alerts), secrecy);
        }

        let renewalPlan: string;
        let announcement: string;
        let toPrice: PricedItem[];
        const nowMs = observedNow(live, Date.now());
        let renewalsDue: LeaseInputs["renewalsDue"];
        if (isCoverage(inputs)) {
            const assessment = assessCoverage(inputs, live, Date.now());
            if (assessment.failures.length > 0) {
                return refuse(assessment.failures);
            }
            renewalPlan = assessment.text;
            announcement = assessment.announcement;
            renewalsDue = assessment.due.length > 0 ? assessment.due : undefined;
            toPrice = assessment.due.map((d) => ({ id: d.id, renewBy: { period: d.period, periodUnit: d.periodUnit } }));
        } else {
            const requested = requestedRenewal(previous, inputs);
            renewalPlan = requested.text;
            announcement = requested.announcement;
            const renewBy = fixedCallLength(inputs, targetKind(inputs));
            toPrice = requested.ids.map((id) => ({ id, renewBy }));
        }

        let renewalPrice = toPrice.length === 0 && !isCoverage(inputs) ? previous?.renewalPrice : undefined;
        // The quote is for the person reading a preview. In the update pass of `pulumi up` nobody
        // reads it, and create/update quote again themselves when `maxPrice` asks them to.
        if (toPrice.length > 0 && preview) {
            const report = await this.calls.price(inputs, toPrice);
            if (report.missing.length > 0) {
                return refuse(targetProblems(inputs, live, report.missing));
            }
            if (inputs.maxPrice !== undefined) {
                const overLimit = priceLimitProblem(report, inputs.maxPrice);
                if (overLimit) {
                    return refuse([{ property: "maxPrice", reason: overLimit }]);
                }
            }
            renewalPrice = report.text;
            if (!previous || renewalsDue) {
                this.announce(inputs.leaseUrn, `will ${announcement}; price: ${report.lines.length > 0 ? report.lines.join(", ") + "; total " : ""}${report.text}`, secrecy);
            }
        } else if (!previous || renewalsDue) {
            this.announce(inputs.leaseUrn, `will ${announcement}`, secrecy);
        }
        const planned = plannedRenewals(toPrice, live, nowMs);
        const checked: Record<string, unknown> = {
            ...inputs,
            // Ids a secret selector found are as secret as the selector.
            ...(selectorOf(inputs) ? { [idProperty(inputs)]: secrecy.wrap(targetIds(inputs)) } : {}),
            renewalPlan: secrecy.wrap(renewalPlan),
            ...(planned.length > 0 ? { plannedRenewals: secrecy.wrap(planned) } : {}),
            ...(renewalPrice !== undefined ? { renewalPrice: secrecy.wrap(renewalPrice) } : {}),
            ...(renewalsDue ? { renewalsDue: secrecy.wrap(renewalsDue) } : {}),
        };
        // With secrets, some values are wrappers the engine reads as secrets of the same value.
        return { inputs: checked as unknown as LeaseInputs };
    }

    /**
     * Finds a selector lease's targets (one selector read, see `LeaseCalls.select`) and records
     * them in the lease's id list, so that planning, tokens and overlaps work on ids as for a
     * lease that lists them. More than `maxTargets` matches is refused; none is a warning.
     */
    private async resolveSelector(inputs: Omit<LeaseInputs, "renewalPlan">, preview: boolean, secrecy: Secrecy):
        Promise<{ inputs: Omit<LeaseInputs, "renewalPlan">; live: Map<string, LiveTarget> } | { failures: ValidationFailure[] }> {
        const { property, kind, selector } = selectorOf(inputs) as SelectorArgument;
        const found = await this.calls.select(kind, inputs.regionId, selector);
        const ids = found.map((t) => t.id).sort();
        const what = TARGET_KINDS[kind].selectedDescription;
        const max = inputs.maxTargets ?? MAX_TARGETS.default;
        if (ids.length > max) {
            return { failures: [{ property, reason: `${property} matches ${ids.length} ${what} in ${inputs.regionId}, more than maxTargets (${max}), so none is renewed: ${listIds(ids, 10)}. ` +
                "Narrow the selector, or raise maxTargets if every one of them must be renewed" }] };
        }
        if (ids.length === 0) {
            this.warn(inputs.leaseUrn, `${property} matches no ${what} in ${inputs.regionId}: nothing to renew`, secrecy);
        } else if (preview) {
            this.announce(inputs.leaseUrn, `${property} matches ${ids.length} ${what}: ${listAll(ids)}`, secrecy);
        }
        return { inputs: { ...inputs, [TARGET_KINDS[kind].idProperty]: ids }, live: new Map(found.map((t) => [t.id, t])) };
    }

    /** Decides update or replacement from the recorded state and `check`'s plan; calls nothing. */
    async diff(_id: string, olds: LeaseOutputs, news: LeaseInputs): Promise<LeaseDiff> {
        const unknown = Object.entries(news).filter(([, value]) => isUnknown(value)).map(([key]) => key);
        if (unknown.length > 0) {
            return { replaces: [], changes: true, changedProperties: unknown };
        }
        const secrecy = secrecyOf(news);
        const replaces = replacementReasons(olds, news);
        if (replaces.length > 0) {
            this.announce(news.leaseUrn, `will be replaced (${replaces.join(", ")} changed) and the new lease will ${news.renewalPlan}`, secrecy);
            return { replaces, changes: true, changedProperties: changedInputs(olds, news) };
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
                this.announce(news.leaseUrn, `will renew ${listAll(ids)} by ${plan.termDescription} (${plan.reason})${price}; expiry recorded in state: ${listAll(recorded)}`, secrecy);
            }
        }
        const policy = policyChange(olds, news);
        if (policy) {
            const which = policy.kind === "instance" ? ` for ${listAll(policy.ids)}` : "";
            this.announce(news.leaseUrn, `will turn auto-renewal ${describePolicy(policy.policy)}${which}; no renewal is bought for it`, secrecy);
        }
        const needed = renews || policy !== undefined;
        const changed = changedInputs(olds, news);
        const planChanged = needed && news.renewalPlan !== olds.renewalPlan;
        return {
            replaces: [],
            changes: needed || changed.length > 0,
            changedProperties: planChanged ? [...changed, "renewalPlan"] : changed,
        };
    }

    /**
     * Adopts existing targets as a lease that has bought nothing (`pulumi import`). The id is
     * `REGION/ID[,ID…]`; the kind of target comes from the ids' prefix. Every target must exist.
     * The first renewal spec a program then gives the lease counts as paid (see `paidTermKey`).
     */
    async importLease(id: string, urn: string): Promise<ImportOutcome> {
        const parsed = parseImportId(id);
        // Validated as a lease that asks for no renewal (the ids and the region are all an import
        // knows); `autoRenew` only makes that shape valid and is not recorded.
        const raw = { [parsed.property]: parsed.ids, regionId: parsed.regionId, autoRenew: false, leaseUrn: urn };
        const result = validateLeaseInputs(raw, undefined, this.deps.settings().extraRegions);
        const inputs = result.inputs;
        if (!inputs) {
            throw new ImportError(id, result.failures.map((f) => f.reason).join("; "));
        }
        const live = await this.calls.readListed(inputs);
        const problems = targetProblems(inputs, live);
        if (problems.length > 0) {
            throw new ImportError(id, problems.map((f) => f.reason).join("; "));
        }
        const targets: Record<string, TargetRecord> = {};
        for (const t of parsed.ids) {
            const found = live.get(t);
            // The adoption is the lease's step 1: its targets count as renewed in it, so a target added
            // later is bought in step 1 (with step 1's token) and a new term starts step 2.
            targets[t] = { ...(found ? { expiredTime: found.expiredTime, status: found.status } : {}), renewedInSequence: 1, lastRenewedTerm: "adopted by pulumi import (already paid)" };
        }
        const adoptedInputs = { [parsed.property]: parsed.ids, regionId: parsed.regionId };
        const outputs: LeaseOutputs = {
            ...adoptedInputs,
            regionId: parsed.regionId,
            renewalPlan: `renew nothing: ${listAll(parsed.ids)} imported as paid`,
            creationUrn: urn,
            renewalCount: 1,
            targets,
            lastRenewalCalls: [],
            providerVersion: PROVIDER_VERSION,
            adopted: true,
        };
        return { id: deriveLeaseId(urn), outputs: toWire(outputs, NO_SECRETS), inputs: { ...adoptedInputs, adopted: true } };
    }

    /** Renews every target once (renewal step 1); a coverage lease renews what its goal needs. */
    async create(inputs: LeaseInputs): Promise<CreateOutcome> {
        const id = deriveLeaseId(inputs.leaseUrn);
        const secrecy = secrecyOf(inputs);
        return { id, outs: await redacting(secrecy, () => this.step(id, undefined, inputs, inputs.leaseUrn, secrecy)) };
    }

    /** Renews what the plan says: everything for a new term, only pending targets otherwise, or what a coverage goal needs. */
    async update(id: string, olds: LeaseOutputs, news: LeaseInputs): Promise<UpdateOutcome> {
        const secrecy = secrecyOf(news);
        return { outs: await redacting(secrecy, () => this.step(id, olds, news, olds.creationUrn, secrecy)) };
    }

    /** One renewal step: plan, buy, apply the auto-renew policy, read back. A partial failure carries the state of what was bought. */
    private async step(id: string, olds: LeaseOutputs | undefined, inputs: LeaseInputs, creationUrn: string, secrecy: Secrecy): Promise<LeaseOutputs> {
        // The reads after the renewals of the steps in progress are gathered (see `LeaseCalls.beginStep`).
        const reads = this.calls.beginStep();
        try {
            return await this.stepWith(reads, id, olds, inputs, creationUrn, secrecy);
        } finally {
            reads.end();
        }
    }

    private async stepWith(reads: StepReads, id: string, olds: LeaseOutputs | undefined, inputs: LeaseInputs, creationUrn: string, secrecy: Secrecy): Promise<LeaseOutputs> {
        let plan: RenewalPlan;
        let before: Map<string, LiveTarget>;
        if (isCoverage(inputs)) {
            const assessed = await this.assess(inputs);
            plan = planCoverage(olds, inputs, assessed.assessment.due);
            before = assessed.live;
        } else {
            plan = olds ? planUpdate(olds, inputs) : planCreate(inputs);
            // The expiries before buying tell a replayed order from a new one (see `replay.ts`).
            before = plan.calls.length > 0 ? await this.calls.readListedQuietly(inputs) : new Map<string, LiveTarget>();
        }
        await this.calls.enforceMaxPrice(inputs, plan);
        const result = await this.calls.execute(plan, inputs);
        if (plan.calls.length > 0 && result.renewed.size === 0 && result.failures.length > 0) {
            throw stepError(plan, result);
        }
        const policy = policyChange(olds, inputs);
        const appliedPolicy = await this.calls.applyPolicy(inputs, policy, result);
        const live = !olds || plan.calls.length > 0 ? await reads.readAfter(inputs) : new Map<string, LiveTarget>();
        const records = markReplays(result.records, before, live, recordedOrderIds(olds));
        const replayed = records.filter((r) => r.replayed);
        if (replayed.length > 0) {
            this.warn(inputs.leaseUrn, describeReplays(replayed), secrecy);
        }
        const alerts = live.size > 0 ? targetAlerts(inputs, live, observedNow(live, Date.now())) : olds?.alerts;
        const outs = buildOutputs(olds, inputs, plan, { ...result, records }, live, creationUrn, appliedPolicy, alerts);
        if (result.failures.length > 0) {
            throw partialStateError(id, toWire(outs, secrecy), plan, result);
        }
        return toWire(outs, secrecy);
    }

    /**
     * Reads the expiry and status of every target, and for instance leases with an auto-renew
     * policy, the policy ECS reports. Returns no id when every target is gone.
     */
    async read(id: string, props?: LeaseOutputs): Promise<ReadOutcome> {
        if (!props || !props.targets) {
            return { id, props };
        }
        const secrecy = secrecyOf(props);
        return redacting(secrecy, () => this.readTargets(id, props, secrecy));
    }

    private async readTargets(id: string, props: LeaseOutputs, secrecy: Secrecy): Promise<ReadOutcome> {
        const live = await this.calls.readListed(props);
        const ids = targetIds(props);
        const missing = ids.filter((t) => !live.has(t));
        const alerts = targetAlerts(props, live, observedNow(live, Date.now()));
        if (alerts.length > 0) {
            this.warn(props.creationUrn, describeAlerts(alerts), secrecy);
        }
        if (ids.length > 0 && missing.length === ids.length) {
            return {};
        }
        const policies = targetKind(props) === "instance" && props.autoRenew !== undefined
            ? await this.calls.readInstancePolicies(props.regionId, ids.filter((t) => live.has(t)))
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
        const { missingTargets: _missing, alerts: _alerts, ...rest } = props;
        const outs: LeaseOutputs = {
            ...rest,
            targets,
            ...(missing.length > 0 ? { missingTargets: missing } : {}),
            ...(alerts.length > 0 ? { alerts } : {}),
        };
        return { id, props: toWire(outs, secrecy) };
    }

    /** Forgets the lease. Calls nothing: a renewal cannot be undone or refunded. */
    async delete(): Promise<void> {
        // Intentionally empty.
    }

    /** Tells the user, on the provider's stderr (the CLI shows it as a diagnostic), what the lease will do. */
    private announce(leaseUrn: string, what: string, secrecy: Secrecy = NO_SECRETS): void {
        this.emit(`RenewalLease ${leaseName(leaseUrn)} ${secrecy.redact(what)}`);
    }

    /** Warns the user about the lease's targets, the same way. */
    private warn(leaseUrn: string, what: string, secrecy: Secrecy): void {
        this.emit(`warning: RenewalLease ${leaseName(leaseUrn)}: ${secrecy.redact(what)}`);
    }

    private emit(line: string): void {
        (this.deps.announce ?? ((text: string) => process.stderr.write(text + "\n")))(line);
    }

    /** Reads the targets of a coverage lease (fresh) and applies its goal; refuses the step if the goal cannot be met. */
    private async assess(inputs: LeaseInputs): Promise<{ assessment: CoverageAssessment; live: Map<string, LiveTarget> }> {
        const live = await this.calls.readLive(inputs);
        const assessment = assessCoverage(inputs, live, Date.now());
        if (assessment.failures.length > 0) {
            const [first] = assessment.failures;
            throw new CoverageError(first.property, assessment.failures.map((f) => f.reason).join("; "));
        }
        return { assessment, live };
    }


}

/** The arguments (and secret markers) whose values differ between the state and the new inputs. */
function changedInputs(olds: LeaseOutputs, news: LeaseInputs): string[] {
    return RELEVANT_INPUTS.filter((key) => JSON.stringify(olds[key] ?? null) !== JSON.stringify(news[key] ?? null));
}
