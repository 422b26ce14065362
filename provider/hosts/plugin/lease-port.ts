/**
 * What the plugin host needs of the lease lifecycle, in the host-neutral shape the lifecycle
 * is moving to (explicit preview context, a diff that names the changed properties, import).
 *
 * INTERIM: until `LeaseLifecycle` offers that shape itself, {@link adaptLifecycle} builds it on
 * today's lifecycle (dynamic-provider answers). When the lifecycle lands the new API, this
 * module shrinks to the interface and the host calls the lifecycle directly.
 */
import type { LeaseLifecycle } from "../../lifecycle/lease-lifecycle";
import { LeaseInputs, LeaseOutputs, TargetRecord } from "../../core/types";
import { isUnknown } from "../../core/validation";
import { PROVIDER_VERSION } from "../../core/version";

/** A check failure: the property at fault and why. */
export interface LeaseCheckFailure {
    readonly property: string;
    readonly reason: string;
}

/** What `diff` decides, for any host. */
export interface LeaseDiff {
    /** True: an update is needed; false: none; undefined: unknown (inputs not known yet). */
    readonly changes: boolean | undefined;
    /** Properties whose change replaces the lease. */
    readonly replaces: string[];
    /** Input properties that changed (for the detailed diff). */
    readonly changedProperties: string[];
}

/** The lifecycle as the plugin host calls it. */
export interface LeasePort {
    check(olds: Record<string, unknown>, news: Record<string, unknown>, context: { preview: boolean }): Promise<{ inputs: Record<string, unknown>; failures?: LeaseCheckFailure[] }>;
    diff(id: string, olds: LeaseOutputs, news: LeaseInputs): Promise<LeaseDiff>;
    create(inputs: LeaseInputs): Promise<{ id: string; outs?: LeaseOutputs }>;
    update(id: string, olds: LeaseOutputs, news: LeaseInputs): Promise<{ outs?: LeaseOutputs }>;
    read(id: string, props: LeaseOutputs): Promise<{ id?: string; props?: LeaseOutputs }>;
    delete(): Promise<void>;
    importLease(id: string, urn: string): Promise<{ id: string; outputs: LeaseOutputs; inputs: Record<string, unknown> }>;
}

/** Inputs `check` computes or the host sets: never shown as changed arguments. */
const NOT_ARGUMENTS = new Set(["leaseUrn", "secretInputs", "renewalPrice", "renewalsDue", "dryRun"]);

/** The input properties whose value differs between the state and the checked inputs. */
export function changedInputs(olds: Record<string, unknown>, news: Record<string, unknown>, oldInputs: Record<string, unknown>): string[] {
    const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    const changed = Object.keys(news).filter((k) => !NOT_ARGUMENTS.has(k) && !same(olds[k], news[k]));
    const removed = Object.keys(oldInputs).filter((k) => !NOT_ARGUMENTS.has(k) && !(k in news) && olds[k] !== undefined);
    return [...changed, ...removed].sort();
}

/** Reads an import id `REGION/ID[,ID…]`; the kind of target comes from the ids' prefix. */
export function parseImportId(id: string): { regionId: string; instanceIds?: string[]; reservedInstanceIds?: string[] } {
    const match = /^([a-z0-9-]+)\/(.+)$/.exec(id);
    const ids = match ? match[2].split(",").map((s) => s.trim()).filter((s) => s !== "") : [];
    if (!match || ids.length === 0) {
        throw new Error(`cannot import ${JSON.stringify(id)}: the id must be REGION/ID[,ID…], e.g. cn-hangzhou/i-bp1abc,i-bp1def or cn-hangzhou/ecsri-bp1abc`);
    }
    const instances = ids.every((t) => t.startsWith("i-"));
    const reserved = ids.every((t) => t.startsWith("ecsri-"));
    if (!instances && !reserved) {
        throw new Error(`cannot import ${JSON.stringify(id)}: the ids must all be instances (i-…) or all reserved instances (ecsri-…)`);
    }
    const sorted = [...new Set(ids)].sort();
    return { regionId: match[1], ...(instances ? { instanceIds: sorted } : { reservedInstanceIds: sorted }) };
}

/** INTERIM: the port on today's lifecycle (see the module comment). */
export function adaptLifecycle(lifecycle: LeaseLifecycle): LeasePort {
    return {
        async check(olds, news, context) {
            const result = await lifecycle.check(olds as unknown as LeaseInputs, { ...news, ...(context.preview ? { dryRun: true } : {}) } as unknown as LeaseInputs);
            return { inputs: result.inputs as unknown as Record<string, unknown>, ...(result.failures ? { failures: [...result.failures] } : {}) };
        },
        async diff(id, olds, news) {
            if (Object.values(news).some(isUnknown)) {
                return { changes: undefined, replaces: [], changedProperties: [] };
            }
            const answer = await lifecycle.diff(id, olds, news);
            const changedProperties = changedInputs(olds as unknown as Record<string, unknown>, news as unknown as Record<string, unknown>, {});
            const replaces = [...(answer.replaces ?? [])];
            // Today's lifecycle leaves `changes` unset when the arguments or the plan text changed,
            // for the engine to diff the inputs itself: that is a change.
            const changes = replaces.length > 0 || (answer.changes ?? true);
            return { changes, replaces, changedProperties: changes ? changedProperties : [] };
        },
        async create(inputs) {
            const result = await lifecycle.create(inputs);
            return { id: result.id, outs: result.outs };
        },
        async update(id, olds, news) {
            return { outs: (await lifecycle.update(id, olds, news)).outs };
        },
        async read(id, props) {
            return lifecycle.read(id, props);
        },
        delete: () => lifecycle.delete(),
        async importLease(id, urn) {
            const lease = parseImportId(id);
            const ids = lease.instanceIds ?? lease.reservedInstanceIds ?? [];
            const targets: Record<string, TargetRecord> = Object.fromEntries(ids.map((t) => [t, { renewedInSequence: 0, lastRenewedTerm: "" }]));
            const bare: LeaseOutputs = { ...lease, creationUrn: urn, renewalPlan: "renew nothing (imported)", renewalCount: 0, targets, lastRenewalCalls: [], providerVersion: PROVIDER_VERSION };
            const read = await lifecycle.read(id, bare);
            if (!read.id || !read.props) {
                throw new Error(`cannot import ${JSON.stringify(id)}: none of its targets exists in ${lease.regionId}`);
            }
            return { id, outputs: read.props, inputs: { ...lease } };
        },
    };
}
