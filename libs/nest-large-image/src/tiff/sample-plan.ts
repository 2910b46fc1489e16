import type { RasterLevel } from './raster-source';
import { borrowArray, returnArray } from '../core/scratch-arrays';
import { TypedArray, readBlock } from './read-block';

/** For every output pixel, the block it reads and where in that block; and the blocks to read. */
export interface SamplePlan {
  /** Index into `blockIds` of the block each pixel reads, -1 when it reads nothing. */
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
 * Collects a SamplePlan pixel by pixel, as a grid sampler finds the level pixel each output pixel takes:
 * `add(i, column, row)` for pixels inside the level; pixels never added read nothing.
 */
export class SamplePlanBuilder {
  private readonly slotOf: Int32Array;
  private readonly offsetOf: Int32Array;
  private readonly blockIds: number[] = [];
  private readonly slots = new Map<number, number>();
  private readonly blocksX: number;
  private readonly tileWidth: number;
  private readonly tileHeight: number;
  private lastId = -1;
  private lastSlot = -1;

  constructor(level: RasterLevel, pixels: number) {
    this.tileWidth = level.tileWidth;
    this.tileHeight = level.tileHeight;
    this.blocksX = Math.ceil(level.width / level.tileWidth);
    this.slotOf = borrowArray(Int32Array, pixels).fill(-1);
    this.offsetOf = borrowArray(Int32Array, pixels);
  }

  add(i: number, column: number, row: number): void {
    const ty = (row / this.tileHeight) | 0;
    const tx = (column / this.tileWidth) | 0;
    const id = ty * this.blocksX + tx;
    if (id !== this.lastId) {
      // Neighbouring pixels nearly always share a block: the map is only consulted when it changes.
      let slot = this.slots.get(id);
      if (slot === undefined) {
        slot = this.blockIds.length;
        this.blockIds.push(id);
        this.slots.set(id, slot);
      }
      this.lastId = id;
      this.lastSlot = slot;
    }
    this.slotOf[i] = this.lastSlot;
    this.offsetOf[i] = (row - ty * this.tileHeight) * this.tileWidth + (column - tx * this.tileWidth);
  }

  build(): SamplePlan {
    return { slotOf: this.slotOf, offsetOf: this.offsetOf, blockIds: this.blockIds };
  }
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
