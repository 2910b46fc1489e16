import { tagNumber, tagText } from './dump-tag-values';
import type { GdalMetadataDomain } from './gdal-metadata-xml';
import type { TiffDumpIfd } from './tiff-dump';
import { TAG } from './tiff-tags';

/** The default metadata domain of a dataset, with each band's items under `bands` (keyed 1-based). */
export interface GdalDatasetMetadata {
  [item: string]: string | Record<string, Record<string, string>>;
  bands: Record<string, Record<string, string>>;
}

/** Baseline text tags GDAL reports as TIFFTAG_* items. */
const TEXT_TAGS: Array<[string, number]> = [
  ['TIFFTAG_DOCUMENTNAME', TAG.DocumentName],
  ['TIFFTAG_IMAGEDESCRIPTION', TAG.ImageDescription],
  ['TIFFTAG_SOFTWARE', TAG.Software],
  ['TIFFTAG_DATETIME', TAG.DateTime],
  ['TIFFTAG_ARTIST', TAG.Artist],
  ['TIFFTAG_HOSTCOMPUTER', TAG.HostComputer],
  ['TIFFTAG_COPYRIGHT', TAG.Copyright],
];
const RESOLUTION_UNITS: Record<number, string> = { 1: '1 (unitless)', 2: '2 (pixels/inch)', 3: '3 (pixels/cm)' };
const PIXEL_IS_POINT = 2;

/**
 * What GDAL's GTiff driver lists in the default ('') domain: the TIFFTAG_* items of the first IFD,
 * AREA_OR_POINT for GeoTIFFs, and the GDAL_METADATA items of that domain (dataset and per band).
 */
export function gdalDatasetMetadata(
  main: TiffDumpIfd,
  geoKeys: Record<string, unknown> | null,
  fromGdalMetadata: GdalMetadataDomain,
): GdalDatasetMetadata {
  const items: Record<string, string> = {};
  for (const [item, tag] of TEXT_TAGS) {
    const text = tagText(main, tag);
    if (text !== undefined) items[item] = text;
  }
  const xResolution = tagNumber(main, TAG.XResolution);
  const yResolution = tagNumber(main, TAG.YResolution);
  if (xResolution !== undefined && yResolution !== undefined) {
    items.TIFFTAG_XRESOLUTION = formatG8(xResolution);
    items.TIFFTAG_YRESOLUTION = formatG8(yResolution);
    const unit = tagNumber(main, TAG.ResolutionUnit) ?? 2;
    items.TIFFTAG_RESOLUTIONUNIT = RESOLUTION_UNITS[unit] ?? String(unit);
  }
  if (geoKeys) items.AREA_OR_POINT = geoKeys.GTRasterTypeGeoKey === PIXEL_IS_POINT ? 'Point' : 'Area';
  return { ...items, ...fromGdalMetadata.dataset, bands: fromGdalMetadata.bands };
}

/** C's `%.8g`, which GDAL uses for resolutions. */
function formatG8(value: number): string {
  return String(Number(value.toPrecision(8)));
}
