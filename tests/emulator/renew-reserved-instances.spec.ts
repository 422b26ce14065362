import * as assert from "node:assert/strict";
import * as $Ecs from "@alicloud/ecs20140526";
import { useEmulator } from "../support/emulator";
import { ecsClient, expectEcsError, EXPIRY, IDS, REGION, standardSeed } from "./helpers";

describe("emulator: RenewReservedInstances", () => {
  const emu = useEmulator({ seedEachTest: () => standardSeed() });

  function renew(req: Partial<$Ecs.RenewReservedInstancesRequest>): Promise<$Ecs.RenewReservedInstancesResponse> {
    return ecsClient(emu).renewReservedInstances(new $Ecs.RenewReservedInstancesRequest({ regionId: REGION, ...req }));
  }
  async function expiries(): Promise<Record<string, string>> {
    const state = await emu.control.state();
    return Object.fromEntries(state.reservedInstances.map((r) => [r.ReservedInstanceId, r.ExpiredTime]));
  }

  it("renews up to 10 reserved instances by one Year by default and lists them in ReservedInstanceIdSets", async () => {
    const ids = Array.from({ length: 10 }, (_, k) => IDS.ri(k + 1));
    const res = await renew({ reservedInstanceId: ids });
    assert.deepEqual(res.body?.reservedInstanceIdSets?.reservedInstanceId, ids);
    assert.match(res.body?.orderId ?? "", /^\d+$/);
    const after = await expiries();
    ids.forEach((id) => assert.equal(after[id], "2027-03-31T16:00Z"));
    assert.equal(after[IDS.ri(11)], EXPIRY, "an id not in the request is untouched");
  });

  it("adds three years for Period 3", async () => {
    await renew({ reservedInstanceId: [IDS.ri(1)], period: 3, periodUnit: "Year" });
    assert.equal((await expiries())[IDS.ri(1)], "2029-03-31T16:00Z");
  });

  it("appends one ledger entry for the whole call", async () => {
    const res = await renew({ reservedInstanceId: [IDS.ri(1), IDS.ri(2)], clientToken: "ri-ledger" });
    const { charges } = await emu.control.ledger();
    assert.equal(charges.length, 1);
    assert.equal(charges[0].action, "RenewReservedInstances");
    assert.deepEqual(charges[0].ids, [IDS.ri(1), IDS.ri(2)]);
    assert.equal(charges[0].period, 1);
    assert.equal(charges[0].periodUnit, "Year");
    assert.equal(charges[0].orderId, res.body?.orderId);
    assert.deepEqual(charges[0].expiryBefore, { [IDS.ri(1)]: EXPIRY, [IDS.ri(2)]: EXPIRY });
    assert.deepEqual(charges[0].expiryAfter, { [IDS.ri(1)]: "2027-03-31T16:00Z", [IDS.ri(2)]: "2027-03-31T16:00Z" });
  });

  it("turns auto-renewal on with AutoRenew=true, for AutoRenewPeriod months", async () => {
    await renew({ reservedInstanceId: [IDS.ri(1)], autoRenew: true, autoRenewPeriod: 36 });
    const res = await ecsClient(emu).describeReservedInstanceAutoRenewAttribute(
      new $Ecs.DescribeReservedInstanceAutoRenewAttributeRequest({ regionId: REGION, reservedInstanceId: [IDS.ri(1), IDS.ri(2)] }),
    );
    const attrs = res.body?.reservedInstanceRenewAttributes?.reservedInstanceRenewAttribute ?? [];
    const byId = Object.fromEntries(attrs.map((a) => [a.reservedInstanceId, a]));
    assert.equal(byId[IDS.ri(1)]?.renewalStatus, "AutoRenewal");
    assert.equal(byId[IDS.ri(1)]?.duration, 3);
    assert.equal(byId[IDS.ri(1)]?.periodUnit, "Year");
    assert.equal(byId[IDS.ri(2)]?.renewalStatus, "Normal");
  });

  it("leaves auto-renewal alone when AutoRenew is false (an invalid AutoRenewPeriod is then ignored)", async () => {
    await renew({ reservedInstanceId: [IDS.ri(1)], autoRenew: false, autoRenewPeriod: 7 });
    const state = await emu.control.state();
    assert.equal(state.reservedInstances.find((r) => r.ReservedInstanceId === IDS.ri(1))?.RenewalStatus, "Normal");
  });

  it("renews an Expired reserved instance from now and makes it Active again", async () => {
    await renew({ reservedInstanceId: [IDS.riExpired] });
    const r = (await emu.control.state()).reservedInstances.find((x) => x.ReservedInstanceId === IDS.riExpired);
    assert.equal(r?.Status, "Active");
    assert.equal(r?.ExpiredTime, "2027-01-10T08:00Z");
  });

  it("marks an Active reserved instance Expired once the model clock passes its expiry", async () => {
    await emu.control.setClock("2026-04-01T00:00:00Z");
    const res = await ecsClient(emu).describeReservedInstances(new $Ecs.DescribeReservedInstancesRequest({ regionId: REGION, reservedInstanceId: [IDS.ri(1)] }));
    assert.equal(res.body?.reservedInstances?.reservedInstance?.[0]?.status, "Expired");
  });

  it("renews all ids or none: one bad id leaves the others untouched", async () => {
    await expectEcsError(renew({ reservedInstanceId: [IDS.ri(1), IDS.riCreating] }), "IncorrectInstanceStatus", 403);
    assert.equal((await expiries())[IDS.ri(1)], EXPIRY);
    assert.deepEqual((await emu.control.ledger()).charges, []);
  });

  it("answers an unknown id with 404 InvalidReservedInstanceId.NotFound", async () => {
    await expectEcsError(renew({ reservedInstanceId: ["ecsri-nope"] }), "InvalidReservedInstanceId.NotFound", 404);
  });

  it("answers Period 2 with 400 InvalidPeriod", async () => {
    await expectEcsError(renew({ reservedInstanceId: [IDS.ri(1)], period: 2 }), "InvalidPeriod", 400);
  });
});
