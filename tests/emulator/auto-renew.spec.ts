import * as assert from "node:assert/strict";
import * as $Ecs from "@alicloud/ecs20140526";
import { useEmulator } from "../support/emulator";
import { ecsClient, expectEcsError, IDS, REGION, standardSeed } from "./helpers";

describe("emulator: auto-renew attribute APIs", () => {
  const emu = useEmulator({ seedEachTest: () => standardSeed() });

  describe("instances", () => {
    const modify = (req: Partial<$Ecs.ModifyInstanceAutoRenewAttributeRequest>) =>
      ecsClient(emu).modifyInstanceAutoRenewAttribute(new $Ecs.ModifyInstanceAutoRenewAttributeRequest({ regionId: REGION, instanceId: IDS.running, ...req }));
    const describeAttr = async (req: Partial<$Ecs.DescribeInstanceAutoRenewAttributeRequest>) =>
      (await ecsClient(emu).describeInstanceAutoRenewAttribute(new $Ecs.DescribeInstanceAutoRenewAttributeRequest({ regionId: REGION, ...req }))).body;

    it("reports manual renewal (Normal) by default", async () => {
      const body = await describeAttr({ instanceId: IDS.running });
      assert.deepEqual(
        body?.instanceRenewAttributes?.instanceRenewAttribute?.map((a) => [a.instanceId, a.autoRenewEnabled, a.renewalStatus, a.duration, a.periodUnit]),
        [[IDS.running, false, "Normal", 1, "Month"]],
      );
      assert.equal(body?.totalCount, 1);
    });

    it("switches auto-renewal on with AutoRenew=true for Duration PeriodUnits, and off again", async () => {
      await modify({ autoRenew: true, duration: 3, periodUnit: "Month" });
      let a = (await describeAttr({ instanceId: IDS.running }))?.instanceRenewAttributes?.instanceRenewAttribute?.[0];
      assert.equal(a?.autoRenewEnabled, true);
      assert.equal(a?.renewalStatus, "AutoRenewal");
      assert.equal(a?.duration, 3);
      assert.equal(a?.periodUnit, "Month");
      await modify({ autoRenew: false });
      a = (await describeAttr({ instanceId: IDS.running }))?.instanceRenewAttributes?.instanceRenewAttribute?.[0];
      assert.equal(a?.autoRenewEnabled, false);
      assert.equal(a?.renewalStatus, "Normal");
    });

    it("lets RenewalStatus win over AutoRenew", async () => {
      await modify({ autoRenew: true, renewalStatus: "NotRenewal" });
      const a = (await describeAttr({ instanceId: IDS.running }))?.instanceRenewAttributes?.instanceRenewAttribute?.[0];
      assert.equal(a?.renewalStatus, "NotRenewal");
      assert.equal(a?.autoRenewEnabled, false);
    });

    it("changes several comma-separated instances at once, and filters Describe by RenewalStatus", async () => {
      await modify({ instanceId: `${IDS.running},${IDS.stopped}`, renewalStatus: "AutoRenewal", duration: 1, periodUnit: "Year" });
      const body = await describeAttr({ renewalStatus: "AutoRenewal" });
      assert.deepEqual(body?.instanceRenewAttributes?.instanceRenewAttribute?.map((a) => a.instanceId), [IDS.running, IDS.stopped]);
    });

    it("pages Describe with PageNumber/PageSize sent as strings", async () => {
      const body = await describeAttr({ renewalStatus: "Normal", pageNumber: "2", pageSize: "3" });
      assert.equal(body?.pageNumber, 2);
      assert.equal(body?.pageSize, 3);
      assert.equal(body?.instanceRenewAttributes?.instanceRenewAttribute?.length, 3);
    });

    it("answers a PostPaid instance with 403 ChargeTypeViolation and changes none of the others", async () => {
      await expectEcsError(modify({ instanceId: `${IDS.running},${IDS.postPaid}`, autoRenew: true }), "ChargeTypeViolation", 403);
      const a = (await describeAttr({ instanceId: IDS.running }))?.instanceRenewAttributes?.instanceRenewAttribute?.[0];
      assert.equal(a?.autoRenewEnabled, false);
    });

    it("answers an unknown instance, or one in another region, with 404 InvalidInstanceId.NotFound", async () => {
      await expectEcsError(modify({ instanceId: "i-nope", autoRenew: true }), "InvalidInstanceId.NotFound", 404);
      await expectEcsError(modify({ instanceId: IDS.beijing, autoRenew: true }), "InvalidInstanceId.NotFound", 404);
    });

    it("answers Duration 7 Months with 400 InvalidParameter and an unknown PeriodUnit with InvalidPeriodUnit.ValueNotSupported", async () => {
      await expectEcsError(modify({ autoRenew: true, duration: 7, periodUnit: "Month" }), "InvalidParameter", 400);
      await expectEcsError(modify({ autoRenew: true, duration: 1, periodUnit: "Day" }), "InvalidPeriodUnit.ValueNotSupported", 400);
    });

    it("charges nothing", async () => {
      await modify({ autoRenew: true, duration: 1 });
      assert.deepEqual((await emu.control.ledger()).charges, []);
    });
  });

  describe("reserved instances", () => {
    const modify = (req: Partial<$Ecs.ModifyReservedInstanceAutoRenewAttributeRequest>) =>
      ecsClient(emu).modifyReservedInstanceAutoRenewAttribute(new $Ecs.ModifyReservedInstanceAutoRenewAttributeRequest({ regionId: REGION, reservedInstanceId: [IDS.ri(1)], ...req }));
    const describeAttr = async (ids?: string[]) =>
      (
        await ecsClient(emu).describeReservedInstanceAutoRenewAttribute(
          new $Ecs.DescribeReservedInstanceAutoRenewAttributeRequest({ regionId: REGION, reservedInstanceId: ids }),
        )
      ).body?.reservedInstanceRenewAttributes?.reservedInstanceRenewAttribute ?? [];

    it("reports Normal by default, and every reserved instance of the region when no id is given", async () => {
      const all = await describeAttr();
      assert.ok(all.length > 10);
      assert.ok(all.every((a) => a.renewalStatus === "Normal"));
      assert.ok(!all.some((a) => a.reservedInstanceId === IDS.riBeijing));
    });

    it("switches auto-renewal on for Period Years and off again", async () => {
      await modify({ renewalStatus: "AutoRenewal", period: 3, periodUnit: "Year" });
      let [a] = await describeAttr([IDS.ri(1)]);
      assert.deepEqual([a.reservedInstanceId, a.renewalStatus, a.duration, a.periodUnit], [IDS.ri(1), "AutoRenewal", 3, "Year"]);
      await modify({ renewalStatus: "Normal" });
      [a] = await describeAttr([IDS.ri(1)]);
      assert.equal(a.renewalStatus, "Normal");
    });

    it("answers Period 12 with PeriodUnit Month with 400 InvalidPeriod (Month allows 1; use Year)", async () => {
      await expectEcsError(modify({ renewalStatus: "AutoRenewal", period: 12, periodUnit: "Month" }), "InvalidPeriod", 400);
    });

    it("answers a reserved instance that is not Active with 403 IncorrectInstanceStatus", async () => {
      await expectEcsError(modify({ reservedInstanceId: [IDS.riCreating], renewalStatus: "AutoRenewal" }), "IncorrectInstanceStatus", 403);
      await expectEcsError(modify({ reservedInstanceId: [IDS.riExpired], renewalStatus: "AutoRenewal" }), "IncorrectInstanceStatus", 403);
    });

    it("answers another region with 400 InvalidParameter.Conflict and an unknown id with 404 InvalidReservedInstanceId.NotFound", async () => {
      await expectEcsError(modify({ reservedInstanceId: [IDS.riBeijing], renewalStatus: "AutoRenewal" }), "InvalidParameter.Conflict", 400);
      await expectEcsError(modify({ reservedInstanceId: ["ecsri-nope"], renewalStatus: "AutoRenewal" }), "InvalidReservedInstanceId.NotFound", 404);
    });

    it("answers RenewalStatus NotRenewal with 400 InvalidParameter", async () => {
      await expectEcsError(modify({ renewalStatus: "NotRenewal" }), "InvalidParameter", 400);
    });
  });
});
