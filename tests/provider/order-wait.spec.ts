/**
 * "ECS is still processing an order" answers (LastTokenProcessing, LastOrderProcessing,
 * Idempotence.Processing) are waited out for a time budget, not a number of attempts: a
 * recovery run that meets an order still in progress completes instead of giving up.
 */
import * as assert from "node:assert/strict";
import { EcsApiError, OrderStillProcessingError } from "../../provider/core/errors";
import { withRetry, RetryEffects } from "../../provider/ecs/retry";
import { resolveSettings } from "../../provider/config/settings";

const CONTEXT = { action: "RenewInstance", ids: ["i-t000"], clientToken: "rl1-x" };
const processing = (): EcsApiError => new EcsApiError(CONTEXT, "LastTokenProcessing", 403, "req-1", "The last token request is processing.");

/** Sleep that only counts, and the largest jitter. */
function counting(): RetryEffects & { slept: number } {
    const effects = { slept: 0, random: () => 0.999, sleep: async (ms: number) => { effects.slept += ms; } };
    return effects;
}

describe("waiting for an order ECS is still processing", () => {
    const policy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 4000, orderWaitMs: 60_000 };

    it("keeps retrying past maxAttempts while the budget lasts, and returns the answer", async () => {
        let attempts = 0;
        const result = await withRetry(async () => {
            attempts++;
            if (attempts <= 10) {
                throw processing();
            }
            return "order-1";
        }, policy, counting());
        assert.equal(result, "order-1");
        assert.equal(attempts, 11);
    });

    it("gives up once the waits reach the budget, saying the order may still complete and that up is safe to run again", async () => {
        const effects = counting();
        const error = await withRetry(async () => { throw processing(); }, policy, effects).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof OrderStillProcessingError);
        assert.equal(effects.slept, 60_000);
        assert.equal(error.code, "LastTokenProcessing");
        assert.equal(error.requestId, "req-1");
        assert.match(error.message, /still processing the order after 60 s/);
        assert.match(error.message, /may still complete/);
        assert.match(error.message, /Running `pulumi up` again is safe/);
    });

    it("still gives up on other transient errors after maxAttempts", async () => {
        let attempts = 0;
        await assert.rejects(withRetry(async () => { attempts++; throw new EcsApiError(CONTEXT, "InternalError", 500, "req-2", ""); }, policy, counting()));
        assert.equal(attempts, 3);
    });

    it("waits 5 minutes by default; alicloud-renewal:orderWaitSeconds sets it", () => {
        assert.equal(resolveSettings(() => undefined, {}).retry.orderWaitMs, 300_000);
        assert.equal(resolveSettings((k) => (k === "alicloud-renewal:orderWaitSeconds" ? "90" : undefined), {}).retry.orderWaitMs, 90_000);
        assert.equal(resolveSettings(() => undefined, { ALICLOUD_RENEWAL_ORDER_WAIT_SECONDS: "30" }).retry.orderWaitMs, 30_000);
        assert.throws(() => resolveSettings((k) => (k === "alicloud-renewal:orderWaitSeconds" ? "soon" : undefined), {}), /orderWaitSeconds must be a positive number/);
    });
});
