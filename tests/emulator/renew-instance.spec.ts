import * as assert from "node:assert/strict";
import * as $Ecs from "@alicloud/ecs20140526";
import { useEmulator } from "../support/emulator";
import { ecsClient, expectEcsError, EXPIRY, IDS, REGION, standardSeed } from "./helpers";

/** Extra instances for calendar edge cases. */
const EDGE = [
  { InstanceId: "i-jan31", RegionId: REGION, InstanceChargeType: "PrePaid", Status: "Running", ExpiredTime: "2026-01-31T16:00Z", InstanceType: "ecs.g7.large" },
  { InstanceId: "i-leap", RegionId: REGION, InstanceChargeType: "PrePaid", Status: "Running", ExpiredTime: "2027-12-31T16:00Z", InstanceType: "ecs.g7.large" },
];

describe("emulator: RenewInstance", () => {
  const emu = useEmulator({ seedEachTest: () => standardSeed({ instances: EDGE }) });

  async function renew(req: Partial<$Ecs.RenewInstanceRequest>): Promise<$Ecs.RenewInstanceResponseBody | undefined> {
    return (await ecsClient(emu).renewInstance(new $Ecs.RenewInstanceRequest(req))).body;
  }
  async function expiry(id: string): Promise<string> {
    const res = await ecsClient(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([id]) }));
    return res.body?.instances?.instance?.[0]?.expiredTime ?? "";
  }

  const cases: ReadonlyArray<[string, string, Partial<$Ecs.RenewInstanceRequest>, string]> = [
    ["adds calendar months (PeriodUnit defaults to Month)", IDS.running, { period: 1 }, "2026-04-30T16:00Z"],
    ["adds 12 months", IDS.running, { period: 12, periodUnit: "Month" }, "2027-03-31T16:00Z"],
    ["clamps to the end of a shorter month", "i-jan31", { period: 1 }, "2026-02-28T16:00Z"],
    ["lands on February 29 in a leap year", "i-leap", { period: 2 }, "2028-02-29T16:00Z"],
    ["adds 7 days per week", IDS.running, { period: 2, periodUnit: "Week" }, "2026-04-14T16:00Z"],
    ["renews to the next ExpectedRenewDay after the expiry, this month", "i-jan31", { expectedRenewDay: 28 }, "2026-02-28T16:00Z"],
    ["renews to the next ExpectedRenewDay after the expiry, next month", IDS.running, { expectedRenewDay: 15 }, "2026-04-15T16:00Z"],
    ["renews a Stopped instance", IDS.stopped, { period: 1 }, "2026-04-30T16:00Z"],
    ["allows an expiry up to five years after now", IDS.running, { period: 48 }, "2030-03-31T16:00Z"],
  ];
  for (const [rule, id, req, expected] of cases) {
    it(`${rule}: ${id} ${JSON.stringify(req)} → ${expected}`, async () => {
      const body = await renew({ instanceId: id, ...req });
      assert.match(body?.orderId ?? "", /^\d+$/);
      assert.equal(await expiry(id), expected);
    });
  }

  it("renews an expired instance from now, removes the expiry lock and starts it again", async () => {
    const before = await ecsClient(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([IDS.expired]) }));
    const stopped = before.body?.instances?.instance?.[0];
    assert.equal(stopped?.status, "Stopped");
    assert.deepEqual(stopped?.operationLocks?.lockReason?.map((l) => l.lockReason), ["financial"]);

    await renew({ instanceId: IDS.expired, period: 1 });
    const state = await emu.control.state();
    const after = state.instances.find((i) => i.InstanceId === IDS.expired);
    assert.equal(after?.ExpiredTime, "2026-02-10T08:00Z");
    assert.equal(after?.Status, "Running");
    assert.deepEqual(after?.OperationLocks, []);
  });

  it("appends exactly one ledger entry per renewal, with the expiry before and after", async () => {
    const body = await renew({ instanceId: IDS.running, period: 3, clientToken: "ledger-1" });
    const ledger = await emu.control.ledger();
    assert.equal(ledger.charges.length, 1);
    const c = ledger.charges[0];
    assert.equal(c.action, "RenewInstance");
    assert.deepEqual(c.ids, [IDS.running]);
    assert.equal(c.period, 3);
    assert.equal(c.periodUnit, "Month");
    assert.equal(c.clientToken, "ledger-1");
    assert.equal(c.orderId, body?.orderId);
    assert.equal(c.requestId, body?.requestId);
    assert.deepEqual(c.expiryBefore, { [IDS.running]: EXPIRY });
    assert.deepEqual(c.expiryAfter, { [IDS.running]: "2026-06-30T16:00Z" });
    assert.equal(ledger.calls["RenewInstance"], 1);
  });

  it("records an ExpectedRenewDay renewal with its day and no period", async () => {
    await renew({ instanceId: IDS.running, expectedRenewDay: 5 });
    const c = (await emu.control.ledger()).charges[0];
    assert.equal(c.period, null);
    assert.equal(c.periodUnit, null);
    assert.equal(c.expectedRenewDay, 5);
    assert.equal(c.clientToken, null);
  });

  it("issues a different OrderId for each renewal, and each renewal starts from the last expiry (Mar 31 → Apr 30 → May 30)", async () => {
    const a = await renew({ instanceId: IDS.running, period: 1 });
    const b = await renew({ instanceId: IDS.running, period: 1 });
    assert.notEqual(a?.orderId, b?.orderId);
    assert.equal(await expiry(IDS.running), "2026-05-30T16:00Z");
  });

  it("answers Period with ExpectedRenewDay with 400 InvalidExpectedRenewDay.Conflict", async () => {
    await expectEcsError(ecsClient(emu).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 1, expectedRenewDay: 5 })), "InvalidExpectedRenewDay.Conflict", 400);
  });

  it("answers neither Period nor ExpectedRenewDay with 400 InvalidPeriod.NotFound", async () => {
    await expectEcsError(ecsClient(emu).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running })), "InvalidPeriod.NotFound", 400);
  });

  it("answers ExpectedRenewDay outside 1-28 with 400 InvalidParameter", async () => {
    await expectEcsError(ecsClient(emu).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, expectedRenewDay: 29 })), "InvalidParameter", 400);
  });

  it("leaves state and ledger untouched when a renewal fails", async () => {
    await expectEcsError(ecsClient(emu).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 60 })), "InvalidPeriod.ExceededMaximumExpirationDate", 400);
    assert.equal(await expiry(IDS.running), EXPIRY);
    assert.deepEqual((await emu.control.ledger()).charges, []);
  });
});
