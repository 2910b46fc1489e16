import { BadParameterError } from '../errors/large-image.errors';
import { WEB_MERCATOR, parseEpsg, transformBetween } from '../geo/crs';
import { cornerBounds } from '../geo/footprint';
import { pixelSizeMeters } from '../geo/pixel-size';
import { mercatorLevels, pixelLevels, tileBounds3857 } from '../geo/web-mercator';
import type { RasterSource } from '../tiff/raster-source';

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

/** True when an EPSG:3857 tile cannot touch the image, so it is transparent without reading anything. */
export function mercatorTileMissesImage(raster: RasterSource, z: number, x: number, y: number, tileSize: number): boolean {
  const image = imageBounds3857(raster);
  const [xmin, ymin, xmax, ymax] = tileBounds3857(z, x, y, tileSize);
  return xmax <= image.xmin || xmin >= image.xmax || ymax <= image.ymin || ymin >= image.ymax;
}

const bounds3857 = new WeakMap<RasterSource, ReturnType<typeof cornerBounds>>();

/** Image extent in EPSG:3857 with its edges densified (so curved edges are not cut), cached per source. */
function imageBounds3857(raster: RasterSource): ReturnType<typeof cornerBounds> {
  let bounds = bounds3857.get(raster);
  if (!bounds) {
    const transform = transformBetween(raster.crs!, WEB_MERCATOR);
    const gt = raster.geoTransform!;
    bounds = { xmin: Infinity, ymin: Infinity, xmax: -Infinity, ymax: -Infinity };
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
        bounds.xmin = Math.min(bounds.xmin, x);
        bounds.xmax = Math.max(bounds.xmax, x);
        bounds.ymin = Math.min(bounds.ymin, y);
        bounds.ymax = Math.max(bounds.ymax, y);
      }
    }
    bounds3857.set(raster, bounds);
  }
  return bounds;
}
