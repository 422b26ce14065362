/**
 * The plugin's schema (GetSchema), which YAML programs are type-checked against and SDKs are
 * generated from: derived from the one declaration of the lease's properties.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { SCHEMA_FILE } from "../../scripts/write-schema";
import { ARGUMENT_NAMES, OUTPUT_NAMES } from "../../provider/core/properties";
import { useEmulator } from "../support/emulator";
import { usePlugin } from "./harness";

interface Schema {
    name: string;
    config: { variables: Record<string, { secret?: boolean }> };
    resources: Record<string, { inputProperties: Record<string, { replaceOnChanges?: boolean }>; properties: Record<string, { $ref?: string; additionalProperties?: { $ref?: string } }> }>;
    types: Record<string, unknown>;
}

describe("plugin schema", () => {
    const emu = useEmulator();
    const plugin = usePlugin(emu);
    let schema: Schema;
    before(async () => {
        schema = JSON.parse((await plugin.getSchema()).getSchema()) as Schema;
    });
    const lease = (): Schema["resources"][string] => schema.resources["alicloud-renewal:index:RenewalLease"];

    it("is the committed package-schema.json the Go SDK is generated from (npm run gen:schema writes it)", () => {
        assert.deepEqual(JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")), schema, "provider/hosts/plugin/package-schema.json is stale: run npm run gen:go-sdk");
    });

    it("declares the lease with every argument as an input and nothing else", () => {
        assert.equal(schema.name, "alicloud-renewal");
        assert.deepEqual(Object.keys(lease().inputProperties).sort(), [...ARGUMENT_NAMES].sort());
    });

    it("declares every argument and every output as a property of the lease", () => {
        assert.deepEqual(Object.keys(lease().properties).sort(), [...ARGUMENT_NAMES, ...OUTPUT_NAMES].sort());
    });

    it("marks regionId as replacing the lease", () => {
        assert.equal(lease().inputProperties.regionId.replaceOnChanges, true);
    });

    it("every object type a property refers to is declared", () => {
        const refs = Object.values(lease().properties).map((p) => p.$ref ?? p.additionalProperties?.$ref).filter((r): r is string => r !== undefined);
        assert.ok(refs.length > 0);
        for (const ref of refs) {
            assert.ok(schema.types[ref.replace("#/types/", "")], `${ref} is not declared`);
        }
    });

    it("declares the provider's config keys, the secret key as a secret", () => {
        assert.ok(["region", "accessKey", "secretKey", "securityToken", "profile", "endpoint"].every((k) => k in schema.config.variables));
        assert.equal(schema.config.variables.secretKey.secret, true);
    });
});
