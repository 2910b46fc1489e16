import { LRUCache } from 'lru-cache';
import type { TileStore } from './tile-store';

/** An in-process LRU of rendered answers, bounded by their total bytes. */
export class MemoryTileStore implements TileStore {
  private readonly entries: LRUCache<string, Buffer>;

  constructor(maxBytes: number) {
    this.entries = new LRUCache<string, Buffer>({ maxSize: Math.max(maxBytes, 1), sizeCalculation: (value) => value.length || 1 });
  }

  async get(key: string): Promise<Buffer | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, value: Buffer): Promise<void> {
    this.entries.set(key, value);
  }

  /** Bytes held. */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  async purge(prefix: string): Promise<void> {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
