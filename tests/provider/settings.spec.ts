import * as assert from "node:assert/strict";
import { ConfigurationError } from "../../provider/core/errors";
import { parseEndpoint, resolveSettings } from "../../provider/config/settings";

const config = (values: Record<string, string>) => (key: string): string | undefined => values[key];

describe("provider settings", () => {
    it("takes credentials from the stack config first", () => {
        const s = resolveSettings(config({ "alicloud:accessKey": "AK", "alicloud:secretKey": "SK", "alicloud:securityToken": "TOK" }), { ALICLOUD_ACCESS_KEY: "envAK", ALICLOUD_SECRET_KEY: "envSK" });
        assert.deepEqual(s.credentials, { kind: "static", accessKeyId: "AK", accessKeySecret: "SK", securityToken: "TOK" });
    });

    it("falls back to a profile, then to ALICLOUD_* variables, then to the official default chain", () => {
        assert.deepEqual(resolveSettings(config({ "alicloud:profile": "ops" }), { ALICLOUD_ACCESS_KEY: "a", ALICLOUD_SECRET_KEY: "b" }).credentials, { kind: "profile", profile: "ops" });
        assert.deepEqual(resolveSettings(config({}), { ALICLOUD_ACCESS_KEY: "a", ALICLOUD_SECRET_KEY: "b" }).credentials, { kind: "static", accessKeyId: "a", accessKeySecret: "b" });
        assert.deepEqual(resolveSettings(config({}), { ALIBABA_CLOUD_ACCESS_KEY_ID: "x" }).credentials, { kind: "default-chain" });
    });

    it("refuses an access key without its secret, naming both settings", () => {
        assert.throws(() => resolveSettings(config({ "alicloud:accessKey": "AK" }), {}), /alicloud:secretKey is missing: alicloud:accessKey and alicloud:secretKey must be set together/);
    });

    it("takes the region from alicloud:region, then the environment", () => {
        assert.equal(resolveSettings(config({ "alicloud:region": "cn-beijing" }), { ALICLOUD_REGION: "cn-shanghai" }).region, "cn-beijing");
        assert.equal(resolveSettings(config({}), { ALIBABA_CLOUD_REGION_ID: "ap-southeast-1" }).region, "ap-southeast-1");
    });

    it("parses endpoint overrides with and without a scheme", () => {
        assert.deepEqual(parseEndpoint("http://127.0.0.1:8080", "x"), { host: "127.0.0.1:8080", protocol: "http" });
        assert.deepEqual(parseEndpoint("ecs-vpc.cn-hangzhou.aliyuncs.com", "x"), { host: "ecs-vpc.cn-hangzhou.aliyuncs.com", protocol: "https" });
    });

    for (const bad of ["http://", "ftp://host", "http://host/path", "http://user:pw@host", "http://host:99999", "not a host"]) {
        it(`refuses the malformed endpoint ${JSON.stringify(bad)}, naming the setting`, () => {
            assert.throws(() => resolveSettings(config({ "alicloud-renewal:endpoint": bad }), {}), (err: unknown) => err instanceof ConfigurationError && /alicloud-renewal:endpoint/.test(err.message));
        });
    }

    it("reads retry, timeout and concurrency settings and refuses non-numbers", () => {
        const s = resolveSettings(config({ "alicloud-renewal:maxAttempts": "3", "alicloud-renewal:timeoutMs": "500" }), { ALICLOUD_RENEWAL_MAX_CONCURRENCY: "8" });
        assert.equal(s.retry.maxAttempts, 3);
        assert.equal(s.timeoutMs, 500);
        assert.equal(s.maxConcurrency, 8);
        assert.throws(() => resolveSettings(config({ "alicloud-renewal:maxAttempts": "many" }), {}), /alicloud-renewal:maxAttempts must be a positive whole number/);
    });
});
