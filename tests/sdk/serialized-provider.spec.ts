/**
 * The serialized provider (`__provider`), serialized exactly as `pulumi.dynamic.Resource`
 * does it, in both layouts a stack can have: the package installed under node_modules
 * (a registry install), and the package linked from elsewhere (this checkout, `npm link`).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import Module from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import * as linkedShim from "../../sdk/provider-shim";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const PACKAGE_NAME = "pulumi-alicloud-renewal";
const SHIM_EXPORT = `${PACKAGE_NAME}/dist/sdk/provider-shim.js`;
const METHODS = ["configure", "check", "diff", "create", "update", "read", "delete"];

/** What `dynamic.Resource` stores: `serializeFunction(() => provider, { allowSecrets: true })`. */
async function serializeLikeDynamicResource(provider: object): Promise<string> {
    return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

/** Evaluates a serialized provider as the dynamic provider host does (`require-from-string`, resolving from `dir`). */
function loadSerialized(text: string, dir: string): Record<string, unknown> {
    const filename = path.join(dir, "__provider.js");
    const m = new Module(filename);
    m.filename = filename;
    m.paths = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(dir);
    (m as unknown as { _compile(code: string, file: string): void })._compile(text, filename);
    return (m.exports as { handler: () => Record<string, unknown> }).handler();
}

/** A stack directory with the package installed under node_modules: its package.json and the compiled shim. */
function installedLayout(): { dir: string; shimPath: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renewal-shim-"));
    const pkgDir = path.join(dir, "node_modules", PACKAGE_NAME);
    fs.mkdirSync(path.join(pkgDir, "dist", "sdk"), { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "a-user-stack", private: true }));
    fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(pkgDir, "package.json"));
    const source = fs.readFileSync(path.join(REPO_ROOT, "sdk", "provider-shim.ts"), "utf8");
    const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    const shimPath = path.join(pkgDir, "dist", "sdk", "provider-shim.js");
    fs.writeFileSync(shimPath, compiled);
    return { dir, shimPath };
}

describe("the serialized provider", () => {
    const secret = "Sup3rS3cretAccessKeySecret-do-not-leak";
    const token = "STS.SecurityToken-do-not-leak";
    let installed: string;
    let linked: string;
    let layout: { dir: string; shimPath: string };

    before(async () => {
        process.env.ALICLOUD_SECRET_KEY = secret;
        process.env.ALICLOUD_SECURITY_TOKEN = token;
        process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = secret;
        layout = installedLayout();
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const installedShim = require(layout.shimPath) as object;
        installed = await serializeLikeDynamicResource(installedShim);
        linked = await serializeLikeDynamicResource(linkedShim);
    });
    after(() => {
        delete process.env.ALICLOUD_SECRET_KEY;
        delete process.env.ALICLOUD_SECURITY_TOKEN;
        delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
        fs.rmSync(layout.dir, { recursive: true, force: true });
    });

    describe("of a package installed under node_modules", () => {
        it("is one require of the shim by package name, under 320 bytes", () => {
            assert.match(installed, new RegExp(`^exports\\.handler = __f0;\\nconst provider = require\\("${SHIM_EXPORT.replace(/[/.]/g, "\\$&")}"\\);\\n`));
            assert.ok(installed.length < 320, `${installed.length} bytes:\n${installed}`);
        });

        it("captures no secret, no SDK module and no path of the stack", () => {
            for (const needle of [secret, token, "@alicloud", layout.dir, REPO_ROOT, os.tmpdir()]) {
                assert.ok(!installed.includes(needle), `contains ${needle}`);
            }
        });

        it("the package's exports map names the shim's path, so the stored require resolves", () => {
            const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { exports: Record<string, unknown> };
            assert.equal(pkg.exports[`./${SHIM_EXPORT.slice(PACKAGE_NAME.length + 1)}`], `./${SHIM_EXPORT.slice(PACKAGE_NAME.length + 1)}`);
        });

        it("loads, in the stack directory, the installed shim with every provider method", () => {
            const provider = loadSerialized(installed, layout.dir);
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            assert.equal(provider, require(layout.shimPath));
            for (const method of METHODS) {
                assert.equal(typeof provider[method], "function", method);
            }
        });
    });

    describe("of a package linked from outside node_modules (this checkout, npm link)", () => {
        it("captures no secret", () => {
            assert.ok(!linked.includes(secret));
            assert.ok(!linked.includes(token));
        });

        it("captures no SDK module and no absolute path: it loads the implementation by package name", () => {
            assert.ok(!linked.includes("@alicloud"));
            assert.ok(!linked.includes(REPO_ROOT));
            assert.match(linked, /require\("pulumi-alicloud-renewal\/provider"\)/);
        });

        it("has every provider method", () => {
            const provider = loadSerialized(linked, REPO_ROOT);
            for (const method of METHODS) {
                assert.equal(typeof provider[method], "function", method);
            }
        });

        it("stays under 2250 bytes", () => {
            assert.ok(linked.length < 2250, `${linked.length} bytes`);
        });
    });
});
