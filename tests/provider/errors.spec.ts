import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ERROR_CODES } from "../../provider/core/error-catalog";
import { CredentialError, EcsApiError, IdempotenceConflictError, RenewalError, toRenewalError, TransportError } from "../../provider/core/errors";
import { backoffDelay, withRetry } from "../../provider/ecs/retry";

const CONTEXT = { action: "RenewInstance", ids: ["i-abc"], clientToken: "rl1-x" };

/** Every (status, code) row of the two reference pages' error tables. */
function seedErrorRows(): { status: number; code: string }[] {
    const dir = path.join(__dirname, "..", "..", "docs", "reference");
    const rows: { status: number; code: string }[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".txt"))) {
        for (const line of fs.readFileSync(path.join(dir, file), "utf8").split("\n")) {
            const m = /^(\d{3}) ([A-Za-z][\w.]*) /.exec(line);
            if (m) {
                rows.push({ status: Number(m[1]), code: m[2] });
            }
        }
    }
    return rows;
}

function sdkError(name: string, code: string, statusCode: number, message = "server says no"): Error {
    return Object.assign(new Error(`${code}: code: ${statusCode}, ${message} request id: REQ-1`), { name, code, statusCode, requestId: "REQ-1", data: { Code: code, Message: message } });
}

describe("error mapping", () => {
    const rows = seedErrorRows();

    it("reads the error tables of both reference pages", () => {
        assert.ok(rows.length >= 55, `only ${rows.length} rows`);
    });

    for (const { status, code } of rows) {
        it(`maps ${status} ${code} to a message with the code, status, RequestId and a hint`, () => {
            const info = ERROR_CODES[code];
            assert.ok(info, `${code} is not in the catalog`);
            const err = toRenewalError(sdkError(status >= 500 ? "ServerError" : "ClientError", code, status), CONTEXT);
            assert.ok(err instanceof EcsApiError);
            assert.equal(err.code, code);
            assert.equal(err.statusCode, status);
            assert.equal(err.requestId, "REQ-1");
            assert.match(err.message, new RegExp(`RenewInstance i-abc failed with ${status} ${code.replace(/\./g, "\\.")}`));
            assert.match(err.message, /RequestId REQ-1/);
            const hint = err.message.slice(err.message.indexOf("(RequestId REQ-1). ") + "(RequestId REQ-1). ".length);
            assert.match(hint, /^[A-Z].+\.$/, `no hint after the RequestId: ${err.message}`);
            // The catalog's hint for the code; IdempotenceParamNotMatch has none there, its error class gives the recovery steps.
            assert.equal(hint, info.hint || hint.match(/^This renewal step already went through.*To recover: .*\.$/)?.[0]);
        });
    }

    const retryable = ["InternalError", "ServiceUnavailable", "LastTokenProcessing", "LastOrderProcessing", "Idempotence.Processing", "Throttling", "Throttling.User", "Throttling.Api", "InvalidStatus.Upgrading"];
    for (const code of retryable) {
        it(`retries ${code}`, () => {
            assert.equal(toRenewalError(sdkError(code.includes("Throttling") ? "ThrottlingError" : "ClientError", code, 400), CONTEXT).retryable, true);
        });
    }

    for (const code of ["ChargeTypeViolation", "InvalidInstanceId.NotFound", "InvalidPeriod", "Account.Arrearage", "IdempotenceParamNotMatch", "SignatureDoesNotMatch"]) {
        it(`fails at once on ${code}`, () => {
            assert.equal(toRenewalError(sdkError("ClientError", code, 400), CONTEXT).retryable, false);
        });
    }

    it("reports signature and key problems as credential errors, not retryable faults", () => {
        for (const [code, status] of [["SignatureDoesNotMatch", 400], ["InvalidAccessKeyId.NotFound", 404], ["SignatureNonceUsed", 400], ["InvalidTimeStamp.Expired", 400]] as const) {
            const err = toRenewalError(sdkError("ClientError", code, status), CONTEXT);
            assert.ok(err instanceof CredentialError, code);
            assert.equal(err.retryable, false);
        }
    });

    it("explains IdempotenceParamNotMatch and how to recover", () => {
        const err = toRenewalError(sdkError("ClientError", "IdempotenceParamNotMatch", 400), CONTEXT);
        assert.ok(err instanceof IdempotenceConflictError);
        assert.match(err.message, /already went through/);
        assert.match(err.message, /restore the previous period/);
        assert.match(err.message, /pulumi refresh/);
    });

    it("treats timeouts and connection resets as retryable transport errors", () => {
        const timeout = toRenewalError(Object.assign(new Error("ReadTimeout(500)"), { name: "RequestTimeoutError" }), CONTEXT);
        const reset = toRenewalError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), CONTEXT);
        for (const err of [timeout, reset]) {
            assert.ok(err instanceof TransportError);
            assert.equal(err.retryable, true);
            assert.match(err.message, /same ClientToken is safe/);
        }
    });

    it("treats an unknown 5xx code as transient and an unknown 4xx code as final", () => {
        assert.equal(toRenewalError(sdkError("ServerError", "Something.New", 502), CONTEXT).retryable, true);
        assert.equal(toRenewalError(sdkError("ClientError", "Something.New", 400), CONTEXT).retryable, false);
    });
});

describe("retry loop", () => {
    const noSleep = { sleep: async (): Promise<void> => undefined, random: (): number => 0.5 };

    it("retries a retryable error and returns the first success", async () => {
        let calls = 0;
        const result = await withRetry(async () => {
            calls++;
            if (calls < 3) {
                throw new RenewalError("flaky", true);
            }
            return "ok";
        }, { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 100 }, noSleep);
        assert.equal(result, "ok");
        assert.equal(calls, 3);
    });

    it("stops at once on a final error", async () => {
        let calls = 0;
        await assert.rejects(withRetry(async () => {
            calls++;
            throw new RenewalError("final", false);
        }, { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 100 }, noSleep), /final/);
        assert.equal(calls, 1);
    });

    it("gives up after maxAttempts and reports each attempt with the number left", async () => {
        const seen: [number, number][] = [];
        await assert.rejects(withRetry(async () => {
            throw new RenewalError("down", true);
        }, { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 }, noSleep, (f) => seen.push([f.attempt, f.remaining])), /down/);
        assert.deepEqual(seen, [[1, 2], [2, 1], [3, 0]]);
    });

    it("waits a full-jitter delay that grows exponentially up to the cap", () => {
        const policy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };
        assert.equal(backoffDelay(policy, 1, () => 0.999), 99);
        assert.equal(backoffDelay(policy, 3, () => 0.999), 399);
        assert.equal(backoffDelay(policy, 8, () => 0.999), 999);
        assert.equal(backoffDelay(policy, 8, () => 0), 0);
    });
});
