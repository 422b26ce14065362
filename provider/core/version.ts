/**
 * The provider's version, recorded in every lease's outputs so a state file tells
 * which version renewed what. Read from package.json, which sits two levels up from
 * this source (`provider/core/`) and three levels up from its compiled file (`dist/provider/core/`).
 */
function readVersion(): string {
    for (const candidate of ["../../package.json", "../../../package.json"]) {
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
