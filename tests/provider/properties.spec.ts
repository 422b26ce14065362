/** The property declaration is the one list: the README's tables and check's allowed keys come from it. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ARGUMENT_NAMES } from "../../provider/core/properties";
import { validateLeaseInputs } from "../../provider/core/validation";
import { withPropertyTables } from "../../scripts/lib/property-tables";

describe("the property declaration", () => {
    it("gives the README's argument and output tables (npm run docs:properties writes them)", () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
        assert.equal(readme, withPropertyTables(readme), "README.md's property tables differ from provider/core/properties.ts: run npm run docs:properties");
    });

    it("gives check's allowed arguments: a key it does not declare is refused, naming every declared argument", () => {
        const { failures } = validateLeaseInputs({ instanceIds: ["i-t000"], period: 1, leaseUrn: "urn:pulumi:s::p::t::n", perod: 1 }, "cn-hangzhou");
        const failure = failures.find((f) => f.property === "perod");
        assert.ok(failure, "the unknown key is refused");
        assert.equal(failure.reason, `unknown property "perod"; allowed: ${ARGUMENT_NAMES.join(", ")}`);
    });
});
