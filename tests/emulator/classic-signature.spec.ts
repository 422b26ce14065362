/**
 * The classic RPC signature as the classic SDKs (and so the `aliyun` CLI) send it, and the service's
 * order of checks: key, then signature, then parameters. Requests are signed with the npm SDK's own
 * `OpenApiUtil.getRPCSignature`, not with the emulator's code.
 */
import * as assert from "node:assert/strict";
import { OpenApiUtil } from "@alicloud/openapi-core";
import { DEFAULT_ACCESS_KEY, type AccessKey, type RunningEmulator } from "../../emulator";
import { useEmulator } from "../support/emulator";
import { REGION, sdkTimestamp, sendRaw, signAcs3, standardSeed, type RawRequest } from "./helpers";

const WRONG_SECRET: AccessKey = { id: DEFAULT_ACCESS_KEY.id, secret: "not-the-secret" };
const UNKNOWN_KEY: AccessKey = { id: "LTAInobodyhasthiskey", secret: DEFAULT_ACCESS_KEY.secret };

/** What `alibaba-cloud-sdk-go` (sdk/auth/rpc_signature_composer.go) puts in the query of every RPC call. */
function classicParams(action: string, extra: Record<string, string>, key: AccessKey): Record<string, string> {
  return {
    Version: "2014-05-26",
    Action: action,
    Format: "JSON",
    Timestamp: sdkTimestamp(new Date()),
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureType: "",
    SignatureNonce: OpenApiUtil.getNonce(),
    AccessKeyId: key.id,
    RegionId: REGION,
    ...extra,
  };
}

/**
 * A POST as the classic SDK sends it: signed parameters in the query string, a form Content-Type;
 * `inBody` names parameters to move into the form body instead (the signature covers both).
 */
function classicRequest(emu: RunningEmulator, params: Record<string, string>, key: AccessKey, inBody: readonly string[] = []): RawRequest {
  const signature = OpenApiUtil.getRPCSignature(params, "POST", key.secret);
  const query = new URLSearchParams();
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, Signature: signature })) (inBody.includes(k) ? form : query).append(k, v);
  return {
    method: "POST",
    path: `/?${query.toString().replace(/\+/g, "%20")}`,
    headers: { host: emu.endpoint, "content-type": "application/x-www-form-urlencoded", "x-acs-action": params["Action"], "x-acs-version": params["Version"] },
    body: form.toString(),
  };
}

describe("emulator: classic RPC signature and the order of checks", () => {
  const emu = useEmulator({ seedEachTest: () => standardSeed() });
  const key = (): AccessKey => emu.accessKeys[0];

  it("accepts the empty SignatureType the classic SDK always sends", async () => {
    const res = await sendRaw(emu, classicRequest(emu, classicParams("DescribeInstances", { PageSize: "1" }, key()), key()));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(Number(res.body["TotalCount"]) > 0);
  });

  it("accepts signed parameters sent in the form body of the POST", async () => {
    const res = await sendRaw(emu, classicRequest(emu, classicParams("DescribeInstances", { PageSize: "1" }, key()), key(), ["PageSize", "RegionId"]));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body["PageSize"], 1);
  });

  it("refuses a SignatureType other than empty (BEARERTOKEN) with 400 IncompleteSignature", async () => {
    const res = await sendRaw(emu, classicRequest(emu, classicParams("DescribeInstances", { SignatureType: "BEARERTOKEN" }, key()), key()));
    assert.equal(res.status, 400);
    assert.equal(res.body["Code"], "IncompleteSignature");
  });

  it("answers a wrong secret with 400 SignatureDoesNotMatch, the message showing the server's string to sign", async () => {
    const res = await sendRaw(emu, classicRequest(emu, classicParams("DescribeInstances", {}, WRONG_SECRET), WRONG_SECRET));
    assert.equal(res.status, 400);
    assert.equal(res.body["Code"], "SignatureDoesNotMatch");
    assert.match(String(res.body["Message"]), /server string to sign is:POST&%2F&/);
  });

  it("checks the key first: an unknown key with an unsupported signature method is 404 InvalidAccessKeyId.NotFound", async () => {
    const res = await sendRaw(emu, classicRequest(emu, classicParams("DescribeInstances", { SignatureMethod: "HMAC-SHA256", SignatureType: "BEARERTOKEN" }, UNKNOWN_KEY), UNKNOWN_KEY));
    assert.equal(res.status, 404);
    assert.equal(res.body["Code"], "InvalidAccessKeyId.NotFound");
  });

  it("checks the key first with ACS3 too: an unknown key with an unsupported algorithm is 404", async () => {
    const raw = signAcs3(emu, { action: "DescribeInstances", query: { RegionId: REGION }, key: UNKNOWN_KEY });
    const res = await sendRaw(emu, { ...raw, headers: { ...raw.headers, authorization: raw.headers["authorization"].replace("ACS3-HMAC-SHA256", "ACS3-FOO") } });
    assert.equal(res.status, 404);
    assert.equal(res.body["Code"], "InvalidAccessKeyId.NotFound");
  });

  it("checks the signature before the parameters: a wrong secret on an unknown Action and Version is SignatureDoesNotMatch", async () => {
    const res = await sendRaw(emu, classicRequest(emu, classicParams("NoSuchAction", { Version: "1999-01-01" }, WRONG_SECRET), WRONG_SECRET));
    assert.equal(res.body["Code"], "SignatureDoesNotMatch");
  });

  it("checks the parameters once the signature verified: an unknown Action is 404 InvalidAction.NotFound", async () => {
    const res = await sendRaw(emu, classicRequest(emu, classicParams("NoSuchAction", {}, key()), key()));
    assert.equal(res.status, 404);
    assert.equal(res.body["Code"], "InvalidAction.NotFound");
  });
});
