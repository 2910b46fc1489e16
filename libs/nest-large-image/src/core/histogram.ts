import { BadParameterError } from '../errors/large-image.errors';
import type { RasterLevel, RasterSource } from '../tiff/raster-source';
import { blockStepsWithin } from './block-scan';
import { frameLevels } from './frame';
import { levelHistograms, levelStatistics } from './image-statistics';

export interface HistogramRequest {
  frame?: number;
  /** Number of bins (numpy's `bins`). */
  bins: number;
  /** Counts divided by the number of samples, as large_image's density does. */
  density: boolean;
  onlyMinMax: boolean;
  /** Histogram range for every band; large_image's [min, max + 1] per band when absent. */
  range?: [number, number];
  /** Read the coarsest level whose longer side is at least this many pixels instead of full resolution. */
  analysisSize?: number;
  /** Pixels a scan may read: past them, every n-th block of the level in each direction is read. */
  maxPixels: number;
}

/** Which pixels a histogram was computed from: level 0 is full resolution. */
export interface HistogramResolution {
  level: number;
  width: number;
  height: number;
  /** Present when the level exceeds the scan budget: every [across]-th block of every [down]-th row was read. */
  blockStep?: [number, number];
}

export interface BandHistogram extends HistogramResolution {
  min: number | null;
  max: number | null;
  mean: number | null;
  stdev: number | null;
  range: [number, number] | null;
  hist: number[];
  bin_edges: number[];
  bins: number;
  density: boolean;
  samples: number;
}

export type HistogramResult = BandHistogram[] | ({ min: Array<number | null>; max: Array<number | null>; mean: Array<number | null>; stdev: Array<number | null> } & HistogramResolution);

const MAX_BINS = 65536;

/**
 * large_image's histogram over every valid pixel (nodata, NaN, masked and transparent pixels excluded),
 * scanning the image block by block in bounded memory: a first pass for min, max, mean and stdev, a
 * second for numpy.histogram counts. A level of more than `maxPixels` pixels (a file without overviews)
 * is read a regular grid of blocks at a time, so that no request reads a whole huge image.
 */
export async function computeHistogram(raster: RasterSource, request: HistogramRequest): Promise<HistogramResult> {
  if (!Number.isInteger(request.bins) || request.bins < 1 || request.bins > MAX_BINS) {
    throw new BadParameterError(`bins must be an integer from 1 to ${MAX_BINS}`);
  }
  const levels = frameLevels(raster, request.frame);
  const levelIndex = analysisLevel(levels, request.analysisSize);
  const level = levels[levelIndex];
  const steps = blockStepsWithin(level, request.maxPixels);
  const resolution: HistogramResolution = { level: levelIndex, width: level.width, height: level.height, ...(steps[0] * steps[1] > 1 && { blockStep: steps }) };
  const statistics = (await levelStatistics(raster, level, steps)).map((band) => ({ ...band.summary(), samples: band.count }));
  if (request.onlyMinMax) {
    return {
      min: statistics.map((band) => band.min),
      max: statistics.map((band) => band.max),
      mean: statistics.map((band) => band.mean),
      stdev: statistics.map((band) => band.stdev),
      ...resolution,
    };
  }
  const ranges = statistics.map(({ min, max }) => request.range ?? ([min ?? 0, (max ?? 0) + 1] as [number, number]));
  const infinite = ranges.findIndex(([low, high]) => !Number.isFinite(low) || !Number.isFinite(high));
  if (infinite >= 0) {
    // numpy refuses an automatic range that is not finite, and so do we: the caller can give one.
    throw new BadParameterError(`Band ${infinite + 1} holds infinite values, so it has no automatic histogram range; give one with \`range\``);
  }
  const histograms = await levelHistograms(raster, level, request.bins, ranges, steps);
  return statistics.map((band, index) => {
    const { counts, edges } = histograms[index];
    const samples = counts.reduce((sum, count) => sum + count, 0);
    return {
      min: band.min,
      max: band.max,
      mean: band.mean,
      stdev: band.stdev,
      range: band.samples ? ranges[index] : null,
      hist: request.density && samples ? counts.map((count) => count / samples) : counts,
      bin_edges: edges,
      bins: request.bins,
      density: request.density,
      samples,
      ...resolution,
    };
  });
}

function analysisLevel(levels: RasterLevel[], analysisSize: number | undefined): number {
  if (analysisSize === undefined) return 0;
  let index = 0;
  while (index + 1 < levels.length && Math.max(levels[index + 1].width, levels[index + 1].height) >= analysisSize) index++;
  return index;
}
