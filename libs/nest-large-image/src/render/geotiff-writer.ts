import type { FileHandle } from 'fs/promises';
import { geoTiffEntries, maskEntries, TileIndex } from './geotiff-tags';
import { createTempFile, GeoTiffFile, removeTempFile, streamAndDelete, writeFully } from './geotiff-temp-file';
import { cutTile, encodeTile } from './geotiff-tiles';
import { GeoTiffLayout, GeoTiffWriterOptions, maskLayout, resolveLayout } from './geotiff-writer-options';
import { GeoTiffWriterError } from './geotiff-writer.errors';
import { encodeHeader, encodeIfd, fitsClassicTiff, ifdByteLength, RESERVED_HEADER_BYTES, TiffEntry, wordAligned } from './tiff-encoding';
import type { PixelValues } from './tiff-sample-types';

// The writer's whole API, from this one module.
export type { GeoTiffFile } from './geotiff-temp-file';
export type { GeoTiffGeoreference, GeoTiffWriterOptions } from './geotiff-writer-options';
export { GeoTiffWriterError } from './geotiff-writer.errors';
export type { PixelValues } from './tiff-sample-types';

/** libuv's default thread pool size: more tiles compressing at once would only wait in its queue. */
const MAX_TILES_IN_FLIGHT = 4;

/** One row of tiles the writer expects: image rows [y0, y0 + rows). */
export interface TileRowWindow {
  y0: number;
  rows: number;
}

/**
 * Builds a tiled, compressed (Geo)TIFF in a temporary file from rows of tiles given top to bottom, so a
 * large image never has to be in memory at once: memory is one row of tiles plus a few tiles being
 * compressed. The tiles go first, the IFD last (with the header patched to point at it), which is what
 * lets BigTIFF be chosen from the real size. Any failure deletes the temporary file.
 *
 * ```ts
 * const writer = await GeoTiffWriter.create({ width, height, bands: 3, dtype: 'uint8', geo });
 * try {
 *   for (const { y0, rows } of writer.tileRows()) await writer.writeTileRow(y0, await readRows(y0, rows));
 *   const { stream, size } = await writer.finish();
 *   response.setHeader('Content-Length', size);
 *   stream.pipe(response);
 * } catch (error) {
 *   await writer.abort();
 *   throw error;
 * }
 * ```
 */
export class GeoTiffWriter {
  private state: 'open' | 'busy' | 'finished' | 'aborted' = 'open';
  private nextRow = 0;
  private fileEnd = RESERVED_HEADER_BYTES;
  private readonly tiles: TileIndex = { offsets: [], byteCounts: [] };
  /** Where the mask's tiles went, when the layout has a mask. */
  private readonly maskTiles: TileIndex = { offsets: [], byteCounts: [] };
  private readonly maskLayout: GeoTiffLayout;
  /** Tiles being compressed, in the order they are written: a row's image tiles, then its mask tiles. */
  private readonly inFlight: Array<{ index: number; into: TileIndex; bytes: Promise<Uint8Array> }> = [];

  private constructor(
    private readonly layout: GeoTiffLayout,
    private readonly path: string,
    private readonly handle: FileHandle,
  ) {
    this.maskLayout = maskLayout(layout);
  }

  static async create(options: GeoTiffWriterOptions): Promise<GeoTiffWriter> {
    const layout = resolveLayout(options);
    const { path, handle } = await createTempFile(layout.directory);
    const writer = new GeoTiffWriter(layout, path, handle);
    // The header is written at the end, once the IFD's place and the TIFF flavour are known.
    await writer.exclusively(() => writeFully(handle, new Uint8Array(RESERVED_HEADER_BYTES), 0));
    return writer;
  }

  /** The rows of tiles `writeTileRow` expects, in order (the last one shorter when the height is not a multiple). */
  tileRows(): TileRowWindow[] {
    const { height, tileSize, tilesDown } = this.layout;
    return Array.from({ length: tilesDown }, (_, i) => ({ y0: i * tileSize, rows: Math.min(tileSize, height - i * tileSize) }));
  }

  /**
   * Adds image rows [y0, y0 + tileSize) (fewer for the last row of tiles), pixel-interleaved, full width:
   * `width * rows * bands` values, and, when the layout has a mask, `width * rows` mask values (0 no data,
   * 255 data). Rows must come top to bottom, one call at a time; both are copied before this resolves, so
   * the caller may reuse them.
   */
  async writeTileRow(y0: number, values: PixelValues, mask?: Uint8Array): Promise<void> {
    await this.exclusively(async () => {
      const { width, height, bands, tileSize, tilesAcross } = this.layout;
      if (y0 !== this.nextRow) throw new GeoTiffWriterError(`Expected the row of tiles at y=${this.nextRow}, got y=${y0}`);
      if (y0 >= height) throw new GeoTiffWriterError(`All ${height} rows are already written`);
      const rows = Math.min(tileSize, height - y0);
      if (values.length !== width * rows * bands) {
        throw new GeoTiffWriterError(`Rows ${y0}-${y0 + rows - 1} need ${width * rows * bands} values, got ${values.length}`);
      }
      if (this.layout.mask !== (mask !== undefined) || (mask && mask.length !== width * rows)) {
        throw new GeoTiffWriterError(this.layout.mask ? `Rows ${y0}-${y0 + rows - 1} need ${width * rows} mask values` : 'This GeoTIFF has no mask');
      }
      const firstTile = (y0 / tileSize) * tilesAcross;
      for (let column = 0; column < tilesAcross; column++) {
        await this.enqueue(firstTile + column, this.tiles, encodeTile(this.layout, cutTile(this.layout, values, rows, column)));
      }
      for (let column = 0; mask && column < tilesAcross; column++) {
        await this.enqueue(firstTile + column, this.maskTiles, encodeTile(this.maskLayout, cutTile(this.maskLayout, mask, rows, column)));
      }
      this.nextRow = y0 + rows;
    });
  }

  /** Writes the remaining tiles and the IFD, and hands the file over to a stream that deletes it when closed. */
  async finish(): Promise<GeoTiffFile> {
    return this.exclusively(async () => {
      if (this.nextRow !== this.layout.height) {
        throw new GeoTiffWriterError(`Only ${this.nextRow} of ${this.layout.height} rows were written`);
      }
      while (this.inFlight.length > 0) await this.writeOldestTile();
      const ifdOffset = wordAligned(this.fileEnd);
      const bigTiff = this.layout.forceBigTiff || !fitsClassicTiff(this.ifds(ifdOffset, false).end);
      const { image, mask, end } = this.ifds(ifdOffset, bigTiff);
      await writeFully(this.handle, encodeIfd(image, ifdOffset, bigTiff, mask?.offset ?? 0), ifdOffset);
      if (mask) await writeFully(this.handle, encodeIfd(mask.entries, mask.offset, bigTiff), mask.offset);
      await writeFully(this.handle, encodeHeader(bigTiff, ifdOffset), 0);
      await this.handle.close();
      if (this.state !== 'busy') throw new GeoTiffWriterError('The GeoTIFF writer was aborted while finishing');
      this.state = 'finished';
      return streamAndDelete(this.path, end);
    });
  }

  /** Gives up: closes and deletes the temporary file. Safe to call more than once; does nothing after `finish`. */
  async abort(): Promise<void> {
    if (this.state === 'finished' || this.state === 'aborted') return;
    this.state = 'aborted';
    this.inFlight.length = 0;
    // Already closed (abort during finish) or not closable: the file is removed either way.
    await this.handle.close().catch(() => undefined);
    await removeTempFile(this.path);
  }

  /** Runs one operation at a time; any failure aborts, since a half-written TIFF is of no use. */
  private async exclusively<T>(operation: () => Promise<T>): Promise<T> {
    if (this.state === 'busy') throw new GeoTiffWriterError('The GeoTIFF writer is busy: await each call before the next');
    if (this.state !== 'open') throw new GeoTiffWriterError(`The GeoTIFF writer is already ${this.state}: start a new one`);
    this.state = 'busy';
    try {
      return await operation();
    } catch (error) {
      await this.abort();
      throw error;
    } finally {
      if (this.state === 'busy') this.state = 'open';
    }
  }

  /**
   * The IFDs that end the file: the image's at `ifdOffset`, then, when there is a mask, the mask's (which the
   * image's points to); and where the file ends.
   */
  private ifds(ifdOffset: number, bigTiff: boolean): { image: TiffEntry[]; mask?: { entries: TiffEntry[]; offset: number }; end: number } {
    const image = geoTiffEntries(this.layout, this.tiles, bigTiff);
    const imageEnd = ifdOffset + ifdByteLength(image, bigTiff);
    if (!this.layout.mask) return { image, end: imageEnd };
    const mask = { entries: maskEntries(this.maskLayout, this.maskTiles, bigTiff), offset: wordAligned(imageEnd) };
    return { image, mask, end: mask.offset + ifdByteLength(mask.entries, bigTiff) };
  }

  private async enqueue(index: number, into: TileIndex, bytes: Promise<Uint8Array>): Promise<void> {
    // A compression failure is raised when that tile's turn to be written comes; until then it must not
    // count as an unhandled rejection.
    bytes.catch(() => undefined);
    this.inFlight.push({ index, into, bytes });
    if (this.inFlight.length >= MAX_TILES_IN_FLIGHT) await this.writeOldestTile();
  }

  private async writeOldestTile(): Promise<void> {
    const { index, into, bytes } = this.inFlight.shift()!;
    const data = await bytes;
    await writeFully(this.handle, data, this.fileEnd);
    into.offsets[index] = this.fileEnd;
    into.byteCounts[index] = data.length;
    this.fileEnd += data.length;
  }
}
