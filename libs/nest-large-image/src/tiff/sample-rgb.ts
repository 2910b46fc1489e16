import type { RasterLevel } from './raster-source';
import { SamplePlan, readPlanBlocks } from './sample-plan';

/**
 * Nearest-neighbour sampling of an 8-bit RGB level straight into RGBA bytes: the image's default style is
 * the identity for such data (see identityRgb in core/render-grid.ts), so the values need no Float64 copy
 * and no styling pass, the bulk of the work for the most common COGs (JPEG RGB, with or without a mask).
 * `plan` comes from gridSampling; pixels it leaves out, and masked ones, are transparent.
 */
export async function sampleRgbToRgba(level: RasterLevel, plan: SamplePlan, width: number, height: number): Promise<Buffer> {
  const pixels = width * height;
  const { slotOf, offsetOf } = plan;
  const { datas, samples, masks } = await readPlanBlocks(level, plan);
  const rgba = Buffer.alloc(pixels * 4);
  for (let i = 0; i < pixels; i++) {
    const slot = slotOf[i];
    if (slot < 0) continue;
    const inBlock = offsetOf[i];
    const mask = masks[slot];
    if (mask !== undefined && mask[inBlock] === 0) continue;
    const data = datas[slot];
    const start = inBlock * samples[slot];
    const out = 4 * i;
    rgba[out] = data[start];
    rgba[out + 1] = data[start + 1];
    rgba[out + 2] = data[start + 2];
    rgba[out + 3] = 255;
  }
  return rgba;
}
