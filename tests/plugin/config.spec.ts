/**
 * The plugin's provider configuration: CheckConfig names the key at fault; Configure's
 * settings are what a lease's check runs with.
 */
import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { instanceIds, inventory } from "../support/fixtures";
import { toStruct, type PropertyMap } from "../../provider/hosts/plugin/wire";
import { pluginUrn, usePlugin } from "./harness";

describe("plugin configuration", () => {
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(1), []) });
    const plugin = usePlugin(emu);

    async function checkConfig(news: PropertyMap): Promise<{ property: string; reason: string }[]> {
        const request = new plugin.pb.CheckRequest().setUrn("urn:pulumi:dev::renewals::pulumi:providers:alicloud-renewal::default").setOlds(toStruct({})).setNews(toStruct(news));
        const response = await plugin.checkConfig(request);
        return response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
    }

    it("CheckConfig accepts the region, a key pair and an endpoint", async () => {
        assert.deepEqual(await checkConfig({ region: "cn-hangzhou", accessKey: "LTAIx", secretKey: "s", endpoint: "http://127.0.0.1:1" }), []);
    });

    it("CheckConfig names a key the provider does not know, and lists the known ones", async () => {
        const failures = await checkConfig({ region: "cn-hangzhou", acessKey: "LTAIx" });
        assert.equal(failures.length, 1);
        assert.equal(failures[0].property, "acessKey");
        assert.match(failures[0].reason, /alicloud-renewal:acessKey is not a setting of this provider; known: region, accessKey, secretKey/);
    });

    it("CheckConfig names the missing half of a key pair", async () => {
        const failures = await checkConfig({ accessKey: "LTAIx" });
        assert.deepEqual(failures.map((f) => f.property), ["secretKey"]);
        assert.match(failures[0].reason, /alicloud-renewal:secretKey is missing/);
    });

    it("CheckConfig names a malformed endpoint", async () => {
        const failures = await checkConfig({ endpoint: "ftp://example.com" });
        assert.deepEqual(failures.map((f) => f.property), ["endpoint"]);
        assert.match(failures[0].reason, /alicloud-renewal:endpoint must use http or https/);
    });

    it("a bad setting given to Configure fails every lease's check with the key's name, calling nothing", async () => {
        await plugin.configure({ maxConcurrency: "0" });
        const checked = await plugin.check("servers", { instanceIds: instanceIds(1), period: 1, periodUnit: "Month" });
        assert.deepEqual(checked.failures.map((f) => f.property), ["alicloud-renewal:maxConcurrency"]);
        assert.match(checked.failures[0].reason, /must be a positive whole number/);
        assert.deepEqual((await emu.control.ledger()).calls, {});
    });

    it("the region configured is the lease's default region", async () => {
        await plugin.configure();
        const checked = await plugin.check("servers", { instanceIds: instanceIds(1), period: 1, periodUnit: "Month" });
        assert.deepEqual(checked.failures, []);
        assert.equal(checked.inputs.regionId, "cn-hangzhou");
        assert.equal(checked.inputs.leaseUrn, pluginUrn("servers"));
    });
});
