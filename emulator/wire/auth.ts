/**
 * Request authentication, as the POP gateway does it, for both signature kinds Alibaba Cloud clients
 * produce. The order is the service's: first the key (an unknown one is 404
 * `InvalidAccessKeyId.NotFound` whatever else is wrong), then the signature, and only then (in the
 * endpoint) the Action and its parameters.
 *
 * ACS3 (an `Authorization` header): the header must parse (else 400 `IncompleteSignature`, there is no
 * key to look up); the key must exist (404 `InvalidAccessKeyId.NotFound`); the algorithm must be
 * ACS3-HMAC-SHA256 (or SM3); `host`, `x-acs-action`, `x-acs-version`, `x-acs-date`,
 * `x-acs-signature-nonce` and `x-acs-content-sha256` must be signed and present, and every `x-acs-*`
 * header sent must be signed (else 400 `IncompleteSignature`); an STS key needs its token in
 * `x-acs-security-token` (400 `MissingSecurityToken` / `InvalidSecurityToken.MismatchWithAccessKey`);
 * `x-acs-date` must be `yyyy-MM-ddTHH:mm:ssZ` (400 `InvalidTimeStamp.Format`) within 15 minutes of the
 * wall clock (400 `InvalidTimeStamp.Expired`); `x-acs-content-sha256` must hash the body and the
 * signature must match (400 `SignatureDoesNotMatch`); the nonce must be new (400 `SignatureNonceUsed`).
 *
 * RPC (a `Signature` parameter; the "v2" signature of the current SDKs and the only one of the classic
 * SDKs and the `aliyun` CLI): `AccessKeyId` is required (400 `MissingParameter`) and must exist (404);
 * then `SignatureMethod` (`HMAC-SHA1`), `SignatureVersion` (`1.0`), `SignatureNonce` and `Timestamp`
 * are required (400 `MissingParameter`, or `IncompleteSignature` for unsupported values);
 * `SignatureType` may be absent or empty (the classic SDK always sends `SignatureType=`), any other
 * value (`BEARERTOKEN`) is 400 `IncompleteSignature`; then the same STS, timestamp, signature and nonce
 * checks. Parameters count wherever they were sent (query string or form body).
 *
 * A request with neither → 400 `IncompleteSignature`. Nonces are recorded only for requests whose
 * signature verified.
 *
 * @module
 */

import { MissingParameterError } from "../model/errors";
import type { AccessKey } from "../model/types";
import {
  AccessKeyNotFoundError,
  ContentHashMismatchError,
  IncompleteSignatureError,
  MissingSecurityTokenError,
  SecurityTokenMismatchError,
  SignatureDoesNotMatchError,
  SignatureNonceUsedError,
  TimestampExpiredError,
  TimestampFormatError,
} from "./errors";
import type { NonceCache } from "./nonces";
import { header, type WireRequest } from "./request";
import {
  ACS3_ALGORITHMS,
  acs3CanonicalRequest,
  acs3Signature,
  acs3StringToSign,
  hashPayload,
  parseAcs3Authorization,
  rpcSignature,
  rpcStringToSign,
  safeEqual,
} from "./signature";

/** Largest accepted difference between a request's timestamp and the wall clock, in ms. */
export const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;

/** Headers an ACS3 request must sign. */
export const REQUIRED_SIGNED_HEADERS: readonly string[] = ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];

/** Signature kinds. */
export type SignatureScheme = "ACS3" | "RPC";

/** An authenticated request. */
export interface Authenticated {
  readonly scheme: SignatureScheme;
  readonly accessKeyId: string;
}

/** What authentication needs from its surroundings. */
export interface AuthDependencies {
  /** Looks up an accepted AccessKey. */
  findKey(id: string): AccessKey | undefined;
  /** Nonces seen recently. */
  readonly nonces: NonceCache;
  /** Wall clock in ms. */
  wall(): number;
}

/**
 * Which Action a request names, before authentication: `x-acs-action` for ACS3, the `Action`
 * parameter otherwise (either as a fallback).
 */
export function requestedAction(req: WireRequest): string | undefined {
  const fromHeader = header(req, "x-acs-action");
  const fromParam = req.params["Action"];
  return req.params["Signature"] !== undefined ? fromParam ?? fromHeader : fromHeader ?? fromParam;
}

/** Which API version a request names (`x-acs-version` for ACS3, `Version` for RPC). */
export function requestedVersion(req: WireRequest): string | undefined {
  const fromHeader = header(req, "x-acs-version");
  const fromParam = req.params["Version"];
  return req.params["Signature"] !== undefined ? fromParam ?? fromHeader : fromHeader ?? fromParam;
}

/** Checks a `yyyy-MM-ddTHH:mm:ssZ` timestamp against the wall clock. */
function checkTimestamp(value: string, wall: number): void {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) {
    throw new TimestampFormatError();
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) {
    throw new TimestampFormatError();
  }
  if (Math.abs(wall - t) > TIMESTAMP_WINDOW_MS) {
    throw new TimestampExpiredError();
  }
}

/** Checks the STS token a request carries against the key's. */
function checkSecurityToken(key: AccessKey, sent: string | undefined): void {
  if (key.securityToken !== undefined) {
    if (sent === undefined || sent === "") throw new MissingSecurityTokenError();
    if (!safeEqual(sent, key.securityToken)) throw new SecurityTokenMismatchError();
  } else if (sent !== undefined && sent !== "") {
    throw new SecurityTokenMismatchError();
  }
}

function useNonce(deps: AuthDependencies, accessKeyId: string, nonce: string): void {
  if (!deps.nonces.use(accessKeyId, nonce)) {
    throw new SignatureNonceUsedError();
  }
}

function authenticateAcs3(req: WireRequest, authorization: string, deps: AuthDependencies): Authenticated {
  const auth = parseAcs3Authorization(authorization);
  if (!auth) {
    throw new IncompleteSignatureError("The Authorization header is not \"<algorithm> Credential=<id>,SignedHeaders=<names>,Signature=<hex>\".");
  }
  const key = deps.findKey(auth.accessKeyId);
  if (!key) throw new AccessKeyNotFoundError();
  if (!ACS3_ALGORITHMS.includes(auth.algorithm)) {
    throw new IncompleteSignatureError(`Signature algorithm "${auth.algorithm}" is not supported; use ${ACS3_ALGORITHMS.join(" or ")}.`);
  }
  for (const name of REQUIRED_SIGNED_HEADERS) {
    if (!auth.signedHeaders.includes(name)) throw new IncompleteSignatureError(`Header "${name}" must be signed.`);
  }
  for (const name of auth.signedHeaders) {
    if (header(req, name) === undefined) throw new IncompleteSignatureError(`Signed header "${name}" is missing from the request.`);
  }
  for (const name of Object.keys(req.headers)) {
    if (name.startsWith("x-acs-") && !auth.signedHeaders.includes(name)) throw new IncompleteSignatureError(`Header "${name}" is sent but not signed.`);
  }
  const claimedKey = header(req, "x-acs-accesskey-id");
  if (claimedKey !== undefined && claimedKey !== auth.accessKeyId) {
    throw new IncompleteSignatureError("Header x-acs-accesskey-id differs from the Authorization credential.");
  }
  checkSecurityToken(key, header(req, "x-acs-security-token"));
  checkTimestamp(header(req, "x-acs-date") ?? "", deps.wall());
  const hashedPayload = hashPayload(auth.algorithm, req.body);
  if ((header(req, "x-acs-content-sha256") ?? "").toLowerCase() !== hashedPayload) {
    throw new ContentHashMismatchError();
  }
  const canonical = acs3CanonicalRequest({
    method: req.method,
    rawPath: req.rawPath,
    query: req.query,
    signedHeaders: auth.signedHeaders,
    headerValue: (name) => header(req, name) ?? "",
    hashedPayload,
  });
  const stringToSign = acs3StringToSign(auth.algorithm, canonical);
  if (!safeEqual(acs3Signature(auth.algorithm, key.secret, stringToSign), auth.signature)) {
    throw new SignatureDoesNotMatchError("ACS3", stringToSign);
  }
  useNonce(deps, key.id, header(req, "x-acs-signature-nonce") ?? "");
  return { scheme: "ACS3", accessKeyId: key.id };
}

function authenticateRpc(req: WireRequest, signature: string, deps: AuthDependencies): Authenticated {
  const p = req.params;
  if (p["AccessKeyId"] === undefined || p["AccessKeyId"] === "") throw new MissingParameterError("AccessKeyId");
  const key = deps.findKey(p["AccessKeyId"]);
  if (!key) throw new AccessKeyNotFoundError();
  for (const name of ["SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"]) {
    if (p[name] === undefined || p[name] === "") throw new MissingParameterError(name);
  }
  if (p["SignatureType"] !== undefined && p["SignatureType"] !== "") {
    throw new IncompleteSignatureError(`SignatureType "${p["SignatureType"]}" is not supported by the emulator; send none or an empty one.`);
  }
  if (p["SignatureMethod"] !== "HMAC-SHA1") {
    throw new IncompleteSignatureError(`SignatureMethod "${p["SignatureMethod"]}" is not supported; use HMAC-SHA1.`);
  }
  if (p["SignatureVersion"] !== "1.0") {
    throw new IncompleteSignatureError(`SignatureVersion "${p["SignatureVersion"]}" is not supported; use 1.0.`);
  }
  checkSecurityToken(key, p["SecurityToken"]);
  checkTimestamp(p["Timestamp"], deps.wall());
  const stringToSign = rpcStringToSign(req.method, p);
  if (!safeEqual(rpcSignature(key.secret, stringToSign), signature)) {
    throw new SignatureDoesNotMatchError("RPC", stringToSign);
  }
  useNonce(deps, key.id, p["SignatureNonce"]);
  return { scheme: "RPC", accessKeyId: key.id };
}

/**
 * Authenticates a request.
 * @throws EcsError subclasses from `./errors` (and `MissingParameter` for RPC signature fields).
 */
export function authenticate(req: WireRequest, deps: AuthDependencies): Authenticated {
  const authorization = header(req, "authorization");
  const signature = req.params["Signature"];
  if (authorization !== undefined) {
    return authenticateAcs3(req, authorization, deps);
  }
  if (signature !== undefined) {
    return authenticateRpc(req, signature, deps);
  }
  throw new IncompleteSignatureError("The request has neither an Authorization header nor a Signature parameter.");
}
