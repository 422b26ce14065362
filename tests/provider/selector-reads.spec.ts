import * as assert from "node:assert/strict";
import type { ResourceTag, SeedInventory } from "../../emulator";
import { SdkEcsGateway } from "../../provider/ecs/sdk-gateway";
import { createCallRateLimiter } from "../../provider/ecs/rate-limit";
import { RateLimitedGateway } from "../../provider/ecs/rate-limited-gateway";
import { EcsGateway, SelectedPage } from "../../provider/ecs/gateway";
import { useEmulator } from "../support/emulator";
import { activeReservedInstance, prepaidInstance, REGION, settingsFor } from "../support/fixtures";

const tags = (pairs: Record<string, string>): ResourceTag[] => Object.entries(pairs).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
const ZONE_H = `${REGION}-h`;
const ZONE_I = `${REGION}-i`;

/** A small tagged fleet, and 230 instances tagged `env=bulk` for paging. */
function fleet(): SeedInventory {
    return {
        instances: [
            prepaidInstance("i-web1", undefined, { InstanceName: "web-1", ZoneId: ZONE_H, ResourceGroupId: "rg-prod", Tags: tags({ env: "prod", app: "web" }) }),
            prepaidInstance("i-web2", undefined, { InstanceName: "web-2", ZoneId: ZONE_I, ResourceGroupId: "rg-prod", Tags: tags({ env: "prod", app: "web" }) }),
            prepaidInstance("i-db1", undefined, { InstanceName: "db-1", ZoneId: ZONE_I, ResourceGroupId: "rg-prod", Tags: tags({ env: "prod", app: "db" }) }),
            prepaidInstance("i-stage", undefined, { InstanceName: "web-3", ZoneId: ZONE_H, ResourceGroupId: "rg-staging", Tags: tags({ env: "staging", app: "web" }) }),
            prepaidInstance("i-payg", undefined, { InstanceName: "web-payg", InstanceChargeType: "PostPaid", ResourceGroupId: "rg-prod", Tags: tags({ env: "prod", app: "web" }) }),
            prepaidInstance("i-other", "2027-01-15T16:00Z", { RegionId: "cn-beijing", InstanceName: "web-9", Tags: tags({ env: "prod" }) }),
            ...Array.from({ length: 230 }, (_, k) => prepaidInstance(`i-bulk${String(k).padStart(3, "0")}`, undefined, { InstanceName: `bulk-${k}`, Tags: tags({ env: "bulk" }) })),
        ],
        reservedInstances: [
            { ...activeReservedInstance("ecsri-prod1"), ReservedInstanceName: "gold", Scope: "Zone", ZoneId: ZONE_H, ResourceGroupId: "rg-prod", Tags: tags({ env: "prod" }) },
            { ...activeReservedInstance("ecsri-prod2"), ResourceGroupId: "rg-other", Tags: tags({ env: "prod" }) },
            { ...activeReservedInstance("ecsri-expired"), Status: "Expired", ExpiredTime: "2026-01-01T16:00Z", ResourceGroupId: "rg-prod", Tags: tags({ env: "prod" }) },
            { ...activeReservedInstance("ecsri-stage"), Tags: tags({ env: "staging" }) },
        ],
    };
}

const ids = (page: SelectedPage): string[] => page.targets.map((t) => t.id).sort();

describe("gateway selector reads against the emulator (real SDK over HTTP)", () => {
    const emu = useEmulator({ seedEachTest: fleet });
    let gateway: EcsGateway;
    beforeEach(() => {
        gateway = new SdkEcsGateway(settingsFor(emu));
    });

    it("instances: only subscription instances of the region that carry every tag of the selector", async () => {
        assert.deepEqual(ids(await gateway.selectInstances(REGION, { tags: { env: "prod" } }, 1)), ["i-db1", "i-web1", "i-web2"]);
        assert.deepEqual(ids(await gateway.selectInstances(REGION, { tags: { env: "prod", app: "web" } }, 1)), ["i-web1", "i-web2"]);
    });

    it("instances: resource group, zone and name prefix narrow the match, all together", async () => {
        assert.deepEqual(ids(await gateway.selectInstances(REGION, { resourceGroupId: "rg-prod" }, 1)), ["i-db1", "i-web1", "i-web2"]);
        assert.deepEqual(ids(await gateway.selectInstances(REGION, { zoneId: ZONE_I }, 1)), ["i-db1", "i-web2"]);
        assert.deepEqual(ids(await gateway.selectInstances(REGION, { namePrefix: "web-" }, 1)), ["i-stage", "i-web1", "i-web2"]);
        assert.deepEqual(ids(await gateway.selectInstances(REGION, { namePrefix: "web-", zoneId: ZONE_H, tags: { env: "prod" } }, 1)), ["i-web1"]);
    });

    it("instances: a match reports its name, zone, resource group and tags", async () => {
        const [web1] = (await gateway.selectInstances(REGION, { namePrefix: "web-1" }, 1)).targets;
        assert.deepEqual({ ...web1, observedAt: undefined }, {
            id: "i-web1", status: "Running", expiredTime: "2027-01-15T16:00Z", chargeType: "PrePaid", observedAt: undefined,
            name: "web-1", zoneId: ZONE_H, resourceGroupId: "rg-prod", tags: { env: "prod", app: "web" },
        });
    });

    it("pages of 100 with the total count: 230 matches are 100, 100 and 30", async () => {
        const pages = await Promise.all([1, 2, 3].map((n) => gateway.selectInstances(REGION, { tags: { env: "bulk" } }, n)));
        assert.deepEqual(pages.map((p) => p.targets.length), [100, 100, 30]);
        assert.deepEqual(pages.map((p) => p.totalCount), [230, 230, 230]);
        assert.equal(new Set(pages.flatMap((p) => p.targets.map((t) => t.id))).size, 230);
    });

    it("reserved instances: only Active ones carrying every tag, filtered by zone and by resource group", async () => {
        assert.deepEqual(ids(await gateway.selectReservedInstances(REGION, { tags: { env: "prod" } }, 1)), ["ecsri-prod1", "ecsri-prod2"]);
        assert.deepEqual(ids(await gateway.selectReservedInstances(REGION, { zoneId: ZONE_H }, 1)), ["ecsri-prod1"]);
        assert.deepEqual(ids(await gateway.selectReservedInstances(REGION, { tags: { env: "prod" }, resourceGroupId: "rg-prod" }, 1)), ["ecsri-prod1"]);
        const [gold] = (await gateway.selectReservedInstances(REGION, { zoneId: ZONE_H }, 1)).targets;
        assert.equal(gold?.name, "gold");
    });

    it("a selector the API cannot express (21 tags, a * in the name prefix) is refused before any call", async () => {
        const many = Object.fromEntries(Array.from({ length: 21 }, (_, k) => [`k${k}`, "v"]));
        await assert.rejects(gateway.selectInstances(REGION, { tags: many }, 1), /at most 20 tags/);
        await assert.rejects(gateway.selectReservedInstances(REGION, { tags: many }, 1), /at most 20 tags/);
        await assert.rejects(gateway.selectInstances(REGION, { namePrefix: "web*" }, 1), /namePrefix/);
        assert.deepEqual((await emu.control.ledger()).calls, {});
    });

    it("the paced gateway reads selectors through the Describe action's pace", async () => {
        const limiter = createCallRateLimiter();
        const paced = new RateLimitedGateway(gateway, limiter);
        await emu.control.setFaults([{ action: "DescribeInstances", kind: "error", code: "Throttling.User", times: 1 }]);
        await assert.rejects(paced.selectInstances(REGION, { tags: { env: "prod" } }, 1), /Throttling/);
        assert.notEqual(limiter.learnedRate("DescribeInstances", REGION), undefined, "the throttling answer was learned under DescribeInstances");
    });
});
