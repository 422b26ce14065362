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

/** 400 for a body over {@link MAX_BODY_BYTES}. */
export class BodyTooLargeError extends EcsError {
  /** @param limit the largest accepted body, in bytes. */
  constructor(limit: number) {
    super(400, "InvalidParameter", `The request body is too large; at most ${limit} bytes are accepted.`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * Reads the whole body. A body over the limit is read to its end and thrown away (not kept), so that
 * the client, still sending, gets the 400 answer instead of a reset connection.
 * @throws BodyTooLargeError when the body exceeds `limit` bytes.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on("end", () => (size > limit ? reject(new BodyTooLargeError(limit)) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes bytes that must be UTF-8.
 * @throws EcsError 400 `InvalidParameter` naming `what` when they are not.
 */
function utf8(bytes: Buffer, what: string): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new EcsError(400, "InvalidParameter", `The ${what} is not valid UTF-8.`);
  }
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
      throw new InvalidParameterError(rawKey, "It is not valid percent-encoding of UTF-8.");
    }
    if (!(key in out)) {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Builds a {@link WireRequest} from Node's request and its body.
 * @throws EcsError 400 `InvalidParameter` when the request target or a form body is not UTF-8 or not
 * valid percent-encoding.
 */
export function parseWireRequest(req: IncomingMessage, body: Buffer): WireRequest {
  // Node hands the request target over as latin1; raw bytes above 0x7F must form UTF-8.
  const target = utf8(Buffer.from(req.url ?? "/", "latin1"), "request target");
  const q = target.indexOf("?");
  const rawPath = q < 0 ? target : target.slice(0, q);
  const query = parseUrlEncoded(q < 0 ? "" : target.slice(q + 1));
  const contentType = String(req.headers["content-type"] ?? "").toLowerCase();
  const form = contentType.startsWith("application/x-www-form-urlencoded") ? parseUrlEncoded(utf8(body, "form body")) : {};
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

/**
 * The host a client called, from its `Host` header without the port (`127.0.0.1`, `localhost`,
 * `[::1]`), or undefined when the header is absent or not a plain host name or address.
 */
export function calledHost(headers: IncomingHttpHeaders): string | undefined {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]{1,253})(?::\d{1,5})?$/.exec(headers.host ?? "");
  return m ? m[1] : undefined;
}

/** A single header value (first one when repeated), or undefined. */
export function header(req: WireRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
