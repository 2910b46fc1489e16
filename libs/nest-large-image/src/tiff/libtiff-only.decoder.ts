import { BaseDecoder } from 'geotiff';
import { UnreadableImageError } from '../errors/large-image.errors';
import { libTiffInUse } from './libtiff-blocks';

/**
 * The decoder of a compression that only the system's libtiff decodes here (LZMA). The reader asks libtiff
 * first (read-block.ts), so a block reaches this decoder when libtiff could not decode it, or is missing.
 */
export class LibTiffOnlyDecoder extends BaseDecoder {
  override async decodeBlock(): Promise<ArrayBuffer> {
    if (!libTiffInUse()) throw new UnreadableImageError("The file's compression needs libtiff (Debian: libtiff6), which is not in use");
    throw new Error('libtiff could not decode it');
  }
}
