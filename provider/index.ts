/**
 * The RenewalLease dynamic provider: validation, planning, ClientToken derivation,
 * the ECS adapter, retries and error mapping. `dynamic-provider-process.ts` is what
 * the serialized shim loads at call time.
 */
export * from "./dynamic-provider-process";
export { deriveClientToken, deriveLeaseId, CLIENT_TOKEN_PREFIX, MAX_CLIENT_TOKEN_LENGTH } from "./token";
export { RenewalError, ConfigurationError, EcsApiError, CredentialError, IdempotenceConflictError, TransportError, PartialRenewalError } from "./errors";
export { PROVIDER_VERSION } from "./version";
