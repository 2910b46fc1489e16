import type { RasterLevel, RasterSource } from '../tiff/raster-source';
import { Raster, sampleLevel } from '../tiff/sample-level';
import { SamplePlan, releasePlan } from '../tiff/sample-plan';
import { frameLevels } from './frame';
import type { OutputGrid } from './output-grid';
import { gridMissesImage } from './pyramid';
import type { SamplingPlanner } from './sampling-planner';

/** Native values of `frame` on an output grid, nearest neighbour; all transparent when the grid misses the image. */
export function sampleGrid(planner: SamplingPlanner, raster: RasterSource, grid: OutputGrid, frame = 0): Promise<Raster> {
  return readPlannedGrid(planner, raster, grid, frame, (level, plan) => sampleLevel(raster, level, plan, grid.width, grid.height), () =>
    emptyRaster(raster, grid.width, grid.height),
  );
}

/**
 * Plans `grid` over a frame's levels (a 400 for a frame the image lacks) and reads the chosen level by the
 * plan, which is released once read; `empty()` answers without planning when the grid misses the image.
 */
export async function readPlannedGrid<T>(
  planner: SamplingPlanner,
  raster: RasterSource,
  grid: OutputGrid,
  frame: number | undefined,
  read: (level: RasterLevel, plan: SamplePlan) => Promise<T>,
  empty: () => T,
): Promise<T> {
  const levels = frameLevels(raster, frame);
  if (gridMissesImage(raster, grid)) return empty();
  const { levelIndex, plan } = await planner.plan(raster, levels, grid);
  try {
    return await read(levels[levelIndex], plan);
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
