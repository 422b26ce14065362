/**
 * The Go SDK committed in `sdk/go/alicloudrenewal` is exactly what the generator (`scripts/gen-go-sdk`,
 * the code generator of the pinned Pulumi CLI) makes of the plugin's schema, so Go programs never
 * build against a stale SDK. The schema is `provider/hosts/plugin/package-schema.json`, or the file named by
 * `ALICLOUD_RENEWAL_SCHEMA`. A missing schema, a machine without `go` or a failed build fails this
 * spec; it is never skipped.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = join(__dirname, "../..");
const SCRIPT = join(ROOT, "scripts/gen-go-sdk.sh");
const COMMITTED = join(ROOT, "sdk/go/alicloudrenewal");
const SCHEMA = process.env.ALICLOUD_RENEWAL_SCHEMA ?? join(ROOT, "provider/hosts/plugin/package-schema.json");

/** Runs `scripts/gen-go-sdk.sh ARGS`; resolves with its stderr, rejects with it on a non-zero exit. */
async function genGoSdk(...args: string[]): Promise<string> {
    try {
        const { stderr } = await run("bash", [SCRIPT, ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
        return stderr;
    } catch (e) {
        const err = e as Error & { stderr?: string };
        throw new Error(`scripts/gen-go-sdk.sh ${args.join(" ")} failed:\n${err.stderr ?? err.message}`);
    }
}

/** Every file under `dir`, by path relative to it, with its bytes. */
function tree(dir: string): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) {
            const path = join(entry.parentPath, entry.name);
            files.set(relative(dir, path), readFileSync(path));
        }
    }
    return files;
}

describe("Go SDK generated from the plugin's schema (sdk/go/alicloudrenewal)", function () {
    let scratch: string;

    before(async function () {
        // A cold build of the generator compiles the Pulumi code generator: minutes on 2 cores.
        this.timeout(20 * 60_000);
        assert.ok(existsSync(SCHEMA), `no schema at ${SCHEMA}: the plugin writes provider/hosts/plugin/package-schema.json (or set ALICLOUD_RENEWAL_SCHEMA)`);
        await genGoSdk("--build");
    });

    beforeEach(() => {
        scratch = mkdtempSync(join(tmpdir(), "gen-go-sdk-"));
    });

    afterEach(() => rmSync(scratch, { recursive: true, force: true }));

    it("the committed SDK equals a fresh generation, file for file and byte for byte", async () => {
        await genGoSdk(SCHEMA, scratch);
        const fresh = tree(join(scratch, "alicloudrenewal"));
        const committed = tree(COMMITTED);
        const names = [...new Set([...fresh.keys(), ...committed.keys()])].sort();
        const stale = names.filter((name) => {
            const [made, kept] = [fresh.get(name), committed.get(name)];
            return made === undefined || kept === undefined || !made.equals(kept);
        });
        assert.deepEqual(stale, [], `sdk/go/alicloudrenewal differs from the schema's SDK in ${stale.join(", ")}: run npm run gen:go-sdk and commit the result`);
    });

    it("a schema that does not validate is refused with the reason, and the output folder is left as it was", async () => {
        const schema = JSON.parse(readFileSync(SCHEMA, "utf8")) as { resources: Record<string, { inputProperties: Record<string, { type: string }> }> };
        schema.resources["alicloud-renewal:index:RenewalLease"].inputProperties.period.type = "integr";
        const bad = join(scratch, "bad-schema.json");
        writeFileSync(bad, JSON.stringify(schema));
        const out = join(scratch, "out");
        const kept = join(out, "alicloudrenewal", "keep.txt");
        await genGoSdk(SCHEMA, out);
        writeFileSync(kept, "left by an earlier run");

        await assert.rejects(genGoSdk(bad, out), /not a valid Pulumi package schema[\s\S]*period/);
        assert.equal(readFileSync(kept, "utf8"), "left by an earlier run");
    });

    it("a schema without language.go.importBasePath is refused: the SDK's imports would name no module of this repository", async () => {
        const schema = JSON.parse(readFileSync(SCHEMA, "utf8")) as { language?: unknown };
        delete schema.language;
        const bare = join(scratch, "no-go-section.json");
        writeFileSync(bare, JSON.stringify(schema));

        await assert.rejects(genGoSdk(bare, join(scratch, "out")), /has no language\.go\.importBasePath/);
        assert.equal(existsSync(join(scratch, "out")), false);
    });
});
