/**
 * Reading an RPC request off the socket: body bytes, decoded query string and form body.
 *
 * The SDK puts every ECS parameter in the query string (encoded with Node's `querystring`) and sends
 * an empty body; a form-encoded body (`application/x-www-form-urlencoded`) is accepted too, as the
 * real gateway does, and merged under the query parameters.
 *
 * @module
 */

import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { EcsError, InvalidParameterError } from "../model/errors";

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A parsed request. */
export interface WireRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Path part of the request target, undecoded (e.g. `/`). */
  readonly rawPath: string;
  /** Decoded query parameters (first occurrence of a name wins), in wire order. */
  readonly query: Readonly<Record<string, string>>;
  /** Decoded form-body parameters. */
  readonly form: Readonly<Record<string, string>>;
  /** Query and form parameters together (query wins). */
  readonly params: Readonly<Record<string, string>>;
  /** Lower-cased headers as Node parsed them. */
  readonly headers: IncomingHttpHeaders;
  /** Raw body bytes. */
  readonly body: Buffer;
}

/**
 * Reads the whole body.
 * @throws EcsError 400 when the body exceeds {@link MAX_BODY_BYTES}.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new EcsError(400, "InvalidParameter", "The request body is too large."));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * Decodes `a=1&b=x%20y` (a `+` is a space, as in HTML forms).
 * @throws InvalidParameterError on malformed percent-encoding.
 */
export function parseUrlEncoded(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (text === "") return out;
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? "" : part.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, " "));
      value = decodeURIComponent(rawValue.replace(/\+/g, " "));
    } catch {
      throw new InvalidParameterError(rawKey, "It is not valid percent-encoding.");
    }
    if (!(key in out)) {
      out[key] = value;
    }
  }
  return out;
}

/** Builds a {@link WireRequest} from Node's request and its body. */
export function parseWireRequest(req: IncomingMessage, body: Buffer): WireRequest {
  const target = req.url ?? "/";
  const q = target.indexOf("?");
  const rawPath = q < 0 ? target : target.slice(0, q);
  const query = parseUrlEncoded(q < 0 ? "" : target.slice(q + 1));
  const contentType = String(req.headers["content-type"] ?? "").toLowerCase();
  const form = contentType.startsWith("application/x-www-form-urlencoded") ? parseUrlEncoded(body.toString("utf8")) : {};
  return {
    method: (req.method ?? "GET").toUpperCase(),
    rawPath,
    query,
    form,
    params: { ...form, ...query },
    headers: req.headers,
    body,
  };
}

/** A single header value (first one when repeated), or undefined. */
export function header(req: WireRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
