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
 * (see identityLayout), sampling straight into RGBA, which skips the per-pixel style work entirely.
 */
export function gridRenderer(planner: SamplingPlanner, raster: RasterSource, frame: number | undefined, styled: boolean, style: Styler): GridRenderer {
  return async (grid) => {
    // Each phase below is a few milliseconds of synchronous work: yielding between them lets timers and
    // other requests' I/O run, instead of many requests' phases chaining through one turn of the loop.
    await yieldToEventLoop();
    const layout = styled ? undefined : await identityLayout(raster, frame ?? 0);
    if (layout) {
      const withAlpha = layout === 'rgba';
      return readPlannedGrid(planner, raster, grid, frame, (level, plan) => sampleRgbToRgba(level, plan, grid.width, grid.height, withAlpha), () =>
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

/**
 * 'rgb' or 'rgba' when the image's default style is the identity on its bytes: 8-bit red, green and blue
 * bands (and an alpha band, whose default range is 0-255 whatever it holds), no nodata, and colour bands
 * spanning the byte range so that `auto` means 0-255.
 */
async function identityLayout(raster: RasterSource, frame: number): Promise<'rgb' | 'rgba' | undefined> {
  if (raster.dtype !== 'uint8' || raster.nodata !== null) return undefined;
  const bands = bandInterpretations(raster).join();
  const layout = bands === 'red,green,blue' && raster.alphaBand === null ? 'rgb' : bands === 'red,green,blue,alpha' && raster.alphaBand === 3 ? 'rgba' : undefined;
  if (!layout) return undefined;
  // large_image's `auto` is 0-255 only when every band's minimum is in [0, 254] and maximum in [2, 255].
  const colourRanges = (await bandRanges(raster, frame)).slice(0, 3);
  return colourRanges.every(([min, max]) => min >= 0 && min <= 254 && max >= 2 && max <= 255) ? layout : undefined;
}
