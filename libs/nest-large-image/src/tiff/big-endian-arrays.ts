import type { GeoTIFFImage } from 'geotiff';
import type { BlockSource } from '../storage/block-source';
import { TIFF_DATATYPES } from './tiff-tags';
import { decodeNumbers } from './tiff-values';

/** The parts of geotiff.js's DeferredArray (an IFD array not read yet) that locate its values. */
interface DeferredArray {
  arrayOffset: number;
  fieldType: number;
  length: number;
}

/** RATIONAL and SRATIONAL decode to two numbers per value; no array we defer is of those types. */
const PAIR_TYPES = [5, 10];

/**
 * geotiff.js reads the IFD arrays it defers (offset and byte-count arrays beyond the first read) as
 * little-endian whatever the file's byte order, so in a big-endian file every block would be looked for
 * at the wrong place. For such files we read those arrays ourselves, once, when the file is opened.
 */
export async function readBigEndianDeferredArrays(images: GeoTIFFImage[], source: BlockSource): Promise<void> {
  for (const image of images) {
    if (image.littleEndian) continue;
    const ifd = image.fileDirectory as unknown as { actualizedFields: Map<number | string, unknown>; deferredArrays: Map<number | string, DeferredArray> };
    for (const [tag, deferred] of ifd.deferredArrays) {
      const type = TIFF_DATATYPES[deferred.fieldType];
      if (!type || PAIR_TYPES.includes(deferred.fieldType)) continue;
      const bytes = await source.read(deferred.arrayOffset, type.size * deferred.length);
      ifd.actualizedFields.set(tag, decodeNumbers(new DataView(bytes), 0, deferred.fieldType, deferred.length, false));
      ifd.deferredArrays.delete(tag);
    }
  }
}
