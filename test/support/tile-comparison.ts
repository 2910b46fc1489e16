import { promises as fs } from 'node:fs';
import { fromArrayBuffer } from 'geotiff';

/** A decoded image: `bands` colour/value bands plus an alpha plane. */
export interface DecodedTile {
  width: number;
  height: number;
  bands: number;
  values: ArrayLike<number>;
  alpha: ArrayLike<number>;
}

/** Reads a gdalwarp reference tile (value bands + the alpha band -dstalpha adds). */
export async function readReferenceTile(file: string): Promise<DecodedTile> {
  const bytes = await fs.readFile(file);
  const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const image = await tiff.getImage();
  const rasters = (await image.readRasters()) as unknown as ArrayLike<number>[];
  const bands = rasters.length - 1;
  const width = image.getWidth();
  const height = image.getHeight();
  const values = new Float64Array(width * height * bands);
  for (let i = 0; i < width * height; i++) for (let b = 0; b < bands; b++) values[i * bands + b] = rasters[b][i];
  return { width, height, bands, values, alpha: rasters[bands] };
}

export interface Comparison {
  total: number;
  equal: number;
  /**
   * Mismatching pixels that are neither next to a transparent reference pixel (the image edge) nor
   * sampled within GDAL's 0.125-pixel approximation error of a source pixel edge.
   */
  unexplainedMismatches: number;
}

/** GDAL's warp error threshold (gdalwarp -et default), in source pixels. */
const GDAL_APPROXIMATION_ERROR = 0.125;

/**
 * True when a sampling coordinate lies so close to a source pixel edge that GDAL's approximate
 * transformer, which may place it up to 0.125 pixel away, could have rounded it the other way.
 */
export function onSourcePixelEdge(coords: Float64Array, i: number): boolean {
  const near = (value: number) => Math.abs(value - Math.round(value)) <= GDAL_APPROXIMATION_ERROR;
  return near(coords[2 * i]) || near(coords[2 * i + 1]);
}

/**
 * Pixel-for-pixel comparison: a pixel agrees when both are transparent, or both are opaque with equal values.
 * `ours.values` may have more bands than the reference (e.g. RGBA vs RGB): only the first `reference.bands` count.
 */
export function compareTiles(
  ours: DecodedTile,
  reference: DecodedTile,
  options: { valueAt?: (tile: DecodedTile, i: number, b: number) => number; onPixelEdge?: (i: number) => boolean } = {},
): Comparison {
  const valueAt = options.valueAt ?? ((tile: DecodedTile, i: number, b: number) => tile.values[i * tile.bands + b]);
  const onPixelEdge = options.onPixelEdge ?? (() => false);
  const { width, height } = reference;
  let equal = 0;
  let unexplainedMismatches = 0;
  for (let i = 0; i < width * height; i++) {
    const ourEmpty = ours.alpha[i] === 0;
    const refEmpty = reference.alpha[i] === 0;
    let same = ourEmpty === refEmpty;
    for (let b = 0; same && !refEmpty && b < reference.bands; b++) {
      const a = valueAt(ours, i, b);
      const r = valueAt(reference, i, b);
      same = a === r || (Number.isNaN(a) && Number.isNaN(r));
    }
    if (same) equal++;
    else if (!nearTransparent(reference, i % width, Math.floor(i / width)) && !onPixelEdge(i)) unexplainedMismatches++;
  }
  return { total: width * height, equal, unexplainedMismatches };
}

function nearTransparent(tile: DecodedTile, x: number, y: number): boolean {
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const nx = x + dx;
      const ny = y + dy;
      if (nx < 0 || ny < 0 || nx >= tile.width || ny >= tile.height) continue;
      if (tile.alpha[ny * tile.width + nx] === 0) return true;
    }
  }
  return false;
}
