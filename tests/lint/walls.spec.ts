import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ESLint } from "eslint";

const ROOT = path.resolve(__dirname, "..", "..");

/** The wall rules of `eslint.config.mjs`. */
const WALL_RULES = new Set(["@typescript-eslint/no-restricted-imports", "no-restricted-syntax"]);

let eslint: ESLint;

/** Lints `code` as if it were the file at `filePath` (relative to the repository) and returns the wall messages. */
async function wallMessages(filePath: string, code: string): Promise<string[]> {
    eslint ??= new ESLint({ cwd: ROOT });
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
    const fatal = result.messages.filter((m) => m.fatal);
    assert.deepEqual(fatal, [], `${filePath} did not parse`);
    return result.messages.filter((m) => m.ruleId !== null && WALL_RULES.has(m.ruleId)).map((m) => m.message);
}

/** Asserts that linting `code` in `filePath` reports the wall with a message naming it. */
async function assertCrossing(filePath: string, code: string, wall: RegExp): Promise<void> {
    const messages = await wallMessages(filePath, code);
    assert.equal(messages.length, 1, `expected one wall message for ${JSON.stringify(code)} in ${filePath}, got ${JSON.stringify(messages)}`);
    assert.match(messages[0], wall);
}

const EMULATOR_WALL = /Wall: the emulator stands alone/;
const PRODUCTION_WALL = /Wall: production code/;

describe("lint walls between the emulator, production code and the tests", () => {
    describe("the emulator", () => {
        it("may not import provider/", () => assertCrossing("emulator/wire/endpoint.ts", 'import { LeaseLifecycle } from "../../provider/lifecycle/lease-lifecycle";\nexport const p = LeaseLifecycle;\n', EMULATOR_WALL));

        it("may not import sdk/, not even its types", () => assertCrossing("emulator/model/types.ts", 'import type { RenewalLeaseArgs } from "../../sdk";\nexport type A = RenewalLeaseArgs;\n', EMULATOR_WALL));

        it("may not import tests/", () => assertCrossing("emulator/server.ts", 'export { REGION } from "../tests/support/fixtures";\n', EMULATOR_WALL));

        it("may not import scripts/", () => assertCrossing("emulator/cli.ts", 'import "../scripts/lib/pulumi-cli";\n', EMULATOR_WALL));

        it("may not require provider/ either", () => assertCrossing("emulator/cli.ts", '// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const p = require("../provider/core/plan");\n', EMULATOR_WALL));

        it("may not import the package by name (its root re-exports sdk/)", () => assertCrossing("emulator/index.ts", 'export * from "pulumi-alicloud-renewal";\n', EMULATOR_WALL));

        it("may import its own modules and the ECS SDK", async () => {
            assert.deepEqual(await wallMessages("emulator/wire/endpoint.ts", 'import { EcsBackend } from "../model/backend";\nimport type Ecs from "@alicloud/ecs20140526";\nexport type A = [EcsBackend, Ecs];\n'), []);
        });
    });

    describe("production code", () => {
        it("may not import emulator/ from provider/", () => assertCrossing("provider/ecs/gateway.ts", 'import { startEmulator } from "../emulator";\nexport const s = startEmulator;\n', PRODUCTION_WALL));

        it("may not import tests/ from sdk/", () => assertCrossing("sdk/renewal-lease.ts", 'import { urn } from "../tests/support/fixtures";\nexport const u = urn;\n', PRODUCTION_WALL));

        it("may not import emulator/ from the package root", () => assertCrossing("index.ts", 'export * from "./emulator";\n', PRODUCTION_WALL));

        it("may not require the emulator's package entry point", () => assertCrossing("provider/hosts/dynamic/dynamic-provider-process.ts", '// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const e = require("pulumi-alicloud-renewal/emulator");\n', PRODUCTION_WALL));

        it("may import provider/ from sdk/, and its own package's provider entry point", async () => {
            assert.deepEqual(await wallMessages("sdk/renewal-lease.ts", 'import type { LeaseInputs } from "../provider/core/types";\n// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const p = require("pulumi-alicloud-renewal/provider");\nexport type I = LeaseInputs;\n'), []);
        });
    });

    it("lets tests and scripts import the emulator", async () => {
        const code = 'import { startEmulator } from "../../emulator";\nexport const s = startEmulator;\n';
        assert.deepEqual(await wallMessages("tests/support/fixtures.ts", code), []);
        assert.deepEqual(await wallMessages("scripts/lib/bench/stacks.ts", code), []);
    });
});
