import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { BaseDecoder } from 'geotiff';
import { ownArrayBuffer } from './own-array-buffer';

const inflateAsync = promisify(inflate);

/**
 * DEFLATE (TIFF compression 8 and 32946) with Node's zlib: it inflates on libuv's thread pool instead of
 * pako on the event loop. The predictor is still applied by BaseDecoder.decode.
 */
export class ZlibDeflateDecoder extends BaseDecoder {
  override async decodeBlock(buffer: ArrayBuffer): Promise<ArrayBuffer> {
    const data = await inflateAsync(new Uint8Array(buffer));
    return ownArrayBuffer(data);
  }
}
