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
 * Collects a SamplePlan run by run, as a grid sampler finds the level coordinates of each output pixel's
 * centre (addRun); pixels never added read nothing.
 */
export class SamplePlanBuilder {
  private readonly slotOf: Int32Array;
  private readonly offsetOf: Int32Array;
  private readonly blockIds: number[] = [];
  private readonly slots = new Map<number, number>();
  private readonly blocksX: number;
  private readonly tileWidth: number;
  private readonly tileHeight: number;
  /** Bounds, in level pixels, of the block the last pixel fell in; empty until the first pixel. */
  private blockLeft = 0;
  private blockRight = 0;
  private blockTop = 0;
  private blockBottom = 0;
  private lastSlot = -1;

  /** `arrays` (from borrowPlanArrays) receive the plan; their previous contents do not matter. */
  constructor(level: LevelShape, arrays: PlanArrays) {
    this.tileWidth = level.tileWidth;
    this.tileHeight = level.tileHeight;
    this.blocksX = Math.ceil(level.width / level.tileWidth);
    this.slotOf = arrays.slotOf.fill(-1);
    this.offsetOf = arrays.offsetOf;
  }

  /**
   * Adds the output pixels `i .. i + count - 1` whose centres fall at the fractional level coordinates
   * (x0 + dx * k, y0 + dy * k), k = 0 .. count - 1 (a run of the approximate transformer; see RunSink): a
   * pixel takes the level pixel (floorPixel) its centre falls in, when that pixel lies in `window`; the others
   * read nothing. This is the inner loop of every tile, so the run is cut into spans that stay on one row of
   * one block (spanEnd), and within a span only the column changes.
   */
  addRun(i: number, count: number, x0: number, dx: number, y0: number, dy: number, window: PixelWindow): void {
    const { slotOf, offsetOf, tileWidth } = this;
    let k = 0;
    while (k < count) {
      const column = floorPixel(x0 + dx * k);
      const row = floorPixel(y0 + dy * k);
      if (!(column >= window.left && column < window.right && row >= window.top && row < window.bottom)) {
        k++;
        continue;
      }
      if (column < this.blockLeft || column >= this.blockRight || row < this.blockTop || row >= this.blockBottom) this.enterBlock(column, row);
      const end = spanEnd(k, count, x0, dx, y0, dy, Math.max(window.left, this.blockLeft), Math.min(window.right, this.blockRight), row);
      const slot = this.lastSlot;
      const rowStart = (row - this.blockTop) * tileWidth - this.blockLeft;
      for (; k < end; k++) {
        slotOf[i + k] = slot;
        offsetOf[i + k] = rowStart + floorPixel(x0 + dx * k);
      }
    }
  }

  /** True when pixel `i` was added. */
  has(i: number): boolean {
    return this.slotOf[i] >= 0;
  }

  private enterBlock(column: number, row: number): void {
    const tx = Math.floor(column / this.tileWidth);
    const ty = Math.floor(row / this.tileHeight);
    const id = ty * this.blocksX + tx;
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.blockIds.length;
      this.blockIds.push(id);
      this.slots.set(id, slot);
    }
    this.lastSlot = slot;
    this.blockLeft = tx * this.tileWidth;
    this.blockRight = this.blockLeft + this.tileWidth;
    this.blockTop = ty * this.tileHeight;
    this.blockBottom = this.blockTop + this.tileHeight;
  }

  build(): SamplePlan {
    return { slotOf: this.slotOf, offsetOf: this.offsetOf, blockIds: this.blockIds };
  }
}

/**
 * The end of the span that starts at k (whose pixel is in columns [left, right) of `row`): the first k' > k
 * whose pixel is not, or `count`. A run's columns and rows are floors of linear functions of k, computed in
 * floating point with monotonic steps, so they never turn back and the span is one interval: the end is
 * estimated from the line, then moved back pixel by pixel while the exact per-pixel test fails (1e-10 in
 * floorPixel can end a span a pixel early). An end that falls short only starts another span.
 */
function spanEnd(k: number, count: number, x0: number, dx: number, y0: number, dy: number, left: number, right: number, row: number): number {
  const inSpan = (j: number) => {
    const column = floorPixel(x0 + dx * j);
    return column >= left && column < right && floorPixel(y0 + dy * j) === row;
  };
  let limit = count;
  if (dx > 0) limit = Math.min(limit, (right - x0) / dx);
  else if (dx < 0) limit = Math.min(limit, (left - x0) / dx);
  if (dy > 0) limit = Math.min(limit, (row + 1 - y0) / dy);
  else if (dy < 0) limit = Math.min(limit, (row - y0) / dy);
  let end = Math.max(k + 1, Math.min(count, Math.ceil(limit)));
  while (end > k + 1 && !inSpan(end - 1)) end--;
  return end;
}

/**
 * The pixel a fractional coordinate falls in, as GDAL's nearest kernel floors it; the 1e-10 absorbs
 * rounding that would put a pixel centre exactly on an edge a hair below it.
 */
function floorPixel(coordinate: number): number {
  return Math.floor(coordinate + 1e-10);
}

/** Level pixels `[left, right) x [top, bottom)`. */
export interface PixelWindow {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The per-pixel arrays of a plan. */
export type PlanArrays = Pick<SamplePlan, 'slotOf' | 'offsetOf'>;

/**
 * Working arrays for a plan of `pixels` pixels, as two halves of one borrowed shared buffer, so a sampling
 * thread can be sent both at once and fill them in place (planArraysOf views such a buffer again).
 */
export function borrowPlanArrays(pixels: number): PlanArrays {
  return planArraysOf(borrowArray(Int32Array, 2 * pixels, true).buffer, pixels);
}

export function planArraysOf(buffer: ArrayBufferLike, pixels: number): PlanArrays {
  return { slotOf: new Int32Array(buffer, 0, pixels), offsetOf: new Int32Array(buffer, 4 * pixels, pixels) };
}

/** Gives a plan's working arrays back for the next tile, once nothing reads them. */
export function releasePlan(plan: SamplePlan): void {
  returnArray(new Int32Array(plan.slotOf.buffer));
}
