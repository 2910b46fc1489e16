import type { RasterLevel, RasterSource } from '../tiff/raster-source';
import { BandStatistics, NumpyHistogram } from './band-statistics';
import { BlockSteps, scanBlocks, validity } from './block-scan';

/**
 * Calls `onBand(band, values, count)` with the valid values of each band of each block of `level` (of a
 * grid of them: see BlockSteps).
 */
async function scanValidValues(
  raster: RasterSource,
  level: RasterLevel,
  steps: BlockSteps,
  onBand: (band: number, values: Float64Array, count: number) => void,
): Promise<void> {
  const isValid = validity(raster);
  let buffer = new Float64Array(0);
  await scanBlocks(level, (view) => {
    if (buffer.length < view.rows * view.cols) buffer = new Float64Array(view.rows * view.cols);
    for (let band = 0; band < raster.bandCount; band++) {
      let count = 0;
      for (let row = 0; row < view.rows; row++) {
        for (let col = 0, pixel = row * view.stride; col < view.cols; col++, pixel++) {
          if (isValid(view, pixel, band)) buffer[count++] = view.data[pixel * view.samples + band];
        }
      }
      onBand(band, buffer, count);
    }
  }, steps);
}

/**
 * Exact min, max, mean and standard deviation of every band over the valid pixels of `level` (of the
 * blocks of `steps`).
 */
export async function levelStatistics(raster: RasterSource, level: RasterLevel, steps: BlockSteps = [1, 1]): Promise<BandStatistics[]> {
  const statistics = Array.from({ length: raster.bandCount }, () => new BandStatistics());
  await scanValidValues(raster, level, steps, (band, values, count) => statistics[band].addBlock(values, count));
  return statistics;
}

/** numpy.histogram of every band's valid values over `level` (as levelStatistics), with per-band bins and ranges. */
export async function levelHistograms(
  raster: RasterSource,
  level: RasterLevel,
  bins: number,
  ranges: Array<[number, number]>,
  steps: BlockSteps = [1, 1],
): Promise<NumpyHistogram[]> {
  const histograms = ranges.map(([first, last]) => new NumpyHistogram(bins, first, last));
  await scanValidValues(raster, level, steps, (band, values, count) => histograms[band].add(values, count));
  return histograms;
}
