import * as assert from "node:assert/strict";
import { SdkEcsGateway } from "../../provider/ecs/sdk-gateway";
import { EcsApiError, RenewalError } from "../../provider/core/errors";
import { LeaseLifecycle } from "../../provider/lifecycle/lease-lifecycle";
import { createCallRateLimiter, createTokenBucket, RateClock } from "../../provider/ecs/rate-limit";
import { RateLimitedGateway } from "../../provider/ecs/rate-limited-gateway";
import { DEFAULT_RETRY_POLICY, MAX_RETRY_AFTER_MS, retryDelay } from "../../provider/ecs/retry";
import { resolveSettings } from "../../provider/config/settings";
import { useEmulator } from "../support/emulator";
import { checked, instanceIds, inventory, REGION, settingsFor, urn } from "../support/fixtures";

/** A clock that stands still and records how long each caller was made to wait. */
class RecordingClock implements RateClock {
    time = 0;
    readonly waits: number[] = [];
    readonly now = (): number => this.time;
    readonly sleep = async (ms: number): Promise<void> => {
        this.waits.push(ms);
    };
}

describe("client-side rate limits", () => {
    it("a bucket lets one second's worth through at once, then one call per 1/rate seconds, in order", async () => {
        const clock = new RecordingClock();
        const bucket = createTokenBucket(10, undefined, clock);
        await Promise.all(Array.from({ length: 13 }, () => bucket.take()));
        // 10 at once (no wait recorded), then at 100, 200 and 300 ms.
        assert.deepEqual(clock.waits, [100, 200, 300]);
    });

    it("the bucket refills with time: after a quiet second the burst is available again", async () => {
        const clock = new RecordingClock();
        const bucket = createTokenBucket(5, undefined, clock);
        await Promise.all(Array.from({ length: 5 }, () => bucket.take()));
        clock.time = 1000;
        await Promise.all(Array.from({ length: 5 }, () => bucket.take()));
        assert.deepEqual(clock.waits, []);
    });

    it("a pause holds every caller for the asked time, then resumes at the steady rate, with no burst", async () => {
        const clock = new RecordingClock();
        const bucket = createTokenBucket(10, undefined, clock);
        bucket.pause(500);
        await Promise.all(Array.from({ length: 3 }, () => bucket.take()));
        assert.deepEqual(clock.waits, [500, 600, 700]);
    });

    it("keeps one bucket per ECS action and region (ECS throttles each operation per region)", async () => {
        const clock = new RecordingClock();
        const limiter = createCallRateLimiter({ ceilingPerSecond: 1, adaptive: false, clock });
        await limiter.acquire("RenewInstance", "cn-hangzhou");
        await limiter.acquire("RenewInstance", "cn-beijing");
        await limiter.acquire("DescribeInstances", "cn-hangzhou");
        assert.deepEqual(clock.waits, [], "three different buckets");
        await limiter.acquire("RenewInstance", "cn-hangzhou");
        assert.deepEqual(clock.waits, [1000]);
    });

    it("a throttled answer pauses its bucket for the server's retry-after", async () => {
        const clock = new RecordingClock();
        const limiter = createCallRateLimiter({ ceilingPerSecond: 100, adaptive: false, clock });
        limiter.throttled("RenewInstance", REGION, 2500);
        await limiter.acquire("RenewInstance", REGION);
        await limiter.acquire("DescribeInstances", REGION);
        assert.deepEqual(clock.waits, [2500]);
    });

    it("a retry waits at least the retry-after ECS asked for, at most 60 s", () => {
        const throttled = (retryAfterMs?: number): RenewalError => new EcsApiError({ action: "RenewInstance", ids: ["i-1"] }, "Throttling.User", 400, "R", "slow down", undefined, retryAfterMs);
        assert.equal(retryDelay(DEFAULT_RETRY_POLICY, 1, () => 0.5, throttled(3000)), 3000);
        assert.equal(retryDelay(DEFAULT_RETRY_POLICY, 1, () => 0.5, throttled(10)), 250, "the backoff when it is longer");
        assert.equal(retryDelay(DEFAULT_RETRY_POLICY, 1, () => 0.5, throttled()), 250);
        assert.equal(retryDelay(DEFAULT_RETRY_POLICY, 1, () => 0.5, throttled(10 * 60_000)), MAX_RETRY_AFTER_MS);
    });

    it("maxCallsPerSecond comes from alicloud-renewal:maxCallsPerSecond or ALICLOUD_RENEWAL_MAX_CALLS_PER_SECOND, is off by default, and must be positive", () => {
        const config = (values: Record<string, string>) => (key: string): string | undefined => values[key];
        assert.equal(resolveSettings(config({}), {}).maxCallsPerSecond, undefined);
        assert.equal(resolveSettings(config({}), { ALICLOUD_RENEWAL_MAX_CALLS_PER_SECOND: "5" }).maxCallsPerSecond, 5);
        assert.equal(resolveSettings(config({ "alicloud-renewal:maxCallsPerSecond": "2.5" }), { ALICLOUD_RENEWAL_MAX_CALLS_PER_SECOND: "5" }).maxCallsPerSecond, 2.5);
        for (const bad of ["0", "-1", "fast"]) {
            assert.throws(() => resolveSettings(config({ "alicloud-renewal:maxCallsPerSecond": bad }), {}), /alicloud-renewal:maxCallsPerSecond must be a positive number/);
        }
    });
});

describe("rate-limited renewals against the emulator (real SDK over HTTP)", function () {
    this.timeout(60_000);
    const emu = useEmulator();

    function rateLimitedProvider(ceilingPerSecond: number): LeaseLifecycle {
        const settings = settingsFor(emu, { retry: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 20 } });
        const gateway = new RateLimitedGateway(new SdkEcsGateway(settings), createCallRateLimiter({ ceilingPerSecond }));
        return new LeaseLifecycle({ settings: () => settings, gateway: () => gateway, announce: () => undefined });
    }

    it("a fleet renewal that ECS throttles twice finishes without surfacing the throttling, waits the retry-after, and charges once per instance", async () => {
        const fleet = instanceIds(6, "i-r");
        await emu.control.reset(inventory(fleet, []));
        await emu.control.setFaults([{ action: "RenewInstance", nth: 2, times: 2, kind: "error", code: "Throttling.User", retryAfterMs: 300 }]);
        const provider = rateLimitedProvider(1000);
        const started = Date.now();
        const { outs } = await provider.create(await checked(provider, { instanceIds: fleet, regionId: REGION, period: 1, periodUnit: "Month", term: "2027", leaseUrn: urn("throttled") }));
        const elapsed = Date.now() - started;
        const ledger = await emu.control.ledger();
        assert.equal(ledger.charges.length, 6);
        assert.equal(ledger.calls.RenewInstance, 8, "6 renewals and 2 throttled attempts");
        assert.equal(outs?.renewalCount, 1);
        assert.ok(elapsed >= 300, `the throttled calls waited the server's 300 ms retry-after (took ${elapsed} ms)`);
    });

    it("with a ceiling, calls are paced to maxCallsPerSecond per action: 15 renewals at 10/s take about half a second more than the burst", async () => {
        const fleet = instanceIds(15, "i-p");
        await emu.control.reset(inventory(fleet, []));
        await emu.control.clearFaults();
        const provider = rateLimitedProvider(10);
        const started = Date.now();
        await provider.create(await checked(provider, { instanceIds: fleet, regionId: REGION, period: 1, periodUnit: "Month", term: "2027", leaseUrn: urn("paced") }));
        const elapsed = Date.now() - started;
        assert.equal((await emu.control.ledger()).charges.length, 15);
        assert.ok(elapsed >= 450, `10 at once, then 5 more at 100 ms intervals (took ${elapsed} ms)`);
    });
});
