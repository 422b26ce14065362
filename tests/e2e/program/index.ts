/**
 * The program every end-to-end stack runs: one RenewalLease per entry of the
 * `e2e:leases` config (a JSON object, name -> RenewalLease arguments). Taking the
 * arguments verbatim from config lets the tests declare any lease, valid or not,
 * and change it between runs, while the program itself runs under the real
 * Node.js language host like a user's. The leases named in `e2e:secretLeases` (a JSON
 * list) get their id lists as secrets, as `pulumi.secret([...])` in a user's program.
 * The optional `e2e:aliases` config (name -> earlier name) renames a lease the way a
 * user would, with `aliases`.
 */
import * as pulumi from "@pulumi/pulumi";
import { RenewalLease, RenewalLeaseArgs } from "pulumi-alicloud-renewal";

const config = new pulumi.Config("e2e");
const leases = config.requireObject<Record<string, RenewalLeaseArgs>>("leases");
const secretLeases = new Set(config.getObject<string[]>("secretLeases") ?? []);
const aliases = config.getObject<Record<string, string>>("aliases") ?? {};

function withSecretIds(args: RenewalLeaseArgs): RenewalLeaseArgs {
    return {
        ...args,
        ...(args.instanceIds !== undefined ? { instanceIds: pulumi.secret(args.instanceIds) } : {}),
        ...(args.reservedInstanceIds !== undefined ? { reservedInstanceIds: pulumi.secret(args.reservedInstanceIds) } : {}),
    };
}

/** The state of each lease, for the tests to read. */
export const state = Object.fromEntries(Object.entries(leases).map(([name, args]) => {
    const lease = new RenewalLease(name, secretLeases.has(name) ? withSecretIds(args) : args, aliases[name] ? { aliases: [{ name: aliases[name] }] } : undefined);
    return [name, { renewalCount: lease.renewalCount, targets: lease.targets, lastRenewalCalls: lease.lastRenewalCalls }];
}));
