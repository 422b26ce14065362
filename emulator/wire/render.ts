/**
 * Serialization of ECS answers in the shapes the SDK parses (`docs/ecs-wire.md` §3): a JSON success body
 * with `RequestId`, or the POP gateway's error body `{ RequestId, HostId, Code, Message, Recommend }`,
 * both with `Content-Type: application/json`. Every answer gets a fresh upper-case UUID RequestId,
 * also sent as the `x-acs-request-id` header, and an HTTP `Date` header with the service's own time:
 * the model clock when the answer is written (so a test that moves the clock moves `Date` too), not
 * the host's wall clock that Node would send by default.
 *
 * @module
 */

import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { ModelClock } from "../model/clock";
import type { EcsError } from "../model/errors";
import type { JsonObject } from "../model/types";

/** `HostId` of error bodies when the client's `Host` header names no usable host. */
export const HOST_ID = "ecs.aliyuncs.com";

/** What every answer to one request carries besides its body. */
export interface AnswerContext {
  /** The request's RequestId, in the body and the `x-acs-request-id` header. */
  readonly requestId: string;
  /** The model clock, read when the answer is written (a delay fault may hold it back). */
  readonly clock: Pick<ModelClock, "now">;
  /** `HostId` of error bodies: the host the client called (default {@link HOST_ID}). */
  readonly hostId?: string;
}

/** An HTTP `Date` header value (RFC 7231 IMF-fixdate, e.g. `Sat, 10 Jan 2026 08:00:00 GMT`). */
export function httpDate(instant: Date): string {
  return instant.toUTCString();
}

/** A fresh RequestId: an upper-case UUID. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** The error body of the POP gateway; `HostId` is the host the client called. */
export function errorBody(err: EcsError, requestId: string, hostId: string = HOST_ID): JsonObject {
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: err.code,
    Message: err.message,
    Recommend: err.recommend ?? `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=Ecs&requestId=${requestId}`,
  };
}

/**
 * Writes a JSON answer with the `x-acs-request-id` and `Date` headers of {@link AnswerContext}.
 * @param extraHeaders e.g. `x-acs-retry-after`.
 */
export function sendJson(res: ServerResponse, status: number, body: JsonObject, answer: AnswerContext, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json;charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    Date: httpDate(answer.clock.now()),
    "x-acs-request-id": answer.requestId,
    ...extraHeaders,
  });
  res.end(text);
}

/** Writes a success body, adding its RequestId first. */
export function sendSuccess(res: ServerResponse, body: JsonObject, answer: AnswerContext): void {
  sendJson(res, 200, { RequestId: answer.requestId, ...body }, answer);
}

/** Writes an error body. */
export function sendError(res: ServerResponse, err: EcsError, answer: AnswerContext, extraHeaders: Record<string, string> = {}): void {
  sendJson(res, err.status, errorBody(err, answer.requestId, answer.hostId), answer, extraHeaders);
}

/**
 * A complete HTTP/1.1 error answer as bytes, for a connection whose request Node could not parse (so
 * there is no response object): the JSON error body, and `Connection: close`.
 */
export function rawErrorAnswer(err: EcsError, answer: AnswerContext): string {
  const text = JSON.stringify(errorBody(err, answer.requestId, answer.hostId));
  return [
    `HTTP/1.1 ${err.status} ${err.status === 408 ? "Request Timeout" : "Bad Request"}`,
    "Content-Type: application/json;charset=utf-8",
    `Content-Length: ${Buffer.byteLength(text)}`,
    `Date: ${httpDate(answer.clock.now())}`,
    `x-acs-request-id: ${answer.requestId}`,
    "Connection: close",
    "",
    text,
  ].join("\r\n");
}
