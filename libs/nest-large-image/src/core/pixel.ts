import { BadParameterError } from '../errors/large-image.errors';
import { WEB_MERCATOR, transformBetween } from '../geo/crs';
import { WORLD_ORIGIN } from '../geo/web-mercator';
import { invertGeoTransform } from '../tiff/geotransform';
import type { RasterSource } from '../tiff/raster-source';
import type { OutputGrid } from './output-grid';
import type { Pyramid } from './pyramid';
import { isPixels, unitsCrs } from './region-window';
import type { GridSampler, Styler } from './sample-grid';

export interface PixelRequest {
  left: number;
  top: number;
  /** `pixels` (default) or `EPSG:NNNN` / `projection` coordinates. */
  units?: string;
  frame?: number;
}

/** large_image's getPixel with the GDAL source's `bands`: native values (1-based) and the styled colour. */
export interface PixelValue {
  bands: Record<number, number>;
  value: number[];
  r: number;
  g: number;
  b: number;
  a: number;
}

/**
 * The value under one point: a base pixel of the image, or a pixel of the EPSG:3857 world at the
 * deepest level when the pyramid is projected. Coordinates in a CRS are floored to the pixel that
 * contains them, as gdallocationinfo does. A point outside the image is a 400.
 */
export async function readPixel(raster: RasterSource, pyramid: Pyramid, request: PixelRequest, sample: GridSampler, style: Styler): Promise<PixelValue> {
  const grid = pixelGrid(raster, pyramid, request);
  if (outsideImage(raster, grid)) throw new BadParameterError(`The point (${request.left}, ${request.top}) is outside the image`);
  const values = await sample(grid);
  const value = Array.from(values.values);
  const [r, g, b, a] = await style(values, grid);
  return { bands: Object.fromEntries(value.map((v, band) => [band + 1, v])), value, r, g, b, a };
}

function pixelGrid(raster: RasterSource, pyramid: Pyramid, request: PixelRequest): OutputGrid {
  const units = request.units || 'pixels';
  if (pyramid.kind === 'mercator') {
    const resolution = (2 * WORLD_ORIGIN) / (pyramid.tileSize * 2 ** (pyramid.levels - 1));
    let [px, py] = [request.left, request.top];
    if (!isPixels(units)) {
      const [mx, my] = transformBetween(unitsCrs(units, WEB_MERCATOR), WEB_MERCATOR)(request.left, request.top);
      [px, py] = [(mx + WORLD_ORIGIN) / resolution, (WORLD_ORIGIN - my) / resolution];
    }
    const [col, row] = [Math.floor(px), Math.floor(py)];
    return { kind: 'projected', crs: WEB_MERCATOR, xmin: -WORLD_ORIGIN + col * resolution, ymax: WORLD_ORIGIN - row * resolution, resX: resolution, resY: resolution, width: 1, height: 1 };
  }
  let [px, py] = [request.left, request.top];
  if (!isPixels(units)) {
    if (!raster.crs || !raster.geoTransform) throw new BadParameterError(`This image is not georeferenced, so units must be pixels, not '${units}'`);
    [px, py] = invertGeoTransform(raster.geoTransform)(...transformBetween(unitsCrs(units, raster.crs), raster.crs)(request.left, request.top));
  }
  const [col, row] = [Math.floor(px), Math.floor(py)];
  if (!Number.isFinite(col) || !Number.isFinite(row)) {
    throw new BadParameterError(`The point (${request.left}, ${request.top}) cannot be placed in the image's coordinate system (${raster.crs?.code}): it is outside the image`);
  }
  if (!(col >= 0 && row >= 0 && col < raster.width && row < raster.height)) {
    throw new BadParameterError(`The point (${request.left}, ${request.top}) is outside the image (pixel ${col}, ${row} of ${raster.width} x ${raster.height})`);
  }
  return { kind: 'pixel', left: col, top: row, scaleX: 1, scaleY: 1, width: 1, height: 1 };
}

/** For EPSG:3857 points (pixel-space ones are checked on the way in): whether the world pixel's centre misses the image. */
function outsideImage(raster: RasterSource, grid: OutputGrid): boolean {
  if (grid.kind !== 'projected' || !raster.crs || !raster.geoTransform) return false;
  const [x, y] = transformBetween(grid.crs, raster.crs)(grid.xmin + grid.resX / 2, grid.ymax - grid.resY / 2);
  const [col, row] = invertGeoTransform(raster.geoTransform)(x, y);
  return !(col >= 0 && row >= 0 && col < raster.width && row < raster.height);
}
