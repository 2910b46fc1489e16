import type { RasterSource } from '../tiff/raster-source';
import { Raster, sampleLevel } from '../tiff/sample-level';
import { releasePlan } from '../tiff/sample-plan';
import { frameLevels } from './frame';
import type { OutputGrid } from './output-grid';
import { gridMissesImage } from './pyramid';
import type { SamplingPlanner } from './sampling-planner';

/** Native values of `frame` on an output grid, nearest neighbour; all transparent when the grid misses the image. */
export async function sampleGrid(planner: SamplingPlanner, raster: RasterSource, grid: OutputGrid, frame = 0): Promise<Raster> {
  const levels = frameLevels(raster, frame);
  if (gridMissesImage(raster, grid)) return emptyRaster(raster, grid.width, grid.height);
  const { levelIndex, plan, width, height } = await planner.plan(raster, levels, grid);
  try {
    return await sampleLevel(raster, levels[levelIndex], plan, width, height);
  } finally {
    releasePlan(plan);
  }
}

function emptyRaster(raster: RasterSource, width: number, height: number): Raster {
  const pixels = width * height;
  return { width, height, bands: raster.bandCount, values: new Float64Array(pixels * raster.bandCount), alpha: new Uint8Array(pixels) };
}

/** Native values of a request's frame on any grid (sampleGrid bound to an image, a frame and the planner). */
export type GridSampler = (grid: OutputGrid) => Promise<Raster>;

/** Turns native values on a grid into RGBA bytes (the style in force for a request; it may sample other frames on the grid). */
export type Styler = (values: Raster, grid: OutputGrid) => Promise<Buffer>;
