import type { GeoTIFFImage } from 'geotiff';
import { LargeImageError, UnreadableImageError } from '../errors/large-image.errors';
import { blockBytes } from './block-bytes';
import { DecodedBlockCache } from './decoded-block-cache';
import { decoderFor } from './decoders';

export type TypedArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** One decoded internal tile (or strip): all samples, pixel-interleaved. */
export interface DecodedBlock {
  data: TypedArray;
  /** Row length of `data` in pixels (the internal tile width, even for edge tiles). */
  width: number;
  height: number;
  samples: number;
}

/**
 * Fetches (through the block cache) and decodes one internal tile or strip of an IFD.
 * Decoder failures mean a corrupt or truncated file: they become a 422, while storage errors pass through.
 */
export async function readBlock(image: GeoTIFFImage, tx: number, ty: number, options: { cache?: boolean } = {}): Promise<DecodedBlock> {
  const owner = options.cache === false ? undefined : DecodedBlockCache.of(image);
  try {
    return await (owner ? owner.cache.get(owner.id, tx, ty, () => decodeBlock(image, tx, ty)) : decodeBlock(image, tx, ty));
  } catch (error) {
    if (error instanceof LargeImageError) throw error;
    throw new UnreadableImageError(`Tile ${tx},${ty} of the file cannot be decoded; it may be truncated or corrupt (${(error as Error).message})`);
  }
}

async function decodeBlock(image: GeoTIFFImage, tx: number, ty: number): Promise<DecodedBlock> {
  const samples = image.getSamplesPerPixel();
  const width = image.getTileWidth();
  const height = image.getBlockHeight(ty);
  if (image.planarConfiguration === 1 || samples === 1) {
    return { data: await decodeSample(image, tx, ty, 0), width, height, samples };
  }
  // Planar (band-separate) layout: read every band's block and interleave them.
  const planes = await Promise.all(Array.from({ length: samples }, (_, sample) => decodeSample(image, tx, ty, sample)));
  const pixels = width * height;
  const data = image.getArrayForSample(0, pixels * samples) as TypedArray;
  for (let s = 0; s < samples; s++) {
    const plane = planes[s];
    for (let i = 0; i < pixels; i++) data[i * samples + s] = plane[i];
  }
  return { data, width, height, samples };
}

/**
 * One block of one sample plane (or of all samples when interleaved): stored bytes read through the block
 * cache (one GET when the ghost header gives block sizes) and decoded. Sparse blocks read as nodata, as
 * GDAL does. Sample sizes that are not whole bytes need geotiff.js's normalisation, so it reads those.
 */
async function decodeSample(image: GeoTIFFImage, tx: number, ty: number, sample: number): Promise<TypedArray> {
  const decoder = await decoderFor(image);
  if (image.getBitsPerSample(sample) % 8 !== 0) return asTyped(image, sample, (await image.getTileOrStrip(tx, ty, sample, decoder)).data);
  const perRow = Math.ceil(image.getWidth() / image.getTileWidth());
  const perColumn = Math.ceil(image.getHeight() / image.getTileHeight());
  const index = (image.planarConfiguration === 2 ? sample * perRow * perColumn : 0) + ty * perRow + tx;
  const bytes = await blockBytes(image, index);
  if (!bytes) {
    const samples = image.planarConfiguration === 2 ? 1 : image.getSamplesPerPixel();
    const data = image.getArrayForSample(sample, image.getTileWidth() * image.getBlockHeight(ty) * samples) as TypedArray;
    return data.fill(image.getGDALNoData() ?? 0);
  }
  return asTyped(image, sample, await decoder.decode(bytes));
}

function asTyped(image: GeoTIFFImage, sample: number, data: ArrayBufferLike | TypedArray): TypedArray {
  return ArrayBuffer.isView(data) ? (data as TypedArray) : (image.getArrayForSample(sample, data as ArrayBuffer) as TypedArray);
}
