/**
 * What the lifecycle answers its hosts, independent of how a host speaks to the engine. The
 * shapes of check, create, update and read match Pulumi's dynamic provider interface, so the
 * dynamic host passes them through; the plugin host converts them to protocol messages.
 */
import type { ValidationFailure } from "../core/validation";
import type { LeaseInputs, LeaseOutputs } from "../core/types";

/** The answer of `check`: the inputs to store, or why they are refused. */
export interface CheckOutcome {
    /** The checked inputs (with `check`'s computed inputs), or the inputs as given when refused. */
    readonly inputs: LeaseInputs;
    /** Every refusal; absent or empty when accepted. */
    readonly failures?: ValidationFailure[];
}

/** The answer of `diff`. */
export interface LeaseDiff {
    /** Properties whose change replaces the lease (empty: an update or nothing). */
    readonly replaces: string[];
    /** True when the engine must call `update` (or replace). */
    readonly changes: boolean;
    /**
     * The properties to show as changed: arguments whose value differs from the state, and
     * `renewalPlan` when it changed with a renewal or policy change; unknown inputs in previews.
     */
    readonly changedProperties: string[];
}

/** The answer of `create`. */
export interface CreateOutcome {
    /** The lease's id (derived from its URN). */
    readonly id: string;
    /** The state. */
    readonly outs: LeaseOutputs;
}

/** The answer of `update`. */
export interface UpdateOutcome {
    /** The state. */
    readonly outs: LeaseOutputs;
}

/** The answer of `read`: no id when every target is gone. */
export interface ReadOutcome {
    /** The lease's id; absent when the lease is gone. */
    readonly id?: string;
    /** The refreshed state. */
    readonly props?: LeaseOutputs;
}

/** The answer of `importLease`. */
export interface ImportOutcome {
    /** The lease's id. */
    readonly id: string;
    /** The adopted lease's state. */
    readonly outputs: LeaseOutputs;
    /** The inputs the engine records for it (what a program must declare to match). */
    readonly inputs: Record<string, unknown>;
}
