import { GeoTIFF } from 'geotiff';
import type { GeoTIFFImage } from 'geotiff';
import { UnreadableImageError } from '../errors/large-image.errors';
import { BlockSource } from '../storage/block-source';
import { imageCrs } from '../geo/image-crs';
import { readBigEndianDeferredArrays } from './big-endian-arrays';
import { useGhostHeader } from './block-bytes';
import type { DecodedBlockCache } from './decoded-block-cache';
import { epsgCodeFromGeoKeys, isPixelIsPoint } from './geokeys';
import { dtypeOf } from './dtype';
import { geoTransformOf } from './geotransform';
import type { RasterFrame, RasterLevel, RasterSource } from './raster-source';

const REDUCED_RESOLUTION = 1;
const MASK = 4;
/** ExtraSamples values 1 (associated) and 2 (unassociated) both mean "alpha". */
const ALPHA_EXTRA_SAMPLES = [1, 2];

/**
 * Parses a TIFF/COG header through `source` (only the IFDs are read, never pixel data) and describes
 * its levels, masks, bands and georeferencing. Anything that is not a readable TIFF becomes a 422.
 */
export async function openRaster(
  id: string,
  source: BlockSource,
  decodedBlocks?: DecodedBlockCache,
  headerPrefetchBytes = 0,
): Promise<RasterSource> {
  const { tiff, images } = await openImages(source, decodedBlocks, headerPrefetchBytes);
  const frames = groupFrames(images);
  const main = frames[0].levels[0].image;
  const samples = main.getSamplesPerPixel();
  const levels = frames[0].levels;

  const geoKeys = main.getGeoKeys();
  const epsg = epsgCodeFromGeoKeys(geoKeys);
  // A CRS without a geotransform places nothing: such a file is read as a plain image, in pixels.
  const geoTransform = epsg === undefined ? undefined : geoTransformOf(main, isPixelIsPoint(geoKeys));
  const crs = epsg === undefined || !geoTransform ? undefined : imageCrs(epsg, geoTransform, main.getWidth(), main.getHeight());
  const extraSamples = (main.fileDirectory.getValue('ExtraSamples') as number[] | undefined) ?? [];
  const firstExtra = samples - extraSamples.length;
  const alphaIndex = extraSamples.findIndex((kind) => ALPHA_EXTRA_SAMPLES.includes(Number(kind)));

  const dtype = dtypeOf(Number(main.getSampleFormat(0) ?? 1), Number(main.getBitsPerSample(0)));
  const raster: RasterSource = {
    id,
    tiff,
    source,
    ifds: images,
    width: main.getWidth(),
    height: main.getHeight(),
    bandCount: samples,
    dtype,
    levels,
    frames,
    crs,
    geoTransform,
    nodata: nodataOf(main, dtype),
    alphaBand: alphaIndex >= 0 ? firstExtra + alphaIndex : null,
    photometric: Number(main.fileDirectory.getValue('PhotometricInterpretation') ?? 1),
    headerBytes: estimateHeaderBytes(images),
  };
  return raster;
}

/**
 * Reads every IFD of a TIFF through `source` (one request for the header and, in a COG, the IFDs and
 * offset arrays that follow it), checks their layouts and lets `decodedBlocks` cache their blocks.
 * Anything that is not a readable TIFF becomes a 422.
 */
export async function openImages(
  source: BlockSource,
  decodedBlocks: DecodedBlockCache | undefined,
  headerPrefetchBytes: number,
): Promise<{ tiff: GeoTIFF; images: GeoTIFFImage[] }> {
  let images: GeoTIFFImage[];
  let tiff: GeoTIFF;
  try {
    await source.prefetch(0, headerPrefetchBytes);
    tiff = await GeoTIFF.fromSource(source as never);
    images = await readImageChain(tiff);
    await readBigEndianDeferredArrays(images, source);
    for (const image of images) await assertSaneLayout(image);
    await useGhostHeader(tiff, images);
  } catch (error) {
    if (error instanceof UnreadableImageError) throw error;
    throw new UnreadableImageError(`The file is not a readable TIFF (${(error as Error).message})`);
  }
  decodedBlocks?.register(images);
  return { tiff, images };
}

/** Larger decoded blocks than this are refused: decoding one would take more memory than a request may. */
const MAX_BLOCK_BYTES = 512 * 1024 * 1024;

/**
 * Rejects IFDs no real writer makes, before anything sizes an array from them: empty sizes or blocks,
 * a BitsPerSample count that does not match SamplesPerPixel (GDAL refuses those too), or blocks so large
 * that decoding one would exhaust memory (a whole big image in one strip).
 */
async function assertSaneLayout(image: GeoTIFFImage): Promise<void> {
  const corrupt = (what: string) => new UnreadableImageError(`The TIFF is corrupt: ${what}`);
  const [width, height, tileWidth, tileHeight, samples] = [image.getWidth(), image.getHeight(), image.getTileWidth(), image.getTileHeight(), image.getSamplesPerPixel()];
  if (![width, height, tileWidth, tileHeight, samples].every((value) => Number.isInteger(value) && value >= 1)) {
    const shown = (value: number) => (Number.isFinite(value) ? value : 'none');
    throw corrupt(
      `an image directory has a zero or invalid size (${shown(width)} x ${shown(height)}, blocks ${shown(tileWidth)} x ${shown(tileHeight)}, ${shown(samples)} samples per pixel)`,
    );
  }
  if (!image.isTiled && image.fileDirectory.hasTag('RowsPerStrip') && !(Number(image.fileDirectory.getValue('RowsPerStrip')) >= 1)) {
    throw corrupt('RowsPerStrip is 0');
  }
  const bits = await image.fileDirectory.loadValue('BitsPerSample');
  const bitCounts = ArrayBuffer.isView(bits) || Array.isArray(bits) ? Array.from(bits as ArrayLike<number>) : [Number(bits ?? 1)];
  if (bitCounts.length !== 1 && bitCounts.length !== samples) throw corrupt(`BitsPerSample has ${bitCounts.length} values for ${samples} samples per pixel`);
  if (!bitCounts.every((count) => count >= 1 && count <= 64)) throw corrupt(`BitsPerSample ${bitCounts.join(',')} is out of range`);
  const blockSamples = image.planarConfiguration === 2 ? 1 : samples;
  const blockBytes = tileWidth * tileHeight * blockSamples * Math.ceil(Math.max(...bitCounts) / 8);
  if (blockBytes > MAX_BLOCK_BYTES) {
    throw new UnreadableImageError(
      `The file's internal blocks (${tileWidth} x ${tileHeight} pixels, ${Math.round(blockBytes / 2 ** 20)} MB decoded) are too large to read; retile it (gdal_translate -co TILED=YES or -of COG)`,
    );
  }
}

/** More IFDs than any real file has: a longer chain means a corrupt or hostile file. */
const MAX_IFDS = 10_000;

/**
 * Every IFD of the chain. geotiff.js's own getImageCount() follows next-IFD offsets blindly, so a file
 * whose chain loops back would hang it: we walk the chain ourselves and stop at a repeated offset.
 */
async function readImageChain(tiff: GeoTIFF): Promise<GeoTIFFImage[]> {
  const seen = new Set<number>([tiff.firstIFDOffset]);
  const images: GeoTIFFImage[] = [];
  for (let index = 0; index < MAX_IFDS; index++) {
    const ifd = await tiff.requestIFD(index);
    images.push(await tiff.getImage(index));
    const next = ifd.nextIFDByteOffset;
    if (next === 0) return images;
    if (seen.has(next) || next >= (tiff.source as unknown as BlockSource).fileSize) {
      throw new UnreadableImageError('The TIFF is corrupt: its chain of image directories loops or points past the end of the file');
    }
    seen.add(next);
  }
  throw new UnreadableImageError(`The TIFF has more than ${MAX_IFDS} image directories; it is not supported`);
}

const subfileType = (image: GeoTIFFImage) => Number(image.fileDirectory.getValue('NewSubfileType') ?? 0);
const isOverview = (image: GeoTIFFImage) => (subfileType(image) & (REDUCED_RESOLUTION | MASK)) === REDUCED_RESOLUTION;
export const isMask = (image: GeoTIFFImage) => (subfileType(image) & MASK) !== 0;

/**
 * Groups IFDs into frames. The first full-resolution IFD is frame 0; later full-resolution IFDs of the
 * same size and sample layout are further frames (pages), other sizes (thumbnails, labels) are ignored.
 * Each overview or mask belongs to the frame it follows in the file, or to frame 0 when the file has
 * one frame (COGs may put overviews anywhere after the main IFD).
 */
function groupFrames(images: GeoTIFFImage[]): RasterFrame[] {
  const main = images.find((image) => !isOverview(image) && !isMask(image));
  if (!main) throw new UnreadableImageError('The TIFF has no full-resolution image');
  const sameLayout = (image: GeoTIFFImage) =>
    image.getWidth() === main.getWidth() &&
    image.getHeight() === main.getHeight() &&
    image.getSamplesPerPixel() === main.getSamplesPerPixel() &&
    image.getBitsPerSample(0) === main.getBitsPerSample(0);
  const frameImages = images.filter((image) => !isOverview(image) && !isMask(image) && sameLayout(image));
  const owner = (index: number) => {
    if (frameImages.length === 1) return frameImages[0];
    let current = frameImages[0];
    for (let i = 0; i <= index; i++) if (frameImages.includes(images[i])) current = images[i];
    return current;
  };
  return frameImages.map((frameImage) => {
    const mine = images.filter((image, index) => image !== frameImage && owner(index) === frameImage);
    const overviews = mine
      .filter((image) => isOverview(image) && image.getSamplesPerPixel() === frameImage.getSamplesPerPixel())
      .filter((image) => image.getWidth() < frameImage.getWidth())
      .sort((a, b) => b.getWidth() - a.getWidth());
    const masks = mine.filter(isMask);
    return { levels: [frameImage, ...overviews].map((image) => levelOf(image, masks)) };
  });
}

/** A level of `image`, with the mask among `masks` of its size (none when there is none). */
export function levelOf(image: GeoTIFFImage, masks: GeoTIFFImage[]): RasterLevel {
  return {
    image,
    width: image.getWidth(),
    height: image.getHeight(),
    tileWidth: image.getTileWidth(),
    tileHeight: image.getTileHeight(),
    mask: masks.find((mask) => mask.getWidth() === image.getWidth() && mask.getHeight() === image.getHeight()),
  };
}

/**
 * GDAL's nodata value as the band's samples hold it: GDAL compares float32 samples with the nodata
 * rounded to float32, so a value like 1e-30 must be rounded the same way to match.
 */
function nodataOf(image: GeoTIFFImage, dtype: string): number | null {
  const nodata = image.getGDALNoData();
  if (nodata === null || nodata === undefined || Number.isNaN(nodata)) return nodata ?? null;
  return dtype === 'float32' ? Math.fround(nodata) : nodata;
}

/** Parsed IFDs cost a few KB each, plus 16 bytes per block for offsets and byte counts once loaded. */
export function estimateHeaderBytes(images: GeoTIFFImage[]): number {
  return images.reduce((sum, image) => {
    const blocks = Math.ceil(image.getWidth() / image.getTileWidth()) * Math.ceil(image.getHeight() / image.getTileHeight());
    return sum + 4096 + 16 * blocks * (image.planarConfiguration === 2 ? image.getSamplesPerPixel() : 1);
  }, 0);
}
