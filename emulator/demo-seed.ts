/**
 * The demo inventory (`--seed demo`): subscriptions that expire soon, relative to the time it is built.
 *
 * @module
 */

import { formatEcsTime } from "./model/time";
import type { ResourceTag, SeedInventory } from "./model/types";

/** Region of every demo resource. */
export const DEMO_REGION = "cn-hangzhou";

/** Resource group of the demo's production resources. */
export const DEMO_PROD_RESOURCE_GROUP = "rg-bp1demoprod0000001";

/** Resource group of the demo's staging resources. */
export const DEMO_STAGING_RESOURCE_GROUP = "rg-bp1demostaging0001";

const env = (value: "prod" | "staging", app: string): ResourceTag[] => [
  { TagKey: "env", TagValue: value },
  { TagKey: "app", TagValue: app },
];

/** `days` days after `now`, at 16:00Z (midnight in Beijing, when ECS subscriptions expire). */
function daysAhead(now: Date, days: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, 16, 0));
  return formatEcsTime(d);
}

/**
 * A demo inventory in cn-hangzhou: three PrePaid instances expiring in 5, 20 and 75 days (the last
 * one with auto-renewal on), one PostPaid instance, and twelve Active reserved instances expiring
 * between 3 and 80 days from now.
 *
 * Tags and resource groups: web-1 and db-1 are `env=prod` in {@link DEMO_PROD_RESOURCE_GROUP}, web-2
 * is `env=staging` in {@link DEMO_STAGING_RESOURCE_GROUP}, the PostPaid batch-1 is `env=prod`; the
 * odd-numbered reserved instances (ri-1, ri-3, …) are `env=prod`, the even-numbered ones `env=staging`,
 * in the matching groups. Every resource also has an `app` tag. db-1 is in zone cn-hangzhou-i, the other
 * instances in cn-hangzhou-h.
 * @param now reference time, default the wall clock.
 */
export function demoSeed(now: Date = new Date()): SeedInventory {
  const types = ["ecs.g7.large", "ecs.c7.xlarge", "ecs.r7.2xlarge", "ecs.g7.xlarge"];
  return {
    instances: [
      {
        InstanceId: "i-bp1demo0000000000001",
        InstanceName: "web-1",
        RegionId: DEMO_REGION,
        ZoneId: "cn-hangzhou-h",
        InstanceChargeType: "PrePaid",
        Status: "Running",
        ExpiredTime: daysAhead(now, 5),
        InstanceType: "ecs.g7.large",
        ResourceGroupId: DEMO_PROD_RESOURCE_GROUP,
        Tags: env("prod", "web"),
      },
      {
        InstanceId: "i-bp1demo0000000000002",
        InstanceName: "web-2",
        RegionId: DEMO_REGION,
        ZoneId: "cn-hangzhou-h",
        InstanceChargeType: "PrePaid",
        Status: "Running",
        ExpiredTime: daysAhead(now, 20),
        InstanceType: "ecs.c7.xlarge",
        ResourceGroupId: DEMO_STAGING_RESOURCE_GROUP,
        Tags: env("staging", "web"),
      },
      {
        InstanceId: "i-bp1demo0000000000003",
        InstanceName: "db-1",
        RegionId: DEMO_REGION,
        ZoneId: "cn-hangzhou-i",
        InstanceChargeType: "PrePaid",
        Status: "Running",
        ExpiredTime: daysAhead(now, 75),
        InstanceType: "ecs.r7.2xlarge",
        AutoRenewEnabled: true,
        Duration: 1,
        PeriodUnit: "Month",
        ResourceGroupId: DEMO_PROD_RESOURCE_GROUP,
        Tags: env("prod", "db"),
      },
      {
        InstanceId: "i-bp1demo0000000000004",
        InstanceName: "batch-1",
        RegionId: DEMO_REGION,
        ZoneId: "cn-hangzhou-h",
        InstanceChargeType: "PostPaid",
        Status: "Running",
        InstanceType: "ecs.g7.large",
        ResourceGroupId: DEMO_PROD_RESOURCE_GROUP,
        Tags: env("prod", "batch"),
      },
    ],
    reservedInstances: Array.from({ length: 12 }, (_, k) => ({
      ReservedInstanceId: `ecsri-bp1demo${String(k + 1).padStart(8, "0")}`,
      ReservedInstanceName: `ri-${k + 1}`,
      RegionId: DEMO_REGION,
      Status: "Active",
      ExpiredTime: daysAhead(now, 3 + k * 7),
      InstanceType: types[k % types.length],
      ResourceGroupId: k % 2 === 0 ? DEMO_PROD_RESOURCE_GROUP : DEMO_STAGING_RESOURCE_GROUP,
      Tags: env(k % 2 === 0 ? "prod" : "staging", "capacity"),
    })),
  };
}
