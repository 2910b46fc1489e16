import { bandInterpretations } from '../tiff/band-interpretation';
import type { RasterSource } from '../tiff/raster-source';
import { sampleRgbToRgba } from '../tiff/sample-rgb';
import { bandRanges } from './band-ranges';
import type { OutputGrid } from './output-grid';
import { Styler, readPlannedGrid, sampleGrid } from './sample-grid';
import type { SamplingPlanner } from './sampling-planner';

/** RGBA bytes of an output grid under a request's style. */
export type GridRenderer = (grid: OutputGrid) => Promise<Buffer>;

/**
 * The renderer of a request: sampling then styling, or, when the image's default style is the identity
 * (8-bit RGB, no nodata, no alpha band, every band spanning the byte range so `auto` means 0-255), sampling
 * straight into RGBA, which skips the per-pixel style work entirely.
 */
export function gridRenderer(planner: SamplingPlanner, raster: RasterSource, frame: number | undefined, styled: boolean, style: Styler): GridRenderer {
  return async (grid) => {
    // Each phase below is a few milliseconds of synchronous work: yielding between them lets timers and
    // other requests' I/O run, instead of many requests' phases chaining through one turn of the loop.
    await yieldToEventLoop();
    if (!styled && (await isIdentityRgb(raster, frame ?? 0))) {
      return readPlannedGrid(planner, raster, grid, frame, (level, plan) => sampleRgbToRgba(level, plan, grid.width, grid.height), () =>
        Buffer.alloc(grid.width * grid.height * 4),
      );
    }
    const values = await sampleGrid(planner, raster, grid, frame);
    await yieldToEventLoop();
    return style(values, grid);
  };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function isIdentityRgb(raster: RasterSource, frame: number): Promise<boolean> {
  if (raster.dtype !== 'uint8' || raster.bandCount !== 3 || raster.nodata !== null || raster.alphaBand !== null) return false;
  if (bandInterpretations(raster).join() !== 'red,green,blue') return false;
  // large_image's `auto` is 0-255 only when every band's minimum is in [0, 254] and maximum in [2, 255].
  return (await bandRanges(raster, frame)).every(([min, max]) => min >= 0 && min <= 254 && max >= 2 && max <= 255);
}
