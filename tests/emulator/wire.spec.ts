import * as assert from "node:assert/strict";
import * as $Ecs from "@alicloud/ecs20140526";
import { useEmulator } from "../support/emulator";
import { callAction, ecsClient, expectEcsError, IDS, REGION, sendRaw, signAcs3, standardSeed } from "./helpers";

const UUID_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

describe("emulator: wire format", () => {
  const emu = useEmulator({ seedEachTest: () => standardSeed() });

  it("gives every answer, success or error, a fresh upper-case UUID RequestId", async () => {
    const client = ecsClient(emu);
    const ids: string[] = [];
    for (let k = 0; k < 3; k++) {
      const res = await client.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION }));
      ids.push(res.body?.requestId ?? "");
      const err = await expectEcsError(client.renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: "i-missing", period: 1 })), "InvalidInstanceId.NotFound", 404);
      ids.push(err.requestId ?? "");
    }
    ids.forEach((id) => assert.match(id, UUID_UPPER));
    assert.equal(new Set(ids).size, ids.length);
  });

  it("sends the RequestId in the x-acs-request-id header too", async () => {
    const res = await sendRaw(emu, signAcs3(emu, { action: "DescribeInstances", query: { RegionId: REGION } }));
    assert.equal(res.headers["x-acs-request-id"], res.body["RequestId"]);
  });

  it("answers errors as { RequestId, HostId, Code, Message, Recommend } with Content-Type application/json", async () => {
    const res = await sendRaw(emu, signAcs3(emu, { action: "RenewInstance", query: { InstanceId: "i-missing", Period: "1" } }));
    assert.equal(res.status, 404);
    assert.match(String(res.headers["content-type"]), /^application\/json/);
    assert.deepEqual(Object.keys(res.body).sort(), ["Code", "HostId", "Message", "Recommend", "RequestId"]);
    assert.equal(res.body["Code"], "InvalidInstanceId.NotFound");
    assert.equal(res.body["Message"], "The specified InstanceId does not exist.");
    assert.match(String(res.body["Recommend"]), /^https:\/\//);
  });

  it("wraps lists one level, as the SDK models expect", async () => {
    const res = await sendRaw(emu, signAcs3(emu, { action: "DescribeInstances", query: { RegionId: REGION, PageSize: "2" } }));
    const instances = res.body["Instances"] as { Instance: unknown[] };
    assert.ok(Array.isArray(instances.Instance));
    assert.equal(instances.Instance.length, 2);
  });

  it("answers an Action it does not implement with 404 InvalidAction.NotFound, never a silent success", async () => {
    const err = await expectEcsError(callAction(ecsClient(emu), "RunInstances", { RegionId: REGION }), "InvalidAction.NotFound", 404);
    assert.match(err.message, /RunInstances/);
    await expectEcsError(callAction(ecsClient(emu, { signature: "v2" }), "DeleteInstance", { InstanceId: IDS.running }), "InvalidAction.NotFound", 404);
  });

  it("answers a Version other than 2014-05-26 with 400 InvalidVersion", async () => {
    await expectEcsError(callAction(ecsClient(emu), "DescribeInstances", { RegionId: REGION }, "2016-03-14"), "InvalidVersion", 400);
    await expectEcsError(callAction(ecsClient(emu, { signature: "v2" }), "DescribeInstances", { RegionId: REGION }, "2016-03-14"), "InvalidVersion", 400);
  });

  const missing: ReadonlyArray<[string, string, Record<string, string>, string]> = [
    ["RenewInstance", "InstanceId", { Period: "1" }, "InstanceId"],
    ["RenewReservedInstances", "RegionId", { "ReservedInstanceId.1": IDS.ri(1) }, "RegionId"],
    ["RenewReservedInstances", "ReservedInstanceId.N", { RegionId: REGION }, "ReservedInstanceId.1"],
    ["DescribeInstances", "RegionId", {}, "RegionId"],
    ["DescribeReservedInstances", "RegionId", {}, "RegionId"],
    ["DescribeRenewalPrice", "ResourceId", { RegionId: REGION }, "ResourceId"],
    ["ModifyInstanceAutoRenewAttribute", "InstanceId", { RegionId: REGION, AutoRenew: "true" }, "InstanceId"],
    ["DescribeInstanceAutoRenewAttribute", "InstanceId or RenewalStatus", { RegionId: REGION }, "InstanceId"],
    ["ModifyReservedInstanceAutoRenewAttribute", "ReservedInstanceId.N", { RegionId: REGION, RenewalStatus: "AutoRenewal" }, "ReservedInstanceId.1"],
    ["DescribeReservedInstanceAutoRenewAttribute", "RegionId", {}, "RegionId"],
  ];
  for (const [action, what, query, named] of missing) {
    it(`answers ${action} without ${what} with 400 MissingParameter naming ${named}`, async () => {
      const err = await expectEcsError(callAction(ecsClient(emu), action, query), "MissingParameter", 400);
      assert.match(err.message, new RegExp(`"${named.replace(/\./g, "\\.")}"`));
    });
  }

  const badTypes: ReadonlyArray<[string, Record<string, string>, string]> = [
    ["RenewInstance", { InstanceId: IDS.running, Period: "one" }, "InvalidParameter"],
    ["RenewInstance", { InstanceId: IDS.running, ExpectedRenewDay: "1.5" }, "InvalidParameter"],
    ["RenewReservedInstances", { RegionId: REGION, "ReservedInstanceId.1": IDS.ri(1), AutoRenew: "maybe" }, "InvalidParameter"],
    ["DescribeInstances", { RegionId: REGION, PageSize: "ten" }, "InvalidParameter"],
    ["DescribeInstances", { RegionId: REGION, InstanceIds: "i-running" }, "InvalidInstanceIds.Malformed"],
    ["DescribeInstances", { RegionId: REGION, InstanceIds: "[1,2]" }, "InvalidInstanceIds.Malformed"],
  ];
  for (const [action, query, code] of badTypes) {
    it(`answers ${action} with ${JSON.stringify(query)} with 400 ${code}`, async () => {
      await expectEcsError(callAction(ecsClient(emu), action, query), code, 400);
    });
  }

  it("answers DescribeInstances with DryRun=true with 400 DryRunOperation", async () => {
    await expectEcsError(ecsClient(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, dryRun: true })), "DryRunOperation", 400);
  });

  it("reports ExpiredTime and other times as yyyy-MM-ddTHH:mmZ", async () => {
    const res = await ecsClient(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, pageSize: 100 }));
    for (const i of res.body?.instances?.instance ?? []) {
      assert.match(i.expiredTime ?? "", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
      assert.match(i.creationTime ?? "", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    }
  });
});
