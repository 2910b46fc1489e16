import { invertGeoTransform } from '../tiff/geotransform';
import type { GeoTransform } from '../tiff/raster-source';
import { Crs, WGS84, transformBetween } from './crs';

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

/**
 * Longitude/latitude bounds of an image: its corners' (as gdalinfo's wgs84Extent), widened to every
 * longitude and to the pole when the image contains a pole. Corners alone give a polar stereographic image
 * centred on the pole a band of no height (70.6 to 70.6 degrees north for one in EPSG:3413), and a web map
 * fitted to that shows nothing.
 */
export function geographicBounds(gt: GeoTransform, width: number, height: number, crs: Crs): Bounds {
  const corners = cornerBounds(gt, width, height, crs, WGS84);
  // In a geographic CRS a pole is an edge of the image, which its corners already reach.
  if (crs.isGeographic) return corners;
  const toPixel = invertGeoTransform(gt);
  const fromWgs84 = transformBetween(WGS84, crs);
  const contains = (latitude: number) => {
    const [col, row] = toPixel(...fromWgs84(0, latitude));
    return col >= 0 && col <= width && row >= 0 && row <= height;
  };
  const [north, south] = [contains(90), contains(-90)];
  if (!north && !south) return corners;
  return { xmin: -180, xmax: 180, ymin: south ? -90 : corners.ymin, ymax: north ? 90 : corners.ymax };
}
