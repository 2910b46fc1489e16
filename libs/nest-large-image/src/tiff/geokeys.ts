import { UnreadableImageError } from '../errors/large-image.errors';

const USER_DEFINED = 32767;
const MODEL_PROJECTED = 1;
const MODEL_GEOGRAPHIC = 2;

/** The GeoTIFF keys we use (geotiff.js names them after the GeoTIFF specification). */
export interface GeoKeys {
  GTModelTypeGeoKey?: number;
  GTRasterTypeGeoKey?: number;
  GeographicTypeGeoKey?: number;
  ProjectedCSTypeGeoKey?: number;
}

/**
 * The EPSG code of the CRS a GeoTIFF declares, or undefined when it has no geokeys at all (a plain image).
 * User-defined CRSs (code 32767 with explicit parameters) are not resolved yet: they get a clear 422.
 */
export function epsgCodeFromGeoKeys(keys: GeoKeys | null | undefined): number | undefined {
  if (!keys) return undefined;
  const model = keys.GTModelTypeGeoKey;
  const projected = keys.ProjectedCSTypeGeoKey;
  const geographic = keys.GeographicTypeGeoKey;
  const code = model === MODEL_GEOGRAPHIC ? geographic : (projected ?? (model === MODEL_PROJECTED ? undefined : geographic));
  if (code === undefined) {
    if (model === undefined) return undefined;
    throw new UnreadableImageError('The GeoTIFF declares a model type but no EPSG code; its CRS cannot be resolved');
  }
  if (code === USER_DEFINED) {
    throw new UnreadableImageError(
      'The GeoTIFF uses a user-defined CRS (code 32767), which is not supported; reproject it to an EPSG CRS (gdalwarp -t_srs EPSG:NNNN)',
    );
  }
  return code;
}

/** True when the GeoTIFF says pixel values are point samples (RasterPixelIsPoint). */
export function isPixelIsPoint(keys: GeoKeys | null | undefined): boolean {
  return keys?.GTRasterTypeGeoKey === 2;
}
