import { inflateSync } from 'node:zlib';
import * as Lerc from 'lerc';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { decodeLzw } from './lzw';
import { SampleOrder, toNativeSamples } from './native-samples';
import { ownArrayBuffer } from './own-array-buffer';
import { decodePackbits } from './packbits';
import { decodeZstd } from './zstd';

/** The codecs decoded here, in JavaScript, rather than by native code off the event loop (ZSTD: zstd.decoder.ts). */
export type ThreadCodec = 'lzw' | 'packbits' | 'lerc';

/** One block: its stored bytes (copied to the thread), the size it decodes to, its samples' order. */
export interface CodecTask {
  codec: ThreadCodec;
  input: Uint8Array;
  outputBytes: number;
  order: SampleOrder;
  /** LERC only: the TIFF's LercParameters AddCompression (0 none, 1 DEFLATE, 2 ZSTD), and whether the block's samples are pixel-interleaved. */
  lerc?: { addCompression: number; pixelInterleaved: boolean };
}

/** The decoded block, transferred back, and how many of its bytes the stream filled. */
export interface CodecAnswer {
  buffer: ArrayBuffer;
  written: number;
}

/** A LERC block that is not what its IFD says. */
export class LercStreamError extends Error {}

/** Esri's LERC decoder in WebAssembly, compiled on a thread's first LERC block. */
let lercReady: Promise<void> | undefined;
const LERC_DEFLATE = 1;
const LERC_ZSTD = 2;

/** Decodes one block into native samples, on whichever thread calls it. */
export async function decodeCodecBlock({ codec, input, outputBytes, order, lerc }: CodecTask): Promise<CodecAnswer> {
  let answer: CodecAnswer;
  if (codec === 'lerc') {
    const pixels = await decodeLerc(input, outputBytes, lerc!);
    answer = { buffer: ownArrayBuffer(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength)), written: pixels.byteLength };
  } else {
    const output = new Uint8Array(outputBytes);
    answer = { buffer: output.buffer, written: codec === 'lzw' ? decodeLzw(input, output) : decodePackbits(input, output) };
  }
  toNativeSamples(answer.buffer, order);
  return answer;
}

/**
 * A LERC blob, after the DEFLATE or ZSTD layer GDAL may wrap it in, as geotiff.js decodes it: the first
 * band's pixels, which hold every sample of a pixel-interleaved block.
 */
async function decodeLerc(input: Uint8Array, outputBytes: number, { addCompression, pixelInterleaved }: NonNullable<CodecTask['lerc']>) {
  // A LERC blob is at most a little larger than the raw samples it holds.
  const maxBlobBytes = 2 * outputBytes + 65536;
  let blob = input;
  if (addCompression === LERC_DEFLATE) blob = inflateSync(input, { maxOutputLength: maxBlobBytes });
  else if (addCompression === LERC_ZSTD) blob = await decodeZstd(input, maxBlobBytes);
  else if (addCompression !== 0) throw new LercStreamError(`LERC with additional compression ${addCompression} is not supported`);
  await (lercReady ??= Lerc.load());
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

/** Entry point of the codec threads (run by Piscina): decodeCodecBlock, its buffer transferred back. */
export default async function decodeOnThisThread(task: CodecTask) {
  const answer = await decodeCodecBlock(task);
  return move({ [transferableSymbol]: answer.buffer, [valueSymbol]: answer });
}
