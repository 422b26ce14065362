import * as assert from "node:assert/strict";
import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../../emulator";
import { useEmulator } from "../support/emulator";
import { ecsClient, NOW, REGION, sendRaw, signAcs3, standardSeed, type RawRequest } from "./helpers";

/** The model clock 60 days after the standard inventory's {@link NOW}, as a test that ages resources sets it. */
const LATER = new Date(Date.parse(NOW) + 60 * 86_400_000);

/** The `Date` header an answer must carry for this instant. */
const httpDate = (instant: Date): string => instant.toUTCString();

/** Error answers from each layer: the model, the gateway (signature) and an injected fault. */
const ERROR_ANSWERS: ReadonlyArray<[string, number, (emu: RunningEmulator) => Promise<RawRequest>]> = [
  ["a model error (404 InvalidInstanceId.NotFound)", 404, async (emu) => signAcs3(emu, { action: "DescribeRenewalPrice", query: { RegionId: REGION, ResourceId: "i-missing" } })],
  [
    "a gateway error (400 SignatureDoesNotMatch)",
    400,
    async (emu) => signAcs3(emu, { action: "DescribeInstances", query: { RegionId: REGION }, key: { id: emu.accessKeys[0].id, secret: "not-the-secret" } }),
  ],
  [
    "an injected fault (503 ServiceUnavailable)",
    503,
    async (emu) => {
      await emu.control.setFaults([{ action: "DescribeInstances", kind: "error", code: "ServiceUnavailable", status: 503 }]);
      return signAcs3(emu, { action: "DescribeInstances", query: { RegionId: REGION } });
    },
  ],
];

describe("emulator: Date header from the model clock", () => {
  const emu = useEmulator({ seedEachTest: () => standardSeed() });

  const describeInstances = () => ecsClient(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION }));

  it("says the instant POST /__emulator/clock set, not the wall clock", async () => {
    await emu.control.setClock(LATER.toISOString());
    const res = await describeInstances();
    assert.equal(res.headers?.["date"], httpDate(LATER));
  });

  it("says the wall clock (within a few seconds) while the model clock follows it", async () => {
    await emu.control.setClock(null);
    const before = Date.now();
    const res = await describeInstances();
    const after = Date.now();
    const sent = Date.parse(res.headers?.["date"] ?? "");
    assert.ok(Number.isFinite(sent), `no parsable Date header: ${String(res.headers?.["date"])}`);
    // The header has whole seconds: allow the truncation and a few seconds of slack.
    assert.ok(sent >= before - 3000 && sent <= after + 3000, `Date ${new Date(sent).toISOString()} is not near the wall clock ${new Date(before).toISOString()}`);
  });

  it("is in RFC 7231 IMF-fixdate format", async () => {
    const res = await describeInstances();
    assert.match(res.headers?.["date"] ?? "", /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });

  for (const [what, status, build] of ERROR_ANSWERS) {
    it(`is carried by ${what} too`, async () => {
      await emu.control.setClock(LATER.toISOString());
      const res = await sendRaw(emu, await build(emu));
      assert.equal(res.status, status);
      assert.equal(res.headers["date"], httpDate(LATER));
    });
  }
});
