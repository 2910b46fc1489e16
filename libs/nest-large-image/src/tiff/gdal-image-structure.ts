import { tagNumber, tagNumbers } from './dump-tag-values';
import { declaresCogLayout } from './gdal-structural-metadata';
import type { TiffDumpIfd } from './tiff-dump';
import { TAG } from './tiff-tags';

/** GDAL's names for TIFF compressions (its GTiff driver's table); uncompressed files get no COMPRESSION item. */
const GDAL_COMPRESSION_NAMES: Readonly<Record<number, string>> = {
  2: 'CCITTRLE',
  3: 'CCITTFAX3',
  4: 'CCITTFAX4',
  5: 'LZW',
  6: 'OJPEG',
  7: 'JPEG',
  8: 'DEFLATE',
  32766: 'NEXT',
  32771: 'CCITTRLEW',
  32773: 'PACKBITS',
  32809: 'THUNDERSCAN',
  32908: 'PIXARFILM',
  32909: 'PIXARLOG',
  32946: 'DEFLATE',
  32947: 'DCS',
  34661: 'JBIG',
  34676: 'SGILOG',
  34677: 'SGILOG24',
  34712: 'JP2000',
  34887: 'LERC',
  34925: 'LZMA',
  50000: 'ZSTD',
  50001: 'WEBP',
  50002: 'JXL',
};
const NO_COMPRESSION = 1;
const JPEG = 7;
const LERC = 34887;
/** LercParameters' second value: the codec applied after LERC. */
const LERC_ADDITIONAL = ['LERC', 'LERC_DEFLATE', 'LERC_ZSTD'];
const PHOTOMETRIC_YCBCR = 6;
const PLANAR_CONTIG = 1;

/**
 * The dataset's IMAGE_STRUCTURE metadata as GDAL's GTiff driver reports it: COMPRESSION (GDAL's names,
 * "YCbCr JPEG" for JPEG in YCbCr), INTERLEAVE, PREDICTOR, SOURCE_COLOR_SPACE and LAYOUT=COG, over the
 * IMAGE_STRUCTURE items of the GDAL_METADATA tag. JPEG_QUALITY and JPEGTABLESMODE (estimated by GDAL
 * from the quantisation tables) are not reproduced.
 */
export function gdalImageStructure(
  main: TiffDumpIfd,
  structuralMetadata: Record<string, string> | null,
  fromGdalMetadata: Record<string, string>,
): Record<string, string> {
  const items: Record<string, string> = { ...fromGdalMetadata };
  const compression = tagNumber(main, TAG.Compression) ?? NO_COMPRESSION;
  const photometric = tagNumber(main, TAG.Photometric);
  if (compression === JPEG && photometric === PHOTOMETRIC_YCBCR) {
    items.COMPRESSION = 'YCbCr JPEG';
  } else if (compression === LERC) {
    items.COMPRESSION = LERC_ADDITIONAL[tagNumbers(main, TAG.LERC_PARAMETERS)?.[1] ?? 0] ?? 'LERC';
  } else if (compression !== NO_COMPRESSION) {
    items.COMPRESSION = GDAL_COMPRESSION_NAMES[compression] ?? String(compression);
  }
  const bands = tagNumber(main, TAG.SamplesPerPixel) ?? 1;
  items.INTERLEAVE = bands > 1 && (tagNumber(main, TAG.PlanarConfig) ?? PLANAR_CONTIG) === PLANAR_CONTIG ? 'PIXEL' : 'BAND';
  if (declaresCogLayout(structuralMetadata)) items.LAYOUT = 'COG';
  const predictor = tagNumber(main, TAG.Predictor) ?? 1;
  if (predictor !== 1) items.PREDICTOR = String(predictor);
  if (photometric === PHOTOMETRIC_YCBCR) items.SOURCE_COLOR_SPACE = 'YCbCr';
  return items;
}
