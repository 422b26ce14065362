/**
 * The serialized provider: a tiny shim that Pulumi stores in each lease's state
 * (`__provider`). It holds no secret, no SDK module and no absolute path: every
 * method loads the implementation by package name, at call time, from the stack's
 * node_modules (the dynamic provider host resolves modules from the stack
 * directory). So `refresh` and `destroy` run the installed version's code, not a
 * frozen copy, and moving the stack to another path changes nothing.
 *
 * Inside this package's own checkout, `scripts/link-self.js` (run by `npm install`)
 * links node_modules/pulumi-alicloud-renewal to the checkout so the same name resolves.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import * as dynamic from "@pulumi/pulumi/dynamic";

/** The shim object passed to `dynamic.Resource`; every method defers to `pulumi-alicloud-renewal/provider`. */
export const providerShim: dynamic.ResourceProvider = {
    configure: (req) => require("pulumi-alicloud-renewal/provider").configure(req),
    check: (olds, news) => require("pulumi-alicloud-renewal/provider").check(olds, news),
    diff: (id, olds, news) => require("pulumi-alicloud-renewal/provider").diff(id, olds, news),
    create: (inputs) => require("pulumi-alicloud-renewal/provider").create(inputs),
    update: (id, olds, news) => require("pulumi-alicloud-renewal/provider").update(id, olds, news),
    read: (id, props) => require("pulumi-alicloud-renewal/provider").read(id, props),
    delete: () => require("pulumi-alicloud-renewal/provider").remove(),
};
