import { tagNumber, tagNumbers } from './dump-tag-values';
import type { TiffDumpIfd } from './tiff-dump';
import { TAG } from './tiff-tags';

/** The blocks (tiles or strips) of the first band of an IFD, as GDAL's band 1 sees them. */
export interface IfdBlocks {
  width: number;
  height: number;
  tiled: boolean;
  /** Strips are blocks of the full width and RowsPerStrip rows. */
  blockWidth: number;
  blockHeight: number;
  xBlocks: number;
  yBlocks: number;
  /** Row-major, band 1 only (with separate planes, the other bands' blocks follow). */
  offsets: number[];
  byteCounts: number[];
  /** False when the dump kept only the first values of the offset arrays. */
  complete: boolean;
}

export function ifdBlocks(ifd: TiffDumpIfd): IfdBlocks {
  const width = tagNumber(ifd, TAG.ImageWidth) ?? 0;
  const height = tagNumber(ifd, TAG.ImageLength) ?? 0;
  const tiled = ifd.tags[TAG.TileWidth] !== undefined;
  const blockWidth = tiled ? (tagNumber(ifd, TAG.TileWidth) ?? width) : width;
  // RowsPerStrip defaults to 2^32-1, i.e. one strip.
  const blockHeight = tiled ? (tagNumber(ifd, TAG.TileLength) ?? height) : Math.min(tagNumber(ifd, TAG.RowsPerStrip) ?? height, height);
  const xBlocks = blockWidth > 0 ? Math.ceil(width / blockWidth) : 0;
  const yBlocks = blockHeight > 0 ? Math.ceil(height / blockHeight) : 0;
  const count = xBlocks * yBlocks;
  const offsetsTag = ifd.tags[tiled ? TAG.TileOffsets : TAG.StripOffsets];
  const countsTag = ifd.tags[tiled ? TAG.TileByteCounts : TAG.StripByteCounts];
  const offsets = (tagNumbers(ifd, tiled ? TAG.TileOffsets : TAG.StripOffsets) ?? []).slice(0, count);
  const byteCounts = (tagNumbers(ifd, tiled ? TAG.TileByteCounts : TAG.StripByteCounts) ?? []).slice(0, count);
  const complete = !(offsetsTag?.truncated && offsets.length < count) && !(countsTag?.truncated && byteCounts.length < count);
  return { width, height, tiled, blockWidth, blockHeight, xBlocks, yBlocks, offsets, byteCounts, complete };
}

/** GDAL treats a block with no bytes as absent (sparse); its offset is then 0 for the COG checks. */
export function blockOffset(blocks: IfdBlocks, index: number): number {
  return (blocks.byteCounts[index] ?? 0) > 0 ? (blocks.offsets[index] ?? 0) : 0;
}
