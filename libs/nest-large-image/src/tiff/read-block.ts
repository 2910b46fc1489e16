import type { GeoTIFFImage } from 'geotiff';
import { LargeImageError, UnreadableImageError } from '../errors/large-image.errors';
import { blockBytes } from './block-bytes';
import { BlockLease, DecodedBlockCache } from './decoded-block-cache';
import { Decoder, decoderFor } from './decoders';
import { dtypeOf } from './dtype';
import { JpegDecoder } from './jpeg.decoder';
import { decodeWithLibTiff, libTiffLayout } from './libtiff-blocks';
import type { DType } from './raster-source';
import { SampleOrder, alreadyNative, toNativeSamples } from './native-samples';
import { decodesToNativeSamples } from './thread-codec.decoder';

export type TypedArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/**
 * Where a decoder that can write into a given buffer puts a block's samples: a buffer of at least
 * `byteLength` bytes (the decoded-block cache lends its spare ones).
 */
export type AllocateBlock = (byteLength: number) => ArrayBuffer;

/** One decoded internal tile (or strip): all samples, pixel-interleaved. */
export interface DecodedBlock {
  data: TypedArray;
  /** Row length of `data` in pixels (the internal tile width, even for edge tiles). */
  width: number;
  height: number;
  samples: number;
}

/**
 * Fetches (through the byte cache) and decodes one internal tile or strip of an IFD, for a reader that reads
 * it once (scans of whole images): the decoded block is not kept.
 * Decoder failures mean a corrupt or truncated file: they become a 422, while storage errors pass through.
 */
export async function readBlock(image: GeoTIFFImage, tx: number, ty: number, allocate?: AllocateBlock): Promise<DecodedBlock> {
  try {
    return await decodeBlock(image, tx, ty, allocate);
  } catch (error) {
    throw asBlockError(error, tx, ty);
  }
}

/**
 * One internal tile or strip as readBlock reads it, through the decoded-block cache when the IFD has one.
 * Release the lease once done with the samples: the cache may then reuse the block's buffer.
 */
export function leaseBlock(image: GeoTIFFImage, tx: number, ty: number): BlockLease {
  const owner = DecodedBlockCache.of(image);
  if (!owner) return { block: readBlock(image, tx, ty), release: () => undefined };
  return owner.cache.lease(owner.id, tx, ty, (allocate) => readBlock(image, tx, ty, allocate));
}

/** A failure to read or decode a block: our own errors (storage, limits) as they are, anything else a 422. */
export function asBlockError(error: unknown, tx: number, ty: number): Error {
  if (error instanceof LargeImageError) return error;
  return new UnreadableImageError(`Tile ${tx},${ty} of the file cannot be decoded; it may be truncated or corrupt (${(error as Error).message})`);
}

async function decodeBlock(image: GeoTIFFImage, tx: number, ty: number, allocate?: AllocateBlock): Promise<DecodedBlock> {
  const samples = image.getSamplesPerPixel();
  const width = image.getTileWidth();
  const height = image.getBlockHeight(ty);
  if (image.planarConfiguration === 1 || samples === 1) {
    return { data: complete(await decodeSample(image, tx, ty, 0, allocate), width * height * samples), width, height, samples };
  }
  // Planar (band-separate) layout: read every band's block and interleave them.
  const planes = await Promise.all(Array.from({ length: samples }, async (_, sample) => complete(await decodeSample(image, tx, ty, sample), width * height)));
  const pixels = width * height;
  const data = image.getArrayForSample(0, pixels * samples) as TypedArray;
  for (let s = 0; s < samples; s++) {
    const plane = planes[s];
    for (let i = 0; i < pixels; i++) data[i * samples + s] = plane[i];
  }
  return { data, width, height, samples };
}

/** A decoded block must hold every sample its size calls for; fewer means the file lies about its layout. */
function complete(data: TypedArray, expected: number): TypedArray {
  if (data.length < expected) {
    throw new UnreadableImageError(`A block decoded to ${data.length} samples where its size needs ${expected}; the file is corrupt`);
  }
  return data;
}

/**
 * One block of one sample plane (or of all samples when interleaved): stored bytes read through the block
 * cache (one GET when the ghost header gives block sizes) and decoded. Sparse blocks read as nodata, as
 * GDAL does. Sample sizes that are not whole bytes need geotiff.js's normalisation, so it reads those.
 */
async function decodeSample(image: GeoTIFFImage, tx: number, ty: number, sample: number, allocate?: AllocateBlock): Promise<TypedArray> {
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
  return samplesOf(image, sample, await decodeStored(image, decoder, bytes, sample, image.getBlockHeight(ty), allocate));
}

/** Codecs that decode to values in the machine's byte order; the others give back the file's byte stream. */
const NATIVE_ORDER_CODECS = [7, 34887, 50001]; // JPEG, LERC, WebP

/**
 * Decompresses one stored block of `rows` rows into samples in the machine's byte order: by libtiff when the
 * system has it and takes the block; otherwise big-endian files are swapped, then the horizontal predictor
 * is undone, or the floating-point one (here rather than in geotiff.js, which assumes little-endian data and
 * 32 bits at most, and took 1.7 ms of the event loop per float block), on the codec thread for codecs that
 * decode there.
 */
export async function decodeStored(
  image: GeoTIFFImage,
  decoder: Decoder,
  bytes: ArrayBuffer,
  sample: number,
  rows: number,
  allocate?: AllocateBlock,
): Promise<ArrayBuffer | TypedArray> {
  const { predictor } = decoder.parameters as unknown as { predictor: number };
  const compression = Number(image.fileDirectory.getValue('Compression'));
  const layout = libTiffLayout(image, compression, predictor, sample, rows);
  const byLibTiff = layout && (await decodeWithLibTiff(bytes, layout, allocate));
  if (byLibTiff) return byLibTiff;
  const bytesPerSample = image.getBitsPerSample(sample) / 8;
  // Samples per pixel within the block: one when bands are stored separately.
  const stride = image.planarConfiguration === 2 ? 1 : image.getSamplesPerPixel();
  const order: SampleOrder = {
    bytesPerSample,
    swap: !image.littleEndian && bytesPerSample > 1 && !NATIVE_ORDER_CODECS.includes(compression),
    predictor,
    samplesPerRow: image.getTileWidth() * stride,
    stride,
  };
  if (decodesToNativeSamples(decoder)) return decoder.decodeSamples(bytes, order);
  if (decoder instanceof JpegDecoder && alreadyNative(order)) return decoder.decodeInto(bytes, allocate);
  const decoded = (await decoder.decodeBlock(bytes)) as ArrayBuffer | TypedArray;
  if (ArrayBuffer.isView(decoded) || alreadyNative(order)) return decoded;
  // Never change bytes in place that may be the block cache's own (uncompressed blocks).
  const data = decoded === bytes ? decoded.slice(0) : decoded;
  toNativeSamples(data, order);
  return data;
}

/** Decoded samples as a typed array of the dtype: 24-bit unsigned integers widened, half floats as float32. */
function samplesOf(image: GeoTIFFImage, sample: number, data: ArrayBuffer | TypedArray): TypedArray {
  if (ArrayBuffer.isView(data)) return data as TypedArray;
  const bits = image.getBitsPerSample(sample);
  const format = Number(image.getSampleFormat(sample) ?? 1);
  if (format === 3 && bits === 16) return halfFloats(new Uint16Array(data, 0, data.byteLength >> 1));
  if (bits === 24) return threeByteIntegers(new Uint8Array(data), image.littleEndian);
  return asTyped(image, sample, data);
}

function halfFloats(halves: Uint16Array): Float32Array {
  const out = new Float32Array(halves.length);
  for (let i = 0; i < halves.length; i++) {
    const half = halves[i];
    const sign = half & 0x8000 ? -1 : 1;
    const exponent = (half >> 10) & 0x1f;
    const fraction = half & 0x3ff;
    out[i] =
      exponent === 0 ? sign * 2 ** -14 * (fraction / 1024) : exponent === 31 ? (fraction ? NaN : sign * Infinity) : sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
  }
  return out;
}

function threeByteIntegers(bytes: Uint8Array, littleEndian: boolean): Uint32Array {
  const out = new Uint32Array(Math.floor(bytes.length / 3));
  for (let i = 0, at = 0; i < out.length; i++, at += 3) {
    out[i] = littleEndian ? bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) : (bytes[at] << 16) | (bytes[at + 1] << 8) | bytes[at + 2];
  }
  return out;
}

/**
 * A decoded buffer viewed as the sample's type. The array type is chosen here rather than by geotiff.js,
 * whose `instanceof ArrayBuffer` test fails for buffers from another realm (as under jest).
 */
function asTyped(image: GeoTIFFImage, sample: number, data: ArrayBufferLike | TypedArray): TypedArray {
  if (ArrayBuffer.isView(data)) return data as TypedArray;
  const dtype = dtypeOf(Number(image.getSampleFormat(sample) ?? 1), image.getBitsPerSample(sample));
  return new TYPED_ARRAYS[dtype](data as ArrayBuffer);
}

const TYPED_ARRAYS: Record<DType, new (buffer: ArrayBuffer) => TypedArray> = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
};
