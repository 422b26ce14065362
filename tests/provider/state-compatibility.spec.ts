/**
 * State written by 0.2.0 keeps working: leases whose inputs and outputs were written by
 * the released 0.2.0 provider (tests/fixtures/state-0.2.0.json) are previewed, refreshed
 * and updated by this version with no charge until the program asks for one, and with the
 * tokens 0.2.0 would have sent.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { SeedInventory } from "../../emulator";
import { LeaseLifecycle } from "../../provider/lifecycle/lease-lifecycle";
import { deriveClientToken } from "../../provider/core/token";
import { LeaseInputs, LeaseOutputs } from "../../provider/core/types";
import { useEmulator } from "../support/emulator";
import { providerFor, NO_CHANGE } from "../support/fixtures";

interface RecordedLease {
    readonly id: string;
    readonly inputs: Record<string, unknown>;
    readonly outputs: LeaseOutputs;
}

const FIXTURE = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "state-0.2.0.json"), "utf8")) as { inventory: SeedInventory; leases: Record<string, RecordedLease> };

/** The program's arguments as the class sends them to `check`: the recorded inputs minus what `check` computed. */
function program(lease: RecordedLease): Record<string, unknown> {
    const { renewalPlan: _plan, renewalPrice: _price, renewalsDue: _due, ...args } = lease.inputs;
    return args;
}

describe("state written by 0.2.0", () => {
    const emu = useEmulator({ seedEachTest: () => FIXTURE.inventory });
    let provider: LeaseLifecycle;

    beforeEach(() => {
        provider = providerFor(emu);
    });

    for (const [name, lease] of Object.entries(FIXTURE.leases)) {
        it(`${name}: the unchanged program previews as no change, and refresh keeps the recorded renewals, with no charge`, async () => {
            const checked = await provider.check(lease.inputs as unknown as LeaseInputs, { ...program(lease), dryRun: true } as unknown as LeaseInputs);
            assert.deepEqual(checked.failures ?? [], []);
            assert.deepEqual(await provider.diff(lease.id, lease.outputs, checked.inputs as LeaseInputs), NO_CHANGE);
            const read = await provider.read(lease.id, lease.outputs);
            const refreshed = read.props as LeaseOutputs;
            assert.equal(refreshed.renewalCount, lease.outputs.renewalCount);
            assert.deepEqual(Object.keys(refreshed.targets), Object.keys(lease.outputs.targets));
            assert.deepEqual((await emu.control.ledger()).charges, []);
        });
    }

    it("old-web: a new term renews each instance once, with the token 0.2.0 derives for step 2", async () => {
        const lease = FIXTURE.leases["old-web"];
        const news = await provider.check(lease.inputs as unknown as LeaseInputs, { ...program(lease), term: "2028" } as unknown as LeaseInputs);
        const { outs } = await provider.update(lease.id, lease.outputs, news.inputs as LeaseInputs);
        const { charges } = await emu.control.ledger();
        assert.deepEqual(charges.map((c) => c.clientToken).sort(), ["i-old000", "i-old001"].map((id) => deriveClientToken(lease.outputs.creationUrn, 2, [id])).sort());
        assert.equal((outs as LeaseOutputs).renewalCount, 2);
    });
});
