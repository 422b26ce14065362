/**
 * Writes the plugin's schema (derived from the property declaration) to
 * provider/hosts/plugin/package-schema.json, the file the Go SDK is generated from
 * (`npm run gen:schema`, then `npm run gen:go-sdk`). tests/plugin/schema.spec.ts fails when the
 * committed file differs from what the declaration gives.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pluginSchema } from "../provider/hosts/plugin/schema";

export const SCHEMA_FILE = path.join(__dirname, "..", "provider", "hosts", "plugin", "package-schema.json");

if (require.main === module) {
    fs.writeFileSync(SCHEMA_FILE, JSON.stringify(pluginSchema(), null, 2) + "\n");
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
