/**
 * The serialized provider. This module's exports *are* the provider object that every
 * lease passes to `dynamic.Resource`: `configure`, `check`, `diff`, `create`, `update`,
 * `read` and `delete`, each loading the implementation by package name
 * (`pulumi-alicloud-renewal/provider`) at call time, from the stack's node_modules (the
 * dynamic provider host resolves modules from the stack directory). So `refresh` and
 * `destroy` run the installed version's code, not a frozen copy, and moving the stack to
 * another path changes nothing.
 *
 * What Pulumi stores in each lease's state (`__provider`, in its inputs and again in its outputs):
 * - when the package is installed under node_modules (npm, yarn, pnpm), Pulumi's closure
 *   serializer recognizes this module's exports as a package module and stores a single
 *   `require("pulumi-alicloud-renewal/dist/sdk/provider-shim.js")` (about 290 bytes; the
 *   package's `exports` map names that path so that it resolves);
 * - when the package is linked from outside any node_modules (`npm link`, a workspace, this
 *   repository's own stacks), the serializer copies these seven small functions instead
 *   (about 2.2 KB); they load the implementation by the same package name.
 * Either way it holds no secret, no SDK module and no absolute path.
 *
 * Inside this package's own checkout, `scripts/link-self.js` (run by `npm install`)
 * links node_modules/pulumi-alicloud-renewal to the checkout so the same name resolves.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type * as implementation from "../provider/hosts/dynamic/dynamic-provider-process";
import type { LeaseInputs, LeaseOutputs } from "../provider/core/types";

type Provider = dynamic.ResourceProvider<LeaseInputs, LeaseOutputs>;

const load = (): typeof implementation => require("pulumi-alicloud-renewal/provider");

// Rest parameters keep the copied functions (the linked layout) short: each is stored as text.

/** See `LeaseLifecycle` in `provider/lifecycle/lease-lifecycle.ts` for what each method does. */
export const configure: NonNullable<Provider["configure"]> = (...a) => load().configure(...a);
/** Validates the inputs and records the requested renewal in words. */
export const check: NonNullable<Provider["check"]> = (...a) => load().check(...a);
/** Decides update or replacement; calls nothing. */
export const diff: NonNullable<Provider["diff"]> = (...a) => load().diff(...a);
/** Renews every target once. */
export const create: Provider["create"] = (...a) => load().create(...a);
/** Renews what the plan says. */
export const update: NonNullable<Provider["update"]> = (...a) => load().update(...a);
/** Reads the targets' expiry and status. */
export const read: NonNullable<Provider["read"]> = (...a) => load().read(...a);
/** Forgets the lease (a renewal cannot be undone). */
const remove: NonNullable<Provider["delete"]> = () => load().remove();
export { remove as delete };
