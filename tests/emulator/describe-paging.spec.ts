import * as assert from "node:assert/strict";
import * as $Ecs from "@alicloud/ecs20140526";
import type { SeedInventory } from "../../emulator";
import { useEmulator } from "../support/emulator";
import { ecsClient, expectEcsError, REGION } from "./helpers";

const INSTANCES = 25;
const RESERVED = 23;
const iid = (n: number): string => `i-p${String(n).padStart(3, "0")}`;
const rid = (n: number): string => `ecsri-p${String(n).padStart(3, "0")}`;

/** 25 instances (every fifth PostPaid) and 23 reserved instances in cn-hangzhou, plus one of each in cn-beijing. */
function pagingSeed(): SeedInventory {
  return {
    now: "2026-01-10T08:00:00Z",
    instances: [
      ...Array.from({ length: INSTANCES }, (_, k) => ({
        InstanceId: iid(k + 1),
        RegionId: REGION,
        InstanceChargeType: (k + 1) % 5 === 0 ? "PostPaid" : "PrePaid",
        Status: "Running",
        ExpiredTime: `2026-03-${String((k % 28) + 1).padStart(2, "0")}T16:00Z`,
        InstanceType: "ecs.g7.large",
      })),
      { InstanceId: "i-elsewhere", RegionId: "cn-beijing", InstanceChargeType: "PrePaid", Status: "Running", ExpiredTime: "2026-03-01T16:00Z", InstanceType: "ecs.g7.large" },
    ],
    reservedInstances: [
      ...Array.from({ length: RESERVED }, (_, k) => ({
        ReservedInstanceId: rid(k + 1),
        RegionId: REGION,
        Status: k < 20 ? "Active" : "Expired",
        ExpiredTime: k < 20 ? "2026-06-01T16:00Z" : "2026-01-01T16:00Z",
        InstanceType: k % 2 === 0 ? "ecs.g7.large" : "ecs.c7.xlarge",
      })),
      { ReservedInstanceId: "ecsri-elsewhere", RegionId: "cn-beijing", Status: "Active", ExpiredTime: "2026-06-01T16:00Z" },
    ],
  };
}

describe("emulator: Describe paging and filters", () => {
  const emu = useEmulator({ seed: pagingSeed() });

  const describeInstances = (req: Partial<$Ecs.DescribeInstancesRequest>) =>
    ecsClient(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, ...req }));
  const describeRis = (req: Partial<$Ecs.DescribeReservedInstancesRequest>) =>
    ecsClient(emu).describeReservedInstances(new $Ecs.DescribeReservedInstancesRequest({ regionId: REGION, ...req }));

  describe("DescribeInstances", () => {
    it("walks every instance of the region with PageNumber/PageSize and reports TotalCount", async () => {
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const res = await describeInstances({ pageNumber: page, pageSize: 10 });
        assert.equal(res.body?.totalCount, INSTANCES);
        assert.equal(res.body?.pageNumber, page);
        assert.equal(res.body?.pageSize, 10);
        seen.push(...(res.body?.instances?.instance ?? []).map((i) => i.instanceId ?? ""));
      }
      assert.deepEqual(seen, Array.from({ length: INSTANCES }, (_, k) => iid(k + 1)));
    });

    it("defaults to page 1 of 10", async () => {
      const res = await describeInstances({});
      assert.equal(res.body?.pageNumber, 1);
      assert.equal(res.body?.pageSize, 10);
      assert.equal(res.body?.instances?.instance?.length, 10);
    });

    it("answers an empty page past the end", async () => {
      const res = await describeInstances({ pageNumber: 9, pageSize: 10 });
      assert.deepEqual(res.body?.instances?.instance, []);
      assert.equal(res.body?.totalCount, INSTANCES);
    });

    it("walks every instance with NextToken/MaxResults and ends with an empty NextToken", async () => {
      const seen: string[] = [];
      let token: string | undefined;
      let calls = 0;
      do {
        const res = await describeInstances({ maxResults: 10, nextToken: token });
        seen.push(...(res.body?.instances?.instance ?? []).map((i) => i.instanceId ?? ""));
        token = res.body?.nextToken || undefined;
        calls += 1;
      } while (token && calls < 10);
      assert.equal(calls, 3);
      assert.deepEqual(seen, Array.from({ length: INSTANCES }, (_, k) => iid(k + 1)));
    });

    it("raises MaxResults below 10 to 10, as documented", async () => {
      const res = await describeInstances({ maxResults: 3 });
      assert.equal(res.body?.instances?.instance?.length, 10);
    });

    it("answers a NextToken it did not issue with 400 InvalidParameter", async () => {
      await expectEcsError(describeInstances({ nextToken: "bm90LWEtdG9rZW4" }), "InvalidParameter", 400);
    });

    it("answers PageSize 101 with 400 InvalidParameter", async () => {
      await expectEcsError(describeInstances({ pageSize: 101 }), "InvalidParameter", 400);
    });

    it("filters by a JSON array of InstanceIds and leaves unknown ids out", async () => {
      const res = await describeInstances({ instanceIds: JSON.stringify([iid(3), iid(7), "i-unknown", "i-elsewhere"]), pageSize: 100 });
      assert.deepEqual(res.body?.instances?.instance?.map((i) => i.instanceId), [iid(3), iid(7)]);
    });

    it("accepts 100 InstanceIds and answers 101 with 400 InvalidInstanceIds.Malformed", async () => {
      const hundred = Array.from({ length: 100 }, (_, k) => iid(k + 1));
      const res = await describeInstances({ instanceIds: JSON.stringify(hundred), pageSize: 100 });
      assert.equal(res.body?.totalCount, INSTANCES);
      await expectEcsError(describeInstances({ instanceIds: JSON.stringify([...hundred, "i-x"]) }), "InvalidInstanceIds.Malformed", 400);
    });

    it("filters by InstanceChargeType and reports what a renewal tool needs", async () => {
      const res = await describeInstances({ instanceChargeType: "PostPaid", pageSize: 100 });
      const list = res.body?.instances?.instance ?? [];
      assert.deepEqual(list.map((i) => i.instanceId), [5, 10, 15, 20, 25].map(iid));
      for (const i of list) {
        assert.equal(i.regionId, REGION);
        assert.equal(i.status, "Running");
        assert.equal(i.instanceChargeType, "PostPaid");
        assert.equal(i.expiredTime, "2099-12-31T15:59Z");
      }
      const prepaid = (await describeInstances({ instanceIds: JSON.stringify([iid(1)]) })).body?.instances?.instance?.[0];
      assert.equal(prepaid?.instanceChargeType, "PrePaid");
      assert.equal(prepaid?.expiredTime, "2026-03-01T16:00Z");
    });

    it("only lists the requested region", async () => {
      const res = await ecsClient(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: "cn-beijing" }));
      assert.deepEqual(res.body?.instances?.instance?.map((i) => i.instanceId), ["i-elsewhere"]);
    });
  });

  describe("DescribeReservedInstances", () => {
    it("walks every reserved instance of the region with PageNumber/PageSize", async () => {
      const seen: string[] = [];
      for (let page = 1; page <= 5; page++) {
        const res = await describeRis({ pageNumber: page, pageSize: 5 });
        assert.equal(res.body?.totalCount, RESERVED);
        seen.push(...(res.body?.reservedInstances?.reservedInstance ?? []).map((r) => r.reservedInstanceId ?? ""));
      }
      assert.deepEqual(seen, Array.from({ length: RESERVED }, (_, k) => rid(k + 1)));
    });

    it("filters by ReservedInstanceId.N", async () => {
      const res = await describeRis({ reservedInstanceId: [rid(2), rid(4), "ecsri-elsewhere"] });
      assert.deepEqual(res.body?.reservedInstances?.reservedInstance?.map((r) => r.reservedInstanceId), [rid(2), rid(4)]);
    });

    it("filters by Status.N and InstanceType", async () => {
      const expired = await describeRis({ status: ["Expired"], pageSize: 100 });
      assert.deepEqual(expired.body?.reservedInstances?.reservedInstance?.map((r) => r.reservedInstanceId), [rid(21), rid(22), rid(23)]);
      const c7 = await describeRis({ instanceType: "ecs.c7.xlarge", pageSize: 100 });
      assert.equal(c7.body?.totalCount, 11);
    });

    it("reports id, region, status, type and ExpiredTime in the ECS format", async () => {
      const r = (await describeRis({ reservedInstanceId: [rid(1)] })).body?.reservedInstances?.reservedInstance?.[0];
      assert.equal(r?.reservedInstanceId, rid(1));
      assert.equal(r?.regionId, REGION);
      assert.equal(r?.status, "Active");
      assert.equal(r?.instanceType, "ecs.g7.large");
      assert.equal(r?.expiredTime, "2026-06-01T16:00Z");
      assert.equal(r?.instanceAmount, 1);
    });

    it("answers PageSize 0 with 400 InvalidParameter", async () => {
      await expectEcsError(describeRis({ pageSize: 0 }), "InvalidParameter", 400);
    });
  });
});
