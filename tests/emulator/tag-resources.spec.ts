import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import type { SeedInventory } from "../../emulator";
import { startTestEmulator, useEmulator } from "../support/emulator";
import { ecsClient, expectEcsError, REGION } from "./helpers";

/** Two instances and a reserved instance in cn-hangzhou (one of each tagged env=prod), one instance in cn-beijing. */
function seed(): SeedInventory {
  const prod = [{ TagKey: "env", TagValue: "prod" }];
  return {
    now: "2026-01-10T08:00:00Z",
    instances: [
      { InstanceId: "i-tagged", RegionId: REGION, InstanceChargeType: "PrePaid", ExpiredTime: "2026-03-01T16:00Z", Tags: [...prod, { TagKey: "app", TagValue: "web" }] },
      { InstanceId: "i-plain", RegionId: REGION, InstanceChargeType: "PrePaid", ExpiredTime: "2026-03-01T16:00Z" },
      { InstanceId: "i-beijing", RegionId: "cn-beijing", InstanceChargeType: "PrePaid", ExpiredTime: "2026-03-01T16:00Z" },
    ],
    reservedInstances: [{ ReservedInstanceId: "ecsri-1", RegionId: REGION, ExpiredTime: "2026-06-01T16:00Z", Tags: prod }],
  };
}

describe("emulator: TagResources / UntagResources", () => {
  const emu = useEmulator({ seedEachTest: seed });

  const tag = (resourceId: string[], pairs: Record<string, string>, resourceType = "instance") =>
    ecsClient(emu).tagResources(
      new $Ecs.TagResourcesRequest({
        regionId: REGION,
        resourceType,
        resourceId,
        tag: Object.entries(pairs).map(([key, value]) => new $Ecs.TagResourcesRequestTag({ key, value })),
      }),
    );
  const untag = (resourceId: string[], more: Partial<$Ecs.UntagResourcesRequest>, resourceType = "instance") =>
    ecsClient(emu).untagResources(new $Ecs.UntagResourcesRequest({ regionId: REGION, resourceType, resourceId, ...more }));
  const prodInstances = async (): Promise<string[]> => {
    const res = await ecsClient(emu).describeInstances(
      new $Ecs.DescribeInstancesRequest({ regionId: REGION, tag: [new $Ecs.DescribeInstancesRequestTag({ key: "env", value: "prod" })] }),
    );
    return (res.body?.instances?.instance ?? []).map((i) => i.instanceId ?? "");
  };
  const tagsOf = async (id: string): Promise<Record<string, string>> => {
    const state = await emu.control.state();
    const record = [...state.instances, ...state.reservedInstances].find((r) => ("InstanceId" in r ? r.InstanceId : r.ReservedInstanceId) === id);
    return Object.fromEntries((record?.Tags ?? []).map((t) => [t.TagKey, t.TagValue]));
  };

  it("a newly tagged instance is selected by the next Describe tag filter", async () => {
    await tag(["i-plain"], { env: "prod" });
    assert.deepEqual(await prodInstances(), ["i-tagged", "i-plain"]);
  });

  it("gives a key the instance already has its new value and keeps the other tags", async () => {
    await tag(["i-tagged"], { env: "staging", team: "a" });
    assert.deepEqual(await tagsOf("i-tagged"), { env: "staging", app: "web", team: "a" });
    assert.deepEqual(await prodInstances(), []);
  });

  it("UntagResources with TagKey.N removes those keys only, so the instance is no longer selected", async () => {
    await untag(["i-tagged"], { tagKey: ["env", "absent"] });
    assert.deepEqual(await tagsOf("i-tagged"), { app: "web" });
    assert.deepEqual(await prodInstances(), []);
  });

  it("UntagResources with All=true and no TagKey.N removes every tag", async () => {
    await untag(["i-tagged"], { all: true });
    assert.deepEqual(await tagsOf("i-tagged"), {});
  });

  it("UntagResources with neither TagKey.N nor All removes nothing", async () => {
    await untag(["i-tagged"], {});
    assert.deepEqual(await tagsOf("i-tagged"), { env: "prod", app: "web" });
  });

  it("tags and untags reserved instances with ResourceType reservedinstance", async () => {
    await tag(["ecsri-1"], { tier: "gold" }, "reservedinstance");
    assert.deepEqual(await tagsOf("ecsri-1"), { env: "prod", tier: "gold" });
    await untag(["ecsri-1"], { tagKey: ["env"] }, "reservedinstance");
    assert.deepEqual(await tagsOf("ecsri-1"), { tier: "gold" });
  });

  it("answers an id the region does not have with 404 InvalidResourceId.NotFound and tags none of the others", async () => {
    await expectEcsError(tag(["i-plain", "i-beijing"], { env: "prod" }), "InvalidResourceId.NotFound", 404);
    await expectEcsError(tag(["i-plain", "ecsri-1"], { env: "prod" }), "InvalidResourceId.NotFound", 404);
    assert.deepEqual(await tagsOf("i-plain"), {});
  });

  it("answers a resource that would carry more than 20 tags with 400 InvalidTagCount and changes nothing", async () => {
    const nineteen = Object.fromEntries(Array.from({ length: 19 }, (_, k) => [`k${k}`, "v"]));
    await expectEcsError(tag(["i-plain", "i-tagged"], nineteen), "InvalidTagCount", 400);
    assert.deepEqual(await tagsOf("i-plain"), {});
    await tag(["i-plain"], nineteen);
    assert.equal(Object.keys(await tagsOf("i-plain")).length, 19);
  });

  it("answers a ResourceType other than instance or reservedinstance with 400 InvalidResourceType.NotFound", async () => {
    await expectEcsError(tag(["d-1"], { env: "prod" }, "disk"), "InvalidResourceType.NotFound", 400);
  });

  it("answers a TagResources without tags with 400 MissingParameter", async () => {
    await expectEcsError(tag(["i-plain"], {}), "MissingParameter", 400);
  });

  it("answers more than 50 ResourceId.N with 400 InvalidParameter", async () => {
    await expectEcsError(tag(Array.from({ length: 51 }, () => "i-plain"), { env: "prod" }), "InvalidParameter", 400);
  });

  it("keeps tags across a restart on a state file, and loads a state file written before tags existed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecs-emulator-tags-"));
    try {
      const stateFile = join(dir, "state.json");
      const first = await startTestEmulator({ stateFile, seed: seed() });
      await ecsClient(first).tagResources(
        new $Ecs.TagResourcesRequest({ regionId: REGION, resourceType: "instance", resourceId: ["i-plain"], tag: [new $Ecs.TagResourcesRequestTag({ key: "env", value: "prod" })] }),
      );
      await first.stop();
      const second = await startTestEmulator({ stateFile });
      const kept = (await second.control.state()).instances.find((i) => i.InstanceId === "i-plain");
      await second.stop();
      assert.deepEqual(kept?.Tags, [{ TagKey: "env", TagValue: "prod" }]);

      const old = JSON.parse(readFileSync(stateFile, "utf8")) as { instances: Record<string, unknown>[]; reservedInstances: Record<string, unknown>[] };
      [...old.instances, ...old.reservedInstances].forEach((r) => {
        delete r["Tags"];
        delete r["ResourceGroupId"];
      });
      writeFileSync(stateFile, JSON.stringify(old));
      const third = await startTestEmulator({ stateFile });
      try {
        const res = await ecsClient(third).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify(["i-plain"]) }));
        const listed = res.body?.instances?.instance?.[0];
        assert.deepEqual(listed?.tags?.tag, []);
        assert.equal(listed?.resourceGroupId, "");
      } finally {
        await third.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
