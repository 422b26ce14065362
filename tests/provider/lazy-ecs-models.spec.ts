import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseModelIndex } from "../../provider/ecs/lazy-ecs-models";

const ROOT = path.resolve(__dirname, "..", "..");

/** Runs `script` in a fresh Node process (a clean module cache) and returns what it prints as JSON. */
function inFreshProcess(script: string): unknown {
    const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") } });
    return JSON.parse(out);
}

describe("loading the ECS SDK's model classes on first use", () => {
    it("understands the installed SDK's model index completely (after an SDK upgrade that changes it, this fails instead of the provider silently loading every model)", () => {
        const indexPath = require.resolve("@alicloud/ecs20140526/dist/models/model.js");
        const { version } = JSON.parse(fs.readFileSync(path.join(path.dirname(indexPath), "..", "..", "package.json"), "utf8")) as { version: string };
        const text = fs.readFileSync(indexPath, "utf8");
        const sources = parseModelIndex(text);
        assert.ok(sources, `@alicloud/ecs20140526 ${version}: ${indexPath} no longer has the lines provider/ecs/lazy-ecs-models.ts parses; adapt its two patterns to the new layout, or remove the lazy loader (see docs/benchmarks.md, "SDK load")`);
        const exported = [...text.matchAll(/Object\.defineProperty\(exports, "(\w+)"/g)].map(([, name]) => name).filter((name) => name !== "__esModule");
        assert.deepEqual(sources.map((s) => s.name).sort(), exported.sort(), "every exported class has its source file");
        const missing = sources.filter((s) => !fs.existsSync(path.join(path.dirname(indexPath), `${s.file}.js`))).map((s) => s.file);
        assert.deepEqual(missing, [], "every source file exists");
    });

    it("loads the client with only the model files a call uses", () => {
        const result = inFreshProcess(`
            const { sdkModules } = require("./provider/ecs/sdk-modules");
            const { ecs } = sdkModules();
            new ecs.DescribeInstancesRequest({ regionId: "cn-hangzhou" });
            const loaded = Object.keys(require.cache).filter((k) => k.includes("ecs20140526/dist/models/")).length;
            console.log(JSON.stringify({ loaded, client: typeof ecs.default }));
        `) as { loaded: number; client: string };
        assert.equal(result.client, "function");
        assert.ok(result.loaded < 10, `${result.loaded} model files loaded`);
    });

    it("gives every class the SDK's index exports, the same class objects as the model files define", () => {
        const result = inFreshProcess(`
            const fs = require("node:fs");
            const { installLazyModelIndex, parseModelIndex } = require("./provider/ecs/lazy-ecs-models");
            const indexPath = require.resolve("@alicloud/ecs20140526/dist/models/model.js");
            const installed = installLazyModelIndex(indexPath);
            const ecs = require("@alicloud/ecs20140526");
            const sources = parseModelIndex(fs.readFileSync(indexPath, "utf8"));
            const models = require("node:path").dirname(indexPath);
            const wrong = sources.filter((s) => typeof ecs[s.name] !== "function" || ecs[s.name] !== require(models + "/" + s.file)[s.member]).map((s) => s.name);
            console.log(JSON.stringify({ installed, count: sources.length, wrong }));
        `) as { installed: boolean; count: number; wrong: string[] };
        assert.equal(result.installed, true);
        assert.ok(result.count > 2000, `${result.count} classes`);
        assert.deepEqual(result.wrong, []);
    });

    it("declines an index of another shape, so the SDK then loads as it always does", () => {
        const text = [
            '"use strict";',
            'Object.defineProperty(exports, "__esModule", { value: true });',
            'var A_1 = require("./A");',
            'Object.defineProperty(exports, "A", { enumerable: true, get: function () { return A_1.A; } });',
            'Object.defineProperty(exports, "B", { enumerable: true, get() { return B; } });',
        ].join("\n");
        assert.equal(parseModelIndex(text), undefined);
        assert.deepEqual(parseModelIndex(text.split("\n").slice(0, 4).join("\n")), [{ name: "A", file: "./A", member: "A" }]);
    });
});
