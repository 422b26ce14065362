/**
 * A deterministic price model, so DescribeRenewalPrice answers the same for the same input.
 *
 * Monthly list price of an instance type `ecs.<family>.<size>` =
 * `FAMILY_BASE[family] × SIZE_FACTOR[size]` CNY, where the family base is the monthly price of its
 * `large` size. A family not in the table gets a base between 100 and 499 CNY derived from the SHA-256
 * of its name; a size `Nxlarge` counts N×2 (`xlarge` = 2, `large` = 1, `medium` = 0.5, `small` = 0.25).
 *
 * Price of a term: original = monthly × months (a week is a quarter month; an ExpectedRenewDay renewal
 * is monthly × days / 30). Discount by term length: under 12 months 0 %, 12–23 months 15 %,
 * 24–35 months 30 %, 36 months and more 50 %. Trade = original − discount. Amounts are rounded to cents.
 *
 * @module
 */

import { createHash } from "node:crypto";

/** Currency of every quote. */
export const CURRENCY = "CNY";

/** Monthly price in CNY of the `large` size of known families. */
export const FAMILY_BASE: Readonly<Record<string, number>> = {
  g7: 300,
  c7: 250,
  r7: 400,
  g6: 280,
  c6: 230,
  r6: 380,
  g8i: 320,
  c8i: 270,
  r8i: 430,
  t6: 60,
  e: 150,
};

/** Discount rate by term length in months, first matching row wins. */
export const TERM_DISCOUNTS: ReadonlyArray<{ readonly minMonths: number; readonly rate: number; readonly ruleId: number; readonly description: string }> = [
  { minMonths: 36, rate: 0.5, ruleId: 1000036, description: "Subscription discount: 50% off for 36 months or more" },
  { minMonths: 24, rate: 0.3, ruleId: 1000024, description: "Subscription discount: 30% off for 24 months or more" },
  { minMonths: 12, rate: 0.15, ruleId: 1000012, description: "Subscription discount: 15% off for 12 months or more" },
];

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Size multiplier of an instance type's size suffix. */
export function sizeFactor(size: string): number {
  if (size === "small") return 0.25;
  if (size === "medium") return 0.5;
  if (size === "large") return 1;
  if (size === "xlarge") return 2;
  const m = /^(\d+)xlarge$/.exec(size);
  return m ? Number(m[1]) * 2 : 1;
}

/** vCPU count the model reports for an instance type (`large` = 2). */
export function vcpus(instanceType: string): number {
  const size = instanceType.split(".")[2] ?? "large";
  return Math.max(1, Math.round(2 * sizeFactor(size)));
}

/** Memory in MiB the model reports for an instance type (c: 2 GiB, r: 8 GiB, other: 4 GiB per vCPU). */
export function memoryMiB(instanceType: string): number {
  const family = instanceType.split(".")[1] ?? "g7";
  const perCpu = family.startsWith("c") ? 2 : family.startsWith("r") ? 8 : 4;
  return vcpus(instanceType) * perCpu * 1024;
}

/** Monthly list price in CNY of an instance type. */
export function monthlyPrice(instanceType: string): number {
  const [, family = "g7", size = "large"] = instanceType.split(".");
  const base = FAMILY_BASE[family] ?? 100 + (createHash("sha256").update(family).digest().readUInt32BE(0) % 400);
  return round2(base * sizeFactor(size));
}

/** A priced renewal. */
export interface PriceQuote {
  readonly currency: string;
  readonly originalPrice: number;
  readonly discountPrice: number;
  readonly tradePrice: number;
  /** Discount rules that applied (empty when none). */
  readonly rules: ReadonlyArray<{ readonly ruleId: number; readonly description: string }>;
}

/**
 * Prices a renewal of `months` months of an instance type.
 * @param instanceType e.g. `ecs.g7.large`.
 * @param months term length; may be fractional (weeks, ExpectedRenewDay).
 */
export function quoteRenewal(instanceType: string, months: number): PriceQuote {
  const originalPrice = round2(monthlyPrice(instanceType) * months);
  const rule = TERM_DISCOUNTS.find((r) => months >= r.minMonths);
  const discountPrice = rule ? round2(originalPrice * rule.rate) : 0;
  return {
    currency: CURRENCY,
    originalPrice,
    discountPrice,
    tradePrice: round2(originalPrice - discountPrice),
    rules: rule ? [{ ruleId: rule.ruleId, description: rule.description }] : [],
  };
}
