import { borrowArray, returnArray } from '../core/scratch-arrays';
import { codecThreads } from './codec-threads';
import { CodecAnswer, CodecTask, ThreadCodec, decodeCodecBlock } from './codec-worker';
import type { LercLayout } from './lerc';
import type { SampleOrder } from './native-samples';
import { SizedBlockDecoder } from './sized-block.decoder';

/** Blocks smaller than this are decoded where they are read: a round trip to a thread costs about 0.1 ms. */
const MIN_BYTES_FOR_THREAD = 16 * 1024;

/**
 * A codec that runs in JavaScript (see codec-worker.ts), on a codec thread, which also puts the samples in
 * the machine's order (byte swap, predictor) so that the event loop has nothing left to do with the block.
 * JPEG, WebP and DEFLATE need no such thread: libvips and zlib decode off the event loop.
 */
abstract class ThreadCodecDecoder extends SizedBlockDecoder {
  protected abstract readonly codec: ThreadCodec;

  /** What a LERC block needs besides its bytes; nothing for the other codecs. */
  protected lercParameters(): LercLayout | undefined {
    return undefined;
  }

  /** The block's bytes as stored before the predictor (geotiff.js's path for samples of odd bit widths). */
  override decodeBlock(buffer: ArrayBuffer): Promise<ArrayBuffer> {
    return this.decodeSamples(buffer, { bytesPerSample: 1, swap: false, predictor: 1, samplesPerRow: 1, stride: 1 });
  }

  /** The block as samples in the machine's order (see toNativeSamples), decoded on a codec thread when it pays. */
  async decodeSamples(buffer: ArrayBuffer, order: SampleOrder): Promise<ArrayBuffer> {
    const task: CodecTask = { codec: this.codec, input: new Uint8Array(buffer), outputBytes: this.blockBytes, order, lerc: this.lercParameters() };
    if (codecThreads.enabled && task.outputBytes >= MIN_BYTES_FOR_THREAD) {
      // The stored bytes go in shared memory the threads read in place. Copied to a thread, each block's
      // bytes became a buffer there that its collector, seeing few objects, freed only every 64 MB or so,
      // per thread: 40 MB more peak memory with two codec threads than with one.
      const shared = borrowArray(Uint8Array, sharedSizeFor(buffer.byteLength), true);
      shared.set(task.input);
      const answer = await codecThreads.decode({ ...task, input: shared.subarray(0, buffer.byteLength) }).catch(() => undefined);
      returnArray(shared);
      // Errors lose their class on the way back from a thread: decoding again here throws the stream's own
      // error, or succeeds if it was the thread that failed.
      if (answer) return filled(answer);
    }
    return filled(await decodeCodecBlock(task));
  }
}

/** LZW (TIFF compression 5, GDAL's default for COGs) with the table-of-offsets decoder of lzw.ts. */
export class LzwDecoder extends ThreadCodecDecoder {
  protected readonly codec = 'lzw';
}

/** PackBits (TIFF compression 32773) with packbits.ts. */
export class PackbitsDecoder extends ThreadCodecDecoder {
  protected readonly codec = 'packbits';
}

/** LERC (TIFF compression 34887, alone or with DEFLATE or ZSTD) with Esri's lerc, as geotiff.js uses it. */
export class LercDecoder extends ThreadCodecDecoder {
  protected readonly codec = 'lerc';

  protected override lercParameters(): LercLayout | undefined {
    const { LercParameters, planarConfiguration } = this.parameters as unknown as { LercParameters?: ArrayLike<number>; planarConfiguration: number };
    return { addCompression: Number(LercParameters?.[1] ?? 0), pixelInterleaved: planarConfiguration === 1 };
  }
}

/** True for the decoders above, which take the block's sample order and leave nothing for the caller to do. */
export function decodesToNativeSamples(decoder: unknown): decoder is ThreadCodecDecoder {
  return decoder instanceof ThreadCodecDecoder;
}

/** Stored blocks vary in size: shared input buffers come in powers of two, so the pool can reuse them. */
function sharedSizeFor(bytes: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(bytes, MIN_BYTES_FOR_THREAD)));
}

/** The part of a decoded block the stream filled (all of it but for a short last strip). */
function filled({ buffer, written }: CodecAnswer): ArrayBuffer {
  return written === buffer.byteLength ? buffer : buffer.slice(0, written);
}
