/**
 * The dynamic provider's process: the provider as the serialized shim loads it at call
 * time, with the settings, gateway, reads and overlap claims every lease of a run shares.
 *
 * The dynamic provider host loads this module once per process (Node's module
 * cache), so the settings, the SDK clients (and their kept-alive connections), the
 * concurrency limiter, the rate limits and the read batcher here are shared by every
 * lease of a run. Secrets read by `configure` stay in this
 * process's memory.
 */
import * as dynamic from "@pulumi/pulumi/dynamic";
import { ConfigurationError } from "../../core/errors";
import { LeaseDiff } from "../../lifecycle/results";
import { ResolvedSettings, wireProcessLifecycle } from "../process-lifecycle";
import { resolveSettings } from "../../config/settings";
import { LeaseInputs, LeaseOutputs } from "../../core/types";

const { lifecycle: provider, configure: setSettings } = wireProcessLifecycle({ initial: fromEnvironment });

/** The settings from the environment alone (before `configure`, which the engine always sends). */
function fromEnvironment(): ResolvedSettings {
    try {
        return { settings: resolveSettings(() => undefined, process.env) };
    } catch (err) {
        return { settings: resolveSettings(() => undefined, {}), problem: { property: "alicloud-renewal", reason: (err as Error).message } };
    }
}

/**
 * Reads the stack config (`alicloud:*` and `alicloud-renewal:*`) and the environment.
 * A bad setting is not thrown here but reported by `check`, so that preview names it.
 */
export async function configure(req: dynamic.ConfigureRequest): Promise<void> {
    const get = (key: string): string | undefined => {
        const value = req.config.get(key);
        return value === "" ? undefined : value;
    };
    try {
        setSettings({ settings: resolveSettings(get, process.env) });
    } catch (err) {
        if (!(err instanceof ConfigurationError)) {
            throw err;
        }
        const property = /^(alicloud[-a-z]*:[A-Za-z]+|[A-Z_]+)/.exec(err.message)?.[1] ?? "configuration";
        setSettings({ settings: resolveSettings(() => undefined, {}), problem: { property, reason: err.message } });
    }
}

/** See `LeaseLifecycle.check`. */
export const check = (olds: LeaseInputs, news: LeaseInputs): Promise<dynamic.CheckResult<LeaseInputs>> => provider.check(olds, news);
/** See `LeaseLifecycle.diff`, in the dynamic host's terms (see {@link toDynamicDiff}). */
export const diff = async (id: string, olds: LeaseOutputs, news: LeaseInputs): Promise<dynamic.DiffResult> => toDynamicDiff(await provider.diff(id, olds, news));
/** See `LeaseLifecycle.create`. */
export const create = (inputs: LeaseInputs): Promise<dynamic.CreateResult<LeaseOutputs>> => provider.create(inputs);
/** See `LeaseLifecycle.update`. */
export const update = (id: string, olds: LeaseOutputs, news: LeaseInputs): Promise<dynamic.UpdateResult<LeaseOutputs>> => provider.update(id, olds, news);
/** See `LeaseLifecycle.read`. */
export const read = (id: string, props?: LeaseOutputs): Promise<dynamic.ReadResult<LeaseOutputs>> => provider.read(id, props);
/** See `LeaseLifecycle.delete`. */
export const remove = (): Promise<void> => provider.delete();

/**
 * The dynamic host forwards only changes, replaces and deleteBeforeReplace (a detailed diff would
 * be dropped). When properties changed, `changes` is left unset: the engine then shows its own
 * property-level diff of the inputs, `renewalPlan` and `renewalPrice` included.
 */
export function toDynamicDiff(result: LeaseDiff): dynamic.DiffResult {
    if (result.replaces.length > 0) {
        return { replaces: result.replaces, deleteBeforeReplace: false };
    }
    return result.changedProperties.length > 0 ? {} : { changes: result.changes };
}
