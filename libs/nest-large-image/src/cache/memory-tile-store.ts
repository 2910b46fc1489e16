import { LRUCache } from 'lru-cache';
import type { EncodedImage } from '../core/encoded-image';
import type { TileStore } from './tile-store';

/**
 * An in-process LRU of rendered answers, bounded by the total bytes of their bodies. Answers are kept as
 * they were rendered, not serialised: the encoder's buffer is the one served.
 */
export class MemoryTileStore implements TileStore {
  private readonly entries: LRUCache<string, EncodedImage>;

  constructor(maxBytes: number) {
    this.entries = new LRUCache<string, EncodedImage>({ maxSize: Math.max(maxBytes, 1), sizeCalculation: (value) => value.body.length || 1 });
  }

  async get(key: string): Promise<EncodedImage | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, value: EncodedImage): Promise<void> {
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
