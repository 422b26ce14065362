/**
 * `pulumi import` of a lease (plugin host): existing targets are adopted as already paid, so
 * the program written for them renews nothing until its term changes.
 */
import * as assert from "node:assert/strict";
import { ImportError } from "../../provider/core/errors";
import { LeaseLifecycle } from "../../provider/lifecycle/lease-lifecycle";
import { LeaseInputs, LeaseOutputs } from "../../provider/core/types";
import { useEmulator } from "../support/emulator";
import { callCount, checked, instanceIds, inventory, ledgerCharges, providerFor, REGION, reservedIds, urn, WRITE_ACTIONS } from "../support/fixtures";

describe("importing a lease (pulumi import)", function () {
    this.timeout(30_000);
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(3), reservedIds(12)) });
    let provider: LeaseLifecycle;
    beforeEach(() => {
        provider = providerFor(emu);
    });
    const leaseUrn = urn("adopted");
    const program = (extra: Record<string, unknown> = {}) => ({ instanceIds: ["i-t000", "i-t001"], regionId: REGION, period: 1, periodUnit: "Month", term: "2027", leaseUrn, ...extra });

    /** Imports, then runs the program's first `up` (check, diff, update) on the adopted state. */
    async function importThenUp(news: Record<string, unknown>): Promise<{ state: LeaseOutputs; changes: boolean }> {
        const imported = await provider.importLease(`${REGION}/i-t001,i-t000`, leaseUrn);
        const inputs = await checked(provider, news, imported.inputs);
        const diff = await provider.diff(imported.id, imported.outputs, inputs);
        const updated = await provider.update(imported.id, imported.outputs, inputs);
        return { state: updated.outs, changes: diff.changes };
    }

    it("adopts the targets with their expiry as read, having bought nothing", async () => {
        const imported = await provider.importLease(`${REGION}/i-t001,i-t000`, leaseUrn);
        assert.deepEqual(imported.inputs, { instanceIds: ["i-t000", "i-t001"], regionId: REGION, adopted: true });
        assert.equal(imported.outputs.renewalCount, 1, "the adoption counts as the lease's first step");
        assert.equal(imported.outputs.targets["i-t000"].expiredTime, "2027-01-15T16:00Z");
        assert.equal(imported.outputs.creationUrn, leaseUrn);
        assert.equal(await callCount(emu, WRITE_ACTIONS), 0);
    });

    it("takes reserved instances from the ecsri- prefix", async () => {
        const imported = await provider.importLease(`${REGION}/ecsri-t000`, leaseUrn);
        assert.deepEqual(imported.outputs.reservedInstanceIds, ["ecsri-t000"]);
    });

    it("then the matching program's first up charges nothing and the lease keeps that spec as paid", async () => {
        const { state } = await importThenUp(program());
        assert.deepEqual(await ledgerCharges(emu), []);
        assert.equal(state.adopted, undefined, "the adoption is over after the first update");
        assert.equal(state.term, "2027");
        const again = await checked(provider, program(), program() as unknown as LeaseInputs);
        assert.equal((await provider.diff("id", state, again)).changes, false);
    });

    it("a term change after the import renews every adopted target once", async () => {
        const { state } = await importThenUp(program());
        const next = await checked(provider, program({ term: "2028" }), program() as unknown as LeaseInputs);
        await provider.update("id", state, next);
        assert.deepEqual((await ledgerCharges(emu)).map((c) => c.ids[0]).sort(), ["i-t000", "i-t001"]);
    });

    it("a target the import did not name is renewed alone at the first up", async () => {
        await importThenUp(program({ instanceIds: ["i-t000", "i-t001", "i-t002"] }));
        assert.deepEqual((await ledgerCharges(emu)).map((c) => c.ids[0]), ["i-t002"]);
    });

    for (const [label, id] of [["without a region", "i-t000"], ["mixing kinds", `${REGION}/i-t000,ecsri-t000`], ["naming a target ECS does not know", `${REGION}/i-madeup01`]] as const) {
        it(`refuses an id ${label}, with no write call`, async () => {
            await assert.rejects(provider.importLease(id, leaseUrn), ImportError);
            assert.equal(await callCount(emu, WRITE_ACTIONS), 0);
        });
    }
});
