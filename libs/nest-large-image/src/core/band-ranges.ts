import type { RasterSource } from '../tiff/raster-source';
import { blockStepsWithin, scanBlocks, validity } from './block-scan';
import { frameLevels } from './frame';

/** Blocks read at most to estimate ranges: files without overviews would otherwise be read whole. */
const MAX_SCANNED_BLOCKS = 64;

const cache = new WeakMap<RasterSource, Map<number, Promise<Array<[number, number]>>>>();

/**
 * Per-band [min, max] of a frame, as GDAL's approximate statistics give them, for `auto` display ranges:
 * GDAL's own STATISTICS_* in the file win; otherwise the smallest overview is scanned (a grid of its
 * blocks when it is large), skipping nodata, NaN, masked and transparent pixels. Computed once per source
 * and frame; a failed scan is not remembered.
 */
export function bandRanges(raster: RasterSource, frame = 0): Promise<Array<[number, number]>> {
  let byFrame = cache.get(raster);
  if (!byFrame) cache.set(raster, (byFrame = new Map()));
  let ranges = byFrame.get(frame);
  if (!ranges) {
    ranges = computeBandRanges(raster, frame);
    byFrame.set(frame, ranges);
    ranges.catch(() => byFrame!.delete(frame));
  }
  return ranges;
}

async function computeBandRanges(raster: RasterSource, frame: number): Promise<Array<[number, number]>> {
  if (frame === 0) {
    const fromFile = await statisticsFromFile(raster);
    if (fromFile) return fromFile;
  }
  const levels = frameLevels(raster, frame);
  const level = levels[levels.length - 1];
  const steps = blockStepsWithin(level, MAX_SCANNED_BLOCKS * level.tileWidth * level.tileHeight);
  const min = new Array<number>(raster.bandCount).fill(Infinity);
  const max = new Array<number>(raster.bandCount).fill(-Infinity);
  const isValid = validity(raster);
  await scanBlocks(
    level,
    (view) => {
      for (let row = 0; row < view.rows; row++) {
        for (let col = 0, pixel = row * view.stride; col < view.cols; col++, pixel++) {
          for (let band = 0; band < raster.bandCount; band++) {
            if (!isValid(view, pixel, band)) continue;
            const value = view.data[pixel * view.samples + band];
            // Infinities would make every finite value one end of the ramp: they are left out of the range.
            if (value === Infinity || value === -Infinity) continue;
            if (value < min[band]) min[band] = value;
            if (value > max[band]) max[band] = value;
          }
        }
      }
    },
    steps,
  );
  return min.map((low, band) => (low <= max[band] ? [low, max[band]] : [0, 0]));
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
