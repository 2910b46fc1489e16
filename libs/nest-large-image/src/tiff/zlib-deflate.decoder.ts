import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { BaseDecoder } from 'geotiff';
import { ownArrayBuffer } from './own-array-buffer';

const inflateAsync = promisify(inflate);

/** zlib's smallest output chunk. */
const MIN_CHUNK_BYTES = 64;

/**
 * DEFLATE (TIFF compression 8 and 32946) with Node's zlib: it inflates on libuv's thread pool instead of
 * pako on the event loop. The predictor is still applied by BaseDecoder.decode.
 */
export class ZlibDeflateDecoder extends BaseDecoder {
  /** Bytes one block (tile or strip, all samples when interleaved, one when band-separate) decodes to. */
  private readonly blockBytes: number;

  constructor(parameters: ConstructorParameters<typeof BaseDecoder>[0]) {
    super(parameters);
    const { tileWidth, tileHeight, bitsPerSample, planarConfiguration } = parameters;
    const bits = typeof bitsPerSample === 'number' ? [bitsPerSample] : Array.from(bitsPerSample);
    const bitsPerPixel = planarConfiguration === 2 ? bits[0] : bits.reduce((sum, value) => sum + value, 0);
    this.blockBytes = Math.ceil((tileWidth * bitsPerPixel) / 8) * tileHeight;
  }

  override async decodeBlock(buffer: ArrayBuffer): Promise<ArrayBuffer> {
    const { blockBytes } = this;
    // zlib writes a block into one buffer of its decoded size (its default 16 KB chunks would be joined by
    // a copy on the event loop), and refuses to go past twice that: a corrupt or hostile block cannot
    // claim unbounded memory. Blocks that decode to more than they should are caught by the reader.
    const data = await inflateAsync(new Uint8Array(buffer), { chunkSize: Math.max(MIN_CHUNK_BYTES, blockBytes), maxOutputLength: 2 * blockBytes + MIN_CHUNK_BYTES });
    return ownArrayBuffer(data);
  }
}
