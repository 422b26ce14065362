/**
 * The RenewalLease dynamic provider: validation, planning, ClientToken derivation,
 * the ECS adapter, retries and error mapping. `dynamic-provider-process.ts` is what
 * the serialized shim loads at call time.
 */
export * from "./hosts/dynamic/dynamic-provider-process";
export { deriveClientToken, deriveLeaseId, CLIENT_TOKEN_PREFIX, MAX_CLIENT_TOKEN_LENGTH } from "./core/token";
export { RenewalError, ConfigurationError, EcsApiError, CredentialError, IdempotenceConflictError, TransportError, PartialRenewalError } from "./core/errors";
export { PROVIDER_VERSION } from "./core/version";
