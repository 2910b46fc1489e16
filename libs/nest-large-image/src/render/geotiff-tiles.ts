import { promisify } from 'util';
import { deflate } from 'zlib';
import type { GeoTiffLayout } from './geotiff-writer-options';
import { predictedTileBytes } from './tiff-predictor';
import type { PixelValues } from './tiff-sample-types';

// zlib's async API compresses on the libuv thread pool, off the event loop.
const deflateAsync = promisify(deflate);

/**
 * Tile `column` of a row of tiles, in the file's sample type: `values` holds `rows` full image rows,
 * pixel-interleaved. TIFF tiles are always full size, so edge tiles are padded with zeros. Values are
 * converted as typed arrays convert (floats truncated and wrapped into integer types): they should
 * already be in the dtype's range.
 */
export function cutTile(layout: GeoTiffLayout, values: PixelValues, rows: number, column: number): PixelValues {
  const { width, bands, tileSize, sample } = layout;
  const tile = new sample.array(tileSize * tileSize * bands);
  const x0 = column * tileSize;
  const rowSamples = Math.min(tileSize, width - x0) * bands;
  for (let row = 0; row < rows; row++) {
    const from = (row * width + x0) * bands;
    tile.set(values.subarray(from, from + rowSamples), row * tileSize * bands);
  }
  return tile;
}

/** The bytes stored in the file for one tile: predictor applied, then deflated. Consumes `tile`. */
export async function encodeTile(layout: GeoTiffLayout, tile: PixelValues): Promise<Uint8Array> {
  const bytes = predictedTileBytes(tile, layout.predictor, layout.tileSize, layout.bands);
  return layout.compression === 'deflate' ? deflateAsync(bytes) : bytes;
}
