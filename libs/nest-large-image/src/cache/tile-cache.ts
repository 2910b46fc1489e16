import type { MemoryTileStore } from './memory-tile-store';
import type { RedisTileStore } from './redis-tile-store';

/**
 * Rendered answers in two tiers: this process's memory, then Redis when configured. One render per key
 * at a time (single flight): concurrent requests for the same key wait for the first one's result.
 */
export class TileCache {
  private readonly inFlight = new Map<string, Promise<Buffer>>();

  constructor(
    readonly memory: MemoryTileStore,
    private readonly shared?: RedisTileStore,
  ) {}

  async getOrRender(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const cached = await this.memory.get(key);
    if (cached) return cached;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.load(key, render).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** Forgets every entry of one file (all versions), here, in Redis and in every other process. */
  async purge(prefix: string): Promise<void> {
    await this.memory.purge(prefix);
    await this.shared?.purge(prefix);
  }

  private async load(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const shared = await this.shared?.get(key);
    if (shared) {
      await this.memory.set(key, shared);
      return shared;
    }
    const rendered = await render();
    await this.memory.set(key, rendered);
    await this.shared?.set(key, rendered);
    return rendered;
  }
}
