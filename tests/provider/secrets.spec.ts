/**
 * Secret inputs stay secret. The engine sends a dynamic provider every input in clear and
 * marks secret only the outputs named like a secret input, so the provider must wrap the
 * outputs it derives from them and redact its own lines (see provider/core/secrecy.ts).
 */
import * as assert from "node:assert/strict";
import { LeaseLifecycle } from "../../provider/lifecycle/lease-lifecycle";
import { isSerializedSecret } from "../../provider/core/secrecy";
import { LeaseInputs, LeaseOutputs } from "../../provider/core/types";
import { useEmulator } from "../support/emulator";
import { asEngineSends, checked, instanceIds, inventory, providerFor, urn } from "../support/fixtures";

const SECRET_IDS = ["i-t000", "i-t001"];

describe("secret inputs", () => {
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(3), []) });
    let provider: LeaseLifecycle;
    let announced: string[];

    beforeEach(() => {
        announced = [];
        provider = providerFor(emu, {}, announced);
    });

    const lease = (args: Record<string, unknown> = {}): Record<string, unknown> =>
        ({ instanceIds: SECRET_IDS, period: 1, periodUnit: "Month", term: "2027", leaseUrn: urn("hidden"), secretInputs: ["instanceIds"], ...args });
    const plainText = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (isSerializedSecret(v) ? "[wrapped]" : v));

    it("check returns the renewal plan as a secret and announces no id", async () => {
        const inputs = await checked(provider, { ...lease(), dryRun: true });
        assert.ok(isSerializedSecret(inputs.renewalPlan));
        assert.ok(announced.length > 0);
        for (const line of announced) {
            assert.doesNotMatch(line, /i-t00/, line);
        }
        assert.match(announced.join("\n"), /will renew \[secret\], \[secret\] by 1 Month/);
    });

    it("create returns every output derived from the ids as a secret", async () => {
        const { outs } = await provider.create(asEngineSends(await checked(provider, lease())));
        for (const key of ["targets", "lastRenewalCalls", "renewalPlan", "instanceIds"] as const) {
            assert.ok(isSerializedSecret((outs as unknown as Record<string, unknown>)[key]), `${key} is not a secret`);
        }
        assert.doesNotMatch(plainText(outs), /i-t00/);
    });

    it("refresh keeps them secret and redacts its warning line", async () => {
        const { id, outs } = await provider.create(asEngineSends(await checked(provider, lease())));
        await emu.control.setClock("2030-01-01T00:00:00Z");
        const refreshed = await providerFor(emu, {}, announced).read(id, asEngineSends(outs) as LeaseOutputs);
        assert.doesNotMatch(plainText(refreshed.props), /i-t00/);
        const warning = announced.find((l) => l.startsWith("warning:")) ?? "";
        assert.match(warning, /\[secret\] expired/);
        assert.doesNotMatch(warning, /i-t00/);
    });

    it("a failed renewal's error and partial state name no secret id", async () => {
        await emu.control.setFaults([{ action: "RenewInstance", nth: 2, kind: "error", code: "Account.Arrearage", status: 403 }]);
        const error = await provider.create(asEngineSends(await checked(provider, lease()))).then(() => undefined, (e: unknown) => e as Error & { properties?: unknown; reasons?: string[] });
        assert.ok(error, "the create failed");
        assert.match(error.message, /Account\.Arrearage/);
        assert.doesNotMatch(error.message + (error.stack ?? "") + (error.reasons ?? []).join(), /i-t00/);
        assert.doesNotMatch(plainText(error.properties), /i-t00/);
    });

    it("a check failure names no secret id", async () => {
        const result = await provider.check({} as LeaseInputs, lease({ instanceIds: ["i-t000", "i-gone000"] }) as unknown as LeaseInputs);
        assert.equal(result.failures?.length, 1);
        assert.doesNotMatch(JSON.stringify(result.failures), /i-gone000|i-t000/);
        assert.match(result.failures?.[0].reason ?? "", /\[secret\] does not exist/);
    });

    it("a lease without secrets is returned in clear", async () => {
        const { outs } = await provider.create(await checked(provider, lease({ secretInputs: undefined })));
        assert.match(plainText(outs), /i-t000/);
        assert.doesNotMatch(plainText(outs), /\[wrapped\]/);
    });
});
