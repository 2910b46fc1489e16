import type { GeoTIFFImage } from 'geotiff';
import { LargeImageError, UnreadableImageError } from '../errors/large-image.errors';
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
export async function readBlock(image: GeoTIFFImage, tx: number, ty: number): Promise<DecodedBlock> {
  try {
    return await decodeBlock(image, tx, ty);
  } catch (error) {
    if (error instanceof LargeImageError) throw error;
    throw new UnreadableImageError(`Tile ${tx},${ty} of the file cannot be decoded; it may be truncated or corrupt (${(error as Error).message})`);
  }
}

async function decodeBlock(image: GeoTIFFImage, tx: number, ty: number): Promise<DecodedBlock> {
  const decoder = await decoderFor(image);
  const samples = image.getSamplesPerPixel();
  const width = image.getTileWidth();
  const height = image.getBlockHeight(ty);
  if (image.planarConfiguration === 1 || samples === 1) {
    const { data } = await image.getTileOrStrip(tx, ty, 0, decoder);
    return { data: asTyped(image, 0, data), width, height, samples };
  }
  // Planar (band-separate) layout: read every band's block and interleave them.
  const planes = await Promise.all(
    Array.from({ length: samples }, async (_, sample) =>
      asTyped(image, sample, (await image.getTileOrStrip(tx, ty, sample, decoder)).data),
    ),
  );
  const pixels = width * height;
  const data = image.getArrayForSample(0, pixels * samples) as TypedArray;
  for (let s = 0; s < samples; s++) {
    const plane = planes[s];
    for (let i = 0; i < pixels; i++) data[i * samples + s] = plane[i];
  }
  return { data, width, height, samples };
}

function asTyped(image: GeoTIFFImage, sample: number, data: ArrayBufferLike | TypedArray): TypedArray {
  return ArrayBuffer.isView(data) ? (data as TypedArray) : (image.getArrayForSample(sample, data as ArrayBuffer) as TypedArray);
}
