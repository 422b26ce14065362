/**
 * The ECS auto-renew policy, declared: ECS itself renews the instances at expiry, by
 * one month each time. The lease buys no renewal itself; it sets the policy
 * (ModifyInstanceAutoRenewAttribute), refresh reads it back
 * (DescribeInstanceAutoRenewAttribute), and `pulumi up --refresh` restores it if someone
 * changed it in the console.
 *
 *     pulumi config set policy:instanceIds '["i-bp1...","i-bp2..."]'
 */
import * as pulumi from "@pulumi/pulumi";
import { RenewalLease } from "pulumi-alicloud-renewal";

const config = new pulumi.Config("policy");

const lease = new RenewalLease("auto-renewed", {
    instanceIds: config.requireObject<string[]>("instanceIds"),
    autoRenew: true,
    autoRenewPeriod: 1,
    autoRenewPeriodUnit: "Month",
});

/** The auto-renew attribute ECS reports for each instance. */
export const policies = lease.targets.apply((targets) =>
    Object.fromEntries(Object.entries(targets).map(([id, t]) => [id, t.autoRenewal])));
