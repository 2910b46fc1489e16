import { LRUCache } from 'lru-cache';

/** Assumed size of an entry while its open is still in flight. */
const PENDING_BYTES = 64 * 1024;

/**
 * An LRU of *promises* of opened images, bounded by count and by the bytes of their parsed headers:
 * concurrent first requests share one open, and a failed open is evicted at once so the next request
 * tries again instead of replaying the error.
 */
export class SourceCache<T extends object> {
  private readonly entries: LRUCache<string, Promise<T>>;

  constructor(
    maxEntries: number,
    maxBytes: number,
    private readonly sizeOf: (value: T) => number,
  ) {
    this.entries = new LRUCache<string, Promise<T>>({ max: Math.max(maxEntries, 1), maxSize: Math.max(maxBytes, 1), sizeCalculation: () => PENDING_BYTES });
  }

  get(key: string, open: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      const opening = open();
      entry = opening;
      this.entries.set(key, opening);
      opening.then(
        (value) => {
          if (!this.isCurrent(key, opening)) return;
          // lru-cache keeps the old size when the same value is set again, hence the delete.
          this.entries.delete(key);
          this.entries.set(key, opening, { size: Math.max(this.sizeOf(value), 1) });
        },
        () => this.isCurrent(key, opening) && this.entries.delete(key),
      );
    }
    return entry;
  }

  /** Estimated bytes held, and the number of opened sources. */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  get count(): number {
    return this.entries.size;
  }

  /** Forgets every entry whose key starts with `prefix` (one file, all its versions). */
  purge(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  private isCurrent(key: string, entry: Promise<T>): boolean {
    return this.entries.peek(key) === entry;
  }
}
