import { borrowRgba } from '../core/rgba-buffers';
import { LITTLE_ENDIAN } from '../render/tiff-encoding';
import type { RasterLevel } from './raster-source';
import { readPlanBlocks } from './plan-blocks';
import type { SamplePlan } from './sample-plan';

/**
 * Nearest-neighbour sampling of an 8-bit RGB level straight into RGBA bytes: the image's default style is
 * the identity for such data (see identityRgb in core/render-grid.ts), so the values need no Float64 copy
 * and no styling pass, the bulk of the work for the most common COGs (JPEG RGB, with or without a mask).
 * `plan` comes from gridSampling; pixels it leaves out, and masked ones, are transparent. The buffer is
 * borrowed (core/rgba-buffers.ts): release it once encoded.
 */
export async function sampleRgbToRgba(level: RasterLevel, plan: SamplePlan, width: number, height: number): Promise<Buffer> {
  const pixels = width * height;
  const { slotOf, offsetOf } = plan;
  const { datas, samples, masks } = await readPlanBlocks(level, plan);
  const rgba = borrowRgba(pixels);
  // One 32-bit store per pixel instead of four byte stores, with R first in memory in either byte order.
  const [shiftR, shiftG, shiftB, opaque] = LITTLE_ENDIAN ? [0, 8, 16, 0xff000000] : [24, 16, 8, 0xff];
  const words = new Uint32Array(rgba.buffer, rgba.byteOffset, pixels);
  for (let i = 0; i < pixels; i++) {
    const slot = slotOf[i];
    if (slot < 0) {
      words[i] = 0;
      continue;
    }
    const inBlock = offsetOf[i];
    const mask = masks[slot];
    if (mask !== undefined && mask[inBlock] === 0) {
      words[i] = 0;
      continue;
    }
    const data = datas[slot];
    const start = inBlock * samples[slot];
    words[i] = ((data[start] << shiftR) | (data[start + 1] << shiftG) | (data[start + 2] << shiftB) | opaque) >>> 0;
  }
  return rgba;
}
