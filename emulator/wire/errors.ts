/**
 * Errors of the POP gateway in front of ECS: authentication, signature, version and routing.
 * Codes, statuses and messages are the gateway's (see `docs/ecs-wire.md` §6).
 *
 * @module
 */

import { EcsError } from "../model/errors";

/** 404 `InvalidAccessKeyId.NotFound`. */
export class AccessKeyNotFoundError extends EcsError {
  constructor() {
    super(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    this.name = "AccessKeyNotFoundError";
  }
}

/** 400 `SignatureDoesNotMatch`; the message shows the server's string to sign, as the gateway does. */
export class SignatureDoesNotMatchError extends EcsError {
  /**
   * @param scheme which signature was checked.
   * @param stringToSign what the server signed.
   */
  constructor(scheme: "ACS3" | "RPC", stringToSign: string) {
    super(
      400,
      "SignatureDoesNotMatch",
      scheme === "ACS3"
        ? `Specified signature does not match our calculation. server StringToSign is [${stringToSign}]`
        : `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
    );
    this.name = "SignatureDoesNotMatchError";
  }
}

/** 400 `IncompleteSignature`: the Authorization header or signature parameters are malformed. */
export class IncompleteSignatureError extends EcsError {
  /** @param detail what is wrong, appended to the gateway's message. */
  constructor(detail: string) {
    super(400, "IncompleteSignature", `The request signature does not conform to Aliyun standards. ${detail}`);
    this.name = "IncompleteSignatureError";
  }
}

/** 400 `InvalidTimeStamp.Expired`: more than 15 minutes between the request's time and the wall clock. */
export class TimestampExpiredError extends EcsError {
  constructor() {
    super(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
    this.name = "TimestampExpiredError";
  }
}

/** 400 `InvalidTimeStamp.Format`: the timestamp is not `yyyy-MM-ddTHH:mm:ssZ`. */
export class TimestampFormatError extends EcsError {
  constructor() {
    super(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
    this.name = "TimestampFormatError";
  }
}

/** 400 `SignatureNonceUsed`: the nonce was seen in the last 15 minutes. */
export class SignatureNonceUsedError extends EcsError {
  constructor() {
    super(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    this.name = "SignatureNonceUsedError";
  }
}

/** 400 `MissingSecurityToken`: the key is an STS key and the request has no token. */
export class MissingSecurityTokenError extends EcsError {
  constructor() {
    super(400, "MissingSecurityToken", "SecurityToken is mandatory for this action.");
    this.name = "MissingSecurityTokenError";
  }
}

/** 400 `InvalidSecurityToken.MismatchWithAccessKey`: the token is not the key's. */
export class SecurityTokenMismatchError extends EcsError {
  constructor() {
    super(400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the accesskey.");
    this.name = "SecurityTokenMismatchError";
  }
}

/** 400 `InvalidVersion`: the API version is not 2014-05-26. */
export class InvalidVersionError extends EcsError {
  constructor() {
    super(400, "InvalidVersion", "Specified parameter Version is not valid.");
    this.name = "InvalidVersionError";
  }
}

/** 404 `InvalidAction.NotFound`: the Action does not exist or this emulator does not implement it. */
export class ActionNotFoundError extends EcsError {
  /** @param action the requested Action. */
  constructor(action: string) {
    super(404, "InvalidAction.NotFound", `Specified api is not found, please check your url and method. (The local ECS emulator does not implement Action "${action}".)`);
    this.name = "ActionNotFoundError";
  }
}

/** 400 `UnsupportedHTTPMethod`: RPC style accepts GET and POST only. */
export class UnsupportedHttpMethodError extends EcsError {
  constructor() {
    super(400, "UnsupportedHTTPMethod", "Specified HTTP method is not supported.");
    this.name = "UnsupportedHttpMethodError";
  }
}

/** 400 `SignatureDoesNotMatch` raised because `x-acs-content-sha256` is not the hash of the body. */
export class ContentHashMismatchError extends EcsError {
  constructor() {
    super(400, "SignatureDoesNotMatch", "Specified signature does not match our calculation. The x-acs-content-sha256 header is not the hash of the request body.");
    this.name = "ContentHashMismatchError";
  }
}
