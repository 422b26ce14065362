/**
 * The id `pulumi import` takes for a lease: `REGION/ID[,ID…]`, e.g.
 * `cn-hangzhou/i-bp1abc,i-bp1def` or `cn-hangzhou/ecsri-2ze53q`. The kind of target comes
 * from the ids' prefix; a lease renews one kind.
 */
import { ImportError } from "./errors";
import { KINDS, TARGET_KINDS } from "./target-kinds";

/** A parsed import id. */
export interface ImportTarget {
    /** The region of the targets. */
    readonly regionId: string;
    /** The id property the targets go in. */
    readonly property: "instanceIds" | "reservedInstanceIds";
    /** The ids, sorted, without duplicates. */
    readonly ids: string[];
}

/** Parses an import id; throws {@link ImportError} naming the expected form. */
export function parseImportId(id: string): ImportTarget {
    const slash = id.indexOf("/");
    const regionId = slash > 0 ? id.slice(0, slash).trim() : "";
    const ids = [...new Set((slash > 0 ? id.slice(slash + 1) : "").split(",").map((t) => t.trim()).filter((t) => t !== ""))].sort();
    if (regionId === "" || ids.length === 0) {
        throw new ImportError(id, "expected REGION/ID[,ID…], e.g. cn-hangzhou/i-bp1abc,i-bp1def");
    }
    const kinds = new Set(ids.map((t) => KINDS.find((k) => t.startsWith(TARGET_KINDS[k].idPrefix))));
    const [kind] = kinds;
    if (kinds.size > 1 || kind === undefined) {
        throw new ImportError(id, `a lease renews one kind of target: list ids of one kind (${KINDS.map((k) => `${TARGET_KINDS[k].idPrefix}…`).join(" or ")}), not several`);
    }
    return { regionId, property: TARGET_KINDS[kind].idProperty, ids };
}
