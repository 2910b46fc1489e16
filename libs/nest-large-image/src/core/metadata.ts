import { WGS84, transformBetween } from '../geo/crs';
import { Bounds, cornerBounds, pixelToGeo } from '../geo/footprint';
import { bandInterpretations } from '../tiff/band-interpretation';
import type { RasterSource } from '../tiff/raster-source';
import type { Pyramid } from './pyramid';

/** large_image's getMetadata() plus django-large-image's additions (EPSG:4326 bounds, frames). */
export interface ImageMetadata {
  levels: number;
  sizeX: number;
  sizeY: number;
  tileWidth: number;
  tileHeight: number;
  magnification: null;
  mm_x: number | null;
  mm_y: number | null;
  dtype: string;
  bandCount: number;
  geospatial: boolean;
  projection: string | null;
  bounds?: Bounds & { srs: string };
  sourceLevels: number;
  sourceSizeX: number;
  sourceSizeY: number;
  sourceBounds?: Bounds & { srs: string };
  bands: Record<number, { interpretation: string; nodata?: number }>;
  frames: false;
}

export function buildMetadata(raster: RasterSource, pyramid: Pyramid): ImageMetadata {
  const { crs, geoTransform } = raster;
  const geospatial = Boolean(crs && geoTransform);
  const size = pyramid.kind === 'mercator' ? pyramid.tileSize * 2 ** (pyramid.levels - 1) : undefined;
  const interpretations = bandInterpretations(raster);
  const [mmX, mmY] = geospatial ? pixelSizeMm(raster) : [null, null];
  return {
    levels: pyramid.levels,
    sizeX: size ?? raster.width,
    sizeY: size ?? raster.height,
    tileWidth: pyramid.tileSize,
    tileHeight: pyramid.tileSize,
    magnification: null,
    mm_x: mmX,
    mm_y: mmY,
    dtype: raster.dtype,
    bandCount: raster.bandCount,
    geospatial,
    projection: pyramid.kind === 'mercator' ? pyramid.projection : null,
    ...(geospatial && {
      bounds: { ...clampLatitude(cornerBounds(geoTransform!, raster.width, raster.height, crs!, WGS84)), srs: WGS84.code },
      sourceBounds: { ...cornerBounds(geoTransform!, raster.width, raster.height, crs!, crs!), srs: crs!.code },
    }),
    sourceLevels: raster.levels.length,
    sourceSizeX: raster.width,
    sourceSizeY: raster.height,
    bands: Object.fromEntries(
      interpretations.map((interpretation, band) => [
        band + 1,
        { interpretation, ...(raster.nodata !== null && { nodata: raster.nodata }) },
      ]),
    ),
    frames: false,
  };
}

/** django-large-image clamps latitudes so that web maps can fit the bounds. */
function clampLatitude(bounds: Bounds): Bounds {
  const limit = 89.9999;
  return { ...bounds, ymin: Math.max(bounds.ymin, -limit), ymax: Math.min(bounds.ymax, limit) };
}

/** Ground size of the centre pixel in millimetres (great-circle distances on the WGS84 mean radius). */
function pixelSizeMm(raster: RasterSource): [number, number] {
  const toWgs84 = transformBetween(raster.crs!, WGS84);
  const col = raster.width / 2;
  const row = raster.height / 2;
  const at = (c: number, r: number) => toWgs84(...pixelToGeo(raster.geoTransform!, c, r));
  const origin = at(col, row);
  return [greatCircleMetres(origin, at(col + 1, row)) * 1000, greatCircleMetres(origin, at(col, row + 1)) * 1000];
}

function greatCircleMetres([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
}
