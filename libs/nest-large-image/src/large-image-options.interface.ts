/** Local-disk storage: every key is a path relative to `root`, which it never escapes. */
export interface LocalStorageOptions {
  root: string;
}

/** S3 or any S3-compatible server (MinIO, s3rver, ...), read with ranged GetObject requests. */
export interface S3StorageOptions {
  /** Bucket used for keys without an explicit `s3://bucket/` prefix (uploads go here). */
  bucket: string;
  region?: string;
  /** Custom endpoint for S3-compatible servers, e.g. `http://127.0.0.1:9000`. */
  endpoint?: string;
  /** Path-style URLs (`endpoint/bucket/key`); needed by most S3-compatible servers. @default true when endpoint is set */
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Options of LargeImageModule.forRoot / forRootAsync. */
export interface LargeImageModuleOptions {
  /** Named storages. A file field holds `s3://bucket/key`, `local://path`, or a bare key in the default storage. */
  storages: { local?: LocalStorageOptions; s3?: S3StorageOptions };
  /** Storage for bare keys and uploads. @default 'local' if configured, else 's3' */
  defaultStorage?: 'local' | 's3';
  /** Output tile edge in pixels. @default 256 */
  tileSize?: number;
  /** Number of opened images kept in memory. @default 64 */
  sourceCacheSize?: number;
  /** Bytes of file blocks (headers, tiles) kept in memory per process. @default 256 MiB */
  blockCacheBytes?: number;
  /** Output limits; a request beyond them is a 413 that names the limit. */
  limits?: LargeImageLimits;
}

/** How much work one request may ask for. */
export interface LargeImageLimits {
  /** Pixels of a PNG/JPEG/WebP (or styled TIFF) region or thumbnail, which are encoded in memory. @default 64 Mi (8192 x 8192) */
  maxImagePixels?: number;
  /** Pixels of a GeoTIFF region, which is streamed from a temporary file. @default 1 Gi (32768 x 32768) */
  maxGeoTiffPixels?: number;
  /** Images with more pixels get /info/bands statistics from their finest overview within this. @default 256 Mi */
  statisticsMaxPixels?: number;
  /** Directory for temporary GeoTIFFs. @default the OS temporary directory */
  temporaryDirectory?: string;
}
