import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { LargeImageEngine } from './core/large-image.engine';
import { LARGE_IMAGE_MODULE_OPTIONS } from './large-image.module-definition';
import type { LargeImageModuleOptions } from './large-image-options.interface';
import { StorageRegistry } from './storage/storage-registry';

const MiB = 1024 * 1024;

/** The injectable face of the engine: the generated routes and the user's own code both go through it. */
@Injectable()
export class LargeImageService {
  readonly engine: LargeImageEngine;
  private readonly storages: StorageRegistry;

  constructor(@Inject(LARGE_IMAGE_MODULE_OPTIONS) options: LargeImageModuleOptions) {
    this.storages = new StorageRegistry(options);
    this.engine = new LargeImageEngine({
      storages: this.storages,
      tileSize: options.tileSize ?? 256,
      sourceCacheSize: options.sourceCacheSize ?? 64,
      blockCacheBytes: options.blockCacheBytes ?? 256 * MiB,
      limits: {
        maxImagePixels: options.limits?.maxImagePixels ?? 64 * MiB,
        maxGeoTiffPixels: options.limits?.maxGeoTiffPixels ?? 1024 * MiB,
        statisticsMaxPixels: options.limits?.statisticsMaxPixels ?? 256 * MiB,
        temporaryDirectory: options.limits?.temporaryDirectory,
      },
    });
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
