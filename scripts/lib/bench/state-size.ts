/**
 * Bytes of state per resource, measured on a real state file of the file backend. The
 * backend writes the checkpoint as JSON indented by 4 spaces, so removing some resources
 * and serializing again the same way gives exactly the bytes they occupied.
 */
import * as fs from "node:fs";

/** Bytes that resources of one type take in a state file. */
export interface StateSize {
    /** Resources of the type. */
    readonly count: number;
    /** Average bytes per resource, indentation and separators included. */
    readonly bytesPerResource: number;
    /** Of which the serialized provider (`__provider` in the inputs and in the outputs). */
    readonly providerBytesPerResource: number;
    /** Length of one `__provider` text. */
    readonly providerTextLength: number;
    /** Whole file. */
    readonly fileBytes: number;
    /** Whether re-serializing the file reproduced it byte for byte (so the figures are exact). */
    readonly exact: boolean;
}

interface Resource {
    readonly type: string;
    readonly inputs?: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
}

interface StateFile {
    readonly checkpoint: { readonly latest?: { readonly resources?: Resource[] } & Record<string, unknown> } & Record<string, unknown>;
}

const serialize = (value: unknown): string => `${JSON.stringify(value, null, 4)}\n`;

/**
 * Measures the resources whose type ends with `typeSuffix` in the state file `file`.
 *
 * @param file - A checkpoint of the file backend.
 * @param typeSuffix - E.g. `:RenewalLease` or `dynamic:Resource`.
 */
export function measureStateSize(file: string, typeSuffix: string): StateSize {
    const text = fs.readFileSync(file, "utf8");
    const state = JSON.parse(text) as StateFile;
    const resources = state.checkpoint.latest?.resources ?? [];
    const measured = resources.filter((r) => r.type.endsWith(typeSuffix));
    const without: StateFile = { ...state, checkpoint: { ...state.checkpoint, latest: { ...state.checkpoint.latest, resources: resources.filter((r) => !measured.includes(r)) } } };
    const fileBytes = Buffer.byteLength(text);
    const removedBytes = fileBytes - Buffer.byteLength(serialize(without));
    const providerText = measured.map((r) => r.inputs?.__provider).find((p): p is string => typeof p === "string") ?? "";
    // `"__provider": "<escaped text>",` on one line, twice, at the depth of a resource's properties.
    const providerLine = 24 + Buffer.byteLength(`"__provider": ${JSON.stringify(providerText)},\n`);
    return {
        count: measured.length,
        bytesPerResource: measured.length > 0 ? Math.round(removedBytes / measured.length) : 0,
        providerBytesPerResource: providerText ? 2 * providerLine : 0,
        providerTextLength: providerText.length,
        fileBytes,
        exact: serialize(state) === text,
    };
}

/** Groups of fields of a resource, by label: `inputs.leaseUrn`, `outputs.targets`, `propertyDependencies`. */
export type FieldGroups = Readonly<Record<string, readonly string[]>>;

function withoutPaths(resource: Resource, paths: readonly string[]): Resource {
    const copy = JSON.parse(JSON.stringify(resource)) as Record<string, unknown>;
    for (const p of paths) {
        const [head, tail] = p.split(".", 2);
        if (tail === undefined) {
            delete copy[head];
        } else {
            delete (copy[head] as Record<string, unknown> | undefined)?.[tail];
        }
    }
    return copy as unknown as Resource;
}

/**
 * Bytes per resource that each group of fields takes in the state file (exact: the file
 * is serialized again without the group).
 */
export function stateBreakdown(file: string, typeSuffix: string, groups: FieldGroups): Record<string, number> {
    const state = JSON.parse(fs.readFileSync(file, "utf8")) as StateFile;
    const resources = state.checkpoint.latest?.resources ?? [];
    const measured = new Set(resources.filter((r) => r.type.endsWith(typeSuffix)));
    const bytes = (list: Resource[]): number => Buffer.byteLength(serialize({ ...state, checkpoint: { ...state.checkpoint, latest: { ...state.checkpoint.latest, resources: list } } }));
    const total = bytes(resources);
    const out: Record<string, number> = {};
    for (const [label, paths] of Object.entries(groups)) {
        out[label] = measured.size > 0 ? Math.round((total - bytes(resources.map((r) => (measured.has(r) ? withoutPaths(r, paths) : r)))) / measured.size) : 0;
    }
    return out;
}
