/**
 * What each ECS error code means for a renewal, as data: its category (which
 * decides retrying) and a hint a user can act on. Codes come from the
 * RenewInstance and RenewReservedInstances reference pages and from the POP
 * gateway's authentication errors.
 */

/** How the provider treats an error code. */
export type ErrorCategory =
    /** Temporary: retried with the same ClientToken. */
    | "transient"
    /** Rate limited: retried with the same ClientToken after a backoff. */
    | "throttling"
    /**
     * ECS is still finishing an order (this token's, or another on the same resource): waited
     * out for a time budget (`orderWaitSeconds`), not a number of attempts.
     */
    | "orderProcessing"
    /** The credentials or the signature are wrong: never retried. */
    | "credentials"
    /** The same ClientToken was used with other parameters: never retried. */
    | "idempotence"
    /** The target cannot be renewed as it is: never retried. */
    | "target"
    /** A parameter was refused: never retried. */
    | "input"
    /** The account or the sale is blocked: never retried. */
    | "account";

/** Catalog entry of one error code. */
export interface ErrorCodeInfo {
    /** How the provider treats it. */
    readonly category: ErrorCategory;
    /** What the user can do about it. */
    readonly hint: string;
}

const TRANSIENT = "This is a temporary condition; the provider retried with the same ClientToken, so running `pulumi up` again is safe and cannot renew twice.";
const STILL_PROCESSING = "The order may still complete. Running `pulumi up` again later is safe: it re-sends the same ClientToken, so ECS answers with that order instead of charging again.";
const NOT_RENEWAL = "This code belongs to an ECS operation other than renewal; check that the endpoint is an ECS endpoint.";

/** The catalog, keyed by ECS error code. */
export const ERROR_CODES: Readonly<Record<string, ErrorCodeInfo>> = {
    // Transient (retried).
    InternalError: { category: "transient", hint: TRANSIENT },
    ServiceUnavailable: { category: "transient", hint: TRANSIENT },
    LastTokenProcessing: { category: "orderProcessing", hint: "ECS is still processing the first request with this ClientToken. " + STILL_PROCESSING },
    LastOrderProcessing: { category: "orderProcessing", hint: "ECS is still processing a previous order for this resource. " + STILL_PROCESSING },
    "Idempotence.Processing": { category: "orderProcessing", hint: "ECS is still processing the previous request. " + STILL_PROCESSING },
    "InvalidStatus.Upgrading": { category: "transient", hint: "The instance is being upgraded. " + TRANSIENT },
    NodeControllerUnavailable: { category: "transient", hint: "The ECS node controller is temporarily unavailable. " + TRANSIENT },
    // Throttling (retried after backoff).
    Throttling: { category: "throttling", hint: "ECS throttled the request. Lower alicloud-renewal:maxConcurrency if this persists. " + TRANSIENT },
    "Throttling.User": { category: "throttling", hint: "ECS throttled the account's requests. Lower alicloud-renewal:maxConcurrency if this persists. " + TRANSIENT },
    "Throttling.Api": { category: "throttling", hint: "ECS throttled this API. Lower alicloud-renewal:maxConcurrency if this persists. " + TRANSIENT },
    // Credentials and signatures.
    "InvalidAccessKeyId.NotFound": { category: "credentials", hint: "The AccessKey id is unknown to Alibaba Cloud. Check alicloud:accessKey, ALICLOUD_ACCESS_KEY / ALIBABA_CLOUD_ACCESS_KEY_ID, or your profile." },
    "InvalidAccessKeyId.Inactive": { category: "credentials", hint: "The AccessKey is disabled. Enable it or use another key." },
    SignatureDoesNotMatch: { category: "credentials", hint: "The AccessKey secret does not match the AccessKey id. Check alicloud:secretKey, ALICLOUD_SECRET_KEY / ALIBABA_CLOUD_ACCESS_KEY_SECRET, or your profile." },
    IncompleteSignature: { category: "credentials", hint: "The request signature is malformed. Check that nothing between this machine and ECS rewrites requests." },
    "InvalidTimeStamp.Expired": { category: "credentials", hint: "The request's timestamp is more than 15 minutes away from the server's clock. Synchronise this machine's clock (NTP)." },
    SignatureNonceUsed: { category: "credentials", hint: "The signature nonce was already used (a replayed request). Run `pulumi up` again; the provider signs every attempt anew." },
    "InvalidSecurityToken.Expired": { category: "credentials", hint: "The STS security token has expired. Obtain a new one (alicloud:securityToken / ALICLOUD_SECURITY_TOKEN)." },
    "InvalidSecurityToken.Malformed": { category: "credentials", hint: "The STS security token is malformed. Check alicloud:securityToken / ALICLOUD_SECURITY_TOKEN." },
    "InvalidSecurityToken.MismatchWithAccessKey": { category: "credentials", hint: "The STS security token does not belong to this AccessKey. Use the key and token issued together." },
    "Forbidden.RAM": { category: "credentials", hint: "The RAM user or role lacks permission. Grant ecs:RenewInstance / ecs:RenewReservedInstances and ecs:Describe* to it." },
    Forbidden: { category: "credentials", hint: "The caller lacks permission for this operation." },
    // Idempotence.
    IdempotenceParamNotMatch: { category: "idempotence", hint: "" },
    IdempotentParameterMismatch: { category: "idempotence", hint: "" },
    // Target state.
    "InvalidInstanceId.NotFound": { category: "target", hint: "The instance does not exist in this account and region. Remove it from the lease, or fix regionId." },
    "InvalidReservedInstanceId.NotFound": { category: "target", hint: "The reserved instance does not exist in this account and region. Remove it from the lease, or fix regionId." },
    ChargeTypeViolation: { category: "target", hint: "The instance is pay-as-you-go (PostPaid); only subscription (PrePaid) resources can be renewed. Remove it from the lease." },
    IncorrectInstanceStatus: { category: "target", hint: "The resource's current status does not allow renewal (for example it is being created or released). Wait for it to settle, then run `pulumi up` again." },
    InstanceLockedForSecurity: { category: "target", hint: "The instance is locked for security reasons. Resolve the lock in the ECS console, then run `pulumi up` again." },
    "Instance.UnPaidOrder": { category: "target", hint: "The instance has an unpaid order. Pay or cancel it in the billing console, then run `pulumi up` again." },
    "InstanceSpecModification.NotEffective": { category: "target", hint: "A pending specification change blocks renewal in the current contract period. Wait for it to take effect." },
    "InvalidPeriod.ExceededMaximumExpirationDate": { category: "target", hint: "The renewal would push the expiry past the maximum allowed date. Use a shorter period." },
    "InvalidPeriod.ExceededDedicatedHost": { category: "target", hint: "The instance's expiry cannot pass its dedicated host's expiry. Renew the dedicated host first, or use a shorter period." },
    OperationDenied: { category: "target", hint: "ECS denied the operation for this resource. Check the resource in the console." },
    "OperationDenied.NoStock": { category: "account", hint: "The resource is sold out in this zone." },
    // Parameters.
    InvalidPeriod: { category: "input", hint: "The period is not valid for this resource. Instances: Week 1-4 or Month 1-12, 24, 36, 48, 60; reserved instances: 1 or 3 Years (the international site allows fewer)." },
    "InvalidPeriod.NotFound": { category: "input", hint: "Set period (with periodUnit) or expectedRenewDay." },
    "InvalidExpectedRenewDay.Conflict": { category: "input", hint: "Set either period or expectedRenewDay, not both." },
    "InvalidPeriodUnit.ValueNotSupported": { category: "input", hint: "The period unit is not supported here. Instances: Week or Month (Week on the China site only); reserved instances: Year." },
    "InvalidClientToken.ValueNotSupported": { category: "input", hint: "The ClientToken was refused. This is a provider bug: please report it." },
    InvalidParameter: { category: "input", hint: "ECS refused a parameter; the message names it." },
    "InvalidParameter.Conflict": { category: "input", hint: "The region does not match the resources. Check regionId." },
    "InvalidParameter.NotMatch": { category: "input", hint: "Parameters conflict with each other; the message says which." },
    "InvalidParameter.ResourceOwnerAccount": { category: "input", hint: "The ResourceOwnerAccount is invalid." },
    MissingParameter: { category: "input", hint: "A required parameter is missing. This is a provider bug: please report it." },
    "InvalidChargeType.ValueNotSupported": { category: "input", hint: "The charge type is not supported for renewal." },
    // Account and sales.
    "Account.Arrearage": { category: "account", hint: "The account is in arrears. Top up the balance, then run `pulumi up` again." },
    RegionUnauthorized: { category: "account", hint: "The account is not authorized in this region." },
    "Zone.NotOnSale": { category: "account", hint: "The zone is not on sale." },
    "Zone.NotOpen": { category: "account", hint: "The zone is not open to this account." },
    "InvalidInstanceType.ValueUnauthorized": { category: "account", hint: "The instance type is not authorized for this account." },
    // Codes from the reference pages that belong to other operations (spec changes, disks, dedicated hosts).
    "InvalidInternetChargeType.ValueNotSupported": { category: "input", hint: NOT_RENEWAL },
    "InvalidInstanceType.NotSupported": { category: "input", hint: NOT_RENEWAL },
    "InvalidInstanceChargeType.NotFound": { category: "input", hint: NOT_RENEWAL },
    "InvalidRebootTime.ValueNotSupported": { category: "input", hint: NOT_RENEWAL },
    "InvalidInstanceType.ValueNotSupported": { category: "input", hint: NOT_RENEWAL },
    "InvalidDiskId.NotFound": { category: "input", hint: NOT_RENEWAL },
    "Diskcategory.Mismatch": { category: "input", hint: NOT_RENEWAL },
    "InvalidInstanceType.codeUnauthorized": { category: "account", hint: NOT_RENEWAL },
    "InvalidInternetChargeType.InstanceNotSupported": { category: "input", hint: NOT_RENEWAL },
    "Upgrade.NotSupported": { category: "input", hint: NOT_RENEWAL },
    "InvalidDisk.NotAllowed": { category: "input", hint: NOT_RENEWAL },
    "DependencyViolation.InstanceType": { category: "input", hint: NOT_RENEWAL },
    InstanceTypeNotSupported: { category: "input", hint: NOT_RENEWAL },
    "InvalidDedicatedHostId.NotFound": { category: "target", hint: "The instance's dedicated host does not exist." },
    "InvalidDedicatedHostStatus.NotSupport": { category: "target", hint: "The instance's dedicated host is in a status that does not allow this." },
    IncorrectDedicatedHostStatus: { category: "target", hint: "The instance's dedicated host is in a status that does not allow this." },
    "InvalidTagKey.Malformed": { category: "input", hint: NOT_RENEWAL },
    "InvalidTagValue.Malformed": { category: "input", hint: NOT_RENEWAL },
};

/** HTTP statuses that mean "try again" whatever the code. */
export const TRANSIENT_HTTP_STATUSES: readonly number[] = [500, 502, 503, 504];

/**
 * Looks up an error code. Unknown codes are treated by HTTP status: 5xx transient,
 * anything with "Throttling" throttling, everything else final.
 */
export function classifyErrorCode(code: string, statusCode: number | undefined): ErrorCodeInfo {
    const known = ERROR_CODES[code];
    if (known) {
        return known;
    }
    if (code.includes("Throttling")) {
        return { category: "throttling", hint: TRANSIENT };
    }
    if (statusCode !== undefined && TRANSIENT_HTTP_STATUSES.includes(statusCode)) {
        return { category: "transient", hint: TRANSIENT };
    }
    return { category: "input", hint: "See the ECS error center for this code." };
}

/** True when an error of this category is retried with the same ClientToken. */
export function isRetryableCategory(category: ErrorCategory): boolean {
    return category === "transient" || category === "throttling" || category === "orderProcessing";
}
