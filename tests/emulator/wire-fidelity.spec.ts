/**
 * Details of the answers that clients see: the HostId of errors, NextToken in page-mode
 * DescribeInstances, and ReservedInstanceId.N taken exactly as written.
 */
import * as assert from "node:assert/strict";
import * as $Ecs from "@alicloud/ecs20140526";
import { useEmulator } from "../support/emulator";
import { ecsClient, IDS, REGION, sendRaw, signRpc, standardSeed } from "./helpers";

describe("emulator: wire fidelity", () => {
  const emu = useEmulator({ seedEachTest: () => standardSeed() });

  describe("HostId", () => {
    it("is the host the client called", async () => {
      const port = emu.endpoint.split(":").pop();
      const raw = signRpc(emu, { action: "RenewInstance", query: { InstanceId: "i-nobody", Period: "1" } });
      const res = await sendRaw(emu, { ...raw, headers: { ...raw.headers, host: `localhost:${port}` } });
      assert.equal(res.status, 404);
      assert.equal(res.body["HostId"], "localhost");
    });

    it("is the service's name when the Host header names no host", async () => {
      const raw = signRpc(emu, { action: "RenewInstance", query: { InstanceId: "i-nobody", Period: "1" } });
      const res = await sendRaw(emu, { ...raw, headers: { ...raw.headers, host: "not a host!" } });
      assert.equal(res.body["HostId"], "ecs.aliyuncs.com");
    });
  });

  describe("DescribeInstances in page mode", () => {
    const describeInstances = (req: Partial<$Ecs.DescribeInstancesRequest>) =>
      ecsClient(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, ...req }));

    it("answers a NextToken that continues after the page", async () => {
      const first = await describeInstances({ pageNumber: 1, pageSize: 3 });
      const token = first.body?.nextToken ?? "";
      assert.notEqual(token, "");
      const rest = await describeInstances({ nextToken: token, maxResults: 100 });
      const seen = [...(first.body?.instances?.instance ?? []), ...(rest.body?.instances?.instance ?? [])].map((i) => i.instanceId);
      assert.equal(new Set(seen).size, first.body?.totalCount, "every instance once");
    });

    it("answers an empty NextToken on the last page", async () => {
      const res = await describeInstances({ pageNumber: 1, pageSize: 100 });
      assert.equal(res.body?.nextToken, "");
    });
  });

  describe("ReservedInstanceId.N", () => {
    const renewRaw = (query: Record<string, string>) => sendRaw(emu, signRpc(emu, { action: "RenewReservedInstances", query: { RegionId: REGION, ...query } }));

    for (const [name, why] of [
      ["ReservedInstanceId.0", "N starts at 1"],
      ["ReservedInstanceId.01", "a leading zero is not another spelling of 1"],
      ["ReservedInstanceId.11", "RenewReservedInstances takes N up to 10"],
    ] as const) {
      it(`answers ${name} with 400 InvalidParameter (${why}) and renews nothing`, async () => {
        const res = await renewRaw({ [name]: IDS.ri(1) });
        assert.equal(res.status, 400);
        assert.equal(res.body["Code"], "InvalidParameter");
        assert.match(String(res.body["Message"]), new RegExp(name.replace(".", "\\.")));
        assert.deepEqual((await emu.control.ledger()).charges, []);
      });
    }

    it("takes ReservedInstanceId.1 to .10 as written", async () => {
      const ids = Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`ReservedInstanceId.${k + 1}`, IDS.ri(k + 1)]));
      const res = await renewRaw(ids);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal((res.body["ReservedInstanceIdSets"] as { ReservedInstanceId: string[] }).ReservedInstanceId.length, 10);
    });
  });
});
