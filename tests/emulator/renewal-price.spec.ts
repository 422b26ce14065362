import * as assert from "node:assert/strict";
import * as $Ecs from "@alicloud/ecs20140526";
import { useEmulator } from "../support/emulator";
import { ecsClient, expectEcsError, IDS, REGION, sendRaw, signAcs3, standardSeed } from "./helpers";

const EXTRA = [
  { InstanceId: "i-c7x", RegionId: REGION, InstanceChargeType: "PrePaid", Status: "Running", ExpiredTime: "2026-03-31T16:00Z", InstanceType: "ecs.c7.xlarge" },
  { InstanceId: "i-odd", RegionId: REGION, InstanceChargeType: "PrePaid", Status: "Running", ExpiredTime: "2026-03-31T16:00Z", InstanceType: "ecs.zz9.4xlarge" },
];

describe("emulator: DescribeRenewalPrice", () => {
  const emu = useEmulator({ seedEachTest: () => standardSeed({ instances: EXTRA }) });

  const price = async (req: Partial<$Ecs.DescribeRenewalPriceRequest>) =>
    (await ecsClient(emu).describeRenewalPrice(new $Ecs.DescribeRenewalPriceRequest({ regionId: REGION, resourceId: IDS.running, ...req }))).body?.priceInfo?.price;

  it("answers in the real shape: PriceInfo.Price with prices, currency, DetailInfos.DetailInfo[] and PriceInfo.Rules.Rule[]", async () => {
    const res = await sendRaw(emu, signAcs3(emu, { action: "DescribeRenewalPrice", query: { RegionId: REGION, ResourceId: IDS.running, Period: "1", PriceUnit: "Year" } }));
    assert.equal(res.status, 200);
    const info = res.body["PriceInfo"] as Record<string, Record<string, unknown>>;
    const p = info["Price"];
    for (const k of ["OriginalPrice", "DiscountPrice", "TradePrice"]) assert.equal(typeof p[k], "number");
    assert.equal(p["Currency"], "CNY");
    const detail = (p["DetailInfos"] as { DetailInfo: Array<Record<string, unknown>> }).DetailInfo;
    assert.equal(detail.length, 1);
    assert.equal(detail[0]["Resource"], "instanceType");
    assert.ok(Array.isArray((detail[0]["SubRules"] as { Rule: unknown[] }).Rule));
    const rules = (info["Rules"] as { Rule: Array<Record<string, unknown>> }).Rule;
    assert.equal(typeof rules[0]["RuleId"], "number");
    assert.equal(typeof rules[0]["Description"], "string");
  });

  const table: ReadonlyArray<[string, string, Partial<$Ecs.DescribeRenewalPriceRequest>, number, number]> = [
    ["one month of ecs.g7.large is 300 CNY", IDS.running, { period: 1 }, 300, 0],
    ["Period defaults to 1 Month", IDS.running, {}, 300, 0],
    ["9 Months, the longest Month term, get no discount", IDS.running, { period: 9, priceUnit: "Month" }, 2700, 0],
    ["1 Year is 12 months with 15% off", IDS.running, { period: 1, priceUnit: "Year" }, 3600, 540],
    ["3 Years, the longest Year term, get 50% off", IDS.running, { period: 3, priceUnit: "Year" }, 10800, 5400],
    ["xlarge costs twice large (c7: 250)", "i-c7x", { period: 1 }, 500, 0],
    ["ExpectedRenewDay is priced pro rata: 15 days", IDS.running, { expectedRenewDay: 15 }, 150, 0],
  ];
  for (const [rule, id, req, original, discount] of table) {
    it(`${rule}`, async () => {
      const p = await price({ resourceId: id, ...req });
      assert.equal(p?.originalPrice, original);
      assert.equal(p?.discountPrice, discount);
      assert.equal(p?.tradePrice, original - discount);
      assert.equal(p?.currency, "CNY");
    });
  }

  it("is deterministic, also for families it has no table entry for", async () => {
    const a = await price({ resourceId: "i-odd", period: 2 });
    const b = await price({ resourceId: "i-odd", period: 2 });
    assert.deepEqual(a, b);
    assert.ok((a?.tradePrice ?? 0) > 0);
  });

  it("prices 2 Years as 24 months: 24 × 300 with 30% off, what a 24-month RenewInstance is charged", async () => {
    const p = await price({ period: 2, priceUnit: "Year" });
    assert.deepEqual([p?.originalPrice, p?.discountPrice, p?.tradePrice], [7200, 2160, 5040]);
    await ecsClient(emu).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 24, periodUnit: "Month" }));
    assert.equal((await emu.control.ledger()).charges[0].tradePrice, p?.tradePrice);
  });

  it("charges in the ledger what it quotes", async () => {
    const quoted = await price({ period: 1, priceUnit: "Year" });
    await ecsClient(emu).renewInstance(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 12 }));
    const charge = (await emu.control.ledger()).charges[0];
    assert.equal(charge.tradePrice, quoted?.tradePrice);
    assert.equal(charge.currency, quoted?.currency);
  });

  it("answers a PostPaid instance with 403 ChargeTypeViolation", async () => {
    await expectEcsError(price({ resourceId: IDS.postPaid }), "ChargeTypeViolation", 403);
  });

  it("answers an unknown instance, or one in another region, with 404 InvalidInstanceId.NotFound", async () => {
    await expectEcsError(price({ resourceId: "i-nope" }), "InvalidInstanceId.NotFound", 404);
    await expectEcsError(price({ resourceId: IDS.beijing }), "InvalidInstanceId.NotFound", 404);
  });

  const refused: ReadonlyArray<[string, Partial<$Ecs.DescribeRenewalPriceRequest>]> = [
    ["10 Months (Month allows 1 to 9)", { period: 10, priceUnit: "Month" }],
    ["12 Months (RenewInstance takes it; the price of a year is asked as 1 Year)", { period: 12, priceUnit: "Month" }],
    ["10 Months with PriceUnit left to its Month default", { period: 10 }],
    ["0 Months", { period: 0 }],
    ["4 Years (Year allows 1 to 3)", { period: 4, priceUnit: "Year" }],
    ["0 Years", { period: 0, priceUnit: "Year" }],
  ];
  for (const [what, req] of refused) {
    it(`answers ${what} with 400 InvalidPeriod`, async () => {
      await expectEcsError(price(req), "InvalidPeriod", 400);
    });
  }

  it("answers Period with ExpectedRenewDay with 400 InvalidExpectedRenewDay.Conflict", async () => {
    await expectEcsError(price({ period: 1, expectedRenewDay: 3 }), "InvalidExpectedRenewDay.Conflict", 400);
  });

  it("answers PriceUnit Week with 400 InvalidParameter", async () => {
    await expectEcsError(price({ priceUnit: "Week" }), "InvalidParameter", 400);
  });
});
