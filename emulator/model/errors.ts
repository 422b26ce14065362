/**
 * The ECS error family of the emulator.
 *
 * Every cloud error is a class carrying its HTTP status, its wire code and the
 * service's own message (taken from the ECS API reference pages in
 * `docs/reference/` wherever they give one). The wire layer serializes any
 * {@link EcsError} into the POP gateway's error body; callers test with
 * `instanceof`, never by matching strings.
 *
 * Errors raised by signature checking live in `../wire/errors.ts`; they extend
 * the same base class.
 *
 * @module
 */

/** Base class of every error the emulator answers with. */
export class EcsError extends Error {
  /** HTTP status of the response, e.g. `400`. */
  readonly status: number;
  /** Wire error code, e.g. `InvalidInstanceId.NotFound`. */
  readonly code: string;
  /** Optional `Recommend` URL; the wire layer builds a troubleshooting link when absent. */
  readonly recommend?: string;

  /**
   * @param status HTTP status.
   * @param code wire error code.
   * @param message the service's message.
   * @param recommend optional `Recommend` URL.
   */
  constructor(status: number, code: string, message: string, recommend?: string) {
    super(message);
    this.name = "EcsError";
    this.status = status;
    this.code = code;
    this.recommend = recommend;
  }
}

// ---------------------------------------------------------------------------------------------
// Generic parameter errors
// ---------------------------------------------------------------------------------------------

/** 400 `MissingParameter`: a required parameter is absent. */
export class MissingParameterError extends EcsError {
  /** @param parameter wire name of the missing parameter. */
  constructor(parameter: string) {
    super(400, "MissingParameter", `The input parameter "${parameter}" that is mandatory for processing this request is not supplied.`);
    this.name = "MissingParameterError";
  }
}

/** 400 `InvalidParameter`: a parameter has the wrong type or an unsupported value. */
export class InvalidParameterError extends EcsError {
  /**
   * @param parameter wire name of the parameter.
   * @param detail optional explanation appended to the message.
   */
  constructor(parameter: string, detail?: string) {
    super(400, "InvalidParameter", `The specified parameter "${parameter}" is not valid.${detail ? " " + detail : ""}`);
    this.name = "InvalidParameterError";
  }
}

/** 400 `InvalidParameter.Conflict`: the region does not match the resource's region. */
export class InvalidParameterConflictError extends EcsError {
  /** @param detail optional explanation appended to the message. */
  constructor(detail?: string) {
    super(400, "InvalidParameter.Conflict", `The specified region and cluster do not match.${detail ? " " + detail : ""}`);
    this.name = "InvalidParameterConflictError";
  }
}

/** 403 `InvalidParameter.NotMatch`: parameters conflict with each other (the message is free text, `%s` in the seed). */
export class InvalidParameterNotMatchError extends EcsError {
  /** @param message what does not match. */
  constructor(message: string) {
    super(403, "InvalidParameter.NotMatch", message);
    this.name = "InvalidParameterNotMatchError";
  }
}

/** 400 `DryRunOperation`: a DryRun request that would have succeeded. */
export class DryRunOperationError extends EcsError {
  constructor() {
    super(400, "DryRunOperation", "Request validation has been passed with DryRun flag set.");
    this.name = "DryRunOperationError";
  }
}

/** 400 `InvalidInstanceIds.Malformed`: `InstanceIds` is not a JSON array of at most 100 strings. */
export class InvalidInstanceIdsMalformedError extends EcsError {
  /** @param detail optional explanation appended to the message. */
  constructor(detail?: string) {
    super(400, "InvalidInstanceIds.Malformed", `The specified parameter InstanceIds is not valid.${detail ? " " + detail : ""}`);
    this.name = "InvalidInstanceIdsMalformedError";
  }
}

// ---------------------------------------------------------------------------------------------
// Idempotence
// ---------------------------------------------------------------------------------------------

/** 400 `InvalidClientToken.ValueNotSupported`: token longer than 64 characters or not printable ASCII. */
export class InvalidClientTokenError extends EcsError {
  constructor() {
    super(400, "InvalidClientToken.ValueNotSupported", "The ClientToken provided is invalid.");
    this.name = "InvalidClientTokenError";
  }
}

/** 400 `IdempotenceParamNotMatch`: the token was used before with different parameters. */
export class IdempotenceParamNotMatchError extends EcsError {
  constructor() {
    super(400, "IdempotenceParamNotMatch", "Request uses a client token in a previous request but is not identical to that request.");
    this.name = "IdempotenceParamNotMatchError";
  }
}

/** 403 `LastTokenProcessing`: the first request with this token has not been answered yet. */
export class LastTokenProcessingError extends EcsError {
  constructor() {
    super(403, "LastTokenProcessing", "The last token request is processing.");
    this.name = "LastTokenProcessingError";
  }
}

/** 400 `LastOrderProcessing`: another renewal order of the same resource has not been answered yet. */
export class LastOrderProcessingError extends EcsError {
  constructor() {
    super(400, "LastOrderProcessing", "The previous order is still processing, please try again later.");
    this.name = "LastOrderProcessingError";
  }
}

// ---------------------------------------------------------------------------------------------
// Instances
// ---------------------------------------------------------------------------------------------

/** 404 `InvalidInstanceId.NotFound`. */
export class InstanceNotFoundError extends EcsError {
  /** @param instanceId the id that was not found (kept for logs; the wire message is the service's). */
  constructor(readonly instanceId: string) {
    super(404, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist.");
    this.name = "InstanceNotFoundError";
  }
}

/** 403 `ChargeTypeViolation`: the operation needs a subscription (PrePaid) resource. */
export class ChargeTypeViolationError extends EcsError {
  constructor() {
    super(403, "ChargeTypeViolation", "The operation is not permitted due to charge type of the instance.");
    this.name = "ChargeTypeViolationError";
  }
}

/** 403 `IncorrectInstanceStatus`: the resource's status does not allow the operation. */
export class IncorrectInstanceStatusError extends EcsError {
  constructor() {
    super(403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation.");
    this.name = "IncorrectInstanceStatusError";
  }
}

/** 403 `InstanceLockedForSecurity`: the instance carries a `security` operation lock. */
export class InstanceLockedForSecurityError extends EcsError {
  constructor() {
    super(403, "InstanceLockedForSecurity", "The specified operation is denied as your instance is locked for security reasons.");
    this.name = "InstanceLockedForSecurityError";
  }
}

/** 403 `Instance.UnPaidOrder`: the instance has an unpaid order. */
export class InstanceUnpaidOrderError extends EcsError {
  constructor() {
    super(403, "Instance.UnPaidOrder", "The specified instance has unpaid order.");
    this.name = "InstanceUnpaidOrderError";
  }
}

// ---------------------------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------------------------

/** 400 `InvalidPeriod`: Period is outside the allowed set for its unit. */
export class InvalidPeriodError extends EcsError {
  constructor() {
    super(400, "InvalidPeriod", "The specified period is not valid.");
    this.name = "InvalidPeriodError";
  }
}

/** 400 `InvalidPeriodUnit.ValueNotSupported`. */
export class InvalidPeriodUnitError extends EcsError {
  constructor() {
    super(400, "InvalidPeriodUnit.ValueNotSupported", "The specified parameter PeriodUnit is not valid.");
    this.name = "InvalidPeriodUnitError";
  }
}

/** 400 `InvalidPeriod.NotFound`: neither Period nor ExpectedRenewDay was given. */
export class PeriodNotFoundError extends EcsError {
  constructor() {
    super(400, "InvalidPeriod.NotFound", "period and expectedRenewDay cannot both be empty");
    this.name = "PeriodNotFoundError";
  }
}

/** 400 `InvalidExpectedRenewDay.Conflict`: both Period and ExpectedRenewDay were given. */
export class ExpectedRenewDayConflictError extends EcsError {
  constructor() {
    super(400, "InvalidExpectedRenewDay.Conflict", "The parameters Period and ExpectedRenewDay are mutually exclusive; specify only one of them.");
    this.name = "ExpectedRenewDayConflictError";
  }
}

/** 400 `InvalidPeriod.ExceededMaximumExpirationDate`: the renewal would end more than five years after now. */
export class ExceededMaximumExpirationDateError extends EcsError {
  constructor() {
    super(
      400,
      "InvalidPeriod.ExceededMaximumExpirationDate",
      "The specified renewal period cannot exceed the maximum expiration date. We recommend you try shortening the renewal period at next attempt.",
    );
    this.name = "ExceededMaximumExpirationDateError";
  }
}

// ---------------------------------------------------------------------------------------------
// Reserved instances and account
// ---------------------------------------------------------------------------------------------

/** 404 `InvalidReservedInstanceId.NotFound` (not in the seed table; see the README). */
export class ReservedInstanceNotFoundError extends EcsError {
  /** @param reservedInstanceId the id that was not found. */
  constructor(readonly reservedInstanceId: string) {
    super(404, "InvalidReservedInstanceId.NotFound", "The specified ReservedInstanceId does not exist.");
    this.name = "ReservedInstanceNotFoundError";
  }
}

/** 403 `OperationDenied`: the reserved instance is locked (out of usage). */
export class ResourceOutOfUsageError extends EcsError {
  constructor() {
    super(403, "OperationDenied", "The resource is out of usage.");
    this.name = "ResourceOutOfUsageError";
  }
}

/** 403 `Account.Arrearage`: the account is in arrears (seed flag `AccountInArrears`). */
export class AccountArrearageError extends EcsError {
  constructor() {
    super(403, "Account.Arrearage", "Your account has been in arrears.");
    this.name = "AccountArrearageError";
  }
}

// ---------------------------------------------------------------------------------------------
// Tags (codes not in docs/reference/; see the README's "Choices where the documentation is silent")
// ---------------------------------------------------------------------------------------------

/** 404 `InvalidResourceId.NotFound`: TagResources / UntagResources name a resource the region does not have. */
export class ResourceNotFoundError extends EcsError {
  /** @param resourceId the id that was not found. */
  constructor(readonly resourceId: string) {
    super(404, "InvalidResourceId.NotFound", `The specified ResourceId ${resourceId} does not exist.`);
    this.name = "ResourceNotFoundError";
  }
}

/** 400 `InvalidResourceType.NotFound`: a ResourceType the emulator has no resources of. */
export class ResourceTypeNotFoundError extends EcsError {
  constructor() {
    super(400, "InvalidResourceType.NotFound", "The specified ResourceType is not supported; valid values here: instance, reservedinstance.");
    this.name = "ResourceTypeNotFoundError";
  }
}

/** 400 `InvalidTagCount`: a resource would carry more tags than allowed. */
export class InvalidTagCountError extends EcsError {
  /** @param limit most tags one resource can carry. */
  constructor(limit: number) {
    super(400, "InvalidTagCount", `The specified tags are beyond the permitted range: a resource carries at most ${limit} tags.`);
    this.name = "InvalidTagCountError";
  }
}

// ---------------------------------------------------------------------------------------------
// Server side
// ---------------------------------------------------------------------------------------------

/** 500 `InternalError`. */
export class InternalError extends EcsError {
  constructor() {
    super(500, "InternalError", "The request processing has failed due to some unknown error.");
    this.name = "InternalError";
  }
}
