import { SourceCache } from '../cache/source-cache';
import { BlockCache } from '../storage/block-cache';
import { BlockSource } from '../storage/block-source';
import { StorageRegistry } from '../storage/storage-registry';
import { defaultStyle } from '../render/default-style';
import { encodeRgba, mimeTypeOf } from '../render/image-formats';
import { openRaster } from '../tiff/open-raster';
import type { RasterSource } from '../tiff/raster-source';
import { Raster, sampleLevel } from '../tiff/sample-level';
import { ImageMetadata, buildMetadata } from './metadata';
import { gridSampling } from './grid-sampling';
import type { OutputGrid } from './output-grid';
import { Pyramid, assertTileInPyramid, gridMissesImage, pyramidFor, tileGrid } from './pyramid';

export interface LargeImageEngineOptions {
  storages: StorageRegistry;
  tileSize: number;
  sourceCacheSize: number;
  blockCacheBytes: number;
}

export interface TileRequest {
  z: number;
  x: number;
  y: number;
  format: string;
  projection?: string;
}

export interface EncodedImage {
  body: Buffer;
  mimeType: string;
}

/** Bytes per cache block: large enough that a COG header and its offset arrays usually arrive in one GET. */
const BLOCK_SIZE = 64 * 1024;

/**
 * The framework-free core: open an image by its file reference, describe it, render its tiles.
 * The Nest module is a thin adapter over this class.
 */
export class LargeImageEngine {
  private readonly sources: SourceCache<RasterSource>;
  private readonly blocks: BlockCache;

  constructor(private readonly options: LargeImageEngineOptions) {
    this.sources = new SourceCache(options.sourceCacheSize);
    this.blocks = new BlockCache(BLOCK_SIZE, options.blockCacheBytes);
  }

  /** Opens (or reuses) the image behind a file reference; the file's version is part of the cache key. */
  async open(reference: string): Promise<RasterSource> {
    const { storage, key } = this.options.storages.resolve(reference);
    const info = await storage.stat(key);
    const id = `${storage.name}:${key}@${info.version}`;
    return this.sources.get(id, () => openRaster(id, new BlockSource(storage, key, id, info.size, this.blocks)));
  }

  pyramid(raster: RasterSource, projection?: string): Pyramid {
    return pyramidFor(raster, projection, this.options.tileSize);
  }

  metadata(raster: RasterSource, projection?: string): ImageMetadata {
    return buildMetadata(raster, this.pyramid(raster, projection));
  }

  /** Native values of one tile (before styling); undefined when the tile lies wholly outside the image. */
  async tileRaster(raster: RasterSource, request: Omit<TileRequest, 'format'>): Promise<Raster | undefined> {
    const { z, x, y } = request;
    const pyramid = this.pyramid(raster, request.projection);
    assertTileInPyramid(raster, pyramid, z, x, y);
    return this.sampleGrid(raster, tileGrid(raster, pyramid, z, x, y));
  }

  /** Native values of `frame` on an output grid; undefined when the grid misses the image entirely. */
  async sampleGrid(raster: RasterSource, grid: OutputGrid, frame = 0): Promise<Raster | undefined> {
    if (gridMissesImage(raster, grid)) return undefined;
    const { levels } = raster.frames[frame];
    const sampling = gridSampling(raster, levels, grid);
    return sampleLevel(raster, levels[sampling.levelIndex], sampling.coords, sampling.width, sampling.height);
  }

  async renderTile(raster: RasterSource, request: TileRequest): Promise<EncodedImage> {
    const mimeType = mimeTypeOf(request.format);
    const tile = await this.tileRaster(raster, request);
    const size = this.options.tileSize;
    if (!tile) {
      return { body: await encodeRgba(Buffer.alloc(size * size * 4), size, size, request.format), mimeType };
    }
    const rgba = await this.style(raster, tile);
    return { body: await encodeRgba(rgba, tile.width, tile.height, request.format), mimeType };
  }

  /** RGBA bytes of native values, as every image route shows them. */
  async style(raster: RasterSource, values: Raster): Promise<Buffer> {
    return defaultStyle(values, raster.dtype, await raster.bandRanges(), raster.alphaBand);
  }
}
