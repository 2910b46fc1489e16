import type { RasterLevel, RasterSource } from './raster-source';
import { readBlock } from './read-block';

/**
 * Per-band [min, max] used to stretch non-uint8 data for display. GDAL's own statistics in the file
 * (STATISTICS_MINIMUM/MAXIMUM) win; otherwise we scan the smallest overview, skipping nodata, NaN and
 * masked pixels, as `gdalinfo -approx_stats` does.
 */
export async function computeBandRanges(raster: RasterSource): Promise<Array<[number, number]>> {
  const fromFile = await statisticsFromFile(raster);
  if (fromFile) return fromFile;
  return scanLevel(raster, raster.levels[raster.levels.length - 1]);
}

async function statisticsFromFile(raster: RasterSource): Promise<Array<[number, number]> | undefined> {
  const image = raster.levels[0].image;
  const ranges: Array<[number, number]> = [];
  for (let band = 0; band < raster.bandCount; band++) {
    const metadata = (await image.getGDALMetadata(band).catch(() => null)) as Record<string, string> | null;
    const min = Number(metadata?.STATISTICS_MINIMUM);
    const max = Number(metadata?.STATISTICS_MAXIMUM);
    if (!Number.isFinite(min) || !Number.isFinite(max)) return undefined;
    ranges.push([min, max]);
  }
  return ranges;
}

/** Files without overviews would make the scan read the whole image: beyond this, sample a grid of blocks. */
const MAX_SCANNED_BLOCKS = 64;

async function scanLevel(raster: RasterSource, level: RasterLevel): Promise<Array<[number, number]>> {
  const bands = raster.bandCount;
  const min = new Array<number>(bands).fill(Infinity);
  const max = new Array<number>(bands).fill(-Infinity);
  const tilesX = Math.ceil(level.width / level.tileWidth);
  const tilesY = Math.ceil(level.height / level.tileHeight);
  const step = Math.max(1, Math.ceil(Math.sqrt((tilesX * tilesY) / MAX_SCANNED_BLOCKS)));
  for (let ty = 0; ty < tilesY; ty += step) {
    for (let tx = 0; tx < tilesX; tx += step) {
      const [block, mask] = await Promise.all([
        readBlock(level.image, tx, ty),
        level.mask ? readBlock(level.mask, tx, ty) : undefined,
      ]);
      const rows = Math.min(block.height, level.height - ty * level.tileHeight);
      const cols = Math.min(block.width, level.width - tx * level.tileWidth);
      for (let row = 0; row < rows; row++) {
        for (let col = 0; col < cols; col++) {
          const pixel = row * block.width + col;
          if (mask && mask.data[pixel] === 0) continue;
          for (let band = 0; band < bands; band++) {
            const value = block.data[pixel * bands + band];
            if (Number.isNaN(value) || value === raster.nodata) continue;
            if (value < min[band]) min[band] = value;
            if (value > max[band]) max[band] = value;
          }
        }
      }
    }
  }
  return min.map((low, band) => (low <= max[band] ? [low, max[band]] : [0, 0]));
}
