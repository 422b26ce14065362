/**
 * The charge ledger: one entry per successful renewal (never for an idempotent replay), and a count
 * of every authenticated call per Action, failed calls included (the wire layer counts nothing before
 * a request has authenticated).
 *
 * @module
 */

import type { ChargeEntry, LedgerSnapshot } from "./types";

/** Name under which an authenticated call without any Action is counted. */
export const NO_ACTION = "(none)";

/** Charges and call counts. */
export class Ledger {
  private charges: ChargeEntry[] = [];
  private calls: Record<string, number> = {};

  /** Counts one call of an action (use {@link NO_ACTION} when the request named none). */
  countCall(action: string): void {
    this.calls[action] = (this.calls[action] ?? 0) + 1;
  }

  /** Appends one charge. */
  charge(entry: ChargeEntry): void {
    this.charges.push(entry);
  }

  /** A deep copy of the ledger. */
  snapshot(): LedgerSnapshot {
    return JSON.parse(JSON.stringify({ charges: this.charges, calls: this.calls })) as LedgerSnapshot;
  }

  /** Replaces the ledger's content (used when loading a state file). */
  restore(snapshot: LedgerSnapshot): void {
    this.charges = snapshot.charges.map((c) => ({ ...c }));
    this.calls = { ...snapshot.calls };
  }

  /** Empties the ledger. */
  clear(): void {
    this.charges = [];
    this.calls = {};
  }
}
