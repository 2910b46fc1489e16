import { WGS84 } from '../geo/crs';
import { Bounds, cornerBounds, geographicBounds } from '../geo/footprint';
import { pixelSizeMeters } from '../geo/pixel-size';
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
  /** large_image's frame list for multi-frame images; false for single-frame ones. */
  frames: false | FrameEntry[];
  /** large_image's IndexRange: the number of frames, for multi-frame images. */
  IndexRange?: { Index: number };
}

/** One frame as large_image lists it. */
export interface FrameEntry {
  Frame: number;
  Index: number;
}

export function buildMetadata(raster: RasterSource, pyramid: Pyramid): ImageMetadata {
  const { crs, geoTransform } = raster;
  const geospatial = Boolean(crs && geoTransform);
  const size = pyramid.kind === 'mercator' ? pyramid.tileSize * 2 ** (pyramid.levels - 1) : undefined;
  const interpretations = bandInterpretations(raster);
  const mm = geospatial ? pixelSizeMeters(geoTransform!, raster.width, raster.height, crs!) * 1000 : null;
  return {
    levels: pyramid.levels,
    sizeX: size ?? raster.width,
    sizeY: size ?? raster.height,
    tileWidth: pyramid.tileSize,
    tileHeight: pyramid.tileSize,
    magnification: null,
    mm_x: mm,
    mm_y: mm,
    dtype: raster.dtype,
    bandCount: raster.bandCount,
    geospatial,
    projection: pyramid.kind === 'mercator' ? pyramid.projection : null,
    ...(geospatial && {
      bounds: { ...clampLatitude(geographicBounds(geoTransform!, raster.width, raster.height, crs!)), srs: WGS84.code },
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
    frames: raster.frames.length > 1 ? raster.frames.map((_, index) => ({ Frame: index, Index: index })) : false,
    ...(raster.frames.length > 1 && { IndexRange: { Index: raster.frames.length } }),
  };
}

/** django-large-image clamps latitudes so that web maps can fit the bounds. */
function clampLatitude(bounds: Bounds): Bounds {
  const limit = 89.9999;
  return { ...bounds, ymin: Math.max(bounds.ymin, -limit), ymax: Math.min(bounds.ymax, limit) };
}
