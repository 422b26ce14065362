/**
 * "Always keep at least 60 days paid": the renewal process is a scheduled
 * `pulumi up --refresh --yes` (a CI cron). Refresh reads the expiries; a target that has
 * fallen under the minimum is renewed by the smallest allowed length that restores it;
 * every other run changes nothing. The preview of a run that will renew shows what, for
 * how long, why and at what price (`pulumi preview --refresh --diff`).
 *
 *     pulumi config set keep:instanceIds '["i-bp1...","i-bp2..."]'
 *     pulumi config set keep:minimumDaysLeft 60
 *
 * A GitHub Actions schedule, for example:
 *
 *     on: { schedule: [{ cron: "17 3 * * *" }] }
 *     jobs: { renew: { runs-on: ubuntu-latest, steps: [
 *       { uses: actions/checkout@v4 }, { run: npm ci },
 *       { uses: pulumi/actions@v6, with: { command: up, refresh: true, stack-name: prod } } ] } }
 */
import * as pulumi from "@pulumi/pulumi";
import { RenewalLease } from "pulumi-alicloud-renewal";

const config = new pulumi.Config("keep");

const lease = new RenewalLease("always-paid", {
    instanceIds: config.requireObject<string[]>("instanceIds"),
    minimumDaysLeft: config.getNumber("minimumDaysLeft") ?? 60,
    periodUnit: "Month",
});

/** Expiry of every target, as last read. */
export const expiries = lease.targets.apply((targets) =>
    Object.fromEntries(Object.entries(targets).map(([id, t]) => [id, t.expiredTime])));
/** What the last run decided, in words. */
export const plan = lease.renewalPlan;
