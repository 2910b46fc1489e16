import type { GeoTIFFImage } from 'geotiff';
import { LibTiff } from './libtiff';
import type { StoredBlockLayout } from './libtiff-template';
import { OptionalNativeLibrary, unzeroedBuffer } from './native-calls';
import type { AllocateBlock } from './read-block';

/** The system's libtiff, when it is installed and not switched off. */
const systemLibTiff = new OptionalNativeLibrary(LibTiff.load);

/** Whether LZW, DEFLATE, ZSTD, PackBits and LZMA blocks may be decoded with the system's libtiff (the default). */
export function useLibTiff(enabled: boolean): void {
  systemLibTiff.enable(enabled);
}

/** Whether the system's libtiff decodes blocks in this process. */
export function libTiffInUse(): boolean {
  return systemLibTiff.get() !== null;
}

/**
 * Compressions whose blocks libtiff decodes: LZW, DEFLATE (both codes), PackBits, ZSTD, and LZMA, which
 * nothing else here decodes. JPEG and WebP have their own native decoders; LERC, rare, keeps Esri's.
 */
const LIBTIFF_COMPRESSIONS = new Set([5, 8, 32946, 32773, 50000, 34925]);

/** Sample widths libtiff's predictors take and our readers view as typed arrays. */
const WHOLE_SAMPLE_BITS = new Set([8, 16, 32, 64]);

/**
 * The layout libtiff decodes a block of `rows` rows of `sample` of this IFD with (`compression` and
 * `predictor` are the IFD's), or undefined when libtiff is not in use or does not take such blocks: another
 * compression, samples that are not whole bytes, or a pixel whose samples differ in width (a template gives
 * them all one).
 */
export function libTiffLayout(image: GeoTIFFImage, compression: number, predictor: number, sample: number, rows: number): StoredBlockLayout | undefined {
  const bitsPerSample = image.getBitsPerSample(sample);
  if (!LIBTIFF_COMPRESSIONS.has(compression) || !WHOLE_SAMPLE_BITS.has(bitsPerSample) || systemLibTiff.get() === null) return undefined;
  // Samples per pixel within the block: one when bands are stored separately.
  const samples = image.planarConfiguration === 2 ? 1 : image.getSamplesPerPixel();
  for (let other = 0; other < samples; other++) if (image.getBitsPerSample(other) !== bitsPerSample) return undefined;
  return {
    compression,
    predictor,
    width: image.getTileWidth(),
    rows,
    samples,
    bitsPerSample,
    floatingPoint: Number(image.getSampleFormat(sample) ?? 1) === 3,
    littleEndian: image.littleEndian,
  };
}

/**
 * One stored block decoded by libtiff (see libTiffLayout), in a buffer from `allocate` (which may be a
 * little longer), with its samples in the machine's order; null when libtiff fails on the block or refuses
 * its layout (the caller's decoders then say why).
 */
export async function decodeWithLibTiff(stored: ArrayBuffer, layout: StoredBlockLayout, allocate: AllocateBlock = unzeroedBuffer): Promise<ArrayBuffer | null> {
  const byteLength = layout.width * layout.rows * layout.samples * (layout.bitsPerSample / 8);
  const output = allocate(byteLength);
  return (await systemLibTiff.get()!.decode(new Uint8Array(stored), layout, new Uint8Array(output, 0, byteLength))) ? output : null;
}
