import * as assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import { startTestEmulator } from "../support/emulator";
import { ecsClient, IDS, REGION, standardSeed } from "./helpers";

describe("emulator: persistence to a state file", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ecs-emulator-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps instances, reserved instances, ledger, tokens and clock across a restart, ignoring the seed", async () => {
    const stateFile = join(dir, "state.json");
    const first = await startTestEmulator({ stateFile, seed: standardSeed() });
    const renewal = await ecsClient(first).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 1, clientToken: "persisted" }));
    await ecsClient(first).renewReservedInstances(new $Ecs.RenewReservedInstancesRequest({ regionId: REGION, reservedInstanceId: [IDS.ri(1)] }));
    await ecsClient(first).modifyInstanceAutoRenewAttribute(new $Ecs.ModifyInstanceAutoRenewAttributeRequest({ regionId: REGION, instanceId: IDS.stopped, autoRenew: true }));
    await first.stop();
    assert.ok(existsSync(stateFile));

    const second = await startTestEmulator({ stateFile, seed: { instances: [], reservedInstances: [] } });
    try {
      const state = await second.control.state();
      assert.equal(state.now, "2026-01-10T08:00:00.000Z");
      assert.equal(state.instances.find((i) => i.InstanceId === IDS.running)?.ExpiredTime, "2026-04-30T16:00Z");
      assert.equal(state.instances.find((i) => i.InstanceId === IDS.stopped)?.RenewalStatus, "AutoRenewal");
      assert.equal(state.reservedInstances.find((r) => r.ReservedInstanceId === IDS.ri(1))?.ExpiredTime, "2027-03-31T16:00Z");
      const ledger = await second.control.ledger();
      assert.equal(ledger.charges.length, 2);
      assert.equal(ledger.calls["RenewInstance"], 1);

      const replay = await ecsClient(second).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 1, clientToken: "persisted" }));
      assert.equal(replay.body?.orderId, renewal.body?.orderId);
      const fresh = await ecsClient(second).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 1 }));
      assert.notEqual(fresh.body?.orderId, renewal.body?.orderId, "OrderIds keep counting after a restart");
      assert.equal((await second.control.ledger()).charges.length, 3);
    } finally {
      await second.stop();
    }
  });

  it("writes the file after each mutation, before any stop", async () => {
    const stateFile = join(dir, "live.json");
    const emu = await startTestEmulator({ stateFile, seed: standardSeed() });
    try {
      await ecsClient(emu).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 2 }));
      const saved = JSON.parse(readFileSync(stateFile, "utf8")) as { version: number; instances: Array<{ InstanceId: string; ExpiredTime: string }>; ledger: { charges: unknown[] } };
      assert.equal(saved.version, 1);
      assert.equal(saved.instances.find((i) => i.InstanceId === IDS.running)?.ExpiredTime, "2026-05-31T16:00Z");
      assert.equal(saved.ledger.charges.length, 1);
    } finally {
      await emu.stop();
    }
  });

  it("starts from the seed when the state file does not exist yet", async () => {
    const stateFile = join(dir, "nested", "new.json");
    const emu = await startTestEmulator({ stateFile, seed: standardSeed() });
    try {
      assert.ok((await emu.control.state()).instances.length > 0);
      assert.ok(existsSync(stateFile));
    } finally {
      await emu.stop();
    }
  });

  it("refuses to start on a file that is not a state file", async () => {
    const stateFile = join(dir, "junk.json");
    writeFileSync(stateFile, JSON.stringify({ hello: "world" }));
    await assert.rejects(startTestEmulator({ stateFile }), /not an emulator state file/);
  });
});
