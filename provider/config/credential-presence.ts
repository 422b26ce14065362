/**
 * Tells, without any network call, whether some credential source is configured,
 * so that `check` can refuse a lease at preview time when none is. Only when the
 * ECS metadata service is also disabled can the answer "none" be final: on an ECS
 * instance the official default chain may still find a RAM role there.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CredentialSource } from "./settings";

/**
 * Returns a reason when no credential source can work, or `undefined` when one may.
 *
 * @param source - The credential source resolved from config and environment.
 * @param env - The environment.
 * @param home - The home directory (for the credentials files).
 */
export function missingCredentialsReason(source: CredentialSource, env: NodeJS.ProcessEnv, home: string = os.homedir()): string | undefined {
    if (source.kind !== "default-chain") {
        return undefined;
    }
    const variables = ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_ECS_METADATA", "ALIBABA_CLOUD_PROFILE"];
    if (variables.some((v) => env[v])) {
        return undefined;
    }
    const files = [env.ALIBABA_CLOUD_CREDENTIALS_FILE, path.join(home, ".alibabacloud", "credentials"), path.join(home, ".alibabacloud", "credentials.ini"), path.join(home, ".aliyun", "config.json")];
    if (files.some((f) => f !== undefined && f !== "" && fs.existsSync(f))) {
        return undefined;
    }
    if (env.ALIBABA_CLOUD_ECS_METADATA_DISABLED?.toLowerCase() !== "true") {
        return undefined;
    }
    return "no Alibaba Cloud credentials are configured: set alicloud:accessKey and alicloud:secretKey (pulumi config set --secret), " +
        "or ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY, or ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, or a profile (alicloud:profile)";
}
