/**
 * Builds the official `@alicloud/credentials` client for a credential source.
 * Without explicit keys or a profile it uses that package's default chain
 * (ALIBABA_CLOUD_* variables, the credentials file, the CLI profile, the ECS RAM role).
 */
import type Credential from "@alicloud/credentials";
import { sdkModules } from "./sdk-modules";
import { CredentialSource } from "../config/settings";

/**
 * Creates the credential client the ECS SDK signs with.
 *
 * @param source - The resolved credential source.
 */
export function createCredential(source: CredentialSource): Credential {
    const { default: Credential, CLIProfileCredentialsProvider, Config: CredentialConfig } = sdkModules().credentials;
    switch (source.kind) {
        case "static":
            return new Credential(new CredentialConfig(source.securityToken
                ? { type: "sts", accessKeyId: source.accessKeyId, accessKeySecret: source.accessKeySecret, securityToken: source.securityToken }
                : { type: "access_key", accessKeyId: source.accessKeyId, accessKeySecret: source.accessKeySecret }));
        case "profile":
            return new Credential(null, CLIProfileCredentialsProvider.builder().withProfileName(source.profile).build());
        case "default-chain":
            return new Credential();
    }
}
