/**
 * Loads the ECS SDK's model classes one file at a time, when first used.
 *
 * `@alicloud/ecs20140526`'s client requires `dist/models/model.js`, which requires all of its
 * model files (about 1,150, exporting 2,083 classes) before the first call: most of the
 * SDK's load time and memory, paid by every provider process that calls ECS (docs/benchmarks.md,
 * "SDK load", measured by `npm run bench:sdk-load`). The provider uses fewer than 30 of those
 * classes. This module puts in Node's module cache, in place of `model.js`, an object with the
 * same exports, each a getter that requires its own file on first access. The mapping is read
 * from `model.js` itself, so the classes are the SDK's own; if that file does not have the shape
 * expected, nothing is installed and the SDK loads as usual (tests/provider/lazy-ecs-models.spec.ts
 * fails on such an SDK, so an upgrade cannot lose the saving unnoticed).
 */
import * as fs from "node:fs";
import Module, { createRequire } from "node:module";

/** `var AddTagsRequest_1 = require("../AddTagsRequest");` */
const REQUIRE_LINE = /^var (\w+) = require\("(\.\/\w+)"\);$/gm;
/** `Object.defineProperty(exports, "AddTagsRequest", { enumerable: true, get: function () { return AddTagsRequest_1.AddTagsRequest; } });` */
const EXPORT_LINE = /^Object\.defineProperty\(exports, "(\w+)", \{ enumerable: true, get: function \(\) \{ return (\w+)\.(\w+); \} \}\);$/gm;

/** How a model class is found: the file that defines it and its export name there. */
interface ModelSource {
    readonly name: string;
    readonly file: string;
    readonly member: string;
}

/**
 * Reads the index module's text into one source per exported class.
 * @returns undefined when a line does not have the expected shape (a new SDK layout).
 */
export function parseModelIndex(text: string): ModelSource[] | undefined {
    const files = new Map<string, string>();
    for (const [, variable, file] of text.matchAll(REQUIRE_LINE)) {
        files.set(variable, file);
    }
    const sources: ModelSource[] = [];
    for (const [, name, variable, member] of text.matchAll(EXPORT_LINE)) {
        const file = files.get(variable);
        if (file === undefined) {
            return undefined;
        }
        sources.push({ name, file, member });
    }
    const declaredExports = text.match(/Object\.defineProperty\(exports, "(?!__esModule")\w+"/g)?.length ?? 0;
    return sources.length > 0 && sources.length === declaredExports ? sources : undefined;
}

/**
 * Installs the lazy index in place of the SDK's `models/model.js`, unless it is already loaded.
 * @param indexPath - Absolute path of `@alicloud/ecs20140526/dist/models/model.js`.
 * @returns Whether the lazy index is in place.
 */
export function installLazyModelIndex(indexPath: string): boolean {
    if (require.cache[indexPath]) {
        return false;
    }
    const sources = parseModelIndex(fs.readFileSync(indexPath, "utf8"));
    if (!sources) {
        return false;
    }
    const requireModel = createRequire(indexPath);
    const lazyExports: Record<string, unknown> = {};
    Object.defineProperty(lazyExports, "__esModule", { value: true });
    for (const { name, file, member } of sources) {
        Object.defineProperty(lazyExports, name, { enumerable: true, get: () => (requireModel(file) as Record<string, unknown>)[member] });
    }
    const index = new Module(indexPath);
    index.filename = indexPath;
    index.loaded = true;
    index.exports = lazyExports;
    require.cache[indexPath] = index;
    return true;
}
