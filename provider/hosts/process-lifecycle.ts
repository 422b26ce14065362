/**
 * One provider process's lifecycle, as both hosts wire it: a settings holder (replaced by the
 * host's configure step), the SDK gateway paced per (action, region), and one read batcher, one
 * region listing and one set of overlap claims shared by every lease the engine sends the
 * process. The dynamic host holds one per Node.js module cache, the plugin one per process.
 */
import { ProviderSettings } from "../config/settings";
import { ValidationFailure } from "../core/validation";
import { EcsGateway } from "../ecs/gateway";
import { createCallRateLimiter } from "../ecs/rate-limit";
import { RateLimitedGateway } from "../ecs/rate-limited-gateway";
import { createReadBatcher } from "../ecs/read-batcher";
import { createRegionListing } from "../ecs/region-listing";
import { withRetry } from "../ecs/retry";
import { SdkEcsGateway } from "../ecs/sdk-gateway";
import { LeaseLifecycle } from "../lifecycle/lease-lifecycle";

/** Settings as a host resolved them, and the problem found resolving them (reported by `check`). */
export interface ResolvedSettings {
    /** The settings to use. */
    readonly settings: ProviderSettings;
    /** A bad setting, named as the host's users write it; every lease's `check` reports it. */
    readonly problem?: ValidationFailure;
}

/** The lifecycle of one process and the handle its host configures it through. */
export interface ProcessLifecycle {
    /** The lifecycle every lease of the process uses. */
    readonly lifecycle: LeaseLifecycle;
    /** Replaces the settings; the next ECS call uses a gateway built for them. */
    configure(resolved: ResolvedSettings): void;
}

/** Options of {@link wireProcessLifecycle}. */
export interface ProcessLifecycleOptions {
    /** The settings before the host's configure step (from the environment alone). */
    readonly initial: () => ResolvedSettings;
    /** Where the lifecycle's announcements go (default: the process's stderr). */
    readonly announce?: (line: string) => void;
    /** The gateway for some settings (default: the official SDK, paced adaptively under the optional ceiling). */
    readonly gatewayFor?: (settings: ProviderSettings) => EcsGateway;
}

/** Wires a process's lifecycle. */
export function wireProcessLifecycle(options: ProcessLifecycleOptions): ProcessLifecycle {
    let resolved: ResolvedSettings | undefined;
    let gateway: EcsGateway | undefined;
    const current = (): ResolvedSettings => (resolved ??= options.initial());
    const currentSettings = (): ProviderSettings => current().settings;
    const currentGateway = (): EcsGateway => {
        const s = currentSettings();
        gateway ??= options.gatewayFor ? options.gatewayFor(s) : new RateLimitedGateway(new SdkEcsGateway(s), createCallRateLimiter({ ceilingPerSecond: s.maxCallsPerSecond }));
        return gateway;
    };
    const call = <T>(operation: () => Promise<T>): Promise<T> => withRetry(operation, currentSettings().retry);
    const reads = createReadBatcher({ gateway: currentGateway, call });
    const listing = createRegionListing({ gateway: currentGateway, call, readIds: (kind, regionId, ids) => reads.read(kind, regionId, ids) });
    const lifecycle = new LeaseLifecycle({
        settings: currentSettings,
        gateway: currentGateway,
        configurationProblem: () => current().problem,
        ...(options.announce ? { announce: options.announce } : {}),
        reads,
        listing,
    });
    return {
        lifecycle,
        configure(next) {
            resolved = next;
            gateway = undefined;
        },
    };
}
