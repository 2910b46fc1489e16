import { bandInterpretations } from '../tiff/band-interpretation';
import type { RasterSource } from '../tiff/raster-source';
import { IdentityBands, sampleRgbToRgba } from '../tiff/sample-rgb';
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
    const bands = styled ? undefined : await identityBands(raster, frame ?? 0);
    if (bands) {
      return readPlannedGrid(planner, raster, grid, frame, (level, plan) => sampleRgbToRgba(level, plan, grid.width, grid.height, bands), () =>
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

/** The bands, in order, of the images identityBands accepts. */
const IDENTITY_LAYOUTS: Record<string, IdentityBands> = { gray: 1, 'gray,alpha': 2, 'red,green,blue': 3, 'red,green,blue,alpha': 4 };

/**
 * The band count when the image's default style is the identity on its bytes: 8-bit grey or red, green
 * and blue bands, with or without an alpha band last (whose default range is 0-255 whatever it holds), no
 * nodata, and colour bands spanning the byte range so that `auto` means 0-255.
 */
async function identityBands(raster: RasterSource, frame: number): Promise<IdentityBands | undefined> {
  if (raster.dtype !== 'uint8' || raster.nodata !== null) return undefined;
  const bands = IDENTITY_LAYOUTS[bandInterpretations(raster).join()];
  const hasAlpha = bands === 2 || bands === 4;
  if (!bands || raster.alphaBand !== (hasAlpha ? bands - 1 : null)) return undefined;
  // large_image's `auto` is 0-255 only when every band's minimum is in [0, 254] and maximum in [2, 255].
  const colourRanges = (await bandRanges(raster, frame)).slice(0, hasAlpha ? bands - 1 : bands);
  return colourRanges.every(([min, max]) => min >= 0 && min <= 254 && max >= 2 && max <= 255) ? bands : undefined;
}
