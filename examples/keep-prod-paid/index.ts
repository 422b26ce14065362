/**
 * "Every subscription machine tagged env=prod keeps at least 60 days paid": one rule for a
 * whole fleet, whoever created the machines. Each run reads which subscription instances and
 * reserved instances carry the tags (a machine tagged later is picked up, one untagged is
 * forgotten), and renews, by the smallest allowed length, only those under the minimum.
 *
 *     pulumi config set alicloud:region cn-hangzhou
 *     pulumi config set keep:tags '{"env":"prod"}'
 *     pulumi config set keep:minimumDaysLeft 60
 *
 * Run it on a schedule with `pulumi up --refresh --yes` (see renewal-schedule.yml, a GitHub
 * Actions workflow for it). `pulumi preview --refresh` first shows which machines match, which
 * will be renewed, for how long and at what price. `maxTargets` stops a typo in a tag from
 * buying a thousand renewals: a selector matching more fails at preview.
 */
import * as pulumi from "@pulumi/pulumi";
import { RenewalLease } from "pulumi-alicloud-renewal";

const config = new pulumi.Config("keep");
const tags = config.getObject<Record<string, string>>("tags") ?? { env: "prod" };
const minimumDaysLeft = config.getNumber("minimumDaysLeft") ?? 60;
const maxTargets = config.getNumber("maxTargets") ?? 50;

const servers = new RenewalLease("prod-instances", {
    instanceSelector: { tags },
    minimumDaysLeft,
    periodUnit: "Month",
    maxTargets,
});

const reservations = new RenewalLease("prod-reserved-instances", {
    reservedInstanceSelector: { tags },
    minimumDaysLeft,
    maxTargets,
});

/** What each lease found, and each target's expiry as last read. */
export const expiries = pulumi.all([servers.targets, reservations.targets]).apply(([a, b]) =>
    Object.fromEntries(Object.entries({ ...a, ...b }).map(([id, t]) => [id, t.expiredTime])));
/** Targets that expired, were stopped for non-payment, or are under the minimum, as last read. */
export const alerts = pulumi.all([servers.alerts, reservations.alerts]).apply(([a, b]) => [...(a ?? []), ...(b ?? [])]);
