/**
 * Provider settings, resolved from the stack config that `configure` receives and
 * from the environment, using the conventions of `@pulumi/alicloud` users.
 * Settings live in the provider process's memory only: never in `__provider`, never in state.
 */
import { ConfigurationError } from "../core/errors";
import { DEFAULT_ORDER_WAIT_MS, DEFAULT_RETRY_POLICY, RetryPolicy } from "../ecs/retry";

/** Where the credentials come from. Secrets are held here only, in memory. */
export type CredentialSource =
    | { readonly kind: "static"; readonly accessKeyId: string; readonly accessKeySecret: string; readonly securityToken?: string }
    | { readonly kind: "profile"; readonly profile: string }
    | { readonly kind: "default-chain" };

/** An ECS endpoint override (the emulator, or a private endpoint). */
export interface EndpointOverride {
    /** Host and optional port, e.g. `127.0.0.1:8080` or `ecs-vpc.cn-hangzhou.aliyuncs.com`. */
    readonly host: string;
    /** Scheme to use. */
    readonly protocol: "http" | "https";
}

/** Everything the provider needs to call ECS. */
export interface ProviderSettings {
    /** The default region (`alicloud:region`, then ALICLOUD_REGION, ALIBABA_CLOUD_REGION_ID, ALIBABA_CLOUD_REGION). */
    readonly region?: string;
    /** Endpoint override, when set. Without it the SDK picks the region's public endpoint. */
    readonly endpoint?: EndpointOverride;
    /** Credential source. */
    readonly credentials: CredentialSource;
    /** Retry policy for transient failures. */
    readonly retry: RetryPolicy;
    /** Per-request timeout in milliseconds (connect and read). */
    readonly timeoutMs: number;
    /** Maximum concurrent ECS write calls in this provider process. */
    readonly maxConcurrency: number;
    /** Region ids accepted in addition to the known ones (`alicloud-renewal:extraRegions`). */
    readonly extraRegions: readonly string[];
    /**
     * Hard ceiling on ECS calls per second for each API operation in each region (ECS
     * throttles each operation per region and account); absent (the default): none, and
     * calls are paced only adaptively, from ECS's throttling answers.
     */
    readonly maxCallsPerSecond?: number;
}

/** The config namespace of this package's own settings. */
export const CONFIG_NAMESPACE = "alicloud-renewal";

/** Default per-request timeout: order-creating calls can take longer than the SDK's 3 s default. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Default number of concurrent write calls. */
export const DEFAULT_MAX_CONCURRENCY = 4;

/** Reads one config value; `undefined` when absent or empty. */
export type ConfigGetter = (key: string) => string | undefined;

function firstSet(...values: (string | undefined)[]): string | undefined {
    return values.find((v) => v !== undefined && v !== "");
}

function positiveInteger(raw: string | undefined, name: string, fallback: number): number {
    if (raw === undefined || raw === "") {
        return fallback;
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
        throw new ConfigurationError(`${name} must be a positive whole number; got ${JSON.stringify(raw)}`);
    }
    return value;
}

function positiveNumber(raw: string | undefined, name: string, fallback: number): number {
    if (raw === undefined || raw === "") {
        return fallback;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) {
        throw new ConfigurationError(`${name} must be a positive number; got ${JSON.stringify(raw)}`);
    }
    return value;
}

/**
 * Parses an endpoint override: `http://host:port`, `https://host`, or a bare host (HTTPS).
 *
 * @param raw - The configured value.
 * @param source - Where it came from, for the error message.
 */
export function parseEndpoint(raw: string, source: string): EndpointOverride {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
    let url: URL;
    try {
        url = new URL(withScheme);
    } catch {
        throw new ConfigurationError(`${source} is not a valid endpoint: ${JSON.stringify(raw)}; expected a host such as "ecs.cn-hangzhou.aliyuncs.com" or a URL such as "http://127.0.0.1:8080"`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new ConfigurationError(`${source} must use http or https; got ${JSON.stringify(raw)}`);
    }
    if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username || url.password || !url.hostname) {
        throw new ConfigurationError(`${source} must be a bare host[:port] or scheme://host[:port] with no path, query or credentials; got ${JSON.stringify(raw)}`);
    }
    return { host: url.host, protocol: url.protocol === "http:" ? "http" : "https" };
}

/**
 * Resolves the settings.
 *
 * @param get - Reads namespaced stack config (`alicloud:region`, `alicloud-renewal:endpoint`, ...).
 * @param env - The environment.
 */
export function resolveSettings(get: ConfigGetter, env: NodeJS.ProcessEnv): ProviderSettings {
    const own = (key: string): string | undefined => get(`${CONFIG_NAMESPACE}:${key}`);
    const region = firstSet(get("alicloud:region"), env.ALICLOUD_REGION, env.ALIBABA_CLOUD_REGION_ID, env.ALIBABA_CLOUD_REGION);

    const endpointConfig = own("endpoint");
    const endpointEnv = env.ALICLOUD_RENEWAL_ENDPOINT;
    const endpoint = endpointConfig !== undefined && endpointConfig !== ""
        ? parseEndpoint(endpointConfig, `${CONFIG_NAMESPACE}:endpoint`)
        : endpointEnv !== undefined && endpointEnv !== "" ? parseEndpoint(endpointEnv, "ALICLOUD_RENEWAL_ENDPOINT") : undefined;

    const retry: RetryPolicy = {
        maxAttempts: positiveInteger(firstSet(own("maxAttempts"), env.ALICLOUD_RENEWAL_MAX_ATTEMPTS), `${CONFIG_NAMESPACE}:maxAttempts`, DEFAULT_RETRY_POLICY.maxAttempts),
        baseDelayMs: positiveInteger(firstSet(own("retryBaseDelayMs"), env.ALICLOUD_RENEWAL_RETRY_BASE_DELAY_MS), `${CONFIG_NAMESPACE}:retryBaseDelayMs`, DEFAULT_RETRY_POLICY.baseDelayMs),
        maxDelayMs: positiveInteger(firstSet(own("retryMaxDelayMs"), env.ALICLOUD_RENEWAL_RETRY_MAX_DELAY_MS), `${CONFIG_NAMESPACE}:retryMaxDelayMs`, DEFAULT_RETRY_POLICY.maxDelayMs),
        orderWaitMs: 1000 * positiveNumber(firstSet(own("orderWaitSeconds"), env.ALICLOUD_RENEWAL_ORDER_WAIT_SECONDS), `${CONFIG_NAMESPACE}:orderWaitSeconds`, DEFAULT_ORDER_WAIT_MS / 1000),
    };
    const timeoutMs = positiveInteger(firstSet(own("timeoutMs"), env.ALICLOUD_RENEWAL_TIMEOUT_MS), `${CONFIG_NAMESPACE}:timeoutMs`, DEFAULT_TIMEOUT_MS);
    const maxConcurrency = positiveInteger(firstSet(own("maxConcurrency"), env.ALICLOUD_RENEWAL_MAX_CONCURRENCY), `${CONFIG_NAMESPACE}:maxConcurrency`, DEFAULT_MAX_CONCURRENCY);

    const extraRegions = (firstSet(own("extraRegions"), env.ALICLOUD_RENEWAL_EXTRA_REGIONS) ?? "").split(",").map((r) => r.trim()).filter((r) => r !== "");

    const ceilingRaw = firstSet(own("maxCallsPerSecond"), env.ALICLOUD_RENEWAL_MAX_CALLS_PER_SECOND);
    const maxCallsPerSecond = ceilingRaw === undefined ? undefined : positiveNumber(ceilingRaw, `${CONFIG_NAMESPACE}:maxCallsPerSecond`, 0);

    return { region, endpoint, credentials: resolveCredentialSource(get, env), retry, timeoutMs, maxConcurrency, extraRegions, ...(maxCallsPerSecond !== undefined ? { maxCallsPerSecond } : {}) };
}

function resolveCredentialSource(get: ConfigGetter, env: NodeJS.ProcessEnv): CredentialSource {
    const fromConfig = staticPair(get("alicloud:accessKey"), get("alicloud:secretKey"), get("alicloud:securityToken"), "alicloud:accessKey", "alicloud:secretKey");
    if (fromConfig) {
        return fromConfig;
    }
    const profile = firstSet(get("alicloud:profile"), env.ALICLOUD_PROFILE);
    if (profile !== undefined) {
        return { kind: "profile", profile };
    }
    const fromEnv = staticPair(env.ALICLOUD_ACCESS_KEY, env.ALICLOUD_SECRET_KEY, env.ALICLOUD_SECURITY_TOKEN, "ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY");
    if (fromEnv) {
        return fromEnv;
    }
    return { kind: "default-chain" };
}

function staticPair(id: string | undefined, secret: string | undefined, token: string | undefined, idName: string, secretName: string): CredentialSource | undefined {
    const hasId = id !== undefined && id !== "";
    const hasSecret = secret !== undefined && secret !== "";
    if (hasId !== hasSecret) {
        throw new ConfigurationError(`${hasId ? secretName : idName} is missing: ${idName} and ${secretName} must be set together`);
    }
    if (!hasId) {
        return undefined;
    }
    return { kind: "static", accessKeyId: id as string, accessKeySecret: secret as string, ...(token ? { securityToken: token } : {}) };
}
