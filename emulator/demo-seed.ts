/**
 * The demo inventory (`--seed demo`): subscriptions that expire soon, relative to the time it is built.
 *
 * @module
 */

import { formatEcsTime } from "./model/time";
import type { SeedInventory } from "./model/types";

/** Region of every demo resource. */
export const DEMO_REGION = "cn-hangzhou";

/** `days` days after `now`, at 16:00Z (midnight in Beijing, when ECS subscriptions expire). */
function daysAhead(now: Date, days: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, 16, 0));
  return formatEcsTime(d);
}

/**
 * A demo inventory in cn-hangzhou: three PrePaid instances expiring in 5, 20 and 75 days (the last
 * one with auto-renewal on), one PostPaid instance, and twelve Active reserved instances expiring
 * between 3 and 80 days from now.
 * @param now reference time, default the wall clock.
 */
export function demoSeed(now: Date = new Date()): SeedInventory {
  const types = ["ecs.g7.large", "ecs.c7.xlarge", "ecs.r7.2xlarge", "ecs.g7.xlarge"];
  return {
    instances: [
      { InstanceId: "i-bp1demo0000000000001", InstanceName: "web-1", RegionId: DEMO_REGION, InstanceChargeType: "PrePaid", Status: "Running", ExpiredTime: daysAhead(now, 5), InstanceType: "ecs.g7.large" },
      { InstanceId: "i-bp1demo0000000000002", InstanceName: "web-2", RegionId: DEMO_REGION, InstanceChargeType: "PrePaid", Status: "Running", ExpiredTime: daysAhead(now, 20), InstanceType: "ecs.c7.xlarge" },
      {
        InstanceId: "i-bp1demo0000000000003",
        InstanceName: "db-1",
        RegionId: DEMO_REGION,
        InstanceChargeType: "PrePaid",
        Status: "Running",
        ExpiredTime: daysAhead(now, 75),
        InstanceType: "ecs.r7.2xlarge",
        AutoRenewEnabled: true,
        Duration: 1,
        PeriodUnit: "Month",
      },
      { InstanceId: "i-bp1demo0000000000004", InstanceName: "batch-1", RegionId: DEMO_REGION, InstanceChargeType: "PostPaid", Status: "Running", InstanceType: "ecs.g7.large" },
    ],
    reservedInstances: Array.from({ length: 12 }, (_, k) => ({
      ReservedInstanceId: `ecsri-bp1demo${String(k + 1).padStart(8, "0")}`,
      ReservedInstanceName: `ri-${k + 1}`,
      RegionId: DEMO_REGION,
      Status: "Active",
      ExpiredTime: daysAhead(now, 3 + k * 7),
      InstanceType: types[k % types.length],
    })),
  };
}
