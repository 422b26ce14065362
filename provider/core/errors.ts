/**
 * The provider's error family. Callers test with `instanceof`; every error that
 * comes from ECS carries the ECS code, the HTTP status and the RequestId, and its
 * message says what failed and what to do.
 */
import { listIds } from "./format";
import { classifyErrorCode, ErrorCategory, isRetryableCategory } from "./error-catalog";
import { RenewAction } from "./types";

/** Where an ECS call was made: the action and the targets it concerned. */
export interface CallContext {
    /** The ECS action, e.g. `RenewInstance`. */
    readonly action: string;
    /** The target ids of the call. */
    readonly ids: readonly string[];
    /** The ClientToken sent, for write calls. */
    readonly clientToken?: string;
}

/** Base class of every error this provider raises. */
export class RenewalError extends Error {
    /** Whether the retry loop may try the same call again (with the same ClientToken). */
    readonly retryable: boolean;

    constructor(message: string, retryable = false) {
        super(message);
        this.name = "RenewalError";
        this.retryable = retryable;
    }
}

/** Invalid or incomplete provider configuration (credentials, endpoint, region). */
export class ConfigurationError extends RenewalError {
    constructor(message: string) {
        super(message, false);
        this.name = "ConfigurationError";
    }
}

/**
 * A coverage goal that cannot be met as asked (a target gone, not a subscription, or the goal
 * beyond every allowed renewal), found when create or update reads before buying. Nothing was bought.
 */
export class CoverageError extends RenewalError {
    /** The input property at fault, e.g. `paidThrough`. */
    readonly property: string;

    constructor(property: string, reason: string) {
        super(`${property}: ${reason}. Nothing was renewed.`, false);
        this.name = "CoverageError";
        this.property = property;
    }
}

/** `pulumi import` was given an id that names no lease this provider can adopt. Nothing was read or bought. */
export class ImportError extends RenewalError {
    /** The id as given. */
    readonly importId: string;

    constructor(importId: string, reason: string) {
        super(`cannot import lease ${JSON.stringify(importId)}: ${reason}`, false);
        this.name = "ImportError";
        this.importId = importId;
    }
}

/** The planned renewal would cost more than the lease's `maxPrice`. Nothing was bought. */
export class PriceLimitError extends RenewalError {
    /** The quoted total, per currency. */
    readonly quoted: ReadonlyMap<string, number>;
    /** The lease's `maxPrice`. */
    readonly maxPrice: number;

    constructor(reason: string, quoted: ReadonlyMap<string, number>, maxPrice: number) {
        super(`maxPrice: ${reason}. Nothing was renewed.`, false);
        this.name = "PriceLimitError";
        this.quoted = quoted;
        this.maxPrice = maxPrice;
    }
}

/** An error response from ECS. */
export class EcsApiError extends RenewalError {
    /** The ECS error code, e.g. `ChargeTypeViolation`. */
    readonly code: string;
    /** The HTTP status of the response. */
    readonly statusCode: number | undefined;
    /** The RequestId of the failed request, for Alibaba Cloud support. */
    readonly requestId: string | undefined;
    /** How the provider treats this code. */
    readonly category: ErrorCategory;
    /** The call that failed. */
    readonly context: CallContext;
    /** For throttling: how long ECS asked to wait (`x-acs-retry-after`, milliseconds), when it said. */
    readonly retryAfterMs?: number;

    constructor(context: CallContext, code: string, statusCode: number | undefined, requestId: string | undefined, serverMessage: string, hint?: string, retryAfterMs?: number) {
        const info = classifyErrorCode(code, statusCode);
        const what = `${context.action} ${listIds(context.ids, 3)} failed with ${statusCode ?? "?"} ${code}`;
        const detail = serverMessage ? `: ${serverMessage}` : "";
        const advice = hint ?? info.hint;
        super(`${what}${detail} (RequestId ${requestId ?? "none"}).${advice ? " " + advice : ""}`, isRetryableCategory(info.category));
        this.name = "EcsApiError";
        this.code = code;
        this.statusCode = statusCode;
        this.requestId = requestId;
        this.category = info.category;
        this.context = context;
        if (retryAfterMs !== undefined) {
            this.retryAfterMs = retryAfterMs;
        }
    }
}

/** The credentials were refused (unknown key, wrong secret, expired token, stale clock). Never retried. */
export class CredentialError extends EcsApiError {
    constructor(context: CallContext, code: string, statusCode: number | undefined, requestId: string | undefined, serverMessage: string) {
        super(context, code, statusCode, requestId, serverMessage);
        this.name = "CredentialError";
    }
}

/** The ClientToken of this renewal was already used with other parameters. */
export class IdempotenceConflictError extends EcsApiError {
    constructor(context: CallContext, code: string, statusCode: number | undefined, requestId: string | undefined, serverMessage: string) {
        super(context, code, statusCode, requestId, serverMessage,
            "This renewal step already went through at ECS with other parameters (for example, an earlier `pulumi up` was interrupted after ECS renewed, " +
            "and the program's period or auto-renew settings changed since). Nothing was charged by this attempt. To recover: either restore the " +
            "previous period/periodUnit/expectedRenewDay/autoRenew values and run `pulumi up` (it completes with no new charge), or run `pulumi refresh` " +
            "to record the renewal that went through and then change `term` to ask for a new renewal deliberately.");
        this.name = "IdempotenceConflictError";
    }
}

/**
 * ECS was still processing an order (LastTokenProcessing and the like) after the provider
 * waited its whole `orderWaitSeconds`. The order may still complete; nothing was charged twice.
 */
export class OrderStillProcessingError extends EcsApiError {
    /** How long the provider waited, in milliseconds. */
    readonly waitedMs: number;

    constructor(last: EcsApiError, waitedMs: number) {
        super(last.context, last.code, last.statusCode, last.requestId, "",
            `ECS was still processing the order after ${Math.round(waitedMs / 1000)} s of waiting (alicloud-renewal:orderWaitSeconds). ` +
            "The order may still complete. Running `pulumi up` again is safe: it re-sends the same ClientToken, so ECS answers with that order " +
            "instead of charging again; wait a few minutes first, or raise alicloud-renewal:orderWaitSeconds.");
        this.name = "OrderStillProcessingError";
        this.waitedMs = waitedMs;
    }
}

/** The request got no usable answer (timeout, connection reset, malformed response). Retried. */
export class TransportError extends RenewalError {
    /** The call that failed. */
    readonly context: CallContext;
    /** The underlying error code or name, e.g. `ECONNRESET`, `RequestTimeoutError`. */
    readonly failure: string;

    constructor(context: CallContext, cause: string, detail: string) {
        super(`${context.action} ${listIds(context.ids, 3)} got no answer (${cause}: ${detail}). ` +
            "ECS may or may not have applied it; retrying with the same ClientToken is safe and cannot renew twice.", true);
        this.name = "TransportError";
        this.context = context;
        this.failure = cause;
    }
}

/** Some calls of a multi-call renewal failed; the others went through and are recorded. */
export class PartialRenewalError extends RenewalError {
    /** The errors of the failed calls. */
    readonly failures: readonly RenewalError[];

    constructor(action: RenewAction, succeeded: number, failures: readonly RenewalError[]) {
        const total = succeeded + failures.length;
        const headline = succeeded === 0
            ? `all ${total} ${action} calls failed; nothing was renewed. Fix the cause and run \`pulumi up\` again.`
            : `${failures.length} of ${total} ${action} calls failed; the ${succeeded} that succeeded are recorded in the state. ` +
              "Fix the cause and run `pulumi up` again: only the failed targets will be renewed, with the same ClientTokens.";
        super(`${headline}\n${failures.map((f) => `  - ${f.message}`).join("\n")}`, false);
        this.name = "PartialRenewalError";
        this.failures = failures;
    }
}

const TRANSPORT_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNREFUSED", "ETIMEDOUT", "ECONNABORTED", "EAI_AGAIN", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_SOCKET"]);
const CREDENTIAL_CODES_BY_CATEGORY: ErrorCategory = "credentials";

interface SdkErrorShape {
    name?: unknown;
    code?: unknown;
    statusCode?: unknown;
    requestId?: unknown;
    message?: unknown;
    data?: unknown;
    retryAfter?: unknown;
}

function serverMessageOf(err: SdkErrorShape): string {
    const data = err.data as { Message?: unknown } | undefined;
    if (data && typeof data.Message === "string") {
        return data.Message;
    }
    return typeof err.message === "string" ? err.message : String(err);
}

/**
 * Turns whatever the SDK threw into a typed error of this family.
 *
 * @param err - The thrown value.
 * @param context - The call that failed.
 */
export function toRenewalError(err: unknown, context: CallContext): RenewalError {
    if (err instanceof RenewalError) {
        return err;
    }
    const e = (typeof err === "object" && err !== null ? err : { message: String(err) }) as SdkErrorShape;
    const name = typeof e.name === "string" ? e.name : "";
    const code = typeof e.code === "string" ? e.code : "";
    const statusCode = typeof e.statusCode === "number" ? e.statusCode : undefined;
    const requestId = typeof e.requestId === "string" ? e.requestId : undefined;
    const message = typeof e.message === "string" ? e.message : String(err);

    if (name === "RequestTimeoutError" || /timeout/i.test(message) && !statusCode) {
        return new TransportError(context, name || "timeout", message);
    }
    if (TRANSPORT_CODES.has(code) || /socket hang up/i.test(message)) {
        return new TransportError(context, code || "socket hang up", message);
    }
    if (name === "SyntaxError") {
        return new TransportError(context, "malformed response", message);
    }
    if (code && (statusCode !== undefined || ["ClientError", "ServerError", "ThrottlingError"].includes(name))) {
        const category = classifyErrorCode(code, statusCode).category;
        const serverMessage = serverMessageOf(e);
        if (category === CREDENTIAL_CODES_BY_CATEGORY) {
            return new CredentialError(context, code, statusCode, requestId, serverMessage);
        }
        if (category === "idempotence") {
            return new IdempotenceConflictError(context, code, statusCode, requestId, serverMessage);
        }
        const retryAfterMs = typeof e.retryAfter === "number" && Number.isFinite(e.retryAfter) && e.retryAfter >= 0 ? e.retryAfter : undefined;
        return new EcsApiError(context, code, statusCode, requestId, serverMessage, undefined, retryAfterMs);
    }
    if (/credential|AccessKey/i.test(message)) {
        return new ConfigurationError(`${context.action}: no usable Alibaba Cloud credentials: ${message}. ` +
            "Set alicloud:accessKey and alicloud:secretKey (secret) in the stack config, or ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY, " +
            "or ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, or a profile (alicloud:profile).");
    }
    return new RenewalError(`${context.action} ${listIds(context.ids, 3)} failed: ${message}`, false);
}
