import { borrowRgba, releaseRgba } from '../core/rgba-buffers';
import { LITTLE_ENDIAN } from '../render/tiff-encoding';
import type { RasterLevel } from './raster-source';
import { PlanBlocks, visitPlanBlocks } from './plan-blocks';
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
  const rgba = borrowRgba(pixels);
  const words = new Int32Array(rgba.buffer, rgba.byteOffset, pixels);
  try {
    await visitPlanBlocks(level, plan, (batch) => {
      sampleRgb(words, plan, batch);
      if (level.mask) clearMasked(words, plan, batch);
    });
  } catch (error) {
    releaseRgba(rgba);
    throw error;
  }
  // The loop stores R in the low byte of each word, which is first in memory on little-endian machines.
  if (!LITTLE_ENDIAN) rgba.swap32();
  return rgba;
}

/** Opaque alpha in the top byte. */
const OPAQUE = 0xff000000 | 0;

/**
 * Neighbouring pixels nearly always read the same block, so the block is looked up only when the slot
 * changes. One 32-bit store per pixel, with constant shifts (variable ones cost a third more). Blocks hold
 * 3 samples per pixel: the identity style is only taken for 3-band images. Pixels of other batches are
 * left as they are; pixels of no block are made transparent.
 */
function sampleRgb(words: Int32Array, { slotOf, offsetOf }: SamplePlan, { datas, first, end }: PlanBlocks): void {
  let lastSlot = -1;
  let data = datas[first];
  for (let i = 0; i < words.length; i++) {
    const slot = slotOf[i];
    if (slot < first || slot >= end) {
      if (slot < 0) words[i] = 0;
      continue;
    }
    if (slot !== lastSlot) {
      lastSlot = slot;
      data = datas[slot];
    }
    const start = offsetOf[i] * 3;
    words[i] = data[start] | (data[start + 1] << 8) | (data[start + 2] << 16) | OPAQUE;
  }
}

/** Makes the pixels an internal mask marks as no data (0) transparent: a second pass, for masked files only. */
function clearMasked(words: Int32Array, { slotOf, offsetOf }: SamplePlan, { masks, first, end }: PlanBlocks): void {
  for (let i = 0; i < words.length; i++) {
    const slot = slotOf[i];
    const mask = slot < first || slot >= end ? undefined : masks[slot];
    if (mask !== undefined && mask[offsetOf[i]] === 0) words[i] = 0;
  }
}
