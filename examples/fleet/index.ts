/**
 * A fleet lease stack: keeps subscription instances and reserved instances renewed.
 *
 * Run by the repository's root Pulumi.yaml; `npm run demo` sets the ids to the local
 * ECS emulator's demo inventory. Against a real account, set them in the stack config:
 *
 *     pulumi config set fleet:instanceIds '["i-bp1...","i-bp2..."]'
 *     pulumi config set fleet:reservedInstanceIds '["ecsri-..."]'
 *     pulumi config set fleet:term 2027-Q1
 *
 * and credentials the usual way (alicloud:accessKey / alicloud:secretKey --secret,
 * ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY, or a profile).
 */
import * as pulumi from "@pulumi/pulumi";
import { RenewalLease } from "pulumi-alicloud-renewal";

const config = new pulumi.Config("fleet");

const instanceIds = config.requireObject<string[]>("instanceIds");
const reservedInstanceIds = config.requireObject<string[]>("reservedInstanceIds");
const term = config.get("term") ?? "2027-Q1";

const servers = new RenewalLease("web-and-db", {
    instanceIds,
    period: config.getNumber("instancePeriod") ?? 1,
    periodUnit: "Month",
    term,
});

const reservations = new RenewalLease("reserved-capacity", {
    reservedInstanceIds,
    period: 1,
    periodUnit: "Year",
    term,
});

/** Expiry of every target, as last read. */
export const expiries = pulumi.all([servers.targets, reservations.targets]).apply(([a, b]) =>
    Object.fromEntries(Object.entries({ ...a, ...b }).map(([id, t]) => [id, t.expiredTime])));
/** Renewal steps done per lease. */
export const renewals = { servers: servers.renewalCount, reservations: reservations.renewalCount };
