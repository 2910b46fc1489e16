import { BadParameterError } from '../errors/large-image.errors';
import { Crs, WEB_MERCATOR, WGS84, findEpsgCrs, parseEpsg, transformBetween } from '../geo/crs';
import { WORLD_ORIGIN } from '../geo/web-mercator';
import { invertGeoTransform } from '../tiff/geotransform';
import type { GeoTransform, RasterSource } from '../tiff/raster-source';
import type { OutputGrid } from './output-grid';
import { SizeRequest, outputSize } from './output-size';
import type { Pyramid } from './pyramid';

/** A region as django-large-image takes it: edges in `units` (pixels, EPSG:NNNN or projection). */
export interface RegionBounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** `pixels`, `EPSG:NNNN` or `projection`; EPSG:4326 by default for georeferenced images, else pixels. */
  units?: string;
}

/** Where a region lies: the output grid, and its georeferencing when the image has one. */
export interface RegionWindow {
  grid: OutputGrid;
  /** Size of the region at the pyramid's full resolution, before any output scaling. */
  nativeWidth: number;
  nativeHeight: number;
  crs?: Crs;
  geoTransform?: GeoTransform;
}

const EMPTY_REGION =
  'No output generated, check that the bounds of your ROI overlap source imagery and that your `projection` and `units` are correct.';

/**
 * Resolves region bounds to a window of the image's pixels (no projection) or of the EPSG:3857 world at
 * the pyramid's deepest level. Geographic bounds are turned into pixels the way `gdal_translate -projwin
 * -projwin_srs` does: the upper-left and lower-right corners are transformed, the offset is floored and
 * the size rounded; the window is then clipped to the image (or the world). Empty → 400.
 */
export function regionWindow(raster: RasterSource, pyramid: Pyramid, bounds: RegionBounds, size: SizeRequest): RegionWindow {
  const units = bounds.units || (raster.crs ? 'EPSG:4326' : 'pixels');
  const window = pyramid.kind === 'mercator' ? worldWindow(raster, pyramid, bounds, units) : imageWindow(raster, bounds, units);
  const [width, height] = outputSize(window.width, window.height, size);
  if (pyramid.kind === 'mercator') {
    const resolution = (2 * WORLD_ORIGIN) / (pyramid.tileSize * 2 ** (pyramid.levels - 1));
    const xmin = -WORLD_ORIGIN + window.x * resolution;
    const ymax = WORLD_ORIGIN - window.y * resolution;
    const resX = (resolution * window.width) / width;
    const resY = (resolution * window.height) / height;
    return {
      grid: { kind: 'projected', crs: WEB_MERCATOR, xmin, ymax, resX, resY, width, height },
      nativeWidth: window.width,
      nativeHeight: window.height,
      crs: WEB_MERCATOR,
      geoTransform: [xmin, resX, 0, ymax, 0, -resY],
    };
  }
  const scaleX = window.width / width;
  const scaleY = window.height / height;
  const gt = raster.geoTransform;
  return {
    grid: { kind: 'pixel', left: window.x, top: window.y, scaleX, scaleY, width, height },
    nativeWidth: window.width,
    nativeHeight: window.height,
    crs: raster.crs,
    geoTransform: gt && [
      gt[0] + window.x * gt[1] + window.y * gt[2],
      gt[1] * scaleX,
      gt[2] * scaleY,
      gt[3] + window.x * gt[4] + window.y * gt[5],
      gt[4] * scaleX,
      gt[5] * scaleY,
    ],
  };
}

interface PixelWindow {
  x: number;
  y: number;
  width: number;
  height: number;
}

function imageWindow(raster: RasterSource, bounds: RegionBounds, units: string): PixelWindow {
  if (isPixels(units)) {
    // Edges are not swapped: a right edge left of the left one is an empty region (a 400), as in large_image.
    const [left, right] = [fromEnd(bounds.left, raster.width), fromEnd(bounds.right, raster.width)];
    const [top, bottom] = [fromEnd(bounds.top, raster.height), fromEnd(bounds.bottom, raster.height)];
    return clip({ x: Math.floor(left), y: Math.floor(top), width: Math.ceil(right) - Math.floor(left), height: Math.ceil(bottom) - Math.floor(top) }, raster.width, raster.height);
  }
  if (!raster.crs || !raster.geoTransform) {
    throw new BadParameterError(`This image is not georeferenced, so units must be pixels, not '${units}'`);
  }
  const from = unitsCrs(units, raster.crs);
  const toSource = transformBetween(from, raster.crs);
  const toPixel = invertGeoTransform(raster.geoTransform);
  const [px0, py0] = toPixel(...toSource(bounds.left, bounds.top));
  const [px1, py1] = toPixel(...toSource(bounds.right, bounds.bottom));
  return clip(projWin(px0, py0, px1, py1), raster.width, raster.height);
}

function worldWindow(raster: RasterSource, pyramid: Pyramid, bounds: RegionBounds, units: string): PixelWindow {
  const worldPixels = pyramid.tileSize * 2 ** (pyramid.levels - 1);
  if (isPixels(units)) {
    const { left, right, top, bottom } = bounds;
    return clip({ x: Math.floor(left), y: Math.floor(top), width: Math.ceil(right) - Math.floor(left), height: Math.ceil(bottom) - Math.floor(top) }, worldPixels, worldPixels);
  }
  const toMercator = transformBetween(unitsCrs(units, WEB_MERCATOR), WEB_MERCATOR);
  const resolution = (2 * WORLD_ORIGIN) / worldPixels;
  const toWorldPixel = (x: number, y: number): [number, number] => {
    const [mx, my] = toMercator(x, y);
    return [(mx + WORLD_ORIGIN) / resolution, (WORLD_ORIGIN - my) / resolution];
  };
  const [px0, py0] = toWorldPixel(bounds.left, bounds.top);
  const [px1, py1] = toWorldPixel(bounds.right, bounds.bottom);
  return clip(projWin(px0, py0, px1, py1), worldPixels, worldPixels);
}

/** gdal_translate's rounding of a -projwin to pixels for nearest resampling. */
function projWin(px0: number, py0: number, px1: number, py1: number): PixelWindow {
  const [left, right] = ordered(px0, px1);
  const [top, bottom] = ordered(py0, py1);
  return { x: Math.floor(left + 0.001), y: Math.floor(top + 0.001), width: Math.floor(right - left + 0.5), height: Math.floor(bottom - top + 0.5) };
}

function clip(window: PixelWindow, width: number, height: number): PixelWindow {
  if (![window.x, window.y, window.width, window.height].every(Number.isFinite)) throw new BadParameterError(EMPTY_REGION);
  const x0 = Math.max(0, window.x);
  const y0 = Math.max(0, window.y);
  const x1 = Math.min(width, window.x + window.width);
  const y1 = Math.min(height, window.y + window.height);
  if (x1 <= x0 || y1 <= y0) throw new BadParameterError(EMPTY_REGION);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The CRS region coordinates are given in: an EPSG code, or the image's (or pyramid's) own for `projection`. */
export function unitsCrs(units: string, projectionCrs: Crs): Crs {
  const lower = units.toLowerCase();
  if (lower === 'projection' || lower === 'proj') return projectionCrs;
  if (lower === 'wgs84') return WGS84;
  const code = parseEpsg(units);
  const crs = code === undefined ? undefined : findEpsgCrs(code);
  if (!crs) throw new BadParameterError(`units '${units}' is not supported; use pixels, projection or a registered EPSG:NNNN`);
  return crs;
}

export function isPixels(units: string): boolean {
  return ['pixel', 'pixels', 'base_pixel', 'base_pixels'].includes(units.toLowerCase());
}

/** large_image: a negative edge counts from the right (or bottom) of the image. */
function fromEnd(value: number, size: number): number {
  return value < 0 ? size + value : value;
}

function ordered(a: number, b: number): [number, number] {
  return a <= b ? [a, b] : [b, a];
}
