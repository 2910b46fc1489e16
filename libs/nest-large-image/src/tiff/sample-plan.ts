import type { RasterLevel } from './raster-source';
import { borrowArray, returnArray } from '../core/scratch-arrays';

// Plans are built on the sampling threads (core/sampling-worker.ts): this file must not import the TIFF
// reader; reading a plan's blocks is tiff/plan-blocks.ts.

/** What a plan needs to know of a level: its size and its block size. */
export type LevelShape = Pick<RasterLevel, 'width' | 'height' | 'tileWidth' | 'tileHeight'>;

/** For every output pixel, the block it reads and where in that block; and the blocks to read. */
export interface SamplePlan {
  /** Index into `blockIds` of the block each pixel reads, -1 when it reads nothing. */
  slotOf: Int32Array;
  /** Pixel offset inside that block. */
  offsetOf: Int32Array;
  /** Block numbers (row-major) of the level, in first-use order. */
  blockIds: number[];
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

  /** `arrays` (from borrowPlanArrays) receive the plan; their previous contents do not matter. */
  constructor(level: LevelShape, arrays: PlanArrays) {
    this.tileWidth = level.tileWidth;
    this.tileHeight = level.tileHeight;
    this.blocksX = Math.ceil(level.width / level.tileWidth);
    this.slotOf = arrays.slotOf.fill(-1);
    this.offsetOf = arrays.offsetOf;
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

/** The per-pixel arrays of a plan. */
export type PlanArrays = Pick<SamplePlan, 'slotOf' | 'offsetOf'>;

/**
 * Working arrays for a plan of `pixels` pixels, as two halves of one borrowed buffer, so a sampling thread
 * can be lent both and give them back in one transfer (planArraysOf views such a buffer again).
 */
export function borrowPlanArrays(pixels: number): PlanArrays {
  return planArraysOf(borrowArray(Int32Array, 2 * pixels).buffer, pixels);
}

export function planArraysOf(buffer: ArrayBufferLike, pixels: number): PlanArrays {
  return { slotOf: new Int32Array(buffer, 0, pixels), offsetOf: new Int32Array(buffer, 4 * pixels, pixels) };
}

/** Gives a plan's working arrays back for the next tile, once nothing reads them. */
export function releasePlan(plan: SamplePlan): void {
  returnArray(new Int32Array(plan.slotOf.buffer));
}
