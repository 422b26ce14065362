/**
 * The provider plugin through the real Pulumi CLI against the emulator: a Node.js program
 * registers `alicloud-renewal:index:RenewalLease` and the engine runs
 * `pulumi-resource-alicloud-renewal` found on PATH. The ledger results match the dynamic
 * provider's (tests/e2e/cli.spec.ts); import and the detailed diff are the plugin's own.
 */
import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { callCount, instanceIds, inventory, ledgerCharges, reservedIds, WRITE_ACTIONS } from "../support/fixtures";
import { ENGINE_LABEL } from "./engine";
import { createPluginStack, type PluginRoute, type PluginStack } from "./plugin-stack";

const servers = (term: string): Record<string, unknown> => ({ instanceIds: instanceIds(2), period: 1, periodUnit: "Month", term });
const reserved = (term: string): Record<string, unknown> => ({ reservedInstanceIds: reservedIds(12), period: 1, periodUnit: "Year", term });

describe(`the provider plugin through the real Pulumi CLI ${ENGINE_LABEL}`, function () {
    this.timeout(600_000);
    const emu = useEmulator();
    const stacks: PluginStack[] = [];
    after(() => stacks.splice(0).forEach((s) => s.dispose()));
    async function fresh(name: string, route: PluginRoute = "path"): Promise<PluginStack> {
        await emu.control.reset(inventory(instanceIds(2), reservedIds(12)));
        const stack = await createPluginStack(name, emu, route);
        stacks.push(stack);
        return stack;
    }
    const charges = () => ledgerCharges(emu);

    describe("a lease's life", () => {
        let s: PluginStack;
        before(async () => {
            s = await fresh("life");
            await s.setLeases({ servers: servers("2027"), reserved: reserved("2027") });
        });

        it("up charges exactly once per target", async () => {
            await s.expectSuccess(["up", "--yes", "--skip-preview"]);
            const ledger = await charges();
            assert.equal(ledger.filter((c) => c.action === "RenewInstance").length, 2);
            assert.deepEqual(ledger.filter((c) => c.action === "RenewReservedInstances").map((c) => c.ids.length).sort(), [10, 2]);
        });

        it("a second up charges nothing and changes nothing", async () => {
            const printed = await s.expectSuccess(["up", "--yes", "--skip-preview"]);
            assert.equal((await charges()).length, 4);
            assert.match(printed, /Resources:\s+3 unchanged/);
        });

        it("preview --diff of a term change shows the changed argument and each target's renewal", async () => {
            await s.setLeases({ servers: servers("2028"), reserved: reserved("2027") });
            const printed = await s.expectSuccess(["preview", "--diff"]);
            assert.match(printed, /~ term\s*: "2027" => "2028"/);
            assert.match(printed, /\+ plannedRenewals: \[/);
            // One entry per target: the expiry the emulator reports now, and one month later.
            for (const id of instanceIds(2)) {
                assert.match(printed, new RegExp(`\\+ expectedAfter: "2027-03-15T16:00Z"\\s+\\+ expiryBefore : "2027-02-15T16:00Z"\\s+\\+ id\\s+: "${id}"`));
            }
            assert.equal((await charges()).length, 4);
        });

        it("a term change charges once more per target of that lease", async () => {
            await s.expectSuccess(["up", "--yes", "--skip-preview"]);
            const ledger = await charges();
            assert.equal(ledger.length, 6);
            assert.deepEqual(ledger.slice(4).map((c) => c.ids[0]).sort(), instanceIds(2));
            assert.equal(s.leases().servers.renewalCount, 2);
        });

        it("a lease renamed with aliases charges nothing and keeps its creation URN", async () => {
            const creationUrn = s.leases().servers.creationUrn;
            await s.config("e2e:aliases", JSON.stringify({ fleet: "servers" }));
            await s.setLeases({ fleet: servers("2028"), reserved: reserved("2027") });
            const printed = await s.expectSuccess(["up", "--yes", "--skip-preview"]);
            assert.equal((await charges()).length, 6);
            assert.doesNotMatch(printed, /\+ 1 created|- 1 deleted|created \(|deleted \(/);
            assert.equal(s.leases().servers, undefined);
            assert.equal(s.leases().fleet.creationUrn, creationUrn);
        });

        it("keeps the AccessKey secret out of the state file", () => {
            // The provider's inputs hold the key, encrypted (the CLI's JSON layout differs between versions: parse it).
            const state = JSON.parse(s.stateText()) as { checkpoint: { latest: { resources: { type: string; inputs?: Record<string, unknown> }[] } } };
            const provider = state.checkpoint.latest.resources.find((r) => r.type === "pulumi:providers:alicloud-renewal");
            const secretKey = provider?.inputs?.secretKey as Record<string, unknown> | undefined;
            assert.equal(secretKey?.["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "the key is stored as a secret");
            assert.equal(typeof secretKey?.ciphertext, "string", "encrypted");
            assert.ok(!s.stateText().includes(emu.accessKeys[0].secret));
        });

        it("destroy calls no renewal API", async () => {
            const before = await callCount(emu, WRITE_ACTIONS);
            await s.expectSuccess(["destroy", "--yes", "--skip-preview"]);
            assert.equal(await callCount(emu, WRITE_ACTIONS), before);
            assert.deepEqual(s.leases(), {});
        });
    });

    describe("pulumi import", () => {
        let s: PluginStack;
        before(async () => {
            s = await fresh("import");
        });

        it("adopts existing instances as a lease that has bought nothing", async () => {
            await s.setLeases({});
            await s.expectSuccess(["import", "alicloud-renewal:index:RenewalLease", "adopted", "cn-hangzhou/i-t000,i-t001", "--yes", "--protect=false", "--generate-code=false"]);
            const adopted = s.leases().adopted as { instanceIds: string[]; lastRenewalCalls: unknown[] };
            assert.deepEqual(adopted.instanceIds, instanceIds(2));
            assert.deepEqual(adopted.lastRenewalCalls, []);
            assert.equal(await callCount(emu, WRITE_ACTIONS), 0);
        });

        it("up with the matching program then charges nothing", async () => {
            await s.setLeases({ adopted: servers("2027") });
            await s.expectSuccess(["up", "--yes", "--skip-preview"]);
            assert.equal((await charges()).length, 0);
        });

        it("a term change after the import charges once per target", async () => {
            await s.setLeases({ adopted: servers("2028") });
            await s.expectSuccess(["up", "--yes", "--skip-preview"]);
            assert.deepEqual((await charges()).map((c) => c.ids[0]).sort(), instanceIds(2));
        });
    });

    it("installed offline with `pulumi plugin install --file`, the plugin serves a stack with none on PATH", async () => {
        const s = await fresh("installed", "installed");
        await s.setLeases({ servers: servers("2027") });
        const printed = await s.expectSuccess(["up", "--yes", "--skip-preview"]);
        assert.doesNotMatch(printed, /from \$PATH/);
        assert.equal((await charges()).length, 2);
    });
});
