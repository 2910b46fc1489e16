import type { GeoTIFFImage } from 'geotiff';
import { UnreadableImageError } from '../errors/large-image.errors';
import type { GeoTransform } from './raster-source';

/**
 * The GDAL geotransform of a GeoTIFF, from ModelTransformation or ModelTiepoint + ModelPixelScale;
 * undefined when it has neither (a CRS alone, or ground control points only, which we do not fit).
 * PixelIsPoint files are shifted by half a pixel so that, like GDAL, pixel corners are the reference.
 */
export function geoTransformOf(image: GeoTIFFImage, pixelIsPoint: boolean): GeoTransform | undefined {
  const ifd = image.fileDirectory;
  const matrix = ifd.getValue('ModelTransformation') as number[] | undefined;
  const tiepoint = ifd.getValue('ModelTiepoint') as number[] | undefined;
  const scale = ifd.getValue('ModelPixelScale') as number[] | undefined;
  let gt: GeoTransform;
  if (matrix && matrix.length >= 8) {
    gt = [matrix[3], matrix[0], matrix[1], matrix[7], matrix[4], matrix[5]];
  } else if (tiepoint && tiepoint.length >= 6 && scale && scale.length >= 2) {
    const [i, j, , x, y] = tiepoint;
    gt = [x - i * scale[0], scale[0], 0, y + j * scale[1], 0, -scale[1]];
  } else {
    return undefined;
  }
  if (pixelIsPoint) {
    gt[0] -= 0.5 * gt[1] + 0.5 * gt[2];
    gt[3] -= 0.5 * gt[4] + 0.5 * gt[5];
  }
  return gt;
}

/**
 * The geotransform of an overview of `width` x `height` pixels, as GDAL derives it for the overview
 * datasets gdalwarp reads from: the full-resolution transform with its pixel size scaled.
 */
export function levelGeoTransform(gt: GeoTransform, fullWidth: number, fullHeight: number, width: number, height: number): GeoTransform {
  const sx = fullWidth / width;
  const sy = fullHeight / height;
  return [gt[0], gt[1] * sx, gt[2] * sy, gt[3], gt[4] * sx, gt[5] * sy];
}

/**
 * Maps a georeferenced point to fractional pixel coordinates, with GDALInvGeoTransform's arithmetic
 * (including its shortcut for north-up transforms) so that points on pixel edges round as GDAL's do.
 */
export function invertGeoTransform(gt: GeoTransform): (x: number, y: number) => [number, number] {
  let inverse: GeoTransform;
  if (gt[2] === 0 && gt[4] === 0 && gt[1] !== 0 && gt[5] !== 0) {
    inverse = [-gt[0] / gt[1], 1 / gt[1], 0, -gt[3] / gt[5], 0, 1 / gt[5]];
  } else {
    const det = gt[1] * gt[5] - gt[2] * gt[4];
    if (!(Math.abs(det) > 0)) throw new UnreadableImageError('The geotransform is degenerate');
    const invDet = 1 / det;
    inverse = [
      (gt[2] * gt[3] - gt[0] * gt[5]) * invDet,
      gt[5] * invDet,
      -gt[2] * invDet,
      (-gt[1] * gt[3] + gt[0] * gt[4]) * invDet,
      -gt[4] * invDet,
      gt[1] * invDet,
    ];
  }
  return (x, y) => [inverse[0] + x * inverse[1] + y * inverse[2], inverse[3] + x * inverse[4] + y * inverse[5]];
}
