/**
 * "Paid through the end of the contract": every target stays paid through a date.
 *
 * Each `pulumi up` reads the targets' expiries and buys, per target, the smallest renewal
 * ECS accepts that reaches the date (instances: Week 1-4 or Month 1-12, 24, 36, 48, 60;
 * reserved instances: 1 or 3 Years); once a target is paid through the date, nothing.
 * A date that no allowed renewal reaches fails at preview. The preview shows each
 * planned renewal and, for instances, its price (DescribeRenewalPrice); `maxPrice`
 * refuses a step that would cost more, before anything is bought.
 *
 *     pulumi config set contract:endDate 2027-12-31       # through the end of that day, UTC
 *     pulumi config set contract:instanceIds '["i-bp1...","i-bp2..."]'
 *     pulumi config set contract:reservedInstanceIds '["ecsri-..."]'
 *     pulumi config set contract:maxPrice 5000              # optional, account currency
 *
 * Credentials and region the usual way (alicloud:accessKey / alicloud:secretKey --secret,
 * alicloud:region, or the ALICLOUD_* environment variables).
 */
import * as pulumi from "@pulumi/pulumi";
import { RenewalLease } from "pulumi-alicloud-renewal";

const config = new pulumi.Config("contract");
const endDate = config.require("endDate");

const servers = new RenewalLease("contract-servers", {
    instanceIds: config.requireObject<string[]>("instanceIds"),
    paidThrough: endDate,
    // Month renewals only: Week renewals cost more per day and cannot be quoted.
    periodUnit: "Month",
    maxPrice: config.getNumber("maxPrice"),
});

const reservations = new RenewalLease("contract-reservations", {
    reservedInstanceIds: config.requireObject<string[]>("reservedInstanceIds"),
    paidThrough: endDate,
});

/** Expiry of every target, as last read. */
export const expiries = pulumi.all([servers.targets, reservations.targets]).apply(([a, b]) =>
    Object.fromEntries(Object.entries({ ...a, ...b }).map(([id, t]) => [id, t.expiredTime])));
