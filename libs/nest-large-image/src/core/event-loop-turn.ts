/**
 * Hands the event loop to other requests now and then during a long loop over blocks. Blocks that need
 * no reading (sparse ones, cached ones) resolve at once, so such a loop would otherwise keep the event
 * loop until it ends, and every other request would wait for it.
 */
export class EventLoopTurn {
  private started = performance.now();

  constructor(private readonly maxMs = 10) {}

  /** Resolves at once until `maxMs` have passed since the last pause; then after other callbacks have run. */
  async pauseIfLong(): Promise<void> {
    if (performance.now() - this.started <= this.maxMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }
}
