import Redis from 'ioredis';
import type { TileStore } from './tile-store';

export interface RedisTileStoreOptions {
  url: string;
  /** Prefix of every key this library writes. @default 'nest-large-image:' */
  keyPrefix?: string;
  /** Seconds an entry lives; entries of replaced files are never read again, so they only need to expire. @default 7 days */
  ttlSeconds?: number;
}

/**
 * Rendered answers in Redis, shared by every process and replica. Purges are also published on a channel so
 * that every process drops its in-memory copies (see `onPurge`). Redis failures never fail a request:
 * a read that fails is a miss, a write that fails is skipped.
 */
export class RedisTileStore implements TileStore {
  private readonly client: Redis;
  private subscriber?: Redis;
  private readonly prefix: string;
  private readonly ttlSeconds: number;

  constructor(options: RedisTileStoreOptions) {
    this.prefix = options.keyPrefix ?? 'nest-large-image:';
    this.ttlSeconds = options.ttlSeconds ?? 7 * 24 * 3600;
    // A slow or absent Redis must not hold tiles up: commands give up after half a second (a miss).
    this.client = new Redis(options.url, { maxRetriesPerRequest: 1, commandTimeout: 500 });
    this.client.on('error', () => undefined); // reported through failed commands; never crash the process
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return (await this.client.getBuffer(this.prefix + key)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: Buffer): Promise<void> {
    await this.client.set(this.prefix + key, value, 'EX', this.ttlSeconds).catch(() => undefined);
  }

  /** Deletes the matching keys (SCAN, so Redis is never blocked) and tells every process about it. */
  async purge(prefix: string): Promise<void> {
    const pattern = `${escapeGlob(this.prefix + prefix)}*`;
    let cursor = '0';
    do {
      const [next, keys] = await this.client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length) await this.client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    await this.client.publish(this.channel, prefix);
  }

  /** Calls `listener(prefix)` whenever any process purges. */
  async onPurge(listener: (prefix: string) => void): Promise<void> {
    this.subscriber = this.client.duplicate({ commandTimeout: undefined });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, prefix: string) => listener(prefix));
    await this.subscriber.subscribe(this.channel);
  }

  async close(): Promise<void> {
    await Promise.all([this.client.quit(), this.subscriber?.quit()].filter(Boolean)).catch(() => undefined);
  }

  private get channel(): string {
    return `${this.prefix}purge`;
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}
