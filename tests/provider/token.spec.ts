import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { CLIENT_TOKEN_PREFIX, deriveClientToken, deriveLeaseId, MAX_CLIENT_TOKEN_LENGTH } from "../../provider/token";

const URN = "urn:pulumi:prod::billing::pulumi-nodejs:dynamic/alicloud-renewal:RenewalLease::web-fleet";

describe("ClientToken derivation", () => {
    it("is stable across processes (a retry in a new `pulumi up` sends the same token)", () => {
        const here = deriveClientToken(URN, 3, ["i-b", "i-a"]);
        const script = `require("ts-node/register/transpile-only"); process.stdout.write(require("./provider/token").deriveClientToken(${JSON.stringify(URN)}, 3, ["i-b", "i-a"]));`;
        const there = execFileSync(process.execPath, ["-e", script], { cwd: process.cwd(), encoding: "utf8" });
        assert.equal(there, here);
    });

    it("does not depend on the order of the ids in a call", () => {
        assert.equal(deriveClientToken(URN, 1, ["ecsri-b", "ecsri-a", "ecsri-c"]), deriveClientToken(URN, 1, ["ecsri-c", "ecsri-a", "ecsri-b"]));
    });

    it("differs between renewal steps of the same lease", () => {
        assert.notEqual(deriveClientToken(URN, 1, ["i-a"]), deriveClientToken(URN, 2, ["i-a"]));
    });

    it("differs between calls of the same step", () => {
        assert.notEqual(deriveClientToken(URN, 1, ["i-a"]), deriveClientToken(URN, 1, ["i-b"]));
        assert.notEqual(deriveClientToken(URN, 1, ["ecsri-a", "ecsri-b"]), deriveClientToken(URN, 1, ["ecsri-a"]));
    });

    it("differs between leases", () => {
        assert.notEqual(deriveClientToken(URN, 1, ["i-a"]), deriveClientToken(URN.replace("web-fleet", "db-fleet"), 1, ["i-a"]));
    });

    it("is ASCII and at most 64 characters, as ECS requires", () => {
        const token = deriveClientToken(URN + "-ünïcödé-" + "x".repeat(500), 123456, Array.from({ length: 10 }, (_, i) => `ecsri-${i}`));
        assert.ok(token.length <= MAX_CLIENT_TOKEN_LENGTH, `length ${token.length}`);
        assert.match(token, /^[\x21-\x7e]+$/);
        assert.ok(token.startsWith(CLIENT_TOKEN_PREFIX));
    });

    it("reveals nothing about the stack, project or resource name", () => {
        const token = deriveClientToken(URN, 1, ["i-a"]);
        for (const word of ["prod", "billing", "web", "fleet", "RenewalLease", "i-a"]) {
            assert.ok(!token.slice(CLIENT_TOKEN_PREFIX.length).includes(word), `token contains ${word}`);
        }
        assert.match(token, /^rl1-[0-9a-f]{60}$/);
    });

    it("refuses a sequence below 1 or an empty call", () => {
        assert.throws(() => deriveClientToken(URN, 0, ["i-a"]), RangeError);
        assert.throws(() => deriveClientToken(URN, 1.5, ["i-a"]), RangeError);
        assert.throws(() => deriveClientToken(URN, 1, []), RangeError);
    });

    it("derives an opaque, stable lease id from the creation URN", () => {
        assert.equal(deriveLeaseId(URN), deriveLeaseId(URN));
        assert.match(deriveLeaseId(URN), /^lease-[0-9a-f]{20}$/);
        assert.notEqual(deriveLeaseId(URN), deriveLeaseId(URN + "2"));
    });
});
