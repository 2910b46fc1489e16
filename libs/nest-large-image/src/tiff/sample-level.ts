import type { RasterLevel, RasterSource } from './raster-source';
import { DecodedBlock, readBlock } from './read-block';

/** A window of native values, pixel-interleaved, with a validity (alpha) plane. */
export interface Raster {
  width: number;
  height: number;
  bands: number;
  /** width * height * bands native values (Float64 so every TIFF sample type fits exactly); 0 outside the image. */
  values: Float64Array;
  /** 0 = no data (outside the image, nodata, masked); otherwise the alpha to show (255 when opaque). */
  alpha: Uint8Array;
}

/**
 * Nearest-neighbour sampling of `level` at fractional level-pixel coordinates (`coords[2i]`, `coords[2i+1]`),
 * reading only the internal blocks that some output pixel falls in. Pixel i takes the value of source pixel
 * floor(x), floor(y), as GDAL's nearest kernel does.
 */
export async function sampleLevel(
  raster: RasterSource,
  level: RasterLevel,
  coords: Float64Array,
  width: number,
  height: number,
): Promise<Raster> {
  const bands = raster.bandCount;
  const pixels = width * height;
  const blocksX = Math.ceil(level.width / level.tileWidth);
  const sourceIndex = new Int32Array(pixels).fill(-1);
  const needed = new Set<number>();
  for (let i = 0; i < pixels; i++) {
    const col = Math.floor(coords[2 * i] + 1e-10);
    const row = Math.floor(coords[2 * i + 1] + 1e-10);
    if (!(col >= 0 && row >= 0 && col < level.width && row < level.height)) continue;
    sourceIndex[i] = row * level.width + col;
    needed.add(Math.floor(row / level.tileHeight) * blocksX + Math.floor(col / level.tileWidth));
  }
  const blocks = new Map<number, [DecodedBlock, DecodedBlock | undefined]>();
  await Promise.all(
    [...needed].map(async (id) => {
      const tx = id % blocksX;
      const ty = Math.floor(id / blocksX);
      blocks.set(id, await Promise.all([readBlock(level.image, tx, ty), level.mask ? readBlock(level.mask, tx, ty) : undefined]));
    }),
  );

  const values = new Float64Array(pixels * bands);
  const alpha = new Uint8Array(pixels);
  const { nodata, alphaBand } = raster;
  for (let i = 0; i < pixels; i++) {
    const source = sourceIndex[i];
    if (source < 0) continue;
    const col = source % level.width;
    const row = (source - col) / level.width;
    const [block, mask] = blocks.get(Math.floor(row / level.tileHeight) * blocksX + Math.floor(col / level.tileWidth))!;
    const inBlock = (row % level.tileHeight) * block.width + (col % level.tileWidth);
    // Values are kept even where the pixel is not valid: data outputs (GeoTIFF regions) carry them as GDAL does.
    let allMissing = true;
    for (let band = 0; band < bands; band++) {
      const value = block.data[inBlock * block.samples + band];
      values[i * bands + band] = value;
      if (band !== alphaBand && value === value && value !== nodata) allMissing = false;
    }
    if (allMissing || (mask && mask.data[inBlock] === 0)) continue;
    alpha[i] = alphaBand === null ? 255 : Math.max(0, Math.min(255, values[i * bands + alphaBand]));
  }
  return { width, height, bands, values, alpha };
}
