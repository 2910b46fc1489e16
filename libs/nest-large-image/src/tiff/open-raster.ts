import { GeoTIFF } from 'geotiff';
import type { GeoTIFFImage } from 'geotiff';
import { UnreadableImageError } from '../errors/large-image.errors';
import { BlockSource } from '../storage/block-source';
import { imageCrs } from '../geo/image-crs';
import { epsgCodeFromGeoKeys, isPixelIsPoint } from './geokeys';
import { dtypeOf } from './dtype';
import { geoTransformOf } from './geotransform';
import { computeBandRanges } from './band-ranges';
import { RasterLevel, RasterSource } from './raster-source';

const REDUCED_RESOLUTION = 1;
const MASK = 4;
/** ExtraSamples values 1 (associated) and 2 (unassociated) both mean "alpha". */
const ALPHA_EXTRA_SAMPLES = [1, 2];

/**
 * Parses a TIFF/COG header through `source` (only the IFDs are read, never pixel data) and describes
 * its levels, masks, bands and georeferencing. Anything that is not a readable TIFF becomes a 422.
 */
export async function openRaster(id: string, source: BlockSource): Promise<RasterSource> {
  let images: GeoTIFFImage[];
  let tiff: GeoTIFF;
  try {
    tiff = await GeoTIFF.fromSource(source as never);
    const count = await tiff.getImageCount();
    images = await Promise.all(Array.from({ length: count }, (_, i) => tiff.getImage(i)));
  } catch (error) {
    throw new UnreadableImageError(`The file is not a readable TIFF (${(error as Error).message})`);
  }
  const subfileType = (image: GeoTIFFImage) => Number(image.fileDirectory.getValue('NewSubfileType') ?? 0);
  const main = images.find((image) => (subfileType(image) & (REDUCED_RESOLUTION | MASK)) === 0);
  if (!main) throw new UnreadableImageError('The TIFF has no full-resolution image');

  const samples = main.getSamplesPerPixel();
  const masks = images.filter((image) => subfileType(image) & MASK);
  const overviews = images
    .filter((image) => image !== main && (subfileType(image) & MASK) === 0 && (subfileType(image) & REDUCED_RESOLUTION))
    .filter((image) => image.getSamplesPerPixel() === samples && image.getWidth() < main.getWidth())
    .sort((a, b) => b.getWidth() - a.getWidth());
  const levels: RasterLevel[] = [main, ...overviews].map((image) => ({
    image,
    width: image.getWidth(),
    height: image.getHeight(),
    tileWidth: image.getTileWidth(),
    tileHeight: image.getTileHeight(),
    mask: masks.find((mask) => mask.getWidth() === image.getWidth() && mask.getHeight() === image.getHeight()),
  }));

  const geoKeys = main.getGeoKeys();
  const epsg = epsgCodeFromGeoKeys(geoKeys);
  const geoTransform = epsg === undefined ? undefined : geoTransformOf(main, isPixelIsPoint(geoKeys));
  const crs = epsg === undefined ? undefined : imageCrs(epsg, geoTransform!, main.getWidth(), main.getHeight());
  const extraSamples = (main.fileDirectory.getValue('ExtraSamples') as number[] | undefined) ?? [];
  const firstExtra = samples - extraSamples.length;
  const alphaIndex = extraSamples.findIndex((kind) => ALPHA_EXTRA_SAMPLES.includes(Number(kind)));

  const raster: RasterSource = {
    id,
    tiff,
    source,
    ifds: images,
    width: main.getWidth(),
    height: main.getHeight(),
    bandCount: samples,
    dtype: dtypeOf(Number(main.getSampleFormat(0) ?? 1), Number(main.getBitsPerSample(0))),
    levels,
    crs,
    geoTransform,
    nodata: main.getGDALNoData(),
    alphaBand: alphaIndex >= 0 ? firstExtra + alphaIndex : null,
    photometric: Number(main.fileDirectory.getValue('PhotometricInterpretation') ?? 1),
    // Computed on first use only: RGB uint8 files never need them, and opening must not read pixels.
    bandRanges: () =>
      (ranges ??= computeBandRanges(raster).catch((error: unknown) => {
        ranges = undefined; // a storage hiccup must not be remembered
        throw error;
      })),
  };
  let ranges: Promise<Array<[number, number]>> | undefined;
  return raster;
}
