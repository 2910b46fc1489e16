/** What a storage knows about one stored object; `version` changes whenever its bytes change. */
export interface StoredObjectInfo {
  size: number;
  /** S3 ETag, or size + mtime for files: part of every cache key so replaced files never serve stale data. */
  version: string;
}

/**
 * A place that holds raster files and can read byte ranges of them.
 * Implementations throw NotFoundError for a missing object and StorageUnavailableError when the backend fails.
 */
export interface ByteStorage {
  /** Name used in configuration and in `name://key` references (e.g. `local`, `s3`). */
  readonly name: string;
  /**
   * True when a ranged read costs about a system call (a local disk, whose page cache already keeps what was
   * read): blocks of pixel data are then read exactly as large as they are, and not kept in the block cache.
   * Otherwise (S3) reads are rounded to cache blocks and merged, since each request costs a round trip.
   */
  readonly cheapReads?: boolean;
  /** The key of a bare reference (one without `name://`) in this storage. */
  keyFor(relative: string): string;
  stat(key: string): Promise<StoredObjectInfo>;
  /** Reads exactly `length` bytes at `offset` (fewer only at the end of the object). */
  read(key: string, offset: number, length: number): Promise<Buffer>;
  /** Stores a new object (used by uploads) and returns the reference to keep in the entity's file field. */
  write(name: string, data: Buffer): Promise<string>;
  /** Releases what the storage holds open (file handles, connections). */
  close(): Promise<void>;
}
