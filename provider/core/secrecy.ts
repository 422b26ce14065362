/**
 * Keeping secret inputs secret. The dynamic provider host tells the engine it does not
 * accept secrets, so the engine sends every input in plain text and marks secret only
 * the outputs whose names match a secret input (see docs/pulumi-dynamic-providers.md).
 * The lease's derived outputs (`targets` keyed by id, `renewalPlan`, `lastRenewalCalls`, …)
 * and its diagnostics would then show secret ids in clear. The `RenewalLease` class records
 * which arguments the program marked secret (`secretInputs`); with that, the provider
 * returns those outputs wrapped as secrets (the engine reads provider answers keeping
 * secrets) and redacts the values from every line it prints or throws.
 */
import { LeaseInputs } from "./types";

/** The property that marks a serialized secret (Pulumi's wire format), and its value. */
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

/** A value in the shape Pulumi serializes a secret. */
export interface SerializedSecret {
    readonly [SECRET_SIGNATURE_KEY]: typeof SECRET_SIGNATURE;
    /** The secret value. */
    readonly value: unknown;
}

/** What replaces a secret value in text. */
export const REDACTED = "[secret]";

/** How one lease's secrets are kept. */
export interface Secrecy {
    /** True when any argument of the lease is secret. */
    readonly active: boolean;
    /** `value` as a serialized secret when the lease has secrets; as is otherwise. */
    wrap<T>(value: T): T | SerializedSecret;
    /** `text` with every secret value of the lease replaced by {@link REDACTED}. */
    redact(text: string): string;
}

/** True when `value` is a serialized secret. */
export function isSerializedSecret(value: unknown): value is SerializedSecret {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE;
}

/** `value` as a serialized secret. */
export function asSecret(value: unknown): SerializedSecret {
    return { [SECRET_SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** Nothing is secret. */
export const NO_SECRETS: Secrecy = { active: false, wrap: (value) => value, redact: (text) => text };

/**
 * The secrecy of a lease, from its `secretInputs` and the values of those inputs.
 *
 * A secret string (an id, a term label, a date) is replaced wherever it appears in a text.
 * A secret number cannot be found reliably in a text, so any text is then withheld whole.
 */
export function secrecyOf(raw: Partial<Record<keyof LeaseInputs, unknown>> & { secretInputs?: unknown }): Secrecy {
    const names = Array.isArray(raw.secretInputs) ? raw.secretInputs.filter((n): n is string => typeof n === "string") : [];
    if (names.length === 0) {
        return NO_SECRETS;
    }
    const strings = new Set<string>();
    let opaque = false;
    const collect = (value: unknown): void => {
        if (typeof value === "string" && value !== "") {
            strings.add(value);
        } else if (Array.isArray(value)) {
            value.forEach(collect);
        } else if (value !== undefined && value !== null) {
            opaque = true;
        }
    };
    names.forEach((name) => collect((raw as Record<string, unknown>)[name]));
    // Longest first, so that an id that contains another is replaced whole.
    const ordered = [...strings].sort((a, b) => b.length - a.length);
    return {
        active: true,
        wrap: (value) => (value === undefined || isSerializedSecret(value) ? value : asSecret(value)),
        redact: (text) => {
            if (opaque) {
                return `(details withheld: ${names.join(", ")} ${names.length === 1 ? "is" : "are"} secret)`;
            }
            return ordered.reduce((t, s) => t.split(s).join(REDACTED), text);
        },
    };
}
