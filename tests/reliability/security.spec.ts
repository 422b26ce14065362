/**
 * Secrets stay secret, and refused credentials are reported as credential
 * problems, never retried as faults.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CredentialError } from "../../provider/core/errors";
import { countingProxy } from "../support/counting-proxy";
import type { E2eStack } from "../e2e/support";
import { useE2eStacks } from "../support/e2e-stacks";
import { useEmulator } from "../support/emulator";
import { checked, instanceIds, inventory, providerFor, REGION, reservedIds, urn } from "../support/fixtures";

const STS_KEY = { id: "STS.NUemulatorKey0001", secret: "StsSecret-7f3a9c2e-do-not-leak", securityToken: "CAIStsToken-b81d55e0-do-not-leak" };

describe("reliability: secrets and credentials", function () {
    this.timeout(600_000);
    const emu = useEmulator({ accessKeys: [STS_KEY], seed: inventory(instanceIds(2), reservedIds(12)) });
    const stacks = useE2eStacks(emu);

    describe("after a full run with STS credentials", () => {
        let s: E2eStack;
        let output = "";

        before(async () => {
            s = await stacks.create("secrets", { config: { "alicloud:securityToken": { value: STS_KEY.securityToken, secret: true } } });
            await s.setLeases({ servers: { instanceIds: instanceIds(2), period: 1, periodUnit: "Month", term: "2027" }, reserved: { reservedInstanceIds: reservedIds(12), period: 1, periodUnit: "Year" } });
            // Verbose engine and plugin logs on stderr: the provider's logs are part of what is scanned.
            for (const args of [["up", "--yes", "--skip-preview", "-v=9", "--logtostderr", "--logflow"], ["refresh", "--yes", "--skip-preview"], ["preview", "--diff"]]) {
                const result = await s.pulumi(args);
                assert.equal(result.status, 0, `pulumi ${args[0]} failed:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
                output += result.stdout + result.stderr;
            }
            await s.setLeases({ servers: { instanceIds: instanceIds(2), period: 1, periodUnit: "Month", term: "2028" }, reserved: { reservedInstanceIds: reservedIds(12), period: 1, periodUnit: "Year" } });
            const update = await s.pulumi(["up", "--yes", "--skip-preview"]);
            output += update.stdout + update.stderr;
        });

        it("renewed through STS credentials (the run really used them)", async () => {
            const ledger = (await emu.control.ledger()).charges;
            assert.equal(ledger.length, 6);
            assert.deepEqual([...new Set(ledger.map((c) => c.accessKeyId))], [STS_KEY.id]);
        });

        it("leaves neither the AccessKey secret nor the STS token in the state file", () => {
            const state = s.stateText();
            assert.equal(state.split(STS_KEY.secret).length - 1, 0);
            assert.equal(state.split(STS_KEY.securityToken).length - 1, 0);
        });

        it("prints neither in the CLI output or the verbose engine and provider logs", () => {
            assert.ok(output.length > 10_000, "the verbose logs were captured");
            assert.equal(output.split(STS_KEY.secret).length - 1, 0);
            assert.equal(output.split(STS_KEY.securityToken).length - 1, 0);
        });

        it("writes neither into the stack's files on disk (logs, plugins, config)", () => {
            const hits: string[] = [];
            const walk = (dir: string): void => {
                for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                    const file = path.join(dir, entry.name);
                    if (entry.isDirectory()) {
                        walk(file);
                    } else if (entry.isFile() && fs.statSync(file).size < 50_000_000) {
                        const text = fs.readFileSync(file, "latin1");
                        if (text.includes(STS_KEY.secret) || text.includes(STS_KEY.securityToken)) {
                            hits.push(file);
                        }
                    }
                }
            };
            walk(path.join(s.dir, ".pulumi"));
            walk(s.dir);
            assert.deepEqual(hits, []);
        });
    });

    describe("refused credentials", () => {
        beforeEach(async () => {
            await emu.control.reset(inventory(instanceIds(2), reservedIds(12)));
        });
        const lease = { instanceIds: ["i-t000"], period: 1, periodUnit: "Month", regionId: REGION, leaseUrn: urn("creds") };

        async function renewCalls(): Promise<number> {
            return (await emu.control.ledger()).calls.RenewInstance ?? 0;
        }
        /** `check` (preview) reads the targets: refused credentials stop the lease there, before anything could be bought. */
        async function refusedAtCheck(provider: ReturnType<typeof providerFor>): Promise<unknown> {
            return provider.check({} as never, lease as never).then(() => undefined, (err: unknown) => err);
        }

        // The emulator counts no refused (unauthenticated) call, so a proxy counts what reached it.
        it("a wrong secret is refused by the emulator and reported as a credential problem, not retried", async () => {
            const proxy = await countingProxy(emu);
            const provider = providerFor(emu, { endpoint: proxy.endpoint, credentials: { kind: "static", accessKeyId: STS_KEY.id, accessKeySecret: "wrong", securityToken: STS_KEY.securityToken } });
            const err = await refusedAtCheck(provider);
            await proxy.close();
            assert.ok(err instanceof CredentialError && err.code === "SignatureDoesNotMatch" && /secret does not match/.test(err.message), String(err));
            // One region listing and the id read it falls back to, each sent once: never retried.
            assert.equal(proxy.count("DescribeInstances"), 2);
            assert.equal(proxy.count("RenewInstance"), 0);
        });

        it("an unknown key is refused and reported as a credential problem, not retried", async () => {
            const proxy = await countingProxy(emu);
            const provider = providerFor(emu, { endpoint: proxy.endpoint, credentials: { kind: "static", accessKeyId: "LTAIunknown", accessKeySecret: "x" } });
            const err = await refusedAtCheck(provider);
            await proxy.close();
            assert.ok(err instanceof CredentialError && err.code === "InvalidAccessKeyId.NotFound" && err.statusCode === 404, String(err));
            // One region listing and the id read it falls back to, each sent once: never retried.
            assert.equal(proxy.count("DescribeInstances"), 2);
            assert.equal(proxy.count("RenewInstance"), 0);
        });

        for (const code of ["SignatureNonceUsed", "InvalidTimeStamp.Expired"]) {
            it(`${code} (as the emulator answers a replayed nonce or a stale timestamp) is a credential problem, not retried`, async () => {
                const provider = providerFor(emu, { credentials: { kind: "static", accessKeyId: STS_KEY.id, accessKeySecret: STS_KEY.secret, securityToken: STS_KEY.securityToken } });
                await emu.control.setFaults([{ action: "RenewInstance", nth: 1, kind: "error", code, status: 400 }]);
                await assert.rejects(provider.create(await checked(provider, lease)), (err: unknown) => err instanceof CredentialError && err.code === code);
                assert.equal(await renewCalls(), 1);
            });
        }
    });
});
