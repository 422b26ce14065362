import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "../../sdk/provider-shim";

describe("the serialized provider", () => {
    const secret = "Sup3rS3cretAccessKeySecret-do-not-leak";
    const token = "STS.SecurityToken-do-not-leak";
    let text: string;

    before(async () => {
        process.env.ALICLOUD_SECRET_KEY = secret;
        process.env.ALICLOUD_SECURITY_TOKEN = token;
        process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = secret;
        text = (await pulumi.runtime.serializeFunction(() => providerShim, { isFactoryFunction: true, allowSecrets: false })).text;
    });
    after(() => {
        delete process.env.ALICLOUD_SECRET_KEY;
        delete process.env.ALICLOUD_SECURITY_TOKEN;
        delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    });

    it("captures no secret from the environment", () => {
        assert.ok(!text.includes(secret));
        assert.ok(!text.includes(token));
    });

    it("captures no SDK module and no absolute path: it loads the implementation by package name", () => {
        assert.ok(!text.includes("@alicloud"));
        assert.ok(!text.includes(process.cwd()));
        assert.match(text, /require\("pulumi-alicloud-renewal\/provider"\)/);
    });

    it("stays small", () => {
        assert.ok(text.length < 2500, `${text.length} bytes`);
    });
});
