import { BaseDecoder } from 'geotiff';
import { codecThreads } from './codec-threads';
import { LzwAnswer, LzwTask, decodeLzwBlock } from './codec-worker';
import { decodedBlockBytes } from './decoded-block-bytes';
import type { SampleOrder } from './native-samples';

/** Blocks smaller than this are decoded where they are read: a round trip to a thread costs about 0.1 ms. */
const MIN_BYTES_FOR_THREAD = 16 * 1024;

/**
 * LZW (TIFF compression 5, GDAL's default for COGs) with the table-of-offsets decoder of lzw.ts, on a codec
 * thread, which also puts the samples in the machine's order (byte swap, predictor) so that the event loop
 * has nothing left to do with the block.
 */
export class LzwDecoder extends BaseDecoder {
  private readonly blockBytes: number;

  constructor(parameters: ConstructorParameters<typeof BaseDecoder>[0]) {
    super(parameters);
    this.blockBytes = decodedBlockBytes(parameters);
  }

  /** The block's bytes as stored before the predictor (geotiff.js's path for samples of odd bit widths). */
  override decodeBlock(buffer: ArrayBuffer): Promise<ArrayBuffer> {
    return this.decodeSamples(buffer, { bytesPerSample: 1, swap: false, predictor: 1, samplesPerRow: 1, stride: 1 });
  }

  /** The block as samples in the machine's order (see toNativeSamples), decoded on a codec thread when it pays. */
  async decodeSamples(buffer: ArrayBuffer, order: SampleOrder): Promise<ArrayBuffer> {
    const task: LzwTask = { input: new Uint8Array(buffer), outputBytes: this.blockBytes, order };
    if (codecThreads.enabled && task.outputBytes >= MIN_BYTES_FOR_THREAD) {
      const answer = await codecThreads.decodeLzw(task).catch(() => undefined);
      // Errors lose their class on the way back from a thread: decoding again here throws the stream's own
      // error, or succeeds if it was the thread that failed.
      if (answer) return filled(answer);
    }
    return filled(decodeLzwBlock(task));
  }
}

/** The part of a decoded block the stream filled (all of it but for a short last strip). */
function filled({ buffer, written }: LzwAnswer): ArrayBuffer {
  return written === buffer.byteLength ? buffer : buffer.slice(0, written);
}
