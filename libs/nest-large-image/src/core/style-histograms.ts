import type { BandHistogram } from '../render/apply-style';
import type { StyleSpec } from '../render/style-spec';
import type { RasterSource } from '../tiff/raster-source';
import { BandHistogram as ComputedHistogram, computeHistogram } from './histogram';

/** large_image's `_scanForMinMax` for thresholds: 256 bins over a level about 1024 pixels across. */
const ANALYSIS_SIZE = 1024;
const BINS = 256;

const cache = new WeakMap<RasterSource, Map<number, Promise<BandHistogram[]>>>();

/** True when a style has a limit such as `min:0.02` or `auto:0.1`, which needs the band's histogram. */
export function usesThresholds(spec: StyleSpec): boolean {
  return spec.bands.some((entry) => [entry.min, entry.max].some((limit) => typeof limit === 'string' && limit.includes(':')));
}

/**
 * Per-band histograms of a frame for style thresholds, computed once per opened source and frame (a failed
 * scan is not remembered), reading at most about `maxPixels` pixels (see computeHistogram). Bands without
 * valid pixels get an empty histogram over [0, 1).
 */
export function styleHistograms(raster: RasterSource, frame: number, maxPixels: number): Promise<BandHistogram[]> {
  let byFrame = cache.get(raster);
  if (!byFrame) cache.set(raster, (byFrame = new Map()));
  let histograms = byFrame.get(frame);
  if (!histograms) {
    histograms = computeHistogram(raster, { frame, bins: BINS, density: false, onlyMinMax: false, analysisSize: ANALYSIS_SIZE, maxPixels }).then((result) =>
      (result as ComputedHistogram[]).map((band) => ({ hist: band.hist, binEdges: band.bin_edges, min: band.min ?? 0, max: band.max ?? 0 })),
    );
    byFrame.set(frame, histograms);
    histograms.catch(() => byFrame!.delete(frame));
  }
  return histograms;
}
