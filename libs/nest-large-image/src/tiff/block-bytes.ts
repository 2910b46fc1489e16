import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import { UnreadableImageError } from '../errors/large-image.errors';
import type { BlockSource } from '../storage/block-source';

/** IFDs of files whose GDAL ghost header promises a 4-byte size before every block (BLOCK_LEADER). */
const sizeLeaders = new WeakSet<GeoTIFFImage>();

/** How far past a block's leader to read in the same request, before any block of the IFD has been seen. */
const FIRST_READ_AHEAD = 64 * 1024;

/** Largest block size seen so far per IFD: the read-ahead for its next block. */
const largestBlock = new WeakMap<GeoTIFFImage, number>();

/**
 * Trusts the COG ghost header of `tiff` when GDAL wrote it and nothing edited the file since
 * (KNOWN_INCOMPATIBLE_EDITION=NO): each block's size is then in the 4 bytes before it, so a block costs one
 * read without the TileByteCounts array, which for large files lies in blocks not read yet.
 */
export async function useGhostHeader(tiff: GeoTIFF, images: GeoTIFFImage[]): Promise<void> {
  const ghost = ((await tiff.getGhostValues().catch(() => null)) ?? {}) as Record<string, string>;
  if (ghost.BLOCK_LEADER !== 'SIZE_AS_UINT4' || ghost.KNOWN_INCOMPATIBLE_EDITION !== 'NO') return;
  for (const image of images) sizeLeaders.add(image);
}

/**
 * The stored (compressed) bytes of block `index` of an IFD; null for a sparse block (offset or size 0),
 * which GDAL writes for blocks with no data. Read exactly when the storage's reads are cheap (local disk),
 * else through the block cache, in one request when the ghost header gives the block's size.
 */
export async function blockBytes(image: GeoTIFFImage, index: number): Promise<ArrayBuffer | null> {
  const source = (image as unknown as { source: BlockSource }).source;
  const ifd = image.fileDirectory;
  const offset = Number(await ifd.loadValueIndexed(image.isTiled ? 'TileOffsets' : 'StripOffsets', index));
  if (!offset) return null;
  let size: number;
  // With cheap reads the byte counts come from the cached header, then one read of exactly the block.
  if (sizeLeaders.has(image) && !source.cheapReads) {
    // One request for the leader and, very likely, the whole block behind it.
    await source.prefetch(offset - 4, 4 + (largestBlock.get(image) ?? FIRST_READ_AHEAD));
    size = new DataView(await source.read(offset - 4, 4)).getUint32(0, image.littleEndian);
    if (size > (largestBlock.get(image) ?? 0)) largestBlock.set(image, size);
  } else {
    size = Number(await ifd.loadValueIndexed(image.isTiled ? 'TileByteCounts' : 'StripByteCounts', index));
  }
  if (!size) return null;
  return whole(await (source.cheapReads ? source.readDirect(offset, size) : source.read(offset, size)), size, index);
}

/** A block the file ends inside of is truncated: decoding what is there would serve a partial tile. */
function whole(bytes: ArrayBuffer, size: number, index: number): ArrayBuffer {
  if (bytes.byteLength < size) {
    throw new UnreadableImageError(`Block ${index} of the file ends past the end of the file; the file is truncated or corrupt`);
  }
  return bytes;
}
