import { OutputGrid, gridRows } from './output-grid';
import type { GridRenderer } from './render-grid';
import { releaseRgba } from './rgba-buffers';

/**
 * Rows rendered at a time: a grid's sampling plan (8 bytes per pixel) and native values (8 bytes per sample)
 * take many times its RGBA size, so large grids are rendered a band of rows at a time.
 */
const BAND_ROWS = 256;

/** The RGBA of a grid, rendered a band of rows at a time into one buffer. */
export async function renderInBands(grid: OutputGrid, render: GridRenderer): Promise<Buffer> {
  const rgba = Buffer.allocUnsafe(grid.width * grid.height * 4);
  for (let y0 = 0; y0 < grid.height; y0 += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, grid.height - y0);
    const band = await render(gridRows(grid, y0, rows));
    band.copy(rgba, y0 * grid.width * 4);
    releaseRgba(band);
  }
  return rgba;
}
