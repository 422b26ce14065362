import * as assert from "node:assert/strict";
import * as $Ecs from "@alicloud/ecs20140526";
import { ControlRequestError, DEMO_PROD_RESOURCE_GROUP, demoSeed, type ResourceTag, type SeedInventory, type SeedInstance, type SeedReservedInstance } from "../../emulator";
import { useEmulator } from "../support/emulator";
import { ecsClient, expectEcsError, REGION } from "./helpers";

const PROD_RG = "rg-prod";
const STAGING_RG = "rg-staging";
const BULK = 23;
const BULK_RIS = 12;
const bulkId = (n: number): string => `i-bulk${String(n).padStart(2, "0")}`;
const bulkRi = (n: number): string => `ecsri-bulk${String(n).padStart(2, "0")}`;

const tags = (pairs: Record<string, string>): ResourceTag[] => Object.entries(pairs).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));

function instance(InstanceId: string, InstanceName: string, more: Partial<SeedInstance> = {}): SeedInstance {
  return { InstanceId, InstanceName, RegionId: REGION, ZoneId: `${REGION}-h`, InstanceChargeType: "PrePaid", ExpiredTime: "2026-03-01T16:00Z", ...more };
}

function reserved(ReservedInstanceId: string, more: Partial<SeedReservedInstance> = {}): SeedReservedInstance {
  return { ReservedInstanceId, RegionId: REGION, Status: "Active", ExpiredTime: "2026-06-01T16:00Z", ...more };
}

/**
 * A small tagged fleet in cn-hangzhou (plus a prod instance in cn-beijing), and a bulk of 23 instances
 * and 12 reserved instances tagged `env=bulk` between untagged ones, for paging.
 */
function fleetSeed(): SeedInventory {
  return {
    now: "2026-01-10T08:00:00Z",
    instances: [
      instance("i-web1", "web-1", { ResourceGroupId: PROD_RG, Tags: tags({ env: "prod", app: "web" }) }),
      instance("i-web2", "web-2", { ZoneId: `${REGION}-i`, ResourceGroupId: PROD_RG, Tags: tags({ env: "prod", app: "web" }) }),
      instance("i-web3", "web-3", { ResourceGroupId: STAGING_RG, Tags: tags({ env: "staging", app: "web" }) }),
      instance("i-db1", "db-1", { ZoneId: `${REGION}-i`, ResourceGroupId: PROD_RG, Tags: tags({ env: "prod", app: "db" }) }),
      instance("i-batch1", "batch-1", { InstanceChargeType: "PostPaid", ResourceGroupId: PROD_RG, Tags: tags({ env: "prod", app: "batch" }) }),
      instance("i-untagged", "web-untagged"),
      instance("i-upper", "Web-4", { Tags: tags({ env: "Prod" }) }),
      instance("i-dotted", "api.v2", { Tags: tags({ app: "api" }) }),
      instance("i-beijing", "web-1", { RegionId: "cn-beijing", ZoneId: "cn-beijing-h", Tags: tags({ env: "prod", app: "web" }) }),
      ...Array.from({ length: BULK * 2 }, (_, k) =>
        k % 2 === 0 ? instance(bulkId(k / 2 + 1), `bulk-${k / 2 + 1}`, { Tags: tags({ env: "bulk" }) }) : instance(`i-filler${k}`, `filler${k}`),
      ),
    ],
    reservedInstances: [
      reserved("ecsri-prod1", { Scope: "Zone", ZoneId: `${REGION}-h`, ResourceGroupId: PROD_RG, Tags: tags({ env: "prod", tier: "gold" }) }),
      reserved("ecsri-prod2", { ResourceGroupId: PROD_RG, Tags: tags({ env: "prod", tier: "silver" }) }),
      reserved("ecsri-prod3", { Status: "Expired", ExpiredTime: "2026-01-01T16:00Z", ResourceGroupId: PROD_RG, Tags: tags({ env: "prod", tier: "gold" }) }),
      reserved("ecsri-staging1", { Scope: "Zone", ZoneId: `${REGION}-i`, ResourceGroupId: STAGING_RG, Tags: tags({ env: "staging" }) }),
      reserved("ecsri-untagged"),
      reserved("ecsri-beijing", { RegionId: "cn-beijing", Tags: tags({ env: "prod" }) }),
      ...Array.from({ length: BULK_RIS * 2 }, (_, k) => (k % 2 === 0 ? reserved(bulkRi(k / 2 + 1), { Tags: tags({ env: "bulk" }) }) : reserved(`ecsri-filler${k}`))),
    ],
  };
}

const tagFilter = (pairs: Record<string, string | undefined>) => Object.entries(pairs).map(([key, value]) => ({ key, value }));

describe("emulator: Describe filters for fleet selectors (tags, resource group, zone, charge type, name)", () => {
  const emu = useEmulator({ seed: fleetSeed() });

  const describeInstances = (req: Partial<$Ecs.DescribeInstancesRequest>) =>
    ecsClient(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, pageSize: 100, ...req }));
  const instanceIds = async (req: Partial<$Ecs.DescribeInstancesRequest>): Promise<string[]> =>
    ((await describeInstances(req)).body?.instances?.instance ?? []).map((i) => i.instanceId ?? "");
  const withTags = (pairs: Record<string, string | undefined>) => tagFilter(pairs).map((t) => new $Ecs.DescribeInstancesRequestTag(t));

  const describeRis = (req: Partial<$Ecs.DescribeReservedInstancesRequest>) =>
    ecsClient(emu).describeReservedInstances(new $Ecs.DescribeReservedInstancesRequest({ regionId: REGION, pageSize: 100, ...req }));
  const riIds = async (req: Partial<$Ecs.DescribeReservedInstancesRequest>): Promise<string[]> =>
    ((await describeRis(req)).body?.reservedInstances?.reservedInstance ?? []).map((r) => r.reservedInstanceId ?? "");
  const riTags = (pairs: Record<string, string | undefined>) => tagFilter(pairs).map((t) => new $Ecs.DescribeReservedInstancesRequestTag(t));

  describe("DescribeInstances", () => {
    it("Tag.1 selects exactly the instances of the region that carry that key and value", async () => {
      assert.deepEqual(await instanceIds({ tag: withTags({ env: "prod" }) }), ["i-web1", "i-web2", "i-db1", "i-batch1"]);
    });

    it("several Tag.N pairs select only the instances that carry all of them", async () => {
      assert.deepEqual(await instanceIds({ tag: withTags({ env: "prod", app: "web" }) }), ["i-web1", "i-web2"]);
      assert.deepEqual(await instanceIds({ tag: withTags({ env: "staging", app: "db" }) }), []);
    });

    it("compares tag keys and values case-sensitively", async () => {
      assert.deepEqual(await instanceIds({ tag: withTags({ env: "Prod" }) }), ["i-upper"]);
      assert.deepEqual(await instanceIds({ tag: withTags({ ENV: "prod" }) }), []);
    });

    it("a Tag.N.Key without a value selects every instance that carries the key", async () => {
      assert.deepEqual(await instanceIds({ tag: withTags({ app: undefined }) }), ["i-web1", "i-web2", "i-web3", "i-db1", "i-batch1", "i-dotted"]);
    });

    it("reports each instance's tags as Tags.Tag[] of TagKey/TagValue, and its ResourceGroupId", async () => {
      const [web1, untagged] = (await describeInstances({ instanceIds: JSON.stringify(["i-web1", "i-untagged"]) })).body?.instances?.instance ?? [];
      assert.deepEqual(
        web1.tags?.tag?.map((t) => [t.tagKey, t.tagValue]),
        [
          ["env", "prod"],
          ["app", "web"],
        ],
      );
      assert.equal(web1.resourceGroupId, PROD_RG);
      assert.deepEqual(untagged.tags?.tag, []);
      assert.equal(untagged.resourceGroupId, "");
    });

    it("ResourceGroupId selects the instances of that resource group", async () => {
      assert.deepEqual(await instanceIds({ resourceGroupId: STAGING_RG }), ["i-web3"]);
      assert.deepEqual(await instanceIds({ resourceGroupId: "rg-none" }), []);
    });

    it("ZoneId selects the instances of that zone", async () => {
      assert.deepEqual(await instanceIds({ zoneId: `${REGION}-i` }), ["i-web2", "i-db1"]);
    });

    it("InstanceChargeType=PrePaid leaves the pay-as-you-go instances out of a tag selection", async () => {
      assert.deepEqual(await instanceIds({ tag: withTags({ env: "prod" }), instanceChargeType: "PrePaid" }), ["i-web1", "i-web2", "i-db1"]);
      assert.deepEqual(await instanceIds({ tag: withTags({ env: "prod" }), instanceChargeType: "PostPaid" }), ["i-batch1"]);
    });

    it("InstanceName without * matches the whole name only", async () => {
      assert.deepEqual(await instanceIds({ instanceName: "web-1" }), ["i-web1"]);
      assert.deepEqual(await instanceIds({ instanceName: "web" }), []);
    });

    it("InstanceName with * matches any run of characters there, case-sensitively", async () => {
      assert.deepEqual(await instanceIds({ instanceName: "web-*" }), ["i-web1", "i-web2", "i-web3", "i-untagged"]);
      assert.deepEqual(await instanceIds({ instanceName: "*-1" }), ["i-web1", "i-db1", "i-batch1", bulkId(1)]);
      assert.deepEqual(await instanceIds({ instanceName: "w*b-*2" }), ["i-web2"]);
      assert.deepEqual(await instanceIds({ instanceName: "web-1*" }), ["i-web1"], "* also matches nothing");
    });

    it("InstanceName takes every character but * literally", async () => {
      assert.deepEqual(await instanceIds({ instanceName: "api.*" }), ["i-dotted"]);
      assert.deepEqual(await instanceIds({ instanceName: "api?v2" }), []);
      assert.deepEqual(await instanceIds({ instanceName: "web.1*" }), []);
    });

    it("combines every filter with logical AND", async () => {
      const ids = await instanceIds({
        tag: withTags({ env: "prod" }),
        resourceGroupId: PROD_RG,
        zoneId: `${REGION}-h`,
        instanceChargeType: "PrePaid",
        instanceName: "web-*",
      });
      assert.deepEqual(ids, ["i-web1"]);
    });

    it("pages through a tag selection by PageNumber with TotalCount counting the selection", async () => {
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const res = await describeInstances({ tag: withTags({ env: "bulk" }), pageNumber: page, pageSize: 10 });
        assert.equal(res.body?.totalCount, BULK);
        seen.push(...(res.body?.instances?.instance ?? []).map((i) => i.instanceId ?? ""));
      }
      assert.deepEqual(seen, Array.from({ length: BULK }, (_, k) => bulkId(k + 1)));
    });

    it("pages through a tag selection by NextToken/MaxResults and ends with an empty NextToken", async () => {
      const seen: string[] = [];
      let token: string | undefined;
      let calls = 0;
      do {
        const res = await describeInstances({ tag: withTags({ env: "bulk" }), pageSize: undefined, maxResults: 10, nextToken: token });
        seen.push(...(res.body?.instances?.instance ?? []).map((i) => i.instanceId ?? ""));
        token = res.body?.nextToken || undefined;
        calls += 1;
      } while (token && calls < 10);
      assert.equal(calls, 3);
      assert.deepEqual(seen, Array.from({ length: BULK }, (_, k) => bulkId(k + 1)));
    });

    it("accepts 20 Tag.N pairs and answers Tag.21 with 400 InvalidParameter", async () => {
      const twenty = Array.from({ length: 20 }, () => new $Ecs.DescribeInstancesRequestTag({ key: "env", value: "prod" }));
      assert.deepEqual(await instanceIds({ tag: twenty }), ["i-web1", "i-web2", "i-db1", "i-batch1"]);
      await expectEcsError(describeInstances({ tag: [...twenty, new $Ecs.DescribeInstancesRequestTag({ key: "env", value: "prod" })] }), "InvalidParameter", 400);
    });

    it("answers a Tag.N.Value without its Tag.N.Key with 400 MissingParameter", async () => {
      await expectEcsError(describeInstances({ tag: [new $Ecs.DescribeInstancesRequestTag({ value: "prod" })] }), "MissingParameter", 400);
    });
  });

  describe("DescribeReservedInstances", () => {
    it("Tag.1 selects the reserved instances of the region that carry that key and value, whatever their status", async () => {
      assert.deepEqual(await riIds({ tag: riTags({ env: "prod" }) }), ["ecsri-prod1", "ecsri-prod2", "ecsri-prod3"]);
    });

    it("Status.1=Active with tags leaves expired reserved instances out", async () => {
      assert.deepEqual(await riIds({ tag: riTags({ env: "prod" }), status: ["Active"] }), ["ecsri-prod1", "ecsri-prod2"]);
    });

    it("several Tag.N pairs select only the reserved instances that carry all of them", async () => {
      assert.deepEqual(await riIds({ tag: riTags({ env: "prod", tier: "gold" }) }), ["ecsri-prod1", "ecsri-prod3"]);
      assert.deepEqual(await riIds({ tag: riTags({ env: "staging", tier: "gold" }) }), []);
    });

    it("reports each reserved instance's tags as Tags.Tag[] of TagKey/TagValue, and its ResourceGroupId", async () => {
      const [prod1, untagged] = (await describeRis({ reservedInstanceId: ["ecsri-prod1", "ecsri-untagged"] })).body?.reservedInstances?.reservedInstance ?? [];
      assert.deepEqual(
        prod1.tags?.tag?.map((t) => [t.tagKey, t.tagValue]),
        [
          ["env", "prod"],
          ["tier", "gold"],
        ],
      );
      assert.equal(prod1.resourceGroupId, PROD_RG);
      assert.deepEqual(untagged.tags?.tag, []);
      assert.equal(untagged.resourceGroupId, "");
    });

    it("ZoneId selects the zone-scoped reserved instances of that zone", async () => {
      assert.deepEqual(await riIds({ zoneId: `${REGION}-h` }), ["ecsri-prod1"]);
      assert.deepEqual(await riIds({ zoneId: `${REGION}-i`, tag: riTags({ env: "staging" }) }), ["ecsri-staging1"]);
    });

    it("pages through a tag selection with TotalCount counting the selection", async () => {
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const res = await describeRis({ tag: riTags({ env: "bulk" }), pageNumber: page, pageSize: 5 });
        assert.equal(res.body?.totalCount, BULK_RIS);
        seen.push(...(res.body?.reservedInstances?.reservedInstance ?? []).map((r) => r.reservedInstanceId ?? ""));
      }
      assert.deepEqual(seen, Array.from({ length: BULK_RIS }, (_, k) => bulkRi(k + 1)));
    });

    it("answers Tag.21 with 400 InvalidParameter", async () => {
      const many = Array.from({ length: 21 }, () => new $Ecs.DescribeReservedInstancesRequestTag({ key: "env", value: "prod" }));
      await expectEcsError(describeRis({ tag: many }), "InvalidParameter", 400);
    });
  });

  describe("seeds", () => {
    const refused = async (seed: SeedInventory, message: RegExp): Promise<void> => {
      const before = await emu.control.state();
      await assert.rejects(emu.control.reset(seed), (e: unknown) => e instanceof ControlRequestError && e.status === 400 && message.test(e.message));
      assert.deepEqual((await emu.control.state()).instances, before.instances, "a refused seed changes nothing");
    };

    it("refuses a resource that gives one tag key twice, and changes nothing", async () => {
      await refused({ instances: [instance("i-x", "x", { Tags: tags({ env: "prod" }).concat(tags({ env: "staging" })) })], reservedInstances: [] }, /i-x: Tags .*env twice/);
    });

    it("refuses a resource with more than 20 tags", async () => {
      const many = Array.from({ length: 21 }, (_, k) => ({ TagKey: `k${k}`, TagValue: "v" }));
      await refused({ instances: [], reservedInstances: [reserved("ecsri-x", { Tags: many })] }, /ecsri-x: Tags .*at most 20/);
    });

    it("refuses tags that are not { TagKey, TagValue } objects", async () => {
      const bad = { instances: [{ ...instance("i-x", "x"), Tags: { env: "prod" } }], reservedInstances: [] } as unknown as SeedInventory;
      await refused(bad, /i-x: Tags must be an array/);
    });
  });

  describe("the demo inventory", () => {
    const DEMO_NOW = new Date("2026-01-10T08:00:00Z");

    beforeEach(async () => {
      await emu.control.reset({ ...demoSeed(DEMO_NOW), now: DEMO_NOW.toISOString() });
    });

    it("keeps its ids and expiries: PrePaid in 5, 20 and 75 days, reserved instances every 7 days from 3", async () => {
      const seed = demoSeed(DEMO_NOW);
      assert.deepEqual(
        seed.instances.map((i) => [i.InstanceId, i.InstanceChargeType, i.ExpiredTime]),
        [
          ["i-bp1demo0000000000001", "PrePaid", "2026-01-15T16:00Z"],
          ["i-bp1demo0000000000002", "PrePaid", "2026-01-30T16:00Z"],
          ["i-bp1demo0000000000003", "PrePaid", "2026-03-26T16:00Z"],
          ["i-bp1demo0000000000004", "PostPaid", undefined],
        ],
      );
      assert.deepEqual(
        seed.reservedInstances.map((r) => [r.ReservedInstanceId, r.ExpiredTime]),
        Array.from({ length: 12 }, (_, k) => [`ecsri-bp1demo${String(k + 1).padStart(8, "0")}`, new Date(Date.UTC(2026, 0, 10 + 3 + 7 * k, 16)).toISOString().slice(0, 16) + "Z"]),
      );
    });

    it("env=prod subscriptions are web-1 and db-1; env=staging is web-2", async () => {
      assert.deepEqual(await instanceIds({ tag: withTags({ env: "prod" }), instanceChargeType: "PrePaid" }), ["i-bp1demo0000000000001", "i-bp1demo0000000000003"]);
      assert.deepEqual(await instanceIds({ tag: withTags({ env: "staging" }), instanceChargeType: "PrePaid" }), ["i-bp1demo0000000000002"]);
      assert.deepEqual(await instanceIds({ resourceGroupId: DEMO_PROD_RESOURCE_GROUP, instanceChargeType: "PrePaid" }), ["i-bp1demo0000000000001", "i-bp1demo0000000000003"]);
    });

    it("the odd-numbered reserved instances are env=prod, the even-numbered env=staging", async () => {
      const odd = [1, 3, 5, 7, 9, 11].map((n) => `ecsri-bp1demo${String(n).padStart(8, "0")}`);
      const even = [2, 4, 6, 8, 10, 12].map((n) => `ecsri-bp1demo${String(n).padStart(8, "0")}`);
      assert.deepEqual(await riIds({ tag: riTags({ env: "prod" }), status: ["Active"] }), odd);
      assert.deepEqual(await riIds({ tag: riTags({ env: "staging" }) }), even);
    });
  });
});
