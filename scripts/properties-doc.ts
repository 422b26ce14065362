/** Writes the README's argument and output tables from the property declaration (see `lib/property-tables.ts`). */
import * as fs from "node:fs";
import * as path from "node:path";
import { withPropertyTables } from "./lib/property-tables";

const readme = path.join(__dirname, "..", "README.md");
fs.writeFileSync(readme, withPropertyTables(fs.readFileSync(readme, "utf8")));
process.stdout.write(`wrote the property tables of ${readme}\n`);
