/** Where rendered answers (tiles, thumbnails, expensive JSON) are kept, by cache key. */
export interface TileStore {
  get(key: string): Promise<Buffer | undefined>;
  set(key: string, value: Buffer): Promise<void>;
  /** Drops every entry whose key starts with `prefix`. */
  purge(prefix: string): Promise<void>;
}
