import { Piscina } from 'piscina';
import type { RasterLevel, RasterSource } from '../tiff/raster-source';
import { borrowPlanArrays } from '../tiff/sample-plan';
import { GridSampling, gridSampling } from './grid-sampling';
import type { OutputGrid } from './output-grid';
import type { PlanAnswer, PlanTask } from './sampling-worker';
import { workerEntry } from './worker-entry';

/**
 * Grids of up to this many pixels (a 256 x 256 tile) are planned on the calling thread. Planning such a
 * tile takes about half a millisecond; handing it to a thread cost more than that under load. In
 * alternating runs of the demo (warm DEFLATE and JPEG tiles, 4-6 pairs per set), a tile planned on the
 * thread cost 0.6-1.4 ms more CPU in all, and throughput was 6-10% lower, most likely because the thread
 * must be woken for every task and the plan's 512 KB then reach the event loop's core through memory
 * rather than its cache. Planning here raised the event loop's p99 delay from about 14 to 20 ms. Larger
 * grids (512-pixel tiles, regions) would block the loop for longer, and go to the threads.
 */
const MAX_PIXELS_ON_CALLING_THREAD = 256 * 256;

/**
 * Plans grid sampling (gdalwarp's chunks, the approximate transformer and the per-pixel block plan) of grids
 * larger than a tile on worker threads, so the event loop stays free for requests and the decoders it feeds.
 * With no threads everything runs on the calling thread.
 */
export class SamplingPlanner {
  private pool?: Piscina;
  private readonly entry = workerEntry('sampling-worker', __dirname);

  /** `maxPixelsHere`: grids up to this size are planned on the calling thread. */
  constructor(
    private readonly threads: number,
    private readonly maxPixelsHere = MAX_PIXELS_ON_CALLING_THREAD,
  ) {}

  /** The plan of `grid` over `levels` (one frame's pyramid); release it with releasePlan once read. */
  async plan(raster: RasterSource, levels: RasterLevel[], grid: OutputGrid): Promise<GridSampling> {
    const pixels = grid.width * grid.height;
    if (this.threads === 0 || !this.entry || pixels <= this.maxPixelsHere) return gridSampling(raster, levels, grid);
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
