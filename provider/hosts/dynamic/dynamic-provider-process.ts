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
import { EcsGateway } from "../../ecs/gateway";
import { SdkEcsGateway } from "../../ecs/sdk-gateway";
import { ConfigurationError } from "../../core/errors";
import { LeaseLifecycle } from "../../lifecycle/lease-lifecycle";
import { LeaseDiff } from "../../lifecycle/results";
import { createCallRateLimiter } from "../../ecs/rate-limit";
import { RateLimitedGateway } from "../../ecs/rate-limited-gateway";
import { createReadBatcher } from "../../ecs/read-batcher";
import { createRegionListing } from "../../ecs/region-listing";
import { withRetry } from "../../ecs/retry";
import { ProviderSettings, resolveSettings } from "../../config/settings";
import { LeaseInputs, LeaseOutputs } from "../../core/types";

let settings: ProviderSettings | undefined;
let problem: { property: string; reason: string } | undefined;
let gateway: EcsGateway | undefined;

function currentSettings(): ProviderSettings {
    if (!settings) {
        try {
            settings = resolveSettings(() => undefined, process.env);
        } catch (err) {
            problem = { property: "alicloud-renewal", reason: (err as Error).message };
            settings = resolveSettings(() => undefined, {});
        }
    }
    return settings;
}

/** The gateway for the current settings: the SDK, paced per (action, region): adaptively, under the optional ceiling. */
function currentGateway(): EcsGateway {
    if (!gateway) {
        const s = currentSettings();
        gateway = new RateLimitedGateway(new SdkEcsGateway(s), createCallRateLimiter({ ceilingPerSecond: s.maxCallsPerSecond }));
    }
    return gateway;
}

/** One batcher for the whole process: the reads of every lease of a run are coalesced. */
const reads = createReadBatcher({ gateway: currentGateway, call: (operation) => withRetry(operation, currentSettings().retry) });

/** One read-ahead for the whole process: refresh and preview read each region's listing once. */
const listing = createRegionListing({ gateway: currentGateway, call: (operation) => withRetry(operation, currentSettings().retry), readIds: (kind, regionId, ids) => reads.read(kind, regionId, ids) });

const provider = new LeaseLifecycle({
    settings: currentSettings,
    gateway: currentGateway,
    configurationProblem: () => problem,
    reads,
    listing,
});

/**
 * Reads the stack config (`alicloud:*` and `alicloud-renewal:*`) and the environment.
 * A bad setting is not thrown here but reported by `check`, so that preview names it.
 */
export async function configure(req: dynamic.ConfigureRequest): Promise<void> {
    gateway = undefined;
    problem = undefined;
    try {
        settings = resolveSettings((key) => {
            const value = req.config.get(key);
            return value === "" ? undefined : value;
        }, process.env);
    } catch (err) {
        if (!(err instanceof ConfigurationError)) {
            throw err;
        }
        const property = /^(alicloud[-a-z]*:[A-Za-z]+|[A-Z_]+)/.exec(err.message)?.[1] ?? "configuration";
        problem = { property, reason: err.message };
        settings = resolveSettings(() => undefined, {});
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
