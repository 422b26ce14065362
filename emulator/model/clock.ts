/**
 * The model's clock. By default it follows the wall clock; `POST /__emulator/clock` fixes it at an
 * instant (it then stays there until set again or reset) so expiry arithmetic in tests is exact.
 * Signature timestamps are never checked against this clock, only against the wall clock.
 *
 * @module
 */

/** A settable source of "now" for the model. */
export class ModelClock {
  private fixed: Date | undefined;

  /** @param wall the wall clock, injectable for tests; milliseconds since the epoch. */
  constructor(private readonly wall: () => number = Date.now) {}

  /** The model's current instant. */
  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date(this.wall());
  }

  /** Whether the clock is fixed (set through the control endpoint) rather than following the wall clock. */
  get isFixed(): boolean {
    return this.fixed !== undefined;
  }

  /**
   * Fixes the clock at an instant, or returns it to the wall clock.
   * @param instant the new "now", or `undefined` for the wall clock.
   */
  set(instant: Date | undefined): void {
    this.fixed = instant ? new Date(instant.getTime()) : undefined;
  }
}
