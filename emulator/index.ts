/**
 * A local emulator of the Alibaba Cloud ECS OpenAPI (2014-05-26), faithful on the wire, for tests
 * and the demo. It never imports the project's provider or SDK code.
 *
 * @module
 */

export { DEFAULT_ACCESS_KEY, startEmulator, type EmulatorOptions, type RunningEmulator } from "./server";
export { demoSeed, DEMO_PROD_RESOURCE_GROUP, DEMO_REGION, DEMO_STAGING_RESOURCE_GROUP } from "./demo-seed";
export { ControlRequestError, EmulatorControlClient, type ClockState, type ResetResult } from "./control-client";
export { FAULT_KINDS, DEFAULT_FAULT_DELAY_MS, type FaultKind, type FaultSpec, type FaultStatus } from "./control/faults";
export { EcsError } from "./model/errors";
export { API_VERSION } from "./wire/endpoint";
export { IMPLEMENTED_ACTIONS } from "./wire/actions";
export type {
  AccessKey,
  ChargeEntry,
  InstanceRecord,
  LedgerSnapshot,
  OperationLock,
  ReservedInstanceRecord,
  ResourceTag,
  SeedInstance,
  SeedInventory,
  SeedReservedInstance,
  StateSnapshot,
} from "./model/types";
