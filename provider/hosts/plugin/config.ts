/**
 * The plugin's provider configuration: the keys a stack sets as `alicloud-renewal:<key>`,
 * how CheckConfig validates them and how Configure turns them into settings.
 *
 * A provider plugin is given only its own package's config, so the credential and region
 * keys that the dynamic provider reads under `alicloud:` are `alicloud-renewal:` keys here.
 * The environment variables are the same for both hosts (`resolveSettings` reads them).
 */
import { ConfigGetter, CONFIG_NAMESPACE, resolveSettings } from "../../config/settings";
import { ConfigurationError } from "../../core/errors";
import type { ResolvedSettings } from "../process-lifecycle";

/** One configuration key of the plugin. */
export interface PluginConfigKey {
    /** The key, without the `alicloud-renewal:` namespace. */
    readonly name: string;
    /** The key `resolveSettings` reads for it. */
    readonly settingsKey: string;
    /** What it sets, for the schema. */
    readonly description: string;
    /** Whether its value is a secret. */
    readonly secret?: boolean;
}

const credential = (name: string, description: string, secret = false): PluginConfigKey =>
    ({ name, settingsKey: `alicloud:${name}`, description, ...(secret ? { secret } : {}) });
const own = (name: string, description: string): PluginConfigKey =>
    ({ name, settingsKey: `${CONFIG_NAMESPACE}:${name}`, description });

/** Every configuration key the plugin accepts. */
export const PLUGIN_CONFIG_KEYS: readonly PluginConfigKey[] = [
    credential("region", "The default region (else ALICLOUD_REGION, ALIBABA_CLOUD_REGION_ID, ALIBABA_CLOUD_REGION)."),
    credential("accessKey", "AccessKey id (else ALICLOUD_ACCESS_KEY, a profile, or the default credential chain)."),
    credential("secretKey", "AccessKey secret; set it with `pulumi config set --secret` (else ALICLOUD_SECRET_KEY).", true),
    credential("securityToken", "STS security token that goes with a temporary AccessKey (else ALICLOUD_SECURITY_TOKEN).", true),
    credential("profile", "A profile of the Alibaba Cloud credentials file (else ALICLOUD_PROFILE)."),
    own("endpoint", "ECS endpoint override: a host, or http(s)://host[:port] (else ALICLOUD_RENEWAL_ENDPOINT)."),
    own("maxAttempts", "Attempts per ECS call for transient failures (else ALICLOUD_RENEWAL_MAX_ATTEMPTS)."),
    own("retryBaseDelayMs", "First retry delay in milliseconds (else ALICLOUD_RENEWAL_RETRY_BASE_DELAY_MS)."),
    own("retryMaxDelayMs", "Longest retry delay in milliseconds (else ALICLOUD_RENEWAL_RETRY_MAX_DELAY_MS)."),
    own("orderWaitSeconds", "How long to wait for an order ECS is still processing (else ALICLOUD_RENEWAL_ORDER_WAIT_SECONDS)."),
    own("timeoutMs", "Per-request timeout in milliseconds (else ALICLOUD_RENEWAL_TIMEOUT_MS)."),
    own("maxConcurrency", "Concurrent ECS write calls (else ALICLOUD_RENEWAL_MAX_CONCURRENCY)."),
    own("extraRegions", "Comma-separated region ids accepted besides the known ones (else ALICLOUD_RENEWAL_EXTRA_REGIONS)."),
    own("maxCallsPerSecond", "ECS calls per second per API operation and region (else ALICLOUD_RENEWAL_MAX_CALLS_PER_SECOND)."),
];

/** Keys the engine itself may put in a provider's inputs. */
const ENGINE_KEYS = new Set(["version", "pluginDownloadURL"]);

/** A configuration key at fault and why. */
export interface ConfigProblem {
    /** The key, without namespace (the engine prints it beside the provider). */
    readonly property: string;
    /** What is wrong. */
    readonly reason: string;
}

function getterOf(values: ReadonlyMap<string, string>): ConfigGetter {
    const byKey = new Map(PLUGIN_CONFIG_KEYS.map((k) => [k.settingsKey, values.get(k.name)]));
    return (key) => {
        const value = byKey.get(key);
        return value === "" ? undefined : value;
    };
}

/** The key a settings error names, in the plugin's own spelling. */
function problemOf(err: ConfigurationError): ConfigProblem {
    const named = /^(alicloud[-a-z]*:[A-Za-z]+|[A-Z_]+)/.exec(err.message)?.[1];
    const key = PLUGIN_CONFIG_KEYS.find((k) => k.settingsKey === named);
    const message = key ? err.message.replace(`${key.settingsKey}`, `${CONFIG_NAMESPACE}:${key.name}`) : err.message;
    return { property: key?.name ?? named ?? "", reason: message };
}

/**
 * Validates the provider's inputs (CheckConfig's `news`: keys without namespace, plain values).
 * @returns One problem per unknown key or bad value; empty when the config is usable.
 */
export function checkPluginConfig(news: Record<string, unknown>, env: NodeJS.ProcessEnv): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const known = new Set(PLUGIN_CONFIG_KEYS.map((k) => k.name));
    const values = new Map<string, string>();
    for (const [name, value] of Object.entries(news)) {
        if (ENGINE_KEYS.has(name)) {
            continue;
        }
        if (!known.has(name)) {
            problems.push({ property: name, reason: `${CONFIG_NAMESPACE}:${name} is not a setting of this provider; known: ${[...known].join(", ")}` });
        } else if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
            problems.push({ property: name, reason: `${CONFIG_NAMESPACE}:${name} must be a string; got ${Array.isArray(value) ? "a list" : typeof value}` });
        } else {
            values.set(name, String(value));
        }
    }
    if (problems.length === 0) {
        try {
            resolveSettings(getterOf(values), env);
        } catch (err) {
            if (!(err instanceof ConfigurationError)) {
                throw err;
            }
            problems.push(problemOf(err));
        }
    }
    return problems;
}

/** Settings, or the problem that kept them from resolving (then the settings of an empty config). */
/**
 * The settings of Configure's `variables` (keys `alicloud-renewal:config:<key>`, plain values).
 * A bad value is not thrown but returned, so that `check` can name it on every lease.
 */
export function settingsFromVariables(variables: ReadonlyMap<string, string>, env: NodeJS.ProcessEnv): ResolvedSettings {
    const prefix = `${CONFIG_NAMESPACE}:config:`;
    const values = new Map<string, string>();
    variables.forEach((value, key) => {
        if (key.startsWith(prefix)) {
            values.set(key.slice(prefix.length), value);
        }
    });
    try {
        return { settings: resolveSettings(getterOf(values), env) };
    } catch (err) {
        if (!(err instanceof ConfigurationError)) {
            throw err;
        }
        const problem = problemOf(err);
        // `check` reports it on every lease: name the key as users write it (environment variables as they are).
        return { settings: resolveSettings(() => undefined, {}), problem: { property: /^[A-Z_]+$/.test(problem.property) ? problem.property : `${CONFIG_NAMESPACE}:${problem.property}`, reason: problem.reason } };
    }
}
