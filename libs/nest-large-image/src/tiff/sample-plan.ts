import type { RasterLevel } from './raster-source';
import { borrowArray, returnArray } from '../core/scratch-arrays';
import { TypedArray, readBlock } from './read-block';

/** For every output pixel, the block it reads and where in that block; and the blocks to read. */
export interface SamplePlan {
  /** Index into `blocks` of the block each pixel reads, -1 when it falls outside the level. */
  slotOf: Int32Array;
  /** Pixel offset inside that block. */
  offsetOf: Int32Array;
  /** Block numbers (row-major) of the level, in first-use order. */
  blockIds: number[];
}

/** The decoded blocks of a plan, as parallel arrays for the hot loops. */
export interface PlanBlocks {
  datas: TypedArray[];
  samples: number[];
  /** Internal mask of each block (0 = no data), when the level has one. */
  masks: Array<TypedArray | undefined>;
}

/**
 * Plans nearest-neighbour sampling of `level` at integer level pixels (`positions[2i]`, `positions[2i+1]`,
 * column -1 for none; see GridSampling): only the blocks some pixel falls in are read.
 */
export function planSamples(level: RasterLevel, positions: Int32Array, pixels: number): SamplePlan {
  const { tileWidth, tileHeight } = level;
  const blocksX = Math.ceil(level.width / tileWidth);
  const slotOf = borrowArray(Int32Array, pixels);
  const offsetOf = borrowArray(Int32Array, pixels);
  const blockIds: number[] = [];
  const slots = new Map<number, number>();
  let lastId = -1;
  let lastSlot = -1;
  for (let i = 0, j = 0; i < pixels; i++, j += 2) {
    const col = positions[j];
    if (col < 0) {
      slotOf[i] = -1;
      continue;
    }
    const row = positions[j + 1];
    const ty = (row / tileHeight) | 0;
    const tx = (col / tileWidth) | 0;
    const id = ty * blocksX + tx;
    if (id !== lastId) {
      // Neighbouring pixels nearly always share a block: the map is only consulted when it changes.
      let slot = slots.get(id);
      if (slot === undefined) {
        slot = blockIds.length;
        blockIds.push(id);
        slots.set(id, slot);
      }
      lastId = id;
      lastSlot = slot;
    }
    slotOf[i] = lastSlot;
    offsetOf[i] = (row - ty * tileHeight) * tileWidth + (col - tx * tileWidth);
  }
  return { slotOf, offsetOf, blockIds };
}

/** Reads (through the caches) and decodes the blocks of a plan, with their masks. */
export async function readPlanBlocks(level: RasterLevel, plan: SamplePlan): Promise<PlanBlocks> {
  const blocksX = Math.ceil(level.width / level.tileWidth);
  const blocks = await Promise.all(
    plan.blockIds.map((id) => {
      const tx = id % blocksX;
      const ty = (id - tx) / blocksX;
      return Promise.all([readBlock(level.image, tx, ty), level.mask ? readBlock(level.mask, tx, ty) : undefined]);
    }),
  );
  return {
    datas: blocks.map(([block]) => block.data),
    samples: blocks.map(([block]) => block.samples),
    masks: blocks.map(([, mask]) => mask?.data),
  };
}

/** Gives a plan's working arrays back for the next tile, once nothing reads them. */
export function releasePlan(plan: SamplePlan): void {
  returnArray(plan.slotOf);
  returnArray(plan.offsetOf);
}
