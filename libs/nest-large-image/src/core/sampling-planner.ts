import { Piscina } from 'piscina';
import type { RasterLevel, RasterSource } from '../tiff/raster-source';
import { borrowPlanArrays } from '../tiff/sample-plan';
import { GridSampling, gridSampling } from './grid-sampling';
import type { OutputGrid } from './output-grid';
import type { PlanAnswer, PlanTask } from './sampling-worker';
import { workerEntry } from './worker-entry';

/**
 * Below this many pixels a grid is planned on the calling thread: a round trip to a worker costs about
 * 0.1 ms, more than planning a small grid (single pixels, thumbnails of thumbnails) takes.
 */
const MIN_PIXELS_FOR_THREAD = 64 * 64;

/**
 * Plans grid sampling (gdalwarp's chunks, the approximate transformer and the per-pixel block plan: about a
 * fifth of a tile's JavaScript work) on worker threads, so the event loop stays free for requests and the
 * decoders it feeds. With no threads everything runs on the calling thread.
 */
export class SamplingPlanner {
  private pool?: Piscina;
  private readonly entry = workerEntry('sampling-worker', __dirname);

  constructor(private readonly threads: number) {}

  /** The plan of `grid` over `levels` (one frame's pyramid); release it with releasePlan once read. */
  async plan(raster: RasterSource, levels: RasterLevel[], grid: OutputGrid): Promise<GridSampling> {
    const pixels = grid.width * grid.height;
    if (this.threads === 0 || !this.entry || pixels < MIN_PIXELS_FOR_THREAD) return gridSampling(raster, levels, grid);
    const arrays = borrowPlanArrays(pixels);
    const task: PlanTask = {
      geometry: { width: raster.width, height: raster.height, crs: raster.crs, geoTransform: raster.geoTransform },
      levels: levels.map(({ width, height, tileWidth, tileHeight }) => ({ width, height, tileWidth, tileHeight })),
      grid,
      buffer: arrays.slotOf.buffer as SharedArrayBuffer,
    };
    let answer: PlanAnswer;
    try {
      answer = await this.workers().run(task);
    } catch {
      // Errors lose their class on the way back from a thread (an UnreadableImageError would become a 500):
      // planning again here throws the error as it is, or succeeds if the thread itself failed.
      return gridSampling(raster, levels, grid);
    }
    return { levelIndex: answer.levelIndex, plan: { ...arrays, blockIds: answer.blockIds }, width: grid.width, height: grid.height };
  }

  /** Stops the threads (they are started again if the planner is used after). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  /** Threads start on first use: most processes that construct an engine (tests, scripts) never plan a tile. */
  private workers(): Piscina {
    this.pool ??= new Piscina({ ...this.entry, minThreads: this.threads, maxThreads: this.threads, idleTimeout: Infinity });
    return this.pool;
  }
}
