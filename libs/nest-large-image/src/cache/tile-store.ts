import type { EncodedImage } from '../core/encoded-image';

/** Where rendered answers (tiles, thumbnails, expensive JSON) are kept, by cache key. */
export interface TileStore {
  get(key: string): Promise<EncodedImage | undefined>;
  set(key: string, value: EncodedImage): Promise<void>;
  /** Drops every entry whose key starts with `prefix`. */
  purge(prefix: string): Promise<void>;
}
