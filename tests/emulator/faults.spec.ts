import * as assert from "node:assert/strict";
import Ecs, * as $Ecs from "@alicloud/ecs20140526";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";
import { ControlRequestError } from "../../emulator";
import { startTestEmulator, useEmulator } from "../support/emulator";
import { waitUntil } from "../support/wait";
import { ecsClient, expectEcsError, expectTransportError, EXPIRY, fastRuntime, IDS, REGION, sleep, standardSeed } from "./helpers";

const RENEWED = "2026-04-30T16:00Z";

describe("emulator: injected faults", () => {
  const emu = useEmulator({ seedEachTest: () => standardSeed() });

  const renew = (token: string, timeoutMs = 500) =>
    ecsClient(emu).renewInstanceWithOptions(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 1, clientToken: token }), fastRuntime(timeoutMs));
  const expiry = async (): Promise<string | undefined> => (await emu.control.state()).instances.find((i) => i.InstanceId === IDS.running)?.ExpiredTime;

  describe("error", () => {
    it("answers the configured code and status without touching state; the SDK raises ServerError for 5xx", async () => {
      await emu.control.setFaults([{ action: "RenewInstance", kind: "error", code: "ServiceUnavailable" }]);
      const err = await expectEcsError(renew("e1"), "ServiceUnavailable", 503);
      assert.equal(err.name, "ServerError");
      assert.equal(await expiry(), EXPIRY);
      assert.deepEqual((await emu.control.ledger()).charges, []);
    });

    it("answers Throttling.User with 400 and x-acs-retry-after; the SDK raises ThrottlingError with retryAfter", async () => {
      await emu.control.setFaults([{ action: "DescribeInstances", kind: "error", code: "Throttling.User", retryAfterMs: 250 }]);
      const err = await expectEcsError(ecsClient(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION })), "Throttling.User", 400);
      assert.equal(err.name, "ThrottlingError");
      assert.equal((err as unknown as { retryAfter: number }).retryAfter, 250);
    });

    it("does not record the token, so a retry with it renews", async () => {
      await emu.control.setFaults([{ action: "RenewInstance", kind: "error" }]);
      await expectEcsError(renew("e2"), "InternalError", 500);
      await renew("e2");
      assert.equal(await expiry(), RENEWED);
    });

    it("fires on the nth call of its action only, counting from when it was set, for `times` calls", async () => {
      await emu.control.setFaults([{ action: "RenewInstance", nth: 2, times: 2, kind: "error", code: "InternalError", status: 500 }]);
      await renew("n1");
      await expectEcsError(renew("n2"), "InternalError", 500);
      await expectEcsError(renew("n3"), "InternalError", 500);
      await renew("n4");
      const [fault] = await emu.control.faults();
      assert.equal(fault.seen, 4);
      assert.equal(fault.fired, 2);
      assert.equal((await emu.control.ledger()).charges.length, 2);
    });

    it("lets the SDK's own retry (Config.retryOptions) through: retried requests carry signed x-acs-retry-* headers", async () => {
      await emu.control.setFaults([{ action: "RenewInstance", kind: "error", code: "ServiceUnavailable", times: 2 }]);
      const key = emu.accessKeys[0];
      const client = new Ecs(
        new $OpenApiUtil.Config({
          accessKeyId: key.id,
          accessKeySecret: key.secret,
          endpoint: emu.endpoint,
          protocol: "http",
          regionId: REGION,
          retryOptions: new $dara.RetryOptions({
            retryable: true,
            retryCondition: [{ maxAttempts: 3, exception: ["ServerError"], errorCode: ["ServiceUnavailable"], backoff: { policy: "Fixed", period: 10 } }],
            noRetryCondition: [],
          }),
        }),
      );
      const res = await client.renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 1, clientToken: "sdk-retry" }));
      assert.match(res.body?.orderId ?? "", /^\d+$/);
      const ledger = await emu.control.ledger();
      assert.equal(ledger.calls["RenewInstance"], 3);
      assert.equal(ledger.charges.length, 1);
    });

    it("with perSecond, lets that many calls a second through and throttles the others, as a flow control", async () => {
      await emu.control.setFaults([{ action: "DescribeInstances", kind: "error", code: "Throttling.User", perSecond: 3, times: 1000 }]);
      const describe = () => ecsClient(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION }));
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, describe));
      assert.equal(outcomes.filter((o) => o.status === "fulfilled").length, 3);
      const [fault] = await emu.control.faults();
      assert.equal(fault.fired, 5);
    });

    it("refuses perSecond on a fault that is not an error, with 400", async () => {
      await assert.rejects(
        emu.control.setFaults([{ action: "RenewInstance", kind: "reset-before-commit", perSecond: 3 }]),
        (e: unknown) => e instanceof ControlRequestError && e.status === 400 && /perSecond/.test(e.message),
      );
    });

    it('applies to every Action with action "*"', async () => {
      await emu.control.setFaults([{ action: "*", kind: "error", code: "InternalError", times: 2 }]);
      await expectEcsError(ecsClient(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION })), "InternalError", 500);
      await expectEcsError(renew("star"), "InternalError", 500);
      await renew("star");
    });
  });

  describe("reset-before-commit", () => {
    it("drops the connection and applies nothing", async () => {
      await emu.control.setFaults([{ action: "RenewInstance", kind: "reset-before-commit" }]);
      await expectTransportError(renew("rb"));
      assert.equal(await expiry(), EXPIRY);
      const ledger = await emu.control.ledger();
      assert.deepEqual(ledger.charges, []);
      assert.equal(ledger.calls["RenewInstance"], 1);
      await renew("rb");
      assert.equal(await expiry(), RENEWED);
    });
  });

  describe("reset-after-commit", () => {
    it("applies the renewal, drops the connection, and a retry with the same token gets the same OrderId without a second charge", async () => {
      await emu.control.setFaults([{ action: "RenewInstance", kind: "reset-after-commit" }]);
      await expectTransportError(renew("ra"));
      assert.equal(await expiry(), RENEWED);
      const [charge] = (await emu.control.ledger()).charges;
      const retry = await renew("ra");
      assert.equal(retry.body?.orderId, charge.orderId);
      assert.equal((await emu.control.ledger()).charges.length, 1);
      assert.equal(await expiry(), RENEWED);
    });
  });

  describe("delay-after-commit", () => {
    it("applies the renewal and holds the answer for delayMs, so a client that times out first sees the token still in flight", async () => {
      const delayMs = 1500;
      await emu.control.setFaults([{ action: "RenewInstance", kind: "delay-after-commit", delayMs }]);
      await expectTransportError(renew("d1", 300));
      assert.equal(await expiry(), RENEWED, "applied before the answer");
      await expectEcsError(renew("d1"), "LastTokenProcessing", 403);
      // The delay started at the commit, before the client gave up: it is over after this sleep.
      await sleep(delayMs);
      const retry = await renew("d1");
      assert.equal(retry.body?.orderId, (await emu.control.ledger()).charges[0].orderId);
    });

    it("answers a patient client once the delay is over", async () => {
      await emu.control.setFaults([{ action: "RenewInstance", kind: "delay-after-commit", delayMs: 300 }]);
      const started = Date.now();
      const res = await renew("d2", 2000);
      assert.ok(Date.now() - started >= 290);
      assert.match(res.body?.orderId ?? "", /^\d+$/);
    });

    it("defaults to 10 s, longer than the SDK's 3 s default timeout", async () => {
      const [fault] = await emu.control.setFaults([{ action: "RenewInstance", kind: "delay-after-commit" }]);
      assert.equal(fault.delayMs, undefined);
      await expectTransportError(renew("d3", 200));
      await expectEcsError(renew("d3"), "LastTokenProcessing", 403);
    });
  });

  describe("stall-after-commit", () => {
    it("applies and never answers; once the client closes the connection the token replays", async () => {
      await emu.control.setFaults([{ action: "RenewInstance", kind: "stall-after-commit" }]);
      await expectTransportError(renew("s1", 300));
      assert.equal(await expiry(), RENEWED);
      await sleep(50);
      const retry = await renew("s1");
      assert.equal(retry.body?.orderId, (await emu.control.ledger()).charges[0].orderId);
      assert.equal((await emu.control.ledger()).charges.length, 1);
    });

    it("stops while a connection is stalled by dropping it, without waiting for the client to give up", async function () {
      this.timeout(20_000);
      const other = await startTestEmulator({ seed: standardSeed() });
      await other.control.setFaults([{ action: "RenewInstance", kind: "stall-after-commit" }]);
      // The client would wait longer than the test may run: only the emulator can end this call.
      const pending = expectTransportError(ecsClient(other).renewInstanceWithOptions(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 1 }), fastRuntime(30_000)));
      await waitUntil(async () => (await other.control.state()).instances.find((i) => i.InstanceId === IDS.running)?.ExpiredTime === RENEWED, "the stalled renewal to be applied");
      await other.stop();
      const err = await pending;
      assert.notEqual(err.name, "RequestTimeoutError", "the connection was dropped by the emulator, not timed out by the client");
    });
  });

  describe("control", () => {
    it("clears every fault with DELETE", async () => {
      await emu.control.setFaults([{ action: "RenewInstance", kind: "error" }]);
      await emu.control.clearFaults();
      assert.deepEqual(await emu.control.faults(), []);
      await renew("cleared");
    });

    it("rejects an unknown kind with 400", async () => {
      await assert.rejects(
        emu.control.setFaults([{ action: "RenewInstance", kind: "explode" as "error" }]),
        (e: unknown) => e instanceof ControlRequestError && e.status === 400 && /kind/.test(e.message),
      );
    });

    it("is cleared by a reset", async () => {
      await emu.control.setFaults([{ action: "RenewInstance", kind: "error" }]);
      await emu.control.reset(standardSeed());
      assert.deepEqual(await emu.control.faults(), []);
    });
  });
});
