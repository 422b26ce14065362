/**
 * Optional persistence of the whole model to one JSON file, so a demo keeps its state across
 * several `pulumi up` runs. The file is read once at start and rewritten after every mutation.
 * Nonces and in-flight markers are not persisted.
 *
 * The file holds the secrets of installed AccessKeys, so it is written owner-only (mode 0600) and
 * atomically: into a new temp file with an unpredictable name in the same folder, created exclusively
 * and without following a link (so a link planted there cannot redirect the write), then renamed over
 * the target (which replaces a link at the target rather than writing through it).
 *
 * @module
 */

import { randomBytes } from "node:crypto";
import { closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
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

/** File mode of state files: owner read/write only. */
export const STATE_FILE_MODE = 0o600;

/** Writes a state file atomically, owner-only, through a fresh unpredictable temp file. */
export function saveStateFile(path: string, state: PersistedState): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(16).toString("hex")}.tmp`);
  // O_NOFOLLOW is absent on Windows, where O_EXCL alone already refuses an existing link.
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  const fd = openSync(tmp, flags, STATE_FILE_MODE);
  try {
    try {
      writeFileSync(fd, JSON.stringify(state, null, 2) + "\n", "utf8");
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
