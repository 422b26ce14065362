import * as assert from "node:assert/strict";
import * as $Ecs from "@alicloud/ecs20140526";
import { DEFAULT_ACCESS_KEY, type AccessKey, type RunningEmulator } from "../../emulator";
import { useEmulator } from "../support/emulator";
import { ecsClient, expectEcsError, REGION, sendRaw, signAcs3, signRpc, standardSeed, type RawRequest, type SignOptions } from "./helpers";

const STS_KEY: AccessKey = { id: "STS.emulatorTemporaryKey", secret: "sts-secret-0001", securityToken: "sts-token-abcdef" };
const describe1 = (): $Ecs.DescribeInstancesRequest => new $Ecs.DescribeInstancesRequest({ regionId: REGION, pageSize: 1 });

describe("emulator: request signatures", () => {
  const emu = useEmulator({ accessKeys: [DEFAULT_ACCESS_KEY, STS_KEY], seedEachTest: () => standardSeed() });

  for (const signature of [undefined, "v2"] as const) {
    const kind = signature === "v2" ? "RPC v2 (HMAC-SHA1)" : "ACS3-HMAC-SHA256";

    describe(kind, () => {
      it("accepts a request signed with a configured key", async () => {
        const res = await ecsClient(emu, { signature }).describeInstances(describe1());
        assert.equal(res.statusCode, 200);
        assert.equal(res.body?.instances?.instance?.length, 1);
      });

      it("rejects a wrong secret with 400 SignatureDoesNotMatch", async () => {
        const key = { id: DEFAULT_ACCESS_KEY.id, secret: "not-the-secret" };
        const err = await expectEcsError(ecsClient(emu, { signature, key }).describeInstances(describe1()), "SignatureDoesNotMatch", 400);
        assert.match(err.message, /string ?to ?sign/i);
      });

      it("rejects an unknown AccessKey id with 404 InvalidAccessKeyId.NotFound", async () => {
        const key = { id: "LTAInobody", secret: DEFAULT_ACCESS_KEY.secret };
        await expectEcsError(ecsClient(emu, { signature, key }).describeInstances(describe1()), "InvalidAccessKeyId.NotFound", 404);
      });

      it("accepts an STS key with its security token", async () => {
        const res = await ecsClient(emu, { signature, key: STS_KEY, securityToken: STS_KEY.securityToken }).describeInstances(describe1());
        assert.equal(res.statusCode, 200);
      });

      it("rejects an STS key without a token with 400 MissingSecurityToken", async () => {
        await expectEcsError(ecsClient(emu, { signature, key: STS_KEY }).describeInstances(describe1()), "MissingSecurityToken", 400);
      });

      it("rejects an STS key with another token with 400 InvalidSecurityToken.MismatchWithAccessKey", async () => {
        const client = ecsClient(emu, { signature, key: STS_KEY, securityToken: "someone-elses-token" });
        await expectEcsError(client.describeInstances(describe1()), "InvalidSecurityToken.MismatchWithAccessKey", 400);
      });
    });
  }

  const signers: ReadonlyArray<[string, (e: RunningEmulator, o: SignOptions) => RawRequest]> = [
    ["ACS3", signAcs3],
    ["RPC v2", signRpc],
  ];
  for (const [name, sign] of signers) {
    describe(`${name}, raw requests`, () => {
      it("rejects a replayed request (same nonce) with 400 SignatureNonceUsed", async () => {
        const raw = sign(emu, { action: "DescribeInstances", query: { RegionId: REGION } });
        assert.equal((await sendRaw(emu, raw)).status, 200);
        const second = await sendRaw(emu, raw);
        assert.equal(second.status, 400);
        assert.equal(second.body["Code"], "SignatureNonceUsed");
      });

      it("rejects a timestamp 16 minutes old with 400 InvalidTimeStamp.Expired", async () => {
        const raw = sign(emu, { action: "DescribeInstances", query: { RegionId: REGION }, date: new Date(Date.now() - 16 * 60_000) });
        const res = await sendRaw(emu, raw);
        assert.equal(res.status, 400);
        assert.equal(res.body["Code"], "InvalidTimeStamp.Expired");
      });

      it("rejects a timestamp 16 minutes in the future with 400 InvalidTimeStamp.Expired", async () => {
        const raw = sign(emu, { action: "DescribeInstances", query: { RegionId: REGION }, date: new Date(Date.now() + 16 * 60_000) });
        assert.equal((await sendRaw(emu, raw)).body["Code"], "InvalidTimeStamp.Expired");
      });

      it("accepts a timestamp 14 minutes old", async () => {
        const raw = sign(emu, { action: "DescribeInstances", query: { RegionId: REGION }, date: new Date(Date.now() - 14 * 60_000) });
        assert.equal((await sendRaw(emu, raw)).status, 200);
      });

      it("checks timestamps against the wall clock, not the model clock", async () => {
        await emu.control.setClock("2020-01-01T00:00:00Z");
        const raw = sign(emu, { action: "DescribeInstances", query: { RegionId: REGION } });
        assert.equal((await sendRaw(emu, raw)).status, 200);
      });

      it("rejects parameters changed after signing with 400 SignatureDoesNotMatch", async () => {
        const raw = sign(emu, { action: "DescribeInstances", query: { RegionId: REGION, PageSize: "1" } });
        const res = await sendRaw(emu, { ...raw, path: raw.path.replace("PageSize=1", "PageSize=2") });
        assert.equal(res.status, 400);
        assert.equal(res.body["Code"], "SignatureDoesNotMatch");
      });
    });
  }

  it("rejects a malformed x-acs-date with 400 InvalidTimeStamp.Format", async () => {
    const raw = signAcs3(emu, { action: "DescribeInstances", query: { RegionId: REGION } });
    const res = await sendRaw(emu, { ...raw, headers: { ...raw.headers, "x-acs-date": "23/11/2026 14:05" } });
    assert.equal(res.status, 400);
    assert.equal(res.body["Code"], "InvalidTimeStamp.Format");
  });

  it("rejects a malformed Authorization header with 400 IncompleteSignature", async () => {
    const raw = signAcs3(emu, { action: "DescribeInstances", query: { RegionId: REGION } });
    const res = await sendRaw(emu, { ...raw, headers: { ...raw.headers, authorization: "ACS3-HMAC-SHA256 garbage" } });
    assert.equal(res.status, 400);
    assert.equal(res.body["Code"], "IncompleteSignature");
  });

  it("rejects an unsupported signature algorithm with 400 IncompleteSignature", async () => {
    const raw = signAcs3(emu, { action: "DescribeInstances", query: { RegionId: REGION } });
    const res = await sendRaw(emu, { ...raw, headers: { ...raw.headers, authorization: raw.headers["authorization"].replace("ACS3-HMAC-SHA256", "ACS3-FOO") } });
    assert.equal(res.body["Code"], "IncompleteSignature");
  });

  it("rejects an unsigned x-acs-* header with 400 IncompleteSignature", async () => {
    const raw = signAcs3(emu, { action: "DescribeInstances", query: { RegionId: REGION } });
    const res = await sendRaw(emu, { ...raw, headers: { ...raw.headers, "x-acs-extra": "smuggled" } });
    assert.equal(res.body["Code"], "IncompleteSignature");
  });

  it("rejects a request with no signature at all with 400 IncompleteSignature", async () => {
    const res = await sendRaw(emu, { method: "POST", path: `/?RegionId=${REGION}`, headers: { "x-acs-action": "DescribeInstances", "x-acs-version": "2014-05-26" } });
    assert.equal(res.status, 400);
    assert.equal(res.body["Code"], "IncompleteSignature");
  });

  it("rejects a body whose hash is not x-acs-content-sha256 with 400 SignatureDoesNotMatch", async () => {
    const raw = signAcs3(emu, { action: "DescribeInstances", query: { RegionId: REGION } });
    const res = await sendRaw(emu, { ...raw, body: "RegionId=cn-beijing", headers: { ...raw.headers, "content-type": "text/plain" } });
    assert.equal(res.status, 400);
    assert.equal(res.body["Code"], "SignatureDoesNotMatch");
  });

  it("rejects an RPC request missing SignatureNonce with 400 MissingParameter", async () => {
    const raw = signRpc(emu, { action: "DescribeInstances", query: { RegionId: REGION } });
    const res = await sendRaw(emu, { ...raw, path: raw.path.replace(/SignatureNonce=[^&]+&/, "") });
    assert.equal(res.status, 400);
    assert.equal(res.body["Code"], "MissingParameter");
  });

  it("counts no signature failure in the ledger (nothing is counted before authentication)", async () => {
    const key = { id: DEFAULT_ACCESS_KEY.id, secret: "wrong" };
    await expectEcsError(ecsClient(emu, { key }).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: "i-running", period: 1 })), "SignatureDoesNotMatch", 400);
    await expectEcsError(ecsClient(emu, { key, signature: "v2" }).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: "i-running", period: 1 })), "SignatureDoesNotMatch", 400);
    const ledger = await emu.control.ledger();
    assert.deepEqual(ledger.calls, {});
    assert.deepEqual(ledger.charges, []);
  });
});
