import { BadParameterError } from '../errors/large-image.errors';
import { Crs, WEB_MERCATOR, WGS84, parseEpsg, transformBetween } from '../geo/crs';
import type { Bounds } from '../geo/footprint';
import { pixelSizeMeters } from '../geo/pixel-size';
import { mercatorLevels, pixelLevels, tileBounds3857 } from '../geo/web-mercator';
import { invertGeoTransform } from '../tiff/geotransform';
import type { RasterSource } from '../tiff/raster-source';
import type { OutputGrid } from './output-grid';

/** The tile pyramid a request addresses: the image's own pixel grid, or the XYZ web-mercator grid. */
export type Pyramid =
  | { kind: 'pixel'; levels: number; tileSize: number }
  | { kind: 'mercator'; levels: number; tileSize: number; projection: 'EPSG:3857' };

/** Parses the `projection` query parameter: absent = native pixel space; EPSG:3857 = web-mercator XYZ. */
export function pyramidFor(raster: RasterSource, projection: string | undefined, tileSize: number): Pyramid {
  if (!projection) return { kind: 'pixel', levels: pixelLevels(raster.width, raster.height, tileSize), tileSize };
  if (parseEpsg(projection) !== 3857) {
    throw new BadParameterError(`projection '${projection}' is not supported; use EPSG:3857 or leave it out for pixel space`);
  }
  if (!raster.crs || !raster.geoTransform) {
    throw new BadParameterError('This image is not georeferenced, so it has no EPSG:3857 pyramid; leave projection out');
  }
  const groundPixel = pixelSizeMeters(raster.geoTransform, raster.width, raster.height, raster.crs);
  return { kind: 'mercator', levels: mercatorLevels(groundPixel, tileSize), tileSize, projection: 'EPSG:3857' };
}

/** Tile columns and rows that exist at zoom z. */
export function tileCounts(raster: RasterSource, pyramid: Pyramid, z: number): [number, number] {
  if (pyramid.kind === 'mercator') return [2 ** z, 2 ** z];
  const span = pyramid.tileSize * 2 ** (pyramid.levels - 1 - z);
  return [Math.ceil(raster.width / span), Math.ceil(raster.height / span)];
}

/** Throws a 400 naming the valid range when z/x/y is not a tile of the pyramid. */
export function assertTileInPyramid(raster: RasterSource, pyramid: Pyramid, z: number, x: number, y: number): void {
  if (!Number.isInteger(z) || z < 0 || z >= pyramid.levels) {
    throw new BadParameterError(`z=${z} is outside the pyramid: valid zoom levels are 0 to ${pyramid.levels - 1}`);
  }
  const [columns, rows] = tileCounts(raster, pyramid, z);
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= columns || y >= rows) {
    throw new BadParameterError(`Tile ${x}/${y} does not exist at z=${z}: x must be 0..${columns - 1} and y 0..${rows - 1}`);
  }
}

/** The output grid of tile z/x/y: image pixels (edge tiles cropped to the image) or an EPSG:3857 square. */
export function tileGrid(raster: RasterSource, pyramid: Pyramid, z: number, x: number, y: number): OutputGrid {
  const { tileSize } = pyramid;
  if (pyramid.kind === 'mercator') {
    const [xmin, , xmax, ymax] = tileBounds3857(z, x, y, tileSize);
    const resolution = (xmax - xmin) / tileSize;
    return { kind: 'projected', crs: WEB_MERCATOR, xmin, ymax, resX: resolution, resY: resolution, width: tileSize, height: tileSize };
  }
  const scale = 2 ** (pyramid.levels - 1 - z);
  const left = x * tileSize * scale;
  const top = y * tileSize * scale;
  return {
    kind: 'pixel',
    left,
    top,
    scaleX: scale,
    scaleY: scale,
    width: Math.min(tileSize, Math.ceil((raster.width - left) / scale)),
    height: Math.min(tileSize, Math.ceil((raster.height - top) / scale)),
  };
}

/**
 * large_image's getTileCorners: the tile's extent in EPSG:3857 metres, or in base pixels with y
 * counted from the bottom of the image when unprojected (not cropped to the image).
 */
export function tileCorners(raster: RasterSource, pyramid: Pyramid, z: number, x: number, y: number): Bounds {
  const { tileSize } = pyramid;
  if (pyramid.kind === 'mercator') {
    const [xmin, ymin, xmax, ymax] = tileBounds3857(z, x, y, tileSize);
    return { xmin, xmax, ymin, ymax };
  }
  const span = 2 ** (pyramid.levels - 1 - z) * tileSize;
  return { xmin: x * span, xmax: (x + 1) * span, ymin: raster.height - (y + 1) * span, ymax: raster.height - y * span };
}

/** True when no output pixel of `grid` can fall on the image, so it is transparent without reading anything. */
export function gridMissesImage(raster: RasterSource, grid: OutputGrid): boolean {
  if (grid.kind === 'pixel') {
    return grid.left >= raster.width || grid.top >= raster.height || grid.left + grid.width * grid.scaleX <= 0 || grid.top + grid.height * grid.scaleY <= 0;
  }
  const image = coverageIn(raster, grid.crs);
  const xmax = grid.xmin + grid.width * grid.resX;
  const ymin = grid.ymax - grid.height * grid.resY;
  return xmax <= image.xmin || grid.xmin >= image.xmax || grid.ymax <= image.ymin || ymin >= image.ymax;
}

const boundsByCrs = new WeakMap<RasterSource, Map<string, Bounds>>();

/** Image extent in `crs` with its edges densified (so curved edges are not cut), cached per source and CRS. */
export function imageBoundsIn(raster: RasterSource, crs: Crs): Bounds {
  let byCrs = boundsByCrs.get(raster);
  if (!byCrs) boundsByCrs.set(raster, (byCrs = new Map()));
  let bounds = byCrs.get(crs.proj4);
  if (!bounds) {
    bounds = densifiedBounds(raster, crs);
    byCrs.set(crs.proj4, bounds);
  }
  return bounds;
}

const coverageByCrs = new WeakMap<RasterSource, Map<string, Bounds>>();

/**
 * What the image may cover in `crs`, for skipping outputs that miss it: its densified bounds, opened up
 * to the whole map on the side of a pole the image contains (the outline of a polar image does not
 * reach the pole's latitude; in web mercator the pole is infinitely far).
 */
function coverageIn(raster: RasterSource, crs: Crs): Bounds {
  let byCrs = coverageByCrs.get(raster);
  if (!byCrs) coverageByCrs.set(raster, (byCrs = new Map()));
  let coverage = byCrs.get(crs.proj4);
  if (!coverage) {
    const [north, south] = [90, -90].map((latitude) => containsPoint(raster, 0, latitude));
    coverage = { ...imageBoundsIn(raster, crs) };
    if (north || south) [coverage.xmin, coverage.xmax] = [-Infinity, Infinity];
    if (north) coverage.ymax = Infinity;
    if (south) coverage.ymin = -Infinity;
    byCrs.set(crs.proj4, coverage);
  }
  return coverage;
}

/** True when a WGS 84 longitude/latitude falls inside the image (edges included). */
function containsPoint(raster: RasterSource, longitude: number, latitude: number): boolean {
  try {
    const [column, row] = invertGeoTransform(raster.geoTransform!)(...transformBetween(WGS84, raster.crs!)(longitude, latitude));
    return column >= 0 && column <= raster.width && row >= 0 && row <= raster.height;
  } catch {
    // Some projections cannot place a pole at all: then the image does not contain it.
    return false;
  }
}

function densifiedBounds(raster: RasterSource, crs: Crs): Bounds {
  const transform = transformBetween(raster.crs!, crs);
  const gt = raster.geoTransform!;
  const bounds = { xmin: Infinity, ymin: Infinity, xmax: -Infinity, ymax: -Infinity };
  const steps = 32;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    for (const [col, row] of [
      [t * raster.width, 0],
      [t * raster.width, raster.height],
      [0, t * raster.height],
      [raster.width, t * raster.height],
    ]) {
      const [x, y] = transform(gt[0] + col * gt[1] + row * gt[2], gt[3] + col * gt[4] + row * gt[5]);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      bounds.xmin = Math.min(bounds.xmin, x);
      bounds.xmax = Math.max(bounds.xmax, x);
      bounds.ymin = Math.min(bounds.ymin, y);
      bounds.ymax = Math.max(bounds.ymax, y);
    }
  }
  return bounds;
}
