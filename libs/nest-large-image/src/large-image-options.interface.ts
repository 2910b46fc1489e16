import type { EncodingOptions } from './render/image-formats';

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
  /** Bytes of parsed headers (IFDs, offset arrays) of opened images kept in memory. @default 64 MiB */
  sourceCacheBytes?: number;
  /** Bytes of file blocks (headers, tiles) kept in memory per process. @default 256 MiB */
  blockCacheBytes?: number;
  /** Bytes per cached block, the granularity of ranged reads (adjacent missing blocks go in one read). @default 64 KiB */
  blockSize?: number;
  /**
   * Bytes read in one request when a file is opened: a COG's header, IFDs and offset arrays sit at its start,
   * so this covers them for most files (raise it for very large ones). @default 64 KiB
   */
  headerPrefetchBytes?: number;
  /** Bytes of decoded internal tiles kept in memory per process (neighbouring output tiles share them). @default 128 MiB */
  decodedBlockCacheBytes?: number;
  /** Output limits; a request beyond them is a 413 that names the limit. */
  limits?: LargeImageLimits;
  /** Caching of rendered answers and HTTP caching headers. */
  cache?: LargeImageCacheOptions;
  /**
   * Threads libvips (sharp) may use for one image operation in this process. Several processes on one
   * machine (a cluster) should share the cores: cores / processes each. @default the number of cores
   */
  libvipsThreads?: number;
  /**
   * Worker threads that plan how each output grid samples the image (reprojection and block lookup, a fifth
   * of a tile's JavaScript work), so the event loop stays free; 0 plans on the event loop. One thread plans
   * several hundred tiles a second. @default 1
   */
  samplingThreads?: number;
  /**
   * Worker threads that decode the compressions whose codec runs in JavaScript (LERC, and LZW and PackBits
   * where libtiff is missing or switched off), shared by the process and started as blocks need them; 0
   * decodes them on the event loop. The other codecs decode on libtiff's, libjpeg-turbo's, libvips' and
   * libuv's threads. Several processes on one machine should share the
   * cores, as for libvipsThreads. @default the number of cores
   */
  codecThreads?: number;
  /**
   * Decode JPEG blocks with the system's libjpeg-turbo when it is installed (Debian and Ubuntu: the
   * libturbojpeg0 package; Homebrew: jpeg-turbo): the decoder GDAL uses, at about a seventh of libvips' CPU
   * per block. Without it, or with false, libvips decodes them; the pixels are the same. Applies to the
   * whole process. @default true
   */
  turboJpeg?: boolean;
  /**
   * Decode LZW, DEFLATE, ZSTD and PackBits blocks with the system's libtiff when it is installed (Debian and
   * Ubuntu: libtiff6, which GDAL depends on; Homebrew: libtiff): GDAL's own decoders, with the predictor
   * and byte order in native code. Without it, or with false, the library's own decoders (zlib, and
   * JavaScript on codec threads) decode them; the samples are the same. Applies to the whole process.
   * @default true
   */
  libtiff?: boolean;
  /** Encoder settings (PNG compression level, JPEG and WebP quality, WebP effort). */
  encoding?: Partial<EncodingOptions>;
  /** Serve GET /api/large-image/stats (event-loop delay, memory, cache sizes of the process). @default false */
  statsEndpoint?: boolean;
}

/** Rendered tiles, thumbnails and statistics are cached; every answer carries an ETag and Cache-Control. */
export interface LargeImageCacheOptions {
  /** Bytes of rendered answers kept in memory per process. @default 128 MiB */
  memoryBytes?: number;
  /** Redis URL (e.g. `redis://localhost:6379`): a second tier shared by every process and replica. */
  redisUrl?: string;
  /** Prefix of the Redis keys. @default 'nest-large-image:' */
  redisKeyPrefix?: string;
  /** Lifetime of Redis entries, in seconds. @default 604800 (7 days) */
  redisTtlSeconds?: number;
  /** Cache-Control of answers whose URL does not name the file's version. @default 'public, max-age=300, stale-while-revalidate=86400' */
  cacheControl?: string;
  /** Cache-Control when the URL's `v` parameter is the file's current version tag (TileJSON URLs carry it). @default 'public, max-age=31536000, immutable' */
  versionedCacheControl?: string;
  /**
   * How long a file's version (stat or S3 HEAD) may be reused before asking the storage again, in ms.
   * 0 asks on every request, so a replaced file is seen at once. @default 0
   */
  versionCheckIntervalMs?: number;
}

/** How much work one request may ask for. */
export interface LargeImageLimits {
  /** Pixels of a PNG/JPEG/WebP (or styled TIFF) region or thumbnail, which are encoded in memory. @default 64 Mi (8192 x 8192) */
  maxImagePixels?: number;
  /** Pixels of a GeoTIFF region, which is streamed from a temporary file. @default 1 Gi (32768 x 32768) */
  maxGeoTiffPixels?: number;
  /**
   * Pixels a statistics scan (info/bands, histograms, threshold styles) reads at most: info/bands moves to
   * the finest overview within this; a level still over it is read on a grid of its blocks. @default 256 Mi
   */
  statisticsMaxPixels?: number;
  /** Directory for temporary GeoTIFFs. @default the OS temporary directory */
  temporaryDirectory?: string;
}
