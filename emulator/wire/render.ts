/**
 * Serialization of ECS answers in the shapes the SDK parses (`ecs-wire.md` §3): a JSON success body
 * with `RequestId`, or the POP gateway's error body `{ RequestId, HostId, Code, Message, Recommend }`,
 * both with `Content-Type: application/json`. Every answer gets a fresh upper-case UUID RequestId,
 * also sent as the `x-acs-request-id` header.
 *
 * @module
 */

import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { EcsError } from "../model/errors";
import type { JsonObject } from "../model/types";

/** `HostId` of error bodies. */
export const HOST_ID = "ecs.aliyuncs.com";

/** A fresh RequestId: an upper-case UUID. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** The error body of the POP gateway. */
export function errorBody(err: EcsError, requestId: string): JsonObject {
  return {
    RequestId: requestId,
    HostId: HOST_ID,
    Code: err.code,
    Message: err.message,
    Recommend: err.recommend ?? `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=Ecs&requestId=${requestId}`,
  };
}

/**
 * Writes a JSON answer.
 * @param extraHeaders e.g. `x-acs-retry-after`.
 */
export function sendJson(res: ServerResponse, status: number, body: JsonObject, requestId: string, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json;charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "x-acs-request-id": requestId,
    ...extraHeaders,
  });
  res.end(text);
}

/** Writes a success body, adding its RequestId first. */
export function sendSuccess(res: ServerResponse, body: JsonObject, requestId: string): void {
  sendJson(res, 200, { RequestId: requestId, ...body }, requestId);
}

/** Writes an error body. */
export function sendError(res: ServerResponse, err: EcsError, requestId: string, extraHeaders: Record<string, string> = {}): void {
  sendJson(res, err.status, errorBody(err, requestId), requestId, extraHeaders);
}
