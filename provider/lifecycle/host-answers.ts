/**
 * How the lifecycle's answers leave it for any host: plain JSON (a host converts them with
 * `Struct.fromJavaScript`, which throws on `undefined`), with the lease's secrets wrapped or
 * redacted (see `core/secrecy.ts`), and failures shaped so the engine prints them well.
 */
import { Secrecy } from "../core/secrecy";
import { SECRET_WITH_LEASE } from "../core/properties";
import { selectorOf } from "../core/selectors";
import { idProperty } from "../core/target-health";
import { LeaseOutputs } from "../core/types";
import { ValidationFailure } from "../core/validation";

/**
 * An error that makes the engine record partial state (see the dynamic provider host's
 * `grpcResponseFromError`). Its properties must be plain JSON: the host converts them with
 * `Struct.fromJavaScript`, which throws on `undefined`, and a throw there never answers the
 * engine, so the CLI would hang.
 */
export interface PartialStateError extends Error {
    id: string;
    properties: LeaseOutputs;
    reasons: string[];
}

/**
 * The outputs as the host must send them: plain JSON (no `undefined`), with the derived
 * outputs and the secret arguments wrapped as secrets when the lease has any. The wrapped
 * values keep the `LeaseOutputs` names; the engine reads each wrapper as a secret of its value.
 */
export function toWire(outs: LeaseOutputs, secrecy: Secrecy): LeaseOutputs {
    const wire: Record<string, unknown> = { ...outs };
    if (secrecy.active) {
        // A selector lease's ids are derived from its selector, like the outputs derived from targets.
        const selectedIds = selectorOf(outs) ? [idProperty(outs)] : [];
        for (const key of [...SECRET_WITH_LEASE, ...(outs.secretInputs ?? []), ...selectedIds]) {
            if (wire[key] !== undefined) {
                wire[key] = secrecy.wrap(wire[key]);
            }
        }
    }
    return JSON.parse(JSON.stringify(wire)) as LeaseOutputs;
}

/** A check failure as the host reports it: element paths (`instanceIds[2]`) go in the reason, so the engine prints no `value {<nil>}`. */
export function hostFailure(failure: ValidationFailure, raw: Record<string, unknown>, secrecy: Secrecy): ValidationFailure {
    const topLevel = Object.prototype.hasOwnProperty.call(raw, failure.property) && !(secrecy.active && (raw.secretInputs as string[]).includes(failure.property));
    return topLevel
        ? { property: failure.property, reason: secrecy.redact(failure.reason) }
        : { property: "", reason: secrecy.redact(`${failure.property}: ${failure.reason}`) };
}

/** Runs `work`; an error leaves it with the lease's secret values redacted. */
export async function redacting<T>(secrecy: Secrecy, work: () => Promise<T>): Promise<T> {
    try {
        return await work();
    } catch (err) {
        throw redactError(err, secrecy);
    }
}

/**
 * An error as it may leave the provider: secret values redacted from its message and
 * reasons. A non-Error thrown value becomes an Error the host can report.
 */
function redactError(err: unknown, secrecy: Secrecy): Error {
    const error = err instanceof Error ? err : new Error(String(err));
    if (secrecy.active) {
        error.message = secrecy.redact(error.message);
        error.stack = error.stack === undefined ? undefined : secrecy.redact(error.stack);
        const partial = error as Partial<PartialStateError>;
        if (Array.isArray(partial.reasons)) {
            partial.reasons = partial.reasons.map((r) => secrecy.redact(String(r)));
        }
    }
    return error;
}
