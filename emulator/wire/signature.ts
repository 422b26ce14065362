/**
 * The two request-signing algorithms of Alibaba Cloud RPC APIs, as pure functions (server side).
 * Recipes: `docs/ecs-wire.md` §1.5 (ACS3) and §1.6 (RPC v2), checked against
 * `@alicloud/openapi-core` `utils.ts` (`getAuthorization`, `getRPCSignature`).
 *
 * ACS3-HMAC-SHA256:
 * ```
 * CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
 * StringToSign     = "ACS3-HMAC-SHA256" \n hex(sha256(CanonicalRequest))
 * Signature        = hex(hmac-sha256(secret, StringToSign))
 * ```
 * RPC v2 (HMAC-SHA1):
 * ```
 * StringToSign = METHOD & enc("/") & enc(sorted "enc(k)=enc(v)" joined by "&")
 * Signature    = base64(hmac-sha1(secret + "&", StringToSign))
 * ```
 *
 * @module
 */

import { createHash, createHmac, getHashes, timingSafeEqual } from "node:crypto";

/** ACS3 algorithms accepted (SM3 only when Node's OpenSSL provides it). */
export const ACS3_ALGORITHMS: readonly string[] = getHashes().includes("sm3") ? ["ACS3-HMAC-SHA256", "ACS3-HMAC-SM3"] : ["ACS3-HMAC-SHA256"];

/** Percent-encoding of Alibaba Cloud signatures: RFC 3986, also encoding `!'()*`. */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/!/g, "%21").replace(/'/g, "%27").replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/\*/g, "%2A");
}

/** Digest name behind an ACS3 algorithm. */
function digestOf(algorithm: string): "sha256" | "sm3" {
  return algorithm === "ACS3-HMAC-SM3" ? "sm3" : "sha256";
}

/** Lower-case hex hash of a payload for an ACS3 algorithm (`x-acs-content-sha256`). */
export function hashPayload(algorithm: string, payload: Buffer): string {
  return createHash(digestOf(algorithm)).update(payload).digest("hex");
}

/** Parts of an ACS3 Authorization header. */
export interface Acs3Authorization {
  readonly algorithm: string;
  readonly accessKeyId: string;
  /** Signed header names, as listed. */
  readonly signedHeaders: readonly string[];
  /** Lower-case hex signature. */
  readonly signature: string;
}

/**
 * Parses `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`.
 * @returns the parts, or `undefined` when malformed.
 */
export function parseAcs3Authorization(value: string): Acs3Authorization | undefined {
  const m = /^(\S+)\s+(.+)$/.exec(value.trim());
  if (!m) return undefined;
  const fields: Record<string, string> = {};
  for (const part of m[2].split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) return undefined;
    fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  const { Credential: accessKeyId, SignedHeaders: signed, Signature: signature } = fields;
  if (!accessKeyId || !signed || !signature || !/^[0-9a-fA-F]+$/.test(signature)) return undefined;
  return { algorithm: m[1], accessKeyId, signedHeaders: signed.split(";").map((h) => h.trim().toLowerCase()), signature: signature.toLowerCase() };
}

/** Inputs of an ACS3 canonical request. */
export interface Acs3CanonicalInput {
  readonly method: string;
  /** Undecoded request path, e.g. `/`. */
  readonly rawPath: string;
  /** Decoded query parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** Signed header names in the order the client listed them. */
  readonly signedHeaders: readonly string[];
  /** Value of a header by lower-case name. */
  readonly headerValue: (name: string) => string;
  /** {@link hashPayload} of the body. */
  readonly hashedPayload: string;
}

/** Builds the ACS3 CanonicalRequest. */
export function acs3CanonicalRequest(input: Acs3CanonicalInput): string {
  const uri = input.rawPath.replace(/\+/g, "%20").replace(/\*/g, "%2A").replace(/%7E/g, "~");
  const query = Object.keys(input.query)
    .sort()
    .map((k) => `${k}=${percentEncode(input.query[k])}`)
    .join("&");
  const headers = input.signedHeaders.map((h) => `${h}:${input.headerValue(h).trim()}\n`).join("");
  return [input.method, uri, query, headers, input.signedHeaders.join(";"), input.hashedPayload].join("\n");
}

/** ACS3 StringToSign of a canonical request. */
export function acs3StringToSign(algorithm: string, canonicalRequest: string): string {
  return `${algorithm}\n${createHash(digestOf(algorithm)).update(canonicalRequest, "utf8").digest("hex")}`;
}

/** ACS3 signature (lower-case hex). */
export function acs3Signature(algorithm: string, secret: string, stringToSign: string): string {
  return createHmac(digestOf(algorithm), secret).update(stringToSign, "utf8").digest("hex");
}

/** RPC v2 StringToSign over every parameter except `Signature`. */
export function rpcStringToSign(method: string, params: Readonly<Record<string, string>>): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join("&");
  return `${method}&${percentEncode("/")}&${percentEncode(canonical)}`;
}

/** RPC v2 signature (base64 HMAC-SHA1 keyed with `secret + "&"`). */
export function rpcSignature(secret: string, stringToSign: string): string {
  return createHmac("sha1", `${secret}&`).update(stringToSign, "utf8").digest("base64");
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
