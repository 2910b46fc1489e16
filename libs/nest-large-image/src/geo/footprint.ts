import type { GeoTransform } from '../tiff/raster-source';
import { Crs, transformBetween } from './crs';

export interface Bounds {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

/** Georeferenced position of a (fractional) pixel corner. */
export function pixelToGeo(gt: GeoTransform, col: number, row: number): [number, number] {
  return [gt[0] + col * gt[1] + row * gt[2], gt[3] + col * gt[4] + row * gt[5]];
}

/** Bounds of the four image corners in `target`, as gdalinfo's wgs84Extent is computed. */
export function cornerBounds(gt: GeoTransform, width: number, height: number, from: Crs, target: Crs): Bounds {
  const transform = transformBetween(from, target);
  const corners = [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ].map(([col, row]) => transform(...pixelToGeo(gt, col, row)));
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return { xmin: Math.min(...xs), ymin: Math.min(...ys), xmax: Math.max(...xs), ymax: Math.max(...ys) };
}
