/**
 * Property values between the engine and the lifecycle. The plugin tells the engine it
 * accepts secrets, so secret values arrive wrapped in Pulumi's secret signature, at any
 * depth. The lifecycle works on plain values and learns which arguments are secret from
 * `secretInputs`; the plugin computes that list from the wrappers (the dynamic host has
 * the `RenewalLease` class do it) and wraps again what it hands back. Unknown values
 * (the engine's sentinel string) pass through as they are.
 */
import { asSecret, isSerializedSecret } from "../../core/secrecy";
import { protocol } from "./proto";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** A property map as JSON. */
export type PropertyMap = Record<string, unknown>;

/** The JavaScript value of a request's Struct (empty when absent). */
export function fromStruct(struct: Struct | undefined): PropertyMap {
    return struct ? (struct.toJavaScript() as PropertyMap) : {};
}

/**
 * A Struct for a reply. `Struct.fromJavaScript` throws on `undefined` anywhere in the value,
 * and a throw there would never answer the engine, so the value goes through JSON first.
 */
export function toStruct(value: PropertyMap): Struct {
    const plain = JSON.parse(JSON.stringify(value)) as Parameters<typeof Struct.fromJavaScript>[0];
    return protocol().struct.Struct.fromJavaScript(plain);
}

/** `value` with every secret wrapper replaced by its value. */
export function reveal(value: unknown): unknown {
    if (isSerializedSecret(value)) {
        return reveal(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(reveal);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
    }
    return value;
}

/** True when `value` holds a secret wrapper at any depth. */
function holdsSecret(value: unknown): boolean {
    if (isSerializedSecret(value)) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(holdsSecret);
    }
    if (typeof value === "object" && value !== null) {
        return Object.values(value).some(holdsSecret);
    }
    return false;
}

/** A property map with its secrets revealed, and the names of its top-level properties that held one. */
export interface RevealedProperties {
    /** The properties, plain. */
    readonly properties: PropertyMap;
    /** The names of the properties that arrived secret (whole or in part), sorted. */
    readonly secretNames: string[];
}

/** Reveals a property map, remembering which of its properties were secret. */
export function revealProperties(wire: PropertyMap): RevealedProperties {
    return {
        properties: reveal(wire) as PropertyMap,
        secretNames: Object.keys(wire).filter((k) => holdsSecret(wire[k])).sort(),
    };
}

/** `properties` with the named ones wrapped as secrets (a value already wrapped stays as it is). */
export function concealProperties(properties: PropertyMap, names: readonly string[]): PropertyMap {
    const wire: PropertyMap = { ...properties };
    for (const name of names) {
        if (wire[name] !== undefined && !isSerializedSecret(wire[name])) {
            wire[name] = asSecret(wire[name]);
        }
    }
    return wire;
}
