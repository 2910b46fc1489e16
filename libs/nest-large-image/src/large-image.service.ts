import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { ProcessStats } from './cache/process-stats';
import { LargeImageEngine, LargeImageEngineOptions } from './core/large-image.engine';
import { DEFAULT_ENCODING } from './render/image-formats';
import { LARGE_IMAGE_MODULE_OPTIONS } from './large-image.module-definition';
import type { LargeImageModuleOptions } from './large-image-options.interface';
import { StorageRegistry } from './storage/storage-registry';
import { turboJpegInUse, useTurboJpeg } from './tiff/jpeg.decoder';
import { libTiffInUse, useLibTiff } from './tiff/libtiff-blocks';

const KiB = 1024;
const MiB = 1024 * KiB;

/** This library's version (src/ and dist/ both sit next to its package.json). */
const LIBRARY_VERSION: string = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version;

/** The injectable face of the engine: the generated routes and the user's own code both go through it. */
@Injectable()
export class LargeImageService implements OnModuleDestroy {
  readonly engine: LargeImageEngine;
  /**
   * A digest of what shapes every answer besides the file and the URL (library version, tile size,
   * encoders, statistics limit): part of every ETag and cache key, so changing them is never served stale.
   */
  readonly outputSignature: string;
  private readonly processStats?: ProcessStats;
  private readonly storages: StorageRegistry;

  constructor(@Inject(LARGE_IMAGE_MODULE_OPTIONS) private readonly options: LargeImageModuleOptions) {
    this.storages = new StorageRegistry(options);
    this.processStats = options.statsEndpoint ? new ProcessStats() : undefined;
    if (options.libvipsThreads) sharp.concurrency(options.libvipsThreads);
    // libvips' operation cache never hits here (every input is a new buffer): it would only hold memory.
    sharp.cache(false);
    const turboJpeg = options.turboJpeg !== false;
    useTurboJpeg(turboJpeg);
    if (turboJpeg && !turboJpegInUse()) {
      new Logger('LargeImage').log('JPEG blocks are decoded with libvips: install libjpeg-turbo (libturbojpeg0) to decode them with a seventh of the CPU');
    }
    const libtiff = options.libtiff !== false;
    useLibTiff(libtiff);
    if (libtiff && !libTiffInUse()) {
      new Logger('LargeImage').log('LZW, DEFLATE, ZSTD and PackBits blocks are decoded without libtiff: install libtiff (libtiff6) to decode them in native code at a third of the CPU');
    }
    const cache = options.cache ?? {};
    const engineOptions: LargeImageEngineOptions = {
      storages: this.storages,
      tileSize: options.tileSize ?? 256,
      sourceCacheSize: options.sourceCacheSize ?? 64,
      sourceCacheBytes: options.sourceCacheBytes ?? 64 * MiB,
      versionCheckIntervalMs: cache.versionCheckIntervalMs ?? 0,
      tileCache: {
        memoryBytes: cache.memoryBytes ?? 128 * MiB,
        redisUrl: cache.redisUrl,
        redisKeyPrefix: cache.redisKeyPrefix,
        redisTtlSeconds: cache.redisTtlSeconds,
      },
      blockCacheBytes: options.blockCacheBytes ?? 256 * MiB,
      blockSize: options.blockSize ?? 64 * KiB,
      headerPrefetchBytes: options.headerPrefetchBytes ?? 64 * KiB,
      decodedBlockCacheBytes: options.decodedBlockCacheBytes ?? 128 * MiB,
      samplingThreads: options.samplingThreads ?? 1,
      codecThreads: options.codecThreads ?? os.availableParallelism(),
      encoding: { ...DEFAULT_ENCODING, ...options.encoding },
      limits: {
        maxImagePixels: options.limits?.maxImagePixels ?? 64 * MiB,
        maxGeoTiffPixels: options.limits?.maxGeoTiffPixels ?? 1024 * MiB,
        statisticsMaxPixels: options.limits?.statisticsMaxPixels ?? 256 * MiB,
        temporaryDirectory: options.limits?.temporaryDirectory,
      },
    };
    this.engine = new LargeImageEngine(engineOptions);
    const { tileSize, encoding, limits } = engineOptions;
    this.outputSignature = createHash('sha1')
      .update(JSON.stringify([LIBRARY_VERSION, tileSize, encoding, limits.statisticsMaxPixels]))
      .digest('base64url')
      .slice(0, 12);
  }

  /** The Cache-Control header of an answer, long-lived when its URL names the file's current version. */
  cacheControl(versioned: boolean): string {
    const cache = this.options.cache ?? {};
    return versioned
      ? (cache.versionedCacheControl ?? 'public, max-age=31536000, immutable')
      : (cache.cacheControl ?? 'public, max-age=300, stale-while-revalidate=86400');
  }

  async onModuleDestroy(): Promise<void> {
    this.processStats?.stop();
    await this.engine.close();
  }

  get statsEnabled(): boolean {
    return Boolean(this.processStats);
  }

  /** This process's event-loop delay, memory and cache sizes, for benchmarks and monitoring. */
  stats(reset: boolean) {
    return { ...this.processStats!.snapshot(reset), caches: this.engine.cacheSizes() };
  }

  /**
   * Stores an uploaded file in the default storage under a fresh name and returns the reference
   * to keep in the entity's file field.
   */
  async store(fileName: string, data: Buffer): Promise<string> {
    const safeName = path.basename(fileName).replace(/[^\w.-]+/g, '_') || 'image.tif';
    return this.storages.default.write(`${randomUUID()}-${safeName}`, data);
  }
}
