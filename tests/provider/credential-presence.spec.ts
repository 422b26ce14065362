import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { missingCredentialsReason } from "../../provider/config/credential-presence";

describe("credential presence at preview time", () => {
    const emptyHome = fs.mkdtempSync(path.join(os.tmpdir(), "renewal-home-"));
    const noMetadata = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" };

    it("refuses when nothing is configured and the metadata service is disabled, naming the settings to set", () => {
        assert.match(missingCredentialsReason({ kind: "default-chain" }, noMetadata, emptyHome) ?? "", /set alicloud:accessKey and alicloud:secretKey/);
    });

    it("accepts explicit keys and profiles", () => {
        assert.equal(missingCredentialsReason({ kind: "static", accessKeyId: "a", accessKeySecret: "b" }, noMetadata, emptyHome), undefined);
        assert.equal(missingCredentialsReason({ kind: "profile", profile: "p" }, noMetadata, emptyHome), undefined);
    });

    it("accepts the official chain's variables and files", () => {
        assert.equal(missingCredentialsReason({ kind: "default-chain" }, { ...noMetadata, ALIBABA_CLOUD_ACCESS_KEY_ID: "x" }, emptyHome), undefined);
        const home = fs.mkdtempSync(path.join(os.tmpdir(), "renewal-home-"));
        fs.mkdirSync(path.join(home, ".aliyun"));
        fs.writeFileSync(path.join(home, ".aliyun", "config.json"), "{}");
        assert.equal(missingCredentialsReason({ kind: "default-chain" }, noMetadata, home), undefined);
    });

    it("cannot rule out a RAM role while the metadata service is enabled", () => {
        assert.equal(missingCredentialsReason({ kind: "default-chain" }, {}, emptyHome), undefined);
    });
});
