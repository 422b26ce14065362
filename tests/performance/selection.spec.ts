import * as assert from "node:assert/strict";
import type { ResourceTag, SeedInventory } from "../../emulator";
import { SdkEcsGateway } from "../../provider/ecs/sdk-gateway";
import { createCallRateLimiter } from "../../provider/ecs/rate-limit";
import { RateLimitedGateway } from "../../provider/ecs/rate-limited-gateway";
import { readSelection } from "../../provider/ecs/selection";
import { withRetry } from "../../provider/ecs/retry";
import { useEmulator } from "../support/emulator";
import { prepaidInstance, REGION, settingsFor } from "../support/fixtures";

const PROD: ResourceTag[] = [{ TagKey: "env", TagValue: "prod" }];

/** 2,000 instances tagged env=prod between 500 untagged ones. */
function bigRegion(): SeedInventory {
    return {
        instances: Array.from({ length: 2500 }, (_, k) => prepaidInstance(`i-s${String(k).padStart(4, "0")}`, undefined, k % 5 === 4 ? {} : { Tags: PROD })),
        reservedInstances: [],
    };
}

describe("reading a whole selection (emulator, real SDK)", function () {
    this.timeout(60_000);
    const emu = useEmulator({ seedEachTest: bigRegion });

    it("2,000 matching instances are read with ceil(2000/100) = 20 DescribeInstances calls, each instance once", async () => {
        const settings = settingsFor(emu);
        const gateway = new RateLimitedGateway(new SdkEcsGateway(settings), createCallRateLimiter());
        const targets = await readSelection((n) => gateway.selectInstances(REGION, { tags: { env: "prod" } }, n), { call: (op) => withRetry(op, settings.retry), concurrency: 4 });
        assert.equal(targets.length, 2000);
        assert.equal(new Set(targets.map((t) => t.id)).size, 2000);
        assert.deepEqual((await emu.control.ledger()).calls, { DescribeInstances: 20 });
    });

    it("tells its progress after every page", async () => {
        const settings = settingsFor(emu);
        const gateway = new SdkEcsGateway(settings);
        const seen: string[] = [];
        await readSelection((n) => gateway.selectInstances(REGION, { tags: { env: "prod" } }, n), { call: (op) => op(), concurrency: 1, onPage: (read, total) => seen.push(`${read}/${total}`) });
        assert.deepEqual(seen, Array.from({ length: 20 }, (_, k) => `${(k + 1) * 100}/2000`));
    });
});
