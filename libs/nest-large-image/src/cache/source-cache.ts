import { LRUCache } from 'lru-cache';

/**
 * An LRU of *promises* of opened images: concurrent first requests share one open, and a failed open is
 * evicted at once so the next request tries again instead of replaying the error.
 */
export class SourceCache<T extends object> {
  private readonly entries: LRUCache<string, Promise<T>>;

  constructor(maxEntries: number) {
    this.entries = new LRUCache<string, Promise<T>>({ max: maxEntries });
  }

  get(key: string, open: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = open();
      this.entries.set(key, entry);
      entry.catch(() => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      });
    }
    return entry;
  }
}
