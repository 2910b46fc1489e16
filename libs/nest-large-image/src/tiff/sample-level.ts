import type { RasterLevel, RasterSource } from './raster-source';
import { visitPlanBlocks } from './plan-blocks';
import type { SamplePlan } from './sample-plan';

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

/** Nearest-neighbour sampling of `level` by a plan from gridSampling; pixels it leaves out have alpha 0. */
export async function sampleLevel(
  raster: RasterSource,
  level: RasterLevel,
  plan: SamplePlan,
  width: number,
  height: number,
): Promise<Raster> {
  const bands = raster.bandCount;
  const pixels = width * height;
  const { slotOf, offsetOf } = plan;
  const values = new Float64Array(pixels * bands);
  const alpha = new Uint8Array(pixels);
  const { nodata, alphaBand } = raster;
  await visitPlanBlocks(level, plan, ({ datas, samples, masks, first, end }) => {
    for (let i = 0; i < pixels; i++) {
      const slot = slotOf[i];
      if (slot < first || slot >= end) continue;
      const inBlock = offsetOf[i];
      const data = datas[slot];
      const start = inBlock * samples[slot];
      const out = i * bands;
      // Values are kept even where the pixel is not valid: data outputs (GeoTIFF regions) carry them as GDAL does.
      let allMissing = true;
      for (let band = 0; band < bands; band++) {
        const value = data[start + band];
        values[out + band] = value;
        if (band !== alphaBand && value === value && value !== nodata) allMissing = false;
      }
      const mask = masks[slot];
      if (allMissing || (mask !== undefined && mask[inBlock] === 0)) continue;
      alpha[i] = alphaBand === null ? 255 : Math.max(0, Math.min(255, values[out + alphaBand]));
    }
  });
  return { width, height, bands, values, alpha };
}
