// Runs on codec threads (LERC's ZSTD layer, tiff/codec-worker.ts) as well as on the event loop.
import { ZSTDDecoder } from 'zstddec';

/** A ZSTD frame that does not decode within the room given (corrupt, or larger than it may be). */
export class ZstdStreamError extends Error {}

/** One WebAssembly decoder per thread, compiled on its first frame. */
const zstd = new ZSTDDecoder();
let ready: Promise<void> | undefined;

/**
 * Decodes one ZSTD frame (libzstd compiled to WebAssembly by zstddec, as geotiff.js uses it) into at most
 * `capacity` bytes. zstddec hands libzstd's errors back as an empty result (and, when the size is left to
 * the frame's header, decodes a corrupt one to megabytes of whatever its heap holds), so the room is always
 * given and an empty result from a non-empty frame is an error.
 */
export async function decodeZstd(input: Uint8Array, capacity: number): Promise<Uint8Array> {
  await (ready ??= zstd.init());
  const output = zstd.decode(input, capacity);
  if (output.length === 0 && input.length > 0) throw new ZstdStreamError(`A ZSTD frame does not decode within ${capacity} bytes; it is corrupt`);
  return output;
}
