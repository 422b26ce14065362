import * as assert from "node:assert/strict";
import { SdkEcsGateway } from "../../provider/ecs/sdk-gateway";
import { createReadBatcher } from "../../provider/ecs/read-batcher";
import { createRegionListing, RegionListing } from "../../provider/ecs/region-listing";
import { useEmulator } from "../support/emulator";
import { instanceIds, inventory, REGION, settingsFor } from "../support/fixtures";

describe("region listing read-ahead (refresh and preview reads)", function () {
    this.timeout(60_000);
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(250), []) });
    let gateway: SdkEcsGateway;

    beforeEach(() => {
        gateway = new SdkEcsGateway(settingsFor(emu));
    });

    function listing(maxTargets?: number): RegionListing {
        const reads = createReadBatcher({ gateway: () => gateway });
        return createRegionListing({ gateway: () => gateway, call: (op) => op(), readIds: (k, r, ids) => reads.read(k, r, ids), ...(maxTargets ? { maxTargets } : {}) });
    }
    async function describeCalls(): Promise<number> {
        return (await emu.control.ledger()).calls.DescribeInstances ?? 0;
    }

    it("answers 250 one-instance reads, made one after another, with ceil(250 / 100) listing calls", async () => {
        const reads = listing();
        for (const id of instanceIds(250)) {
            const found = await reads.read("instance", REGION, [id]);
            assert.equal(found.get(id)?.expiredTime, "2027-01-15T16:00Z");
        }
        assert.equal(await describeCalls(), 3);
    });

    it("falls back to id reads when the region holds more than the listing limit", async () => {
        const reads = listing(100);
        await reads.read("instance", REGION, ["i-t000"]);
        await reads.read("instance", REGION, ["i-t001"]);
        // One first page to learn the region's size, then one id read each.
        assert.equal(await describeCalls(), 3);
    });

    it("reads an id written by this process after the listing fresh, so a renewal shows", async () => {
        const reads = listing();
        await reads.read("instance", REGION, ["i-t000"]);
        await gateway.renewInstance({ regionId: REGION, instanceId: "i-t000", period: 1, periodUnit: "Month", clientToken: "rl1-listing-test" });
        reads.written(["i-t000"]);
        const after = await reads.read("instance", REGION, ["i-t000"]);
        assert.equal(after.get("i-t000")?.expiredTime, "2027-02-15T16:00Z");
    });

    it("confirms an id missing from the listing with an id read before reporting it gone", async () => {
        const reads = listing();
        await reads.read("instance", REGION, ["i-t000"]);
        const before = await describeCalls();
        const found = await reads.read("instance", REGION, ["i-nosuch1"]);
        assert.equal(found.size, 0);
        assert.equal(await describeCalls(), before + 1);
    });
});
