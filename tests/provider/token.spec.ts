import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { CLIENT_TOKEN_PREFIX, deriveClientToken, deriveLeaseId, MAX_CLIENT_TOKEN_LENGTH } from "../../provider/core/token";

const URN = "urn:pulumi:prod::billing::pulumi-nodejs:dynamic/alicloud-renewal:RenewalLease::web-fleet";

describe("ClientToken derivation", () => {
    it("is stable across processes (a retry in a new `pulumi up` sends the same token)", () => {
        const here = deriveClientToken(URN, 3, ["i-b", "i-a"]);
        const script = `require("ts-node/register/transpile-only"); process.stdout.write(require("./provider/core/token").deriveClientToken(${JSON.stringify(URN)}, 3, ["i-b", "i-a"]));`;
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

/**
 * Golden vectors: tokens that released versions have sent to ECS. A changed formula would
 * fail these, which is the point: a lease created by 0.2.0 and updated by a later version
 * must send the same token for the same step (see the rule in provider/core/token.ts).
 */
describe("ClientToken formula rl1 (golden vectors)", () => {
    const FLEET = "urn:pulumi:prod::billing::pulumi-nodejs:dynamic/alicloud-renewal:RenewalLease::web-fleet";
    const vectors: { urn: string; sequence: number; ids: string[]; token: string }[] = [
        { urn: FLEET, sequence: 1, ids: ["i-bp67acfmxazb4ph1abcd"], token: "rl1-86be3372541a717618712cb6eb2cea7e36990679f3e8dd23237486ce2867" },
        { urn: FLEET, sequence: 2, ids: ["i-bp67acfmxazb4ph1abcd"], token: "rl1-47a82041a221e25cd83c4cf9e2a509252fc7cdbde436167907a5e7a6781f" },
        { urn: FLEET, sequence: 1, ids: ["ecsri-2ze53qonjqxg7s1abc", "ecsri-2ze53qonjqxg7r1abc"], token: "rl1-a62be58764a3b1397fdadec090e35f02d296851d77a0ccaa35d7d54766ba" },
        { urn: "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/alicloud-renewal:RenewalLease::db", sequence: 7, ids: ["i-a"], token: "rl1-576252437fb2b4cfee4c307f23e5c19fe17b58e9b083d9fb686a191c0dd7" },
    ];
    for (const v of vectors) {
        it(`sends ${v.token.slice(0, 12)}… for step ${v.sequence} of ${v.urn.slice(v.urn.lastIndexOf("::") + 2)} on ${v.ids.join(", ")}`, () => {
            assert.equal(deriveClientToken(v.urn, v.sequence, v.ids), v.token);
        });
    }

    it("derives the lease id lease-5d5fdd4dafac280c877b for the web-fleet URN", () => {
        assert.equal(deriveLeaseId(FLEET), "lease-5d5fdd4dafac280c877b");
    });

    it("names the formula rl1 in every token it sends", () => {
        assert.equal(CLIENT_TOKEN_PREFIX, "rl1-");
    });
});
