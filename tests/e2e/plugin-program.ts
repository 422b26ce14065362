/**
 * The program of the plugin's end-to-end stacks: one `alicloud-renewal:index:RenewalLease`
 * per entry of the `e2e:leases` config (name -> arguments), registered as a bare
 * `CustomResource` subclass, so the engine serves it through the provider plugin
 * `pulumi-resource-alicloud-renewal` (no SDK of this package involved). `e2e:aliases`
 * (name -> earlier name) renames a lease with `aliases`.
 */
import * as pulumi from "@pulumi/pulumi";

/** The lease as any program without a generated SDK registers it. */
class RenewalLease extends pulumi.CustomResource {
    constructor(name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super("alicloud-renewal:index:RenewalLease", name, args, opts);
    }
}

const config = new pulumi.Config("e2e");
const leases = config.requireObject<Record<string, pulumi.Inputs>>("leases");
const aliases = config.getObject<Record<string, string>>("aliases") ?? {};

/** The id of each lease. */
export const ids = Object.fromEntries(Object.entries(leases).map(([name, args]) => {
    const lease = new RenewalLease(name, args, aliases[name] ? { aliases: [{ name: aliases[name] }] } : undefined);
    return [name, lease.id];
}));
