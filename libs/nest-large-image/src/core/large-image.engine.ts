import { MemoryTileStore } from '../cache/memory-tile-store';
import { RedisTileStore } from '../cache/redis-tile-store';
import { SourceCache } from '../cache/source-cache';
import { TileCache } from '../cache/tile-cache';
import { NotFoundError, UnreadableImageError } from '../errors/large-image.errors';
import { FileVersions, StoredFile } from '../storage/file-versions';
import { BandHistogram, applyStyle } from '../render/apply-style';
import { EncodingOptions, encodeRgba, mimeTypeOf } from '../render/image-formats';
import { StyleSpec, defaultStyleSpec } from '../render/style-spec';
import { BlockCache } from '../storage/block-cache';
import { BlockSource } from '../storage/block-source';
import { StorageRegistry } from '../storage/storage-registry';
import { bandInterpretations } from '../tiff/band-interpretation';
import { codecThreads } from '../tiff/codec-threads';
import { colorTable } from '../tiff/color-table';
import { DecodedBlockCache } from '../tiff/decoded-block-cache';
import { addExternalOverviews } from '../tiff/external-overviews';
import { internalMetadata } from '../tiff/internal-metadata';
import { openRaster } from '../tiff/open-raster';
import type { RasterSource } from '../tiff/raster-source';
import type { Raster } from '../tiff/sample-level';
import { TiffDump, tiffDump } from '../tiff/tiff-dump';
import { BandInformation, bandInformation } from './band-information';
import { bandRanges } from './band-ranges';
import type { EncodedImage } from './encoded-image';
import { HistogramRequest, HistogramResult, computeHistogram } from './histogram';
import { ImageMetadata, buildMetadata } from './metadata';
import type { OutputGrid } from './output-grid';
import { PixelRequest, PixelValue, readPixel } from './pixel';
import { Pyramid, assertTileInPyramid, pyramidFor, tileCorners, tileGrid } from './pyramid';
import { RegionLimits, RegionRequest, StreamedGeoTiff, renderRegion } from './region';
import { GridRenderer, gridRenderer } from './render-grid';
import { releaseRgba } from './rgba-buffers';
import { GridSampler, Styler, sampleGrid } from './sample-grid';
import { SamplingPlanner } from './sampling-planner';
import { storedJpegTile } from './stored-tile';
import { styleHistograms, usesThresholds } from './style-histograms';
import { ThumbnailRequest, renderThumbnail } from './thumbnail';

export interface LargeImageEngineOptions {
  storages: StorageRegistry;
  tileSize: number;
  sourceCacheSize: number;
  sourceCacheBytes: number;
  blockCacheBytes: number;
  /** Bytes per cached block (and the granularity of ranged reads). */
  blockSize: number;
  /** Bytes read in the first request when a file is opened. */
  headerPrefetchBytes: number;
  /** Reuse a file's version for this long instead of asking the storage on every request (0: always ask). */
  versionCheckIntervalMs: number;
  tileCache: { memoryBytes: number; redisUrl?: string; redisKeyPrefix?: string; redisTtlSeconds?: number };
  encoding: EncodingOptions;
  decodedBlockCacheBytes: number;
  /** Worker threads that plan grid sampling (0: plan on the event loop). */
  samplingThreads: number;
  /** Worker threads that decode LZW blocks, for the whole process (0: decode on the event loop). */
  codecThreads: number;
  limits: RegionLimits & {
    /** Images larger than this get their /info/bands statistics from an overview. */
    statisticsMaxPixels: number;
  };
}

/** What every image route may ask for besides its own parameters. */
export interface RenderOptions {
  projection?: string;
  frame?: number;
  /** A parsed style; the image's default style when absent. */
  style?: StyleSpec;
}

export interface TileRequest extends RenderOptions {
  z: number;
  x: number;
  y: number;
  format: string;
}

export type { EncodedImage } from './encoded-image';

/**
 * The framework-free core: open an image by its file reference, describe it, render tiles, thumbnails,
 * regions and pixels, compute statistics. The Nest module is a thin adapter over this class.
 */
export class LargeImageEngine {
  private readonly sources: SourceCache<RasterSource>;
  private readonly blocks: BlockCache;
  private readonly decodedBlocks: DecodedBlockCache;
  private readonly versions: FileVersions;
  private readonly tiles: TileCache;
  private readonly redis?: RedisTileStore;
  private readonly planner: SamplingPlanner;

  constructor(private readonly options: LargeImageEngineOptions) {
    this.sources = new SourceCache(options.sourceCacheSize, options.sourceCacheBytes, (raster) => raster.headerBytes);
    this.blocks = new BlockCache(options.blockSize, options.blockCacheBytes);
    this.decodedBlocks = new DecodedBlockCache(options.decodedBlockCacheBytes);
    this.versions = new FileVersions(options.storages, options.versionCheckIntervalMs);
    this.planner = new SamplingPlanner(options.samplingThreads);
    codecThreads.configure(options.codecThreads);
    const { redisUrl } = options.tileCache;
    this.redis = redisUrl ? new RedisTileStore({ url: redisUrl, keyPrefix: options.tileCache.redisKeyPrefix, ttlSeconds: options.tileCache.redisTtlSeconds }) : undefined;
    const memory = new MemoryTileStore(options.tileCache.memoryBytes);
    this.tiles = new TileCache(memory, this.redis);
    // Purges made by other processes also drop this process's memory copies and opened sources.
    void this.redis?.onPurge((prefix) => {
      void memory.purge(prefix);
      this.forget(prefix.replace(/@$/, ''));
    });
  }

  /**
   * The file behind a reference and its current version (S3 ETag, or size and mtime), checked on every call
   * unless `versionCheckIntervalMs` allows reusing a recent answer.
   */
  resolve(reference: string): Promise<StoredFile> {
    return this.versions.resolve(reference);
  }

  /** Opens (or reuses) the image behind a file reference; the file's version is part of the cache key. */
  async open(file: StoredFile | string): Promise<RasterSource> {
    const stored = typeof file === 'string' ? await this.resolve(file) : file;
    return this.sources.get(stored.fileKey, () => this.openWithOverviews(stored));
  }

  /**
   * The image, with GDAL's external overviews (`<key>.ovr` beside it) when it has a single frame and no
   * internal overviews, as GDAL reads it. The .ovr's version is then part of the file's (see
   * FileVersions.externalOverviewsOf), so a change to it is seen as a change of the file.
   */
  private async openWithOverviews(stored: StoredFile): Promise<RasterSource> {
    const { headerPrefetchBytes } = this.options;
    const raster = await openRaster(stored.fileKey, this.bytes(stored), this.decodedBlocks, headerPrefetchBytes);
    if (raster.frames.length > 1 || raster.levels.length > 1) return raster;
    const info = await this.versions.externalOverviewsOf(stored);
    if (!info) return raster;
    const identity = `${stored.identity}.ovr`;
    const overviews = this.bytes({ ...stored, key: `${stored.key}.ovr`, size: info.size, identity, version: info.version, fileKey: `${identity}@${info.version}` });
    await addExternalOverviews(raster, overviews, this.decodedBlocks, headerPrefetchBytes).catch((error: unknown) => {
      // Not a TIFF, or gone since: served without it, under a version that says which .ovr it was.
      if (!(error instanceof UnreadableImageError || error instanceof NotFoundError)) throw error;
    });
    return raster;
  }

  /** The raw bytes of a file, through the block cache. */
  bytes(file: StoredFile): BlockSource {
    return new BlockSource(file.storage, file.key, file.fileKey, file.size, this.blocks);
  }

  /** A rendered answer from the tile cache (memory, then Redis), rendering it once when missing. */
  cached(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    return this.tiles.getOrRender(key, render);
  }

  /**
   * Forgets everything cached about one file, in this process, in Redis and (through Redis) in every other
   * process: opened source, rendered tiles, remembered version; or, with scope `tiles`, only the rendered
   * answers (their sources stay open, as after a change of colormaps).
   */
  async purge(reference: string, scope: 'all' | 'tiles' = 'all'): Promise<void> {
    const identity = this.versions.identityOf(reference);
    if (scope === 'all') this.forget(identity);
    await this.tiles.purge(`${identity}@`);
  }

  /** What the in-memory caches hold, in bytes (and opened sources, in number). */
  cacheSizes(): Record<string, number> {
    return {
      tileBytes: this.tiles.memory.bytes,
      fileBlockBytes: this.blocks.bytes,
      decodedBlockBytes: this.decodedBlocks.bytes,
      sourceHeaderBytes: this.sources.bytes,
      openSources: this.sources.count,
    };
  }

  /** Closes Redis connections, S3 clients, open files and the sampling threads. */
  async close(): Promise<void> {
    await Promise.all([this.redis?.close(), this.options.storages.close(), this.planner.close()]);
  }

  private forget(identity: string): void {
    this.versions.forget(identity);
    this.sources.purge(`${identity}@`);
  }

  pyramid(raster: RasterSource, projection?: string): Pyramid {
    return pyramidFor(raster, projection, this.options.tileSize);
  }

  metadata(raster: RasterSource, projection?: string): ImageMetadata {
    return buildMetadata(raster, this.pyramid(raster, projection));
  }

  /** Native values of one tile (before styling); all transparent when the tile lies outside the image. */
  async tileRaster(raster: RasterSource, request: Omit<TileRequest, 'format'>): Promise<Raster> {
    const { z, x, y } = request;
    const pyramid = this.pyramid(raster, request.projection);
    assertTileInPyramid(raster, pyramid, z, x, y);
    return this.sampler(raster, request.frame)(tileGrid(raster, pyramid, z, x, y));
  }

  async renderTile(raster: RasterSource, request: TileRequest): Promise<EncodedImage> {
    const mimeType = mimeTypeOf(request.format);
    const pyramid = this.pyramid(raster, request.projection);
    assertTileInPyramid(raster, pyramid, request.z, request.x, request.y);
    const grid = tileGrid(raster, pyramid, request.z, request.x, request.y);
    if (mimeType === 'image/jpeg' && !request.style) {
      const stored = await storedJpegTile(raster, grid, request.frame);
      if (stored) return { body: stored, mimeType };
    }
    const rgba = await this.renderer(raster, request)(grid);
    const body = await encodeRgba(rgba, grid.width, grid.height, request.format, this.options.encoding);
    releaseRgba(rgba);
    return { body, mimeType };
  }

  /** [xmin, xmax, ymin, ymax] of a tile: EPSG:3857 metres, or base pixels counted from the bottom. */
  corners(raster: RasterSource, request: { z: number; x: number; y: number; projection?: string }) {
    const pyramid = this.pyramid(raster, request.projection);
    assertTileInPyramid(raster, pyramid, request.z, request.x, request.y);
    return tileCorners(raster, pyramid, request.z, request.x, request.y);
  }

  thumbnail(raster: RasterSource, request: ThumbnailRequest & RenderOptions): Promise<EncodedImage> {
    return renderThumbnail(raster, this.pyramid(raster, request.projection), request, this.renderer(raster, request), this.options.encoding, this.options.limits.maxImagePixels);
  }

  region(raster: RasterSource, request: Omit<RegionRequest, 'styled'> & RenderOptions): Promise<EncodedImage | StreamedGeoTiff> {
    const pyramid = this.pyramid(raster, request.projection);
    const output = { render: this.renderer(raster, request), sample: this.sampler(raster, request.frame) };
    return renderRegion(raster, pyramid, { ...request, styled: Boolean(request.style) }, output, this.options.limits, this.options.encoding);
  }

  pixel(raster: RasterSource, request: PixelRequest & RenderOptions): Promise<PixelValue> {
    return readPixel(raster, this.pyramid(raster, request.projection), request, this.sampler(raster, request.frame), this.styler(raster, request));
  }

  histogram(raster: RasterSource, request: Omit<HistogramRequest, 'maxPixels'>): Promise<HistogramResult> {
    return computeHistogram(raster, { ...request, maxPixels: this.options.limits.statisticsMaxPixels });
  }

  bands(raster: RasterSource, frame = 0): Promise<Record<number, BandInformation>> {
    return bandInformation(raster, frame, this.options.limits.statisticsMaxPixels);
  }

  /** django-large-image's frames listing: for each frame, its bands by interpretation. */
  frames(raster: RasterSource): { frames: Array<{ frame: string; bands: Array<{ index: number; frame: number | null; name: string }> }> } {
    const names = bandInterpretations(raster);
    const single = raster.frames.length === 1;
    return {
      frames: raster.frames.map((_, frame) => ({
        frame: single ? 'Frame null' : `Frame ${frame}`,
        bands: names.map((name, band) => ({ index: band + 1, frame: single ? null : frame, name })),
      })),
    };
  }

  /** TIFF/GeoTIFF internals plus django-large-image's geospatial, bounds and frames. */
  async internalMetadata(raster: RasterSource) {
    const metadata = this.metadata(raster);
    const geospatial = Boolean(raster.crs && raster.geoTransform);
    return {
      ...(await internalMetadata(raster)),
      geospatial,
      ...(geospatial && { bounds: metadata.bounds }),
      frames: metadata.frames,
    };
  }

  /** The file's IFDs as tifftools dumps them; it only needs to be a TIFF, not an image we can render. */
  async tiffDump(file: StoredFile): Promise<TiffDump> {
    const source = this.bytes(file);
    return tiffDump((offset, length) => source.read(offset, length), source.fileSize);
  }

  /** RGBA of output grids under a request's style (see gridRenderer). */
  renderer(raster: RasterSource, options: RenderOptions): GridRenderer {
    return gridRenderer(this.planner, raster, options.frame, Boolean(options.style), this.styler(raster, options));
  }

  /** Native values of one frame on output grids. */
  sampler(raster: RasterSource, frame?: number): GridSampler {
    return (grid) => sampleGrid(this.planner, raster, grid, frame);
  }

  /**
   * The style of a request (its own, or the image's default) as a function from native values on a grid to
   * RGBA. Other frames a style reads are sampled on the same grid, and display ranges come from each
   * frame's approximate statistics.
   */
  styler(raster: RasterSource, options: RenderOptions): Styler {
    const interpretations = bandInterpretations(raster);
    const currentFrame = options.frame ?? 0;
    return async (values: Raster, grid: OutputGrid) => {
      const colortable = await this.colortable(raster);
      const spec = options.style ?? defaultStyleSpec({ interpretations, colortable: () => colortable });
      const frames = new Map<number, Raster>([[currentFrame, values]]);
      const ranges = new Map<number, Array<[number, number]>>();
      const histograms = new Map<number, BandHistogram[]>();
      const thresholds = usesThresholds(spec);
      for (const entry of spec.bands) {
        const frame = entry.frame ?? currentFrame + (entry.framedelta ?? 0);
        if (frame < 0 || frame >= raster.frames.length) continue;
        if (!frames.has(frame)) frames.set(frame, await this.sampler(raster, frame)(grid));
        if (!ranges.has(frame)) ranges.set(frame, await bandRanges(raster, frame));
        if (thresholds && !histograms.has(frame)) histograms.set(frame, await styleHistograms(raster, frame, this.options.limits.statisticsMaxPixels));
      }
      return applyStyle(spec, {
        width: values.width,
        height: values.height,
        frame: (index) => frames.get(index)!,
        currentFrame,
        frameCount: raster.frames.length,
        dtype: raster.dtype,
        bandCount: raster.bandCount,
        interpretations,
        nodata: raster.nodata,
        range: (band, frame) => ranges.get(frame)?.[band] ?? [0, 255],
        histogram: (band, frame) => histograms.get(frame)![band],
        colortable: () => colortable,
      });
    };
  }

  private colortable(raster: RasterSource) {
    return bandInterpretations(raster)[0] === 'palette' ? colorTable(raster) : Promise.resolve(undefined);
  }
}
