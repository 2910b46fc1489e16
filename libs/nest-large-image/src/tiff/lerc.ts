// Runs on codec threads (tiff/codec-worker.ts) as well as on the caller's.
import { inflateSync } from 'node:zlib';
import * as Lerc from 'lerc';
import { decodeZstd } from './zstd';

/** What a LERC block needs besides its bytes: the TIFF's LercParameters and the block's layout. */
export interface LercLayout {
  /** LercParameters' AddCompression: 0 none, 1 DEFLATE, 2 ZSTD. */
  addCompression: number;
  /** The block's samples are pixel-interleaved (PlanarConfiguration 1). */
  pixelInterleaved: boolean;
}

/** A LERC block that is not what its IFD says. */
export class LercStreamError extends Error {}

const NONE = 0;
const DEFLATE = 1;
const ZSTD = 2;

/** Esri's LERC decoder in WebAssembly, compiled on a thread's first LERC block. */
let ready: Promise<void> | undefined;

/**
 * A LERC blob, after the DEFLATE or ZSTD layer GDAL may wrap it in, as geotiff.js decodes it: the first
 * band's pixels, which hold every sample of a pixel-interleaved block, at most `outputBytes` of them.
 */
export async function decodeLerc(input: Uint8Array, outputBytes: number, { addCompression, pixelInterleaved }: LercLayout) {
  // A LERC blob is at most a little larger than the raw samples it holds.
  const maxBlobBytes = 2 * outputBytes + 65536;
  let blob = input;
  if (addCompression === DEFLATE) blob = inflateSync(input, { maxOutputLength: maxBlobBytes });
  else if (addCompression === ZSTD) blob = await decodeZstd(input, maxBlobBytes);
  else if (addCompression !== NONE) throw new LercStreamError(`LERC with additional compression ${addCompression} is not supported`);
  await (ready ??= Lerc.load());
  const { pixels, mask, pixelType, depthCount } = Lerc.decode(blob, { returnInterleaved: pixelInterleaved });
  const values = pixels[0];
  if (!values || values.byteLength > outputBytes) throw new LercStreamError(`A LERC block decoded to other than its ${outputBytes} bytes; it is corrupt`);
  // LERC keeps no values for the pixels its mask leaves out, and decodes them as 0; libtiff (so GDAL) gives
  // floating-point ones NaN, which is how GDAL wrote them (NaN nodata).
  if (mask && (pixelType === 'F32' || pixelType === 'F64')) {
    for (let pixel = 0; pixel < mask.length; pixel++) if (mask[pixel] === 0) values.fill(NaN, pixel * depthCount, (pixel + 1) * depthCount);
  }
  return values;
}
