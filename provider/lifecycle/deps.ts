/** What the lifecycle needs from the host that runs it. */
import { TargetClaims } from "../core/target-claims";
import { ProviderSettings } from "../config/settings";
import { EcsGateway } from "../ecs/gateway";
import { ReadBatcher } from "../ecs/read-batcher";
import { RegionListing } from "../ecs/region-listing";
import { AttemptFailure, RetryEffects } from "../ecs/retry";

/** What the lifecycle needs from its host. */
export interface LeaseLifecycleDeps {
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
     * Which lease claims which target, to refuse overlaps (see `target-claims.ts`); share one
     * per process. Default: one of this provider's own.
     */
    readonly claims?: TargetClaims;
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
