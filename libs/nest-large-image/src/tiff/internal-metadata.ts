import { checkCogLayout, CogLayoutReport } from './cog-layout';
import { tagText } from './dump-tag-values';
import { gdalDatasetMetadata, GdalDatasetMetadata } from './gdal-dataset-metadata';
import { gdalImageStructure } from './gdal-image-structure';
import { metadataDomain, parseGdalMetadataXml } from './gdal-metadata-xml';
import { gdalIfdRoles, imageSize, listIfds } from './ifd-roles';
import { ifdSummary, IfdSummary } from './ifd-summary';
import type { GeoTransform, RasterSource } from './raster-source';
import { ReadBytes, tiffDump } from './tiff-dump';
import { TAG } from './tiff-tags';

/** `/info/metadata_internal`: large_image's GDAL getInternalMetadata() keys, then TIFF internals GDAL does not list. */
export interface InternalMetadata {
  driverShortName: 'GTiff';
  driverLongName: 'GeoTIFF';
  RasterXSize: number;
  RasterYSize: number;
  /** GDAL order; GDAL's default [0, 1, 0, 0, 0, 1] when the file has no georeferencing. */
  GeoTransform: GeoTransform;
  /** `EPSG:NNNN`, or '' for a plain image (GDAL gives WKT here). */
  Projection: string;
  /** The proj4 definition used to transform the image ('' for a plain image). */
  proj4Projection: string;
  Metadata: GdalDatasetMetadata;
  Metadata_IMAGE_STRUCTURE: Record<string, string>;
  ifds: IfdSummary[];
  /** The first image's GeoKeyDirectory, keys by name; null when it has none. */
  geokeys: Record<string, JsonValue> | null;
  /** GDAL_NODATA (tag 42113): a number, or its text when not a finite number (e.g. "nan"); null when absent. */
  nodata: number | string | null;
  cog: CogLayoutReport;
  /** GDAL's overviews of the main image, largest first as stored. */
  overviews: Array<{ width: number; height: number }>;
}

type JsonValue = string | number | boolean | null | JsonValue[];

/** GDAL's default geotransform for images without georeferencing. */
const IDENTITY: GeoTransform = [0, 1, 0, 0, 0, 1];
/**
 * Offsets kept per array tag: enough for every block of any realistic COG level (256 x 256 tiles of 256
 * pixels), so the block-order checks are complete, without reading megabytes for pathological files.
 */
const MAX_BLOCKS_READ = 65536;
const MAX_GEOKEY_VALUES = 1000;

/**
 * Everything `/info/metadata_internal` reports for an opened TIFF: GDAL's dataset-level view (as
 * large_image's GDAL source returns it), one summary per IFD, the geokeys, and the COG layout check
 * (without the leader/trailer full check, which would read around every block).
 */
export async function internalMetadata(raster: RasterSource): Promise<InternalMetadata> {
  const read: ReadBytes = (offset, length) => raster.source.read(offset, length);
  const dump = await tiffDump(read, raster.source.fileSize, { maxValues: MAX_BLOCKS_READ });
  const main = dump.ifds[0];
  const roles = gdalIfdRoles(dump);
  const xml = tagText(main, TAG.GDAL_Metadata);
  const gdalItems = xml ? parseGdalMetadataXml(xml) : [];
  const geokeys = jsonGeoKeys(raster.ifds[0].getGeoKeys());
  const cog = await checkCogLayout(dump, read);
  return {
    driverShortName: 'GTiff',
    driverLongName: 'GeoTIFF',
    RasterXSize: raster.width,
    RasterYSize: raster.height,
    GeoTransform: raster.geoTransform ?? IDENTITY,
    Projection: raster.crs?.code ?? '',
    proj4Projection: raster.crs?.proj4 ?? '',
    Metadata: gdalDatasetMetadata(main, geokeys, metadataDomain(gdalItems)),
    Metadata_IMAGE_STRUCTURE: gdalImageStructure(main, cog.details.structural_metadata, metadataDomain(gdalItems, 'IMAGE_STRUCTURE').dataset),
    ifds: listIfds(dump).map(ifdSummary),
    geokeys,
    nodata: parseNodata(tagText(main, TAG.GDAL_NoData)),
    cog,
    overviews: roles.overviews.map(({ image }) => imageSize(image.ifd)),
  };
}

function parseNodata(text: string | undefined): number | string | null {
  if (text === undefined) return null;
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed !== '' && Number.isFinite(value) ? value : trimmed;
}

/** geotiff.js gives typed arrays for some keys: plain, capped arrays keep the answer JSON. */
function jsonGeoKeys(keys: Record<string, unknown> | null): Record<string, JsonValue> | null {
  if (!keys) return null;
  const result: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(keys)) {
    if (ArrayBuffer.isView(value) || Array.isArray(value)) {
      result[name] = Array.from(value as ArrayLike<number>).slice(0, MAX_GEOKEY_VALUES);
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      result[name] = value;
    }
  }
  return result;
}
