import { LibTiff } from './libtiff';
import type { StoredBlockLayout } from './libtiff-template';
import { OptionalNativeLibrary } from './native-calls';
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

/** An output buffer of its own, not zeroed: libtiff writes every byte or fails. */
const newBuffer = (byteLength: number): ArrayBuffer => Buffer.allocUnsafeSlow(byteLength).buffer;

/** Whether libtiff is in use and decodes blocks of this compression and sample width. */
export function libTiffDecodes(compression: number, bitsPerSample: number): boolean {
  return LIBTIFF_COMPRESSIONS.has(compression) && WHOLE_SAMPLE_BITS.has(bitsPerSample) && systemLibTiff.get() !== null;
}

/**
 * One stored block decoded by libtiff (see libTiffDecodes), in a buffer from `allocate` (which may be a
 * little longer), with its samples in the machine's order; null when libtiff fails on the block or refuses
 * its layout (the caller's decoders then say why).
 */
export async function decodeWithLibTiff(stored: ArrayBuffer, layout: StoredBlockLayout, allocate: AllocateBlock = newBuffer): Promise<ArrayBuffer | null> {
  const byteLength = layout.width * layout.rows * layout.samples * (layout.bitsPerSample / 8);
  const output = allocate(byteLength);
  return (await systemLibTiff.get()!.decode(new Uint8Array(stored), layout, new Uint8Array(output, 0, byteLength))) ? output : null;
}
