import * as assert from "node:assert/strict";
import * as $Ecs from "@alicloud/ecs20140526";
import { useEmulator } from "../support/emulator";
import { ecsClient, expectEcsError, expectTransportError, fastRuntime, IDS, REGION, sleep, standardSeed } from "./helpers";

describe("emulator: ClientToken idempotence", () => {
  const emu = useEmulator({ seedEachTest: () => standardSeed() });

  const renewInstance = (req: Partial<$Ecs.RenewInstanceRequest>, signature?: "v2") =>
    ecsClient(emu, { signature }).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 1, ...req }));
  const renewRis = (req: Partial<$Ecs.RenewReservedInstancesRequest>) =>
    ecsClient(emu).renewReservedInstances(new $Ecs.RenewReservedInstancesRequest({ regionId: REGION, reservedInstanceId: [IDS.ri(1), IDS.ri(2)], ...req }));
  const expiryOf = async (id: string): Promise<string | undefined> => {
    const s = await emu.control.state();
    return [...s.instances.map((i) => [i.InstanceId, i.ExpiredTime]), ...s.reservedInstances.map((r) => [r.ReservedInstanceId, r.ExpiredTime])].find(([k]) => k === id)?.[1];
  };

  it("RenewInstance: the same token and parameters twice renew once and return the same OrderId with a new RequestId", async () => {
    const a = await renewInstance({ clientToken: "same-1" });
    const b = await renewInstance({ clientToken: "same-1" });
    assert.equal(b.body?.orderId, a.body?.orderId);
    assert.notEqual(b.body?.requestId, a.body?.requestId);
    assert.equal((await emu.control.ledger()).charges.length, 1);
    assert.equal(await expiryOf(IDS.running), "2026-04-30T16:00Z");
  });

  it("RenewReservedInstances: the same token and parameters twice renew once and return the same body", async () => {
    const a = await renewRis({ clientToken: "same-ri" });
    const b = await renewRis({ clientToken: "same-ri" });
    assert.equal(b.body?.orderId, a.body?.orderId);
    assert.deepEqual(b.body?.reservedInstanceIdSets?.reservedInstanceId, a.body?.reservedInstanceIdSets?.reservedInstanceId);
    assert.equal((await emu.control.ledger()).charges.length, 1);
    assert.equal(await expiryOf(IDS.ri(1)), "2027-03-31T16:00Z");
  });

  it("replays across signature kinds: signature fields are not part of the fingerprint", async () => {
    const a = await renewInstance({ clientToken: "cross-sig" });
    const b = await renewInstance({ clientToken: "cross-sig" }, "v2");
    assert.equal(b.body?.orderId, a.body?.orderId);
    assert.equal((await emu.control.ledger()).charges.length, 1);
  });

  it("answers the same token with different parameters with 400 IdempotenceParamNotMatch", async () => {
    await renewInstance({ clientToken: "diff" });
    await expectEcsError(renewInstance({ clientToken: "diff", period: 2 }), "IdempotenceParamNotMatch", 400);
    await expectEcsError(renewInstance({ clientToken: "diff", instanceId: IDS.stopped }), "IdempotenceParamNotMatch", 400);
    assert.equal((await emu.control.ledger()).charges.length, 1);
  });

  it("answers the same token on another Action with 400 IdempotenceParamNotMatch", async () => {
    await renewInstance({ clientToken: "cross-action" });
    await expectEcsError(renewRis({ clientToken: "cross-action" }), "IdempotenceParamNotMatch", 400);
  });

  it("records a token only when its request succeeded", async () => {
    await expectEcsError(renewInstance({ clientToken: "after-failure", period: 13 }), "InvalidPeriod", 400);
    const ok = await renewInstance({ clientToken: "after-failure", period: 2 });
    assert.match(ok.body?.orderId ?? "", /^\d+$/);
    assert.equal((await emu.control.ledger()).charges.length, 1);
  });

  it("treats tokens as case-sensitive", async () => {
    const a = await renewInstance({ clientToken: "Token" });
    const b = await renewInstance({ clientToken: "token" });
    assert.notEqual(a.body?.orderId, b.body?.orderId);
    assert.equal((await emu.control.ledger()).charges.length, 2);
  });

  it("charges every call without a token", async () => {
    await renewInstance({});
    await renewInstance({});
    assert.equal((await emu.control.ledger()).charges.length, 2);
  });

  describe("while the first request is still being answered", () => {
    beforeEach(async () => {
      await emu.control.setFaults([{ action: "RenewInstance", nth: 1, kind: "delay-after-commit", delayMs: 800 }]);
      await expectTransportError(
        ecsClient(emu).renewInstanceWithOptions(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 1, clientToken: "slow" }), fastRuntime(200)),
      );
    });

    it("answers its token with 403 LastTokenProcessing, then replays the stored answer once it is answered", async () => {
      await expectEcsError(renewInstance({ clientToken: "slow" }), "LastTokenProcessing", 403);
      await expectEcsError(renewInstance({ clientToken: "slow", period: 2 }), "LastTokenProcessing", 403);
      await sleep(900);
      const replay = await renewInstance({ clientToken: "slow" });
      const { charges } = await emu.control.ledger();
      assert.equal(charges.length, 1);
      assert.equal(replay.body?.orderId, charges[0].orderId);
    });

    it("answers another token renewing the same instance with 400 LastOrderProcessing, and lets other instances renew", async () => {
      await expectEcsError(renewInstance({ clientToken: "other" }), "LastOrderProcessing", 400);
      await renewInstance({ clientToken: "other", instanceId: IDS.stopped });
      assert.equal((await emu.control.ledger()).charges.length, 2);
    });
  });
});
