/**
 * Optional persistence of the whole model to one JSON file, so a demo keeps its state across
 * several `pulumi up` runs. The file is read once at start and rewritten (atomically: temp file +
 * rename) after every mutation. Nonces and in-flight markers are not persisted.
 *
 * @module
 */

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { IdempotenceRecord } from "./idempotence";
import type { AccessKey, InstanceRecord, LedgerSnapshot, ReservedInstanceRecord } from "./types";

/** Format version written to the file. */
export const STATE_FILE_VERSION = 1;

/** Content of a state file. */
export interface PersistedState {
  version: typeof STATE_FILE_VERSION;
  /** The fixed model clock (ISO), or null when it follows the wall clock. */
  clock: string | null;
  accountInArrears: boolean;
  /** AccessKeys installed by a reset, or null when the start-up keys apply. */
  accessKeys: AccessKey[] | null;
  instances: InstanceRecord[];
  reservedInstances: ReservedInstanceRecord[];
  ledger: LedgerSnapshot;
  tokens: Record<string, IdempotenceRecord>;
  /** Last OrderId sequence number issued. */
  orderSequence: number;
}

/**
 * Reads a state file.
 * @returns the state, or `undefined` when the file does not exist.
 * @throws Error when the file exists but is not a state file of this version.
 */
export function loadStateFile(path: string): PersistedState | undefined {
  if (!existsSync(path)) {
    return undefined;
  }
  const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<PersistedState>;
  if (parsed.version !== STATE_FILE_VERSION || !Array.isArray(parsed.instances) || !Array.isArray(parsed.reservedInstances) || !parsed.ledger) {
    throw new Error(`${path} is not an emulator state file (version ${STATE_FILE_VERSION})`);
  }
  return parsed as PersistedState;
}

/** Writes a state file atomically (temp file, then rename). */
export function saveStateFile(path: string, state: PersistedState): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2) + "\n", "utf8");
  renameSync(tmp, path);
}
