import * as assert from "node:assert/strict";
import { request } from "node:http";
import * as $Ecs from "@alicloud/ecs20140526";
import { ControlRequestError, DEFAULT_ACCESS_KEY, demoSeed, type RunningEmulator } from "../../emulator";
import { useEmulator } from "../support/emulator";
import { callAction, ecsClient, expectEcsError, IDS, NOW, REGION, standardSeed } from "./helpers";

/** Plain HTTP to a control path, for the cases the typed client cannot express. */
function rawControl(emu: RunningEmulator, method: string, path: string, body?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, emu.url), { method, agent: false, headers: { "x-emulator-control-token": emu.controlToken } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("emulator: control endpoints", () => {
  const emu = useEmulator({ seedEachTest: () => standardSeed() });

  it("reset replaces all state and answers the counts", async () => {
    await ecsClient(emu).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 1 }));
    const res = await emu.control.reset({ instances: [{ InstanceId: "i-only", RegionId: REGION, InstanceChargeType: "PrePaid", ExpiredTime: "2035-05-01T16:00Z" }], reservedInstances: [] });
    assert.deepEqual(res, { ok: true, instances: 1, reservedInstances: 0 });
    const state = await emu.control.state();
    assert.deepEqual(state.instances.map((i) => [i.InstanceId, i.Status, i.InstanceType]), [["i-only", "Running", "ecs.g7.large"]]);
    assert.deepEqual(await emu.control.ledger(), { charges: [], calls: {} });
    assert.equal(state.clockFixed, false);
  });

  it("reset with accessKeys replaces the accepted keys", async () => {
    const key = { id: "LTAIother", secret: "other-secret" };
    await emu.control.reset({ ...standardSeed(), accessKeys: [key] });
    try {
      await expectEcsError(ecsClient(emu, { key: DEFAULT_ACCESS_KEY }).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION })), "InvalidAccessKeyId.NotFound", 404);
      const res = await ecsClient(emu, { key }).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION }));
      assert.equal(res.statusCode, 200);
      assert.deepEqual(emu.accessKeys, [key]);
    } finally {
      await emu.control.reset({ ...standardSeed(), accessKeys: [DEFAULT_ACCESS_KEY] });
    }
  });

  const badSeeds: ReadonlyArray<[string, unknown, RegExp]> = [
    ["an instance without ExpiredTime", { instances: [{ InstanceId: "i-1", RegionId: REGION, InstanceChargeType: "PrePaid" }], reservedInstances: [] }, /ExpiredTime/],
    ["an unknown status", { instances: [{ InstanceId: "i-1", RegionId: REGION, InstanceChargeType: "PrePaid", ExpiredTime: "2026-05-01T16:00Z", Status: "Melting" }], reservedInstances: [] }, /Status/],
    ["a time without a zone", { instances: [], reservedInstances: [{ ReservedInstanceId: "r", RegionId: REGION, ExpiredTime: "2026-05-01 16:00" }] }, /ISO 8601/],
    ["duplicate ids", { instances: [], reservedInstances: [1, 2].map(() => ({ ReservedInstanceId: "r", RegionId: REGION, ExpiredTime: "2026-05-01T16:00Z" })) }, /duplicate/],
    ["an empty key list", { accessKeys: [], instances: [], reservedInstances: [] }, /accessKeys/],
  ];
  for (const [what, seed, message] of badSeeds) {
    it(`reset rejects ${what} with 400 and keeps the state`, async () => {
      await assert.rejects(emu.control.reset(seed as Parameters<typeof emu.control.reset>[0]), (e: unknown) => e instanceof ControlRequestError && e.status === 400 && message.test(e.message));
      assert.ok((await emu.control.state()).instances.some((i) => i.InstanceId === IDS.running));
    });
  }

  it("ledger counts every call per Action, failed ones and unknown Actions too", async () => {
    const client = ecsClient(emu);
    await client.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION }));
    await expectEcsError(client.renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: "i-nope", period: 1 })), "InvalidInstanceId.NotFound", 404);
    await expectEcsError(callAction(client, "StopInstance", { InstanceId: IDS.running }), "InvalidAction.NotFound", 404);
    const { calls } = await emu.control.ledger();
    assert.deepEqual(calls, { DescribeInstances: 1, RenewInstance: 1, StopInstance: 1 });
  });

  it("state reports the records as stored and the model clock", async () => {
    const state = await emu.control.state();
    assert.equal(state.now, NOW);
    assert.equal(state.clockFixed, true);
    const locked = state.instances.find((i) => i.InstanceId === IDS.locked);
    assert.deepEqual(locked?.OperationLocks, [{ LockReason: "security" }]);
    assert.equal(state.instances.find((i) => i.InstanceId === IDS.unpaid)?.UnpaidOrder, true);
  });

  it("clock fixes the model clock, and null returns it to the wall clock", async () => {
    const fixed = await emu.control.setClock("2026-02-01T00:00:00+08:00");
    assert.deepEqual(fixed, { now: "2026-01-31T16:00:00.000Z", clockFixed: true });
    assert.deepEqual(await emu.control.clock(), fixed);
    const free = await emu.control.setClock(null);
    assert.equal(free.clockFixed, false);
    assert.ok(Math.abs(Date.parse(free.now) - Date.now()) < 5000);
  });

  it("clock drives expiry arithmetic: renewing an expired instance starts from the model's now", async () => {
    await emu.control.setClock("2026-06-15T10:30:00Z");
    await ecsClient(emu).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 1 }));
    const c = (await emu.control.ledger()).charges[0];
    assert.equal(c.expiryAfter[IDS.running], "2026-07-15T10:30Z");
    assert.equal(c.at, "2026-06-15T10:30:00.000Z");
  });

  it("clock rejects a time without a zone with 400", async () => {
    await assert.rejects(emu.control.setClock("2026-02-01 00:00"), (e: unknown) => e instanceof ControlRequestError && e.status === 400);
  });

  it("answers an unknown control path with 404 and a wrong method with 405", async () => {
    assert.equal((await rawControl(emu, "GET", "/__emulator/nothing")).status, 404);
    assert.equal((await rawControl(emu, "DELETE", "/__emulator/ledger")).status, 405);
    assert.equal((await rawControl(emu, "POST", "/__emulator/reset", "{not json")).status, 400);
  });

  it("health lists the accepted key ids", async () => {
    assert.deepEqual(await emu.control.health(), { ok: true, accessKeyIds: [DEFAULT_ACCESS_KEY.id] });
  });

  it("demoSeed has PrePaid instances, a PostPaid one and about twelve reserved instances expiring soon", async () => {
    const seed = demoSeed();
    await emu.control.reset(seed);
    const state = await emu.control.state();
    const now = Date.now();
    const prepaid = state.instances.filter((i) => i.InstanceChargeType === "PrePaid");
    assert.ok(prepaid.length >= 3);
    assert.equal(state.instances.filter((i) => i.InstanceChargeType === "PostPaid").length, 1);
    assert.ok(state.instances.every((i) => i.RegionId === "cn-hangzhou" && i.InstanceId.startsWith("i-")));
    assert.equal(state.reservedInstances.length, 12);
    for (const r of state.reservedInstances) {
      assert.match(r.ReservedInstanceId, /^ecsri-/);
      const days = (Date.parse(r.ExpiredTime) - now) / 86_400_000;
      assert.ok(days > 0 && days < 100, `${r.ReservedInstanceId} expires in ${days} days`);
    }
  });
});
