import type { GeoTransform } from '../tiff/raster-source';
import { Crs, WGS84, crsFromEpsg } from './crs';
import { cornerBounds } from './footprint';

/**
 * The CRS of an image, with the datum shift chosen for the area it covers (as GDAL does when it
 * transforms that image), found from its corners placed with the CRS's default shift.
 */
export function imageCrs(code: number, gt: GeoTransform, width: number, height: number): Crs {
  const first = crsFromEpsg(code);
  const { xmin, ymin, xmax, ymax } = cornerBounds(gt, width, height, first, WGS84);
  if (![xmin, ymin, xmax, ymax].every(Number.isFinite)) return first;
  return crsFromEpsg(code, [xmin, ymin, xmax, ymax]);
}
