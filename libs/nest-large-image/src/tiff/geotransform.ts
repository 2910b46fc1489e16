import type { GeoTIFFImage } from 'geotiff';
import { UnreadableImageError } from '../errors/large-image.errors';
import type { GeoTransform } from './raster-source';

/**
 * The GDAL geotransform of a GeoTIFF, from ModelTransformation or ModelTiepoint + ModelPixelScale.
 * PixelIsPoint files are shifted by half a pixel so that, like GDAL, pixel corners are the reference.
 */
export function geoTransformOf(image: GeoTIFFImage, pixelIsPoint: boolean): GeoTransform {
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
    throw new UnreadableImageError('The GeoTIFF has a CRS but no georeferencing (no tiepoint/scale or transformation)');
  }
  if (pixelIsPoint) {
    gt[0] -= 0.5 * gt[1] + 0.5 * gt[2];
    gt[3] -= 0.5 * gt[4] + 0.5 * gt[5];
  }
  return gt;
}

/** Maps a georeferenced point to fractional pixel coordinates of the full-resolution image. */
export function invertGeoTransform(gt: GeoTransform): (x: number, y: number) => [number, number] {
  const det = gt[1] * gt[5] - gt[2] * gt[4];
  if (det === 0) throw new UnreadableImageError('The geotransform is degenerate');
  return (x, y) => {
    const dx = x - gt[0];
    const dy = y - gt[3];
    return [(dx * gt[5] - dy * gt[2]) / det, (dy * gt[1] - dx * gt[4]) / det];
  };
}
