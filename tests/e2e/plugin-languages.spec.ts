/**
 * The provider plugin serves YAML and Go programs with the same ledger results as the TypeScript
 * programs (tests/e2e/cli.spec.ts, plugin-cli.spec.ts): through the real Pulumi CLI against the emulator,
 * a YAML project (pulumi-language-yaml) and a Go program (the generated SDK, run inline by the Go
 * Automation API driver tests/clients/go-stack) each create, change the term, rename with aliases,
 * import, survive a SIGKILL and destroy. The YAML host, go-stack and the CLI are built when missing;
 * nothing here is skipped.
 */
import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { callCount, instanceIds, inventory, ledgerCharges, reservedIds, WRITE_ACTIONS } from "../support/fixtures";
import { ENGINE_LABEL } from "./engine";
import { createLanguageStack, languageTools, type Language, type LanguageStack, type LanguageTools, type LeaseDecl } from "./plugin-language-stack";

const servers = (term: string, aliases?: string[]): LeaseDecl => ({ args: { instanceIds: instanceIds(2), period: 1, periodUnit: "Month", term }, ...(aliases ? { aliases } : {}) });
const reserved = (term: string): LeaseDecl => ({ args: { reservedInstanceIds: reservedIds(12), period: 1, periodUnit: "Year", term } });

describe(`the provider plugin from YAML and Go programs, through the real Pulumi CLI ${ENGINE_LABEL}`, function () {
    this.timeout(900_000);
    const emu = useEmulator();
    let tools: LanguageTools;
    const stacks: LanguageStack[] = [];
    before(function () {
        // Cold builds of the YAML host and go-stack take minutes on 2 cores.
        this.timeout(40 * 60_000);
        tools = languageTools();
    });
    after(() => {
        stacks.splice(0).forEach((s) => s.dispose());
        tools?.dispose();
    });
    const charges = () => ledgerCharges(emu);

    for (const language of ["yaml", "go"] as const satisfies readonly Language[]) {
        async function fresh(name: string): Promise<LanguageStack> {
            await emu.control.reset(inventory(instanceIds(2), reservedIds(12)));
            const stack = await createLanguageStack(language, name, emu, tools);
            stacks.push(stack);
            return stack;
        }

        describe(`${language}: a lease's life`, () => {
            let s: LanguageStack;
            before(async () => {
                s = await fresh("life");
                s.setLeases({ servers: servers("2027"), reserved: reserved("2027") });
            });

            it("up charges exactly once per target", async () => {
                await s.up();
                const ledger = await charges();
                assert.equal(ledger.filter((c) => c.action === "RenewInstance").length, 2);
                assert.deepEqual(ledger.filter((c) => c.action === "RenewReservedInstances").map((c) => c.ids.length).sort(), [10, 2]);
            });

            it("a second up charges nothing", async () => {
                await s.up();
                assert.equal((await charges()).length, 4);
            });

            it("preview --diff of a term change shows the changed term and each target's renewal, and charges nothing", async () => {
                s.setLeases({ servers: servers("2028"), reserved: reserved("2027") });
                const printed = await s.previewDiff();
                assert.match(printed, /~ term\s*: "2027" => "2028"/);
                for (const id of instanceIds(2)) {
                    assert.match(printed, new RegExp(`\\+ expectedAfter: "2027-03-15T16:00Z"\\s+\\+ expiryBefore : "2027-02-15T16:00Z"\\s+\\+ id\\s+: "${id}"`));
                }
                assert.equal((await charges()).length, 4);
            });

            it("a term change charges once more per target of that lease", async () => {
                await s.up();
                const ledger = await charges();
                assert.equal(ledger.length, 6);
                assert.deepEqual(ledger.slice(4).map((c) => c.ids[0]).sort(), instanceIds(2));
            });

            it("a lease renamed with aliases charges nothing and keeps its creation URN", async () => {
                const creationUrn = s.leases().servers.creationUrn;
                s.setLeases({ fleet: servers("2028", ["servers"]), reserved: reserved("2027") });
                await s.up();
                assert.equal((await charges()).length, 6);
                assert.equal(s.leases().servers, undefined);
                assert.equal(s.leases().fleet.creationUrn, creationUrn);
            });

            it("destroy calls no write API", async () => {
                const before = await callCount(emu, WRITE_ACTIONS);
                await s.destroy();
                assert.equal(await callCount(emu, WRITE_ACTIONS), before);
                assert.deepEqual(s.leases(), {});
            });
        });

        describe(`${language}: pulumi import`, () => {
            let s: LanguageStack;
            before(async () => {
                s = await fresh("import");
            });

            it("adopts existing instances as a lease that has bought nothing", async () => {
                await s.importLease("adopted", `cn-hangzhou/${instanceIds(2).join(",")}`);
                const adopted = s.leases().adopted as { instanceIds: string[]; lastRenewalCalls: unknown[] };
                assert.deepEqual(adopted.instanceIds, instanceIds(2));
                assert.deepEqual(adopted.lastRenewalCalls, []);
                assert.equal(await callCount(emu, WRITE_ACTIONS), 0);
            });

            it("up with the matching program then charges nothing", async () => {
                s.setLeases({ adopted: servers("2027") });
                await s.up();
                assert.equal((await charges()).length, 0);
            });
        });

        describe(`${language}: SIGKILL`, () => {
            it("an up killed after ECS committed, recovered, then up: one charge per target, recorded in the state", async () => {
                const s = await fresh("killed");
                s.setLeases({ one: { args: { instanceIds: instanceIds(1), period: 1, periodUnit: "Month", term: "2027" } } });
                await emu.control.setFaults([{ action: "RenewInstance", nth: 1, kind: "stall-after-commit" }]);
                await s.killUpWhen(async () => (await charges()).length === 1);
                await emu.control.clearFaults();
                await s.recover();
                await s.up();

                const ledger = await charges();
                assert.equal(ledger.length, 1, "exactly one charge for the renewal");
                const state = s.leases().one as { renewalCount: number; lastRenewalCalls: { orderId?: string }[] };
                assert.equal(state.renewalCount, 1);
                assert.deepEqual(state.lastRenewalCalls.map((c) => c.orderId), ledger.map((c) => c.orderId));
            });
        });
    }
});
