/**
 * A fleet lease stack: keeps subscription instances and reserved instances renewed.
 *
 * Run by the repository's root Pulumi.yaml; `npm run demo` sets the ids to the local
 * ECS emulator's demo inventory. Against a real account, set them in the stack config:
 *
 *     pulumi config set fleet:instanceIds '["i-bp1...","i-bp2..."]'
 *     pulumi config set fleet:reservedInstanceIds '["ecsri-..."]'
 *     pulumi config set fleet:term 2027-Q1
 *     pulumi config set fleet:selectorTags '{"env":"prod"}'   # optional: a lease that finds its instances
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

// Next to the id leases, a lease that finds its instances by tag and keeps each at least 60 days
// paid: it renews only those under the minimum, and picks up machines tagged later.
const selectorTags = config.getObject<Record<string, string>>("selectorTags");
const tagged = selectorTags
    ? new RenewalLease("tagged-instances", { instanceSelector: { tags: selectorTags }, minimumDaysLeft: 60, periodUnit: "Month" })
    : undefined;

/** Expiry of every target, as last read. */
export const expiries = pulumi.all([servers.targets, reservations.targets, tagged?.targets ?? {}]).apply(([a, b, c]) =>
    Object.fromEntries(Object.entries({ ...a, ...b, ...c }).map(([id, t]) => [id, t.expiredTime])));
/** Renewal steps done per lease. */
export const renewals = { servers: servers.renewalCount, reservations: reservations.renewalCount, tagged: tagged?.renewalCount };
