import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { ownArrayBuffer } from './own-array-buffer';
import { SizedBlockDecoder } from './sized-block.decoder';

const inflateAsync = promisify(inflate);

/** zlib's smallest output chunk. */
const MIN_CHUNK_BYTES = 64;

/**
 * Room past a block's decoded size in its output buffer. Without it zlib fills its chunk exactly, then
 * allocates a second chunk as large to learn that the stream has ended: 192 KB of garbage per 256 x 256
 * RGB block, which doubled the external memory each DEFLATE tile allocated and with it V8's full
 * collections (one per 64 MB allocated). Must be a multiple of 8 so every sample type can view the buffer.
 */
export const SLACK_BYTES = 64;

/**
 * DEFLATE (TIFF compression 8 and 32946) with Node's zlib: it inflates on libuv's thread pool instead of
 * pako on the event loop. The reader (read-block.ts) undoes the predictor, as for the other codecs.
 */
export class ZlibDeflateDecoder extends SizedBlockDecoder {
  /**
   * The decoded block. Its buffer may run up to SLACK_BYTES of zeros past the block's end (readers index
   * pixels, never the buffer's length), which spares copying the block out of zlib's chunk.
   */
  override async decodeBlock(buffer: ArrayBuffer): Promise<ArrayBuffer> {
    const { blockBytes } = this;
    // zlib writes a block into one buffer of its decoded size plus slack (its default 16 KB chunks would be
    // joined by a copy on the event loop), and refuses to go past twice that: a corrupt or hostile block
    // cannot claim unbounded memory. Blocks that decode to more than they should are caught by the reader.
    const data = await inflateAsync(new Uint8Array(buffer), { chunkSize: blockBytes + SLACK_BYTES, maxOutputLength: 2 * blockBytes + MIN_CHUNK_BYTES });
    const whole = data.buffer;
    if (data.byteOffset !== 0 || whole.byteLength - data.byteLength > SLACK_BYTES || !(whole instanceof ArrayBuffer)) return ownArrayBuffer(data);
    new Uint8Array(whole, data.byteLength).fill(0);
    return whole;
  }
}
