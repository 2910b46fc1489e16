import { Geodesic } from 'geographiclib-geodesic';
import type { GeoTransform } from '../tiff/raster-source';
import { Crs, WGS84, transformBetween } from './crs';
import { pixelToGeo } from './footprint';

/**
 * large_image's getPixelSizeInMeters: the lengths of the four image edges on the WGS84 ellipsoid
 * (Karney's geodesics, as pyproj computes them) divided by the perimeter in pixels.
 * This ground size, not the EPSG:3857 size, decides how many web-mercator levels an image has.
 */
export function pixelSizeMeters(gt: GeoTransform, width: number, height: number, crs: Crs): number {
  const toWgs84 = transformBetween(crs, WGS84);
  const [ul, ur, lr, ll] = [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ].map(([col, row]) => toWgs84(...pixelToGeo(gt, col, row)));
  const edge = (a: [number, number], b: [number, number]) => Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0]).s12 ?? NaN;
  return (edge(ul, ur) + edge(ur, lr) + edge(lr, ll) + edge(ll, ul)) / (2 * width + 2 * height);
}
