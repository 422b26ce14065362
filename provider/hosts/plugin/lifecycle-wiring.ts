/**
 * The plugin process's lifecycle, wired as the dynamic provider process wires its own: one
 * settings holder (set by Configure), one paced SDK gateway, one read batcher, one region
 * listing and one set of overlap claims for every lease the engine sends this process.
 */
import { ProviderSettings, resolveSettings } from "../../config/settings";
import { EcsGateway } from "../../ecs/gateway";
import { createCallRateLimiter } from "../../ecs/rate-limit";
import { RateLimitedGateway } from "../../ecs/rate-limited-gateway";
import { createReadBatcher } from "../../ecs/read-batcher";
import { createRegionListing } from "../../ecs/region-listing";
import { withRetry } from "../../ecs/retry";
import { SdkEcsGateway } from "../../ecs/sdk-gateway";
import { LeaseLifecycle } from "../../lifecycle/lease-lifecycle";
import { ConfigProblem, ConfiguredSettings } from "./config";

/** The lifecycle of one plugin process and the handle Configure sets its settings through. */
export interface PluginLifecycle {
    readonly lifecycle: LeaseLifecycle;
    /** Replaces the settings (Configure); the next ECS call uses a gateway built for them. */
    configure(configured: ConfiguredSettings): void;
}

/**
 * Wires a lifecycle.
 * @param announce - Where the lifecycle's announcements go.
 * @param gatewayFor - The gateway for some settings (default: the SDK, paced by the rate limits).
 */
export function wirePluginLifecycle(announce: (line: string) => void, gatewayFor?: (settings: ProviderSettings) => EcsGateway): PluginLifecycle {
    // Before Configure (never, with the engine) the environment alone decides.
    let settings: ProviderSettings | undefined;
    let problem: ConfigProblem | undefined;
    let gateway: EcsGateway | undefined;
    const currentSettings = (): ProviderSettings => {
        settings ??= resolveSettings(() => undefined, process.env);
        return settings;
    };
    const currentGateway = (): EcsGateway => {
        const s = currentSettings();
        gateway ??= gatewayFor ? gatewayFor(s) : new RateLimitedGateway(new SdkEcsGateway(s), createCallRateLimiter({ ceilingPerSecond: s.maxCallsPerSecond }));
        return gateway;
    };
    const call = <T>(operation: () => Promise<T>): Promise<T> => withRetry(operation, currentSettings().retry);
    const reads = createReadBatcher({ gateway: currentGateway, call });
    const listing = createRegionListing({ gateway: currentGateway, call, readIds: (kind, regionId, ids) => reads.read(kind, regionId, ids) });
    const lifecycle = new LeaseLifecycle({
        settings: currentSettings,
        gateway: currentGateway,
        configurationProblem: () => (problem ? { property: /^[A-Z_]+$/.test(problem.property) ? problem.property : `alicloud-renewal:${problem.property}`, reason: problem.reason } : undefined),
        announce,
        reads,
        listing,
    });
    return {
        lifecycle,
        configure(configured) {
            settings = configured.settings;
            problem = configured.problem;
            gateway = undefined;
        },
    };
}
