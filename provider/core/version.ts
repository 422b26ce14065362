/**
 * The provider's version, recorded in every lease's outputs so a state file tells
 * which version renewed what. Read from package.json, which sits one level up from
 * the sources and two levels up from the compiled files in `dist/`.
 */
function readVersion(): string {
    for (const candidate of ["../package.json", "../../package.json"]) {
        try {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const pkg = require(candidate) as { name?: string; version?: string };
            if (pkg.name === "pulumi-alicloud-renewal" && pkg.version) {
                return pkg.version;
            }
        } catch {
            // try the next location
        }
    }
    return "0.0.0-unknown";
}

/** This provider's version, e.g. `0.1.0`. */
export const PROVIDER_VERSION: string = readVersion();
