import * as assert from "node:assert/strict";
import { createAdaptiveRate, cubicRate, CUBIC_BETA } from "../../provider/ecs/adaptive-rate";
import { createCallRateLimiter, RateClock } from "../../provider/ecs/rate-limit";
import { RateLimitedGateway } from "../../provider/ecs/rate-limited-gateway";
import { SdkEcsGateway } from "../../provider/ecs/sdk-gateway";
import { withRetry } from "../../provider/ecs/retry";
import { createSemaphore } from "../../provider/ecs/semaphore";
import { EcsGateway } from "../../provider/ecs/gateway";
import { useEmulator } from "../support/emulator";
import { instanceIds, inventory, REGION, settingsFor } from "../support/fixtures";

/** A virtual clock: `sleep` moves time forward at once, so waits are measured, not spent. */
class VirtualClock implements RateClock {
    time = 0;
    readonly now = (): number => this.time;
    readonly sleep = async (ms: number): Promise<void> => {
        this.time += ms;
    };
}

/** Answers `count` calls `intervalMs` apart, as a steady caller would see them. */
function answerSteadily(rate: ReturnType<typeof createAdaptiveRate>, clock: VirtualClock, count: number, intervalMs: number): void {
    for (let i = 0; i < count; i++) {
        clock.time += intervalMs;
        rate.answered();
    }
}

describe("adaptive pacing (AWS SDK adaptive retry: cubic)", () => {
    it("never throttled, calls go at full speed: nobody waits and no rate is learned", async () => {
        const clock = new VirtualClock();
        const rate = createAdaptiveRate(clock);
        await Promise.all(Array.from({ length: 200 }, () => rate.take()));
        answerSteadily(rate, clock, 200, 1);
        assert.equal(clock.time, 200, "only the answers moved the clock");
        assert.equal(rate.rate(), undefined);
    });

    it("a throttling answer lowers the rate to β times the rate measured when it came", () => {
        const clock = new VirtualClock();
        const rate = createAdaptiveRate(clock);
        answerSteadily(rate, clock, 60, 50); // 20 answers per second for 3 s
        rate.throttled();
        const learned = rate.rate() ?? NaN;
        assert.ok(Math.abs(learned - CUBIC_BETA * 20) < 0.5, `about ${CUBIC_BETA * 20}/s; got ${learned}`);
    });

    it("once throttled, waiting callers are let through at the learned rate, in order", async () => {
        const clock = new VirtualClock();
        const rate = createAdaptiveRate(clock);
        answerSteadily(rate, clock, 60, 50);
        rate.throttled();
        const learned = rate.rate() ?? NaN;
        const started = clock.time;
        const order: number[] = [];
        await Promise.all(Array.from({ length: 11 }, (_, i) => rate.take().then(() => order.push(i))));
        assert.deepEqual(order, Array.from({ length: 11 }, (_, i) => i));
        const spentS = (clock.time - started) / 1000;
        assert.ok(spentS >= 10 / learned - 0.01, `11 calls at ${learned}/s need at least ${10 / learned} s; took ${spentS} s`);
    });

    it("the server's retry-after holds every caller of the operation for that long", async () => {
        const clock = new VirtualClock();
        const rate = createAdaptiveRate(clock);
        answerSteadily(rate, clock, 60, 50);
        rate.throttled(3000);
        const started = clock.time;
        await rate.take();
        assert.ok(clock.time - started >= 3000, `waited ${clock.time - started} ms`);
    });

    it("recovers over time: after the throttling stops, the rate climbs back past the rate it was throttled at", async () => {
        const clock = new VirtualClock();
        const rate = createAdaptiveRate(clock);
        answerSteadily(rate, clock, 60, 50);
        rate.throttled();
        const lowered = rate.rate() ?? NaN;
        // A caller that always has work: every call goes as soon as the pacing lets it.
        while (clock.time < 3000 + 10_000) {
            await rate.take();
            rate.answered();
        }
        const recovered = rate.rate() ?? NaN;
        assert.ok(recovered > 20, `back above the 20/s it was throttled at (lowered to ${lowered}, now ${recovered})`);
    });

    it("the cubic curve starts at β × the throttled rate and is back at it after K = ∛(w·(1−β)/C) seconds", () => {
        assert.ok(Math.abs(cubicRate(20, 0) - CUBIC_BETA * 20) < 1e-9);
        assert.ok(Math.abs(cubicRate(20, Math.cbrt(15)) - 20) < 1e-9);
        assert.ok(cubicRate(20, 6) > 20);
    });

    it("a ceiling caps the pace even while ECS never throttles", async () => {
        const clock = new VirtualClock();
        const limiter = createCallRateLimiter({ ceilingPerSecond: 5, clock });
        await Promise.all(Array.from({ length: 10 }, () => limiter.acquire("DescribeInstances", REGION)));
        assert.ok(clock.time >= 1000, `10 calls under a 5/s ceiling take at least 1 s after the burst of 5; took ${clock.time} ms`);
        assert.equal(limiter.learnedRate("DescribeInstances", REGION), undefined);
    });

    it("learns each ECS operation in each region on its own", () => {
        const clock = new VirtualClock();
        const limiter = createCallRateLimiter({ clock });
        limiter.throttled("RenewInstance", REGION);
        assert.notEqual(limiter.learnedRate("RenewInstance", REGION), undefined);
        assert.equal(limiter.learnedRate("RenewInstance", "cn-beijing"), undefined);
        assert.equal(limiter.learnedRate("DescribeInstances", REGION), undefined);
    });
});

describe("adaptive pacing against the emulator's flow control (real SDK over HTTP)", function () {
    this.timeout(120_000);
    const emu = useEmulator();
    const fleet = instanceIds(40, "i-q");
    const ALLOWANCE = 10;

    /** Quotes every instance of the fleet, 8 at a time, each retried until it succeeds. */
    async function quoteFleet(gateway: EcsGateway): Promise<void> {
        const slots = createSemaphore(8);
        const retry = { maxAttempts: 10_000, baseDelayMs: 20, maxDelayMs: 200, orderWaitMs: 0 };
        await Promise.all(fleet.map((id) => slots.run(() => withRetry(() => gateway.describeRenewalPrice(REGION, id, { period: 1, priceUnit: "Month" }), retry))));
    }

    async function throttledAnswers(): Promise<number> {
        return (await emu.control.faults())[0]?.fired ?? 0;
    }

    function flowControl(): Parameters<typeof emu.control.setFaults>[0] {
        return [{ action: "DescribeRenewalPrice", kind: "error", code: "Throttling.User", perSecond: ALLOWANCE, times: 1_000_000 }];
    }

    it(`under a flow control of ${ALLOWANCE} calls per second, gets fewer throttled answers than a fixed full-speed client, and speeds up again once it lifts`, async () => {
        const settings = settingsFor(emu);
        await emu.control.reset(inventory(fleet, []));

        await emu.control.setFaults(flowControl());
        await quoteFleet(new RateLimitedGateway(new SdkEcsGateway(settings), createCallRateLimiter({ adaptive: false })));
        const fixed = await throttledAnswers();

        await emu.control.setFaults(flowControl());
        const limiter = createCallRateLimiter();
        const adaptive = new RateLimitedGateway(new SdkEcsGateway(settings), limiter);
        await quoteFleet(adaptive);
        const paced = await throttledAnswers();
        const learned = limiter.learnedRate("DescribeRenewalPrice", REGION);

        assert.ok(fixed > 0, "the flow control throttled the fixed client");
        assert.ok(paced < fixed, `adaptive: ${paced} throttled answers; fixed full speed: ${fixed}`);
        assert.ok(learned !== undefined && learned < 2 * ALLOWANCE, `learned a rate near the allowance: ${learned}`);

        await emu.control.clearFaults();
        await quoteFleet(adaptive);
        await quoteFleet(adaptive);
        const recovered = limiter.learnedRate("DescribeRenewalPrice", REGION) ?? NaN;
        assert.ok(recovered > learned, `the rate rose again after the flow control lifted: ${learned} → ${recovered}`);
    });
});
