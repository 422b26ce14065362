/**
 * The plugin's Diff: a detailed diff that lists the changed arguments, so `pulumi preview
 * --diff` shows each of them; no change when nothing that buys changed.
 */
import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { instanceIds, inventory, reservedIds } from "../support/fixtures";
import type { PropertyMap } from "../../provider/hosts/plugin/wire";
import { usePlugin } from "./harness";

describe("plugin diff", () => {
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(2), reservedIds(1)) });
    const plugin = usePlugin(emu);
    before(() => plugin.configure());
    const lease = (term: string): PropertyMap => ({ instanceIds: instanceIds(2), period: 1, periodUnit: "Month", term });

    /** Creates the lease with term "2027", then checks and diffs `next` against it (one lease name: a process refuses two leases of the same targets). */
    async function diffAfterCreate(next: PropertyMap) {
        const name = "lease";
        const created = (await plugin.check(name, lease("2027"))).inputs;
        const { id, outputs } = await plugin.create(name, created);
        const { inputs: news, failures } = await plugin.check(name, next, created);
        assert.deepEqual(failures, []);
        const response = await plugin.diff(name, id, outputs, news, created);
        const detailed: Record<string, number> = {};
        response.getDetaileddiffMap().forEach((diff, key) => (detailed[key] = diff.getKind()));
        return { response, detailed };
    }

    it("a term change is an update whose detailed diff lists term as updated", async () => {
        const { response, detailed } = await diffAfterCreate(lease("2028"));
        const { DiffChanges } = plugin.pb.DiffResponse;
        assert.equal(response.getChanges(), DiffChanges.DIFF_SOME);
        assert.equal(response.getHasdetaileddiff(), true);
        assert.equal(detailed.term, plugin.pb.PropertyDiff.Kind.UPDATE);
        assert.ok(response.getDiffsList().includes("term"));
        assert.deepEqual(response.getReplacesList(), []);
    });

    it("an argument added is listed as added", async () => {
        const { detailed } = await diffAfterCreate({ ...lease("2027"), autoRenew: false });
        assert.equal(detailed.autoRenew, plugin.pb.PropertyDiff.Kind.ADD);
    });

    it("the same arguments are no change and list nothing", async () => {
        const { response } = await diffAfterCreate(lease("2027"));
        assert.equal(response.getChanges(), plugin.pb.DiffResponse.DiffChanges.DIFF_NONE);
        assert.equal(response.getDetaileddiffMap().getLength(), 0);
    });

    it("another kind of target replaces the lease: the new ids listed as a replacing add, the old ones as deleted", async () => {
        const { response, detailed } = await diffAfterCreate({ reservedInstanceIds: reservedIds(1), period: 1, periodUnit: "Year", term: "2027" });
        const { Kind } = plugin.pb.PropertyDiff;
        assert.deepEqual(response.getReplacesList(), ["reservedInstanceIds"]);
        assert.equal(detailed.reservedInstanceIds, Kind.ADD_REPLACE);
        assert.equal(detailed.instanceIds, Kind.DELETE);
    });
});
