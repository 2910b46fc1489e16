import type { Crs } from '../geo/crs';

/**
 * Where the pixels of an output image lie. Every image the engine makes (tiles, thumbnails, regions,
 * single pixels) is one of these grids sampled from the source.
 */
export type OutputGrid = PixelGrid | ProjectedGrid;

/** On the image's own pixels: output pixel (col, row) covers base pixels from `left + col * scaleX`, `top + row * scaleY`. */
export interface PixelGrid {
  kind: 'pixel';
  left: number;
  top: number;
  scaleX: number;
  scaleY: number;
  width: number;
  height: number;
}

/** In a CRS: output pixel (col, row) covers x from `xmin + col * resX`, y down from `ymax - row * resY`. */
export interface ProjectedGrid {
  kind: 'projected';
  crs: Crs;
  xmin: number;
  ymax: number;
  resX: number;
  resY: number;
  width: number;
  height: number;
}

/** The same grid restricted to rows [firstRow, firstRow + rows): how large outputs are produced in bands. */
export function gridRows<T extends OutputGrid>(grid: T, firstRow: number, rows: number): T {
  if (grid.kind === 'pixel') return { ...grid, top: grid.top + firstRow * grid.scaleY, height: rows };
  return { ...grid, ymax: grid.ymax - firstRow * grid.resY, height: rows };
}
