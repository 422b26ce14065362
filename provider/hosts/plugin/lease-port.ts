/**
 * What the plugin host needs of the lease lifecycle: its host-neutral answers, with `check`
 * given the preview context explicitly.
 *
 * INTERIM: today's `LeaseLifecycle.check` still learns a preview from a `dryRun: true` input
 * (what the `RenewalLease` class sets); {@link adaptLifecycle} passes the context that way.
 * When `check` takes `{ preview }` itself, this adapter goes and the host calls the lifecycle.
 */
import type { LeaseLifecycle } from "../../lifecycle/lease-lifecycle";
import type { CheckOutcome, CreateOutcome, ImportOutcome, LeaseDiff, ReadOutcome, UpdateOutcome } from "../../lifecycle/results";
import { LeaseInputs, LeaseOutputs } from "../../core/types";

/** The lifecycle as the plugin host calls it. */
export interface LeasePort {
    check(olds: Record<string, unknown>, news: Record<string, unknown>, context: { preview: boolean }): Promise<CheckOutcome>;
    diff(id: string, olds: LeaseOutputs, news: LeaseInputs): Promise<LeaseDiff>;
    create(inputs: LeaseInputs): Promise<CreateOutcome>;
    update(id: string, olds: LeaseOutputs, news: LeaseInputs): Promise<UpdateOutcome>;
    read(id: string, props: LeaseOutputs): Promise<ReadOutcome>;
    delete(): Promise<void>;
    importLease(id: string, urn: string): Promise<ImportOutcome>;
}

/** The port on the lifecycle (see the module comment). */
export function adaptLifecycle(lifecycle: LeaseLifecycle): LeasePort {
    return {
        check: (olds, news, context) => lifecycle.check(olds as unknown as LeaseInputs, { ...news, ...(context.preview ? { dryRun: true } : {}) } as unknown as LeaseInputs),
        diff: (id, olds, news) => lifecycle.diff(id, olds, news),
        create: (inputs) => lifecycle.create(inputs),
        update: (id, olds, news) => lifecycle.update(id, olds, news),
        read: (id, props) => lifecycle.read(id, props),
        delete: () => lifecycle.delete(),
        importLease: (id, urn) => lifecycle.importLease(id, urn),
    };
}
