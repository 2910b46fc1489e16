import { readGdalStructuralMetadata } from './gdal-structural-metadata';
import { blockOffset, IfdBlocks, ifdBlocks } from './ifd-blocks';
import { gdalIfdRoles, listIfds } from './ifd-roles';
import type { ReadBytes, TiffDump, TiffDumpIfd } from './tiff-dump';
import { TIFF_DATATYPES } from './tiff-tags';

export interface CogLayoutOptions {
  /** As GDAL's `check_tiled`: false ignores missing tiling. */
  checkTiled?: boolean;
  /**
   * As GDAL's `--full-check=yes`: also read each block's leader and trailer bytes when the ghost header
   * promises them (one small read per block; GDAL does it by default for local files only).
   */
  fullCheck?: boolean;
}

export interface CogLayoutReport {
  /** No errors (warnings do not make a file invalid, as with GDAL). */
  valid: boolean;
  /** GDAL's wording, plus truncated block data (which GDAL's script does not check). */
  errors: string[];
  warnings: string[];
  details: {
    /** As GDAL's details: `main`, `overview_0`, ... */
    ifd_offsets: Record<string, number>;
    /** Offset of the first block of each, 0 when it has none. */
    data_offsets: Record<string, number>;
    /** Bytes before the first image data: what a reader fetches to know every IFD (GDAL prints it for valid files). */
    headers_size: number;
    /** Every IFD sits before any image data (what "IFDs at the start" means for a single-request open). */
    ifds_before_data: boolean;
    /** The ghost header's items, null when the file has none. */
    structural_metadata: Record<string, string> | null;
    full_check: boolean;
    /** True when block checks saw only the first values of long offset arrays (see TiffDumpOptions.maxValues). */
    partial_block_check: boolean;
  };
}

/** Images up to this size need neither tiles nor overviews for GDAL's validator. */
const SMALL_IMAGE = 512;
/** Strips wider than this are "not tiled" for GDAL; narrower ones are as good as tiles. */
const MAX_UNTILED_WIDTH = 1024;
/** Blocks whose edges are read concurrently in a full check. */
const EDGE_READ_BATCH = 256;

/**
 * The checks of GDAL's validate_cloud_optimized_geotiff.py, on a tiffDump of the file (its offset arrays
 * must not be truncated for the block checks to be complete), with GDAL's messages. `read` is used for
 * the ghost header and, with `fullCheck`, the block leaders and trailers.
 */
export async function checkCogLayout(dump: TiffDump, read: ReadBytes, options: CogLayoutOptions = {}): Promise<CogLayoutReport> {
  const checkTiled = options.checkTiled ?? true;
  const errors: string[] = [];
  const warnings: string[] = [];
  const roles = gdalIfdRoles(dump);
  const main = ifdBlocks(roles.main.ifd);
  const overviews = roles.overviews.map(({ image }) => ifdBlocks(image.ifd));
  const isNotTiled = (blocks: IfdBlocks) => checkTiled && blocks.blockWidth === blocks.width && blocks.blockWidth > MAX_UNTILED_WIDTH;

  if (main.width > SMALL_IMAGE || main.height > SMALL_IMAGE) {
    if (isNotTiled(main)) errors.push('The file is greater than 512xH or Wx512, but is not tiled');
    if (overviews.length === 0) {
      warnings.push('The file is greater than 512xH or Wx512, it is recommended to include internal overviews');
    }
  }

  const ghost = await readGdalStructuralMetadata(read, dump.size, dump.bigtiff);
  const mainIfdOffset = roles.main.ifd.offset;
  const promises = { rowMajor: false, leader: false, trailer: false, maskInterleaved: false };
  // GDAL only looks for the ghost header when the first IFD is not right after the TIFF header.
  if (mainIfdOffset !== 8 && mainIfdOffset !== 16) {
    const expected = ghost?.expectedIfdOffset ?? (dump.bigtiff ? 16 : 8);
    if (ghost) {
      promises.rowMajor = ghost.items.BLOCK_ORDER === 'ROW_MAJOR';
      promises.leader = ghost.items.BLOCK_LEADER === 'SIZE_AS_UINT4';
      promises.trailer = ghost.items.BLOCK_TRAILER === 'LAST_4_BYTES_REPEATED';
      promises.maskInterleaved = ghost.items.MASK_INTERLEAVED_WITH_IMAGERY === 'YES';
      if (ghost.items.KNOWN_INCOMPATIBLE_EDITION === 'YES') errors.push('KNOWN_INCOMPATIBLE_EDITION=YES is declared in the file');
    }
    if (expected !== mainIfdOffset) errors.push(`The offset of the main IFD should be ${expected}. It is ${mainIfdOffset} instead`);
  }

  const ifdOffsets = [mainIfdOffset];
  const details: CogLayoutReport['details'] = {
    ifd_offsets: { main: mainIfdOffset },
    data_offsets: {},
    headers_size: 0,
    ifds_before_data: true,
    structural_metadata: ghost?.items ?? null,
    full_check: Boolean(options.fullCheck),
    partial_block_check: false,
  };
  overviews.forEach((overview, i) => {
    const previous = i === 0 ? main : overviews[i - 1];
    if (overview.width > previous.width || overview.height > previous.height) {
      errors.push(i === 0 ? 'First overview has larger dimension than main band' : `Overview of index ${i} has larger dimension than overview of index ${i - 1}`);
    }
    if (isNotTiled(overview)) errors.push(`Overview of index ${i} is not tiled`);
    const offset = roles.overviews[i].image.ifd.offset;
    ifdOffsets.push(offset);
    details.ifd_offsets[`overview_${i}`] = offset;
    if (offset < ifdOffsets[i]) {
      errors.push(
        i === 0
          ? `The offset of the IFD for overview of index ${i} is ${offset}, whereas it should be greater than the one of the main image, which is at byte ${ifdOffsets[i]}`
          : `The offset of the IFD for overview of index ${i} is ${offset}, whereas it should be greater than the one of index ${i - 1}, which is at byte ${ifdOffsets[i]}`,
      );
    }
  });

  // The imagery must start with the smallest overview and end with the full resolution.
  const dataOffsets = [main, ...overviews].map(firstBlockOffset);
  dataOffsets.forEach((offset, i) => (details.data_offsets[i === 0 ? 'main' : `overview_${i - 1}`] = offset));
  const last = dataOffsets.length - 1;
  if (dataOffsets[last] !== 0 && dataOffsets[last] < ifdOffsets[last]) {
    errors.push(
      overviews.length > 0
        ? 'The offset of the first block of the smallest overview should be after its IFD'
        : 'The offset of the first block of the image should be after its IFD',
    );
  }
  for (let i = last - 1; i > 0; i--) {
    if (dataOffsets[i] !== 0 && dataOffsets[i] < dataOffsets[i + 1]) {
      errors.push(`The offset of the first block of overview of index ${i - 1} should be after the one of the overview of index ${i}`);
    }
  }
  if (dataOffsets.length >= 2 && dataOffsets[0] !== 0 && dataOffsets[0] < dataOffsets[1]) {
    errors.push(`The offset of the first block of the main resolution image should be after the one of the overview of index ${overviews.length - 1}`);
  }

  const bands = [
    { name: 'Main resolution image', maskName: 'Mask band of main resolution image', image: main, mask: roles.mask },
    ...overviews.map((image, i) => ({ name: `Overview ${i}`, maskName: `Mask band of overview ${i}`, image, mask: roles.overviews[i].mask })),
  ].map((band) => ({ ...band, mask: band.mask && ifdBlocks(band.mask.ifd) }));
  if (options.fullCheck && (promises.rowMajor || promises.leader || promises.trailer || promises.maskInterleaved)) {
    for (const { name, maskName, image, mask } of bands) {
      await checkBlocks(read, dump.size, name, image, promises.maskInterleaved ? mask : undefined, promises, errors);
      if (mask) await checkBlocks(read, dump.size, maskName, mask, undefined, promises, errors);
    }
  }
  for (const { name, maskName, image, mask } of bands) {
    checkTruncation(name, image, dump.size, errors);
    if (mask) checkTruncation(maskName, mask, dump.size, errors);
  }

  const allIfds = listIfds(dump).map(({ ifd }) => ifd);
  const allBlocks = allIfds.map(ifdBlocks);
  const firstData = Math.min(...allBlocks.map(lowestBlockOffset).filter((offset) => offset > 0));
  details.headers_size = Math.min(...dataOffsets) || dump.size;
  details.ifds_before_data = allIfds.every((ifd) => structureEnd(ifd, dump.bigtiff) <= firstData);
  details.partial_block_check = allBlocks.some((blocks) => !blocks.complete);
  return { valid: errors.length === 0, errors, warnings, details };
}

function firstBlockOffset(blocks: IfdBlocks): number {
  for (let i = 0; i < blocks.xBlocks * blocks.yBlocks; i++) {
    const offset = blockOffset(blocks, i);
    if (offset) return offset;
  }
  return 0;
}

/** The lowest offset of any block (a loop, not Math.min(...): offset arrays can be longer than argument lists). */
function lowestBlockOffset(blocks: IfdBlocks): number {
  let lowest = 0;
  blocks.offsets.forEach((_, i) => {
    const offset = blockOffset(blocks, i);
    if (offset > 0 && (lowest === 0 || offset < lowest)) lowest = offset;
  });
  return lowest;
}

/** Where an IFD and the values it points to end. */
function structureEnd(ifd: TiffDumpIfd, bigtiff: boolean): number {
  const entriesEnd = ifd.offset + (bigtiff ? 16 + 20 * ifd.tagcount : 6 + 12 * ifd.tagcount);
  const valueEnds = Object.values(ifd.tags).map((tag) => (tag.offset ?? 0) + tag.count * TIFF_DATATYPES[tag.datatype].size);
  return Math.max(entriesEnd, ...valueEnds);
}

/**
 * GDAL's full_check_band: block order, leader and trailer bytes, and the position of each mask block right
 * after its imagery block when masks are interleaved.
 */
async function checkBlocks(
  read: ReadBytes,
  fileSize: number,
  name: string,
  band: IfdBlocks,
  mask: IfdBlocks | undefined,
  promises: { rowMajor: boolean; leader: boolean; trailer: boolean },
  errors: string[],
): Promise<void> {
  if (mask && (mask.blockWidth !== band.blockWidth || mask.blockHeight !== band.blockHeight)) {
    errors.push(`${name}: mask block size is different from its imagery band`);
    mask = undefined;
  }
  const count = band.xBlocks * band.yBlocks;
  const edges = promises.leader || promises.trailer ? await readBlockEdges(read, fileSize, band, count) : [];
  let lastOffset = 0;
  for (let i = 0; i < count; i++) {
    const x = i % band.xBlocks;
    const y = Math.floor(i / band.xBlocks);
    let offset = blockOffset(band, i);
    const byteCount = offset ? band.byteCounts[i] : 0;
    if (offset > 0) {
      if (promises.rowMajor && offset < lastOffset) errors.push(`${name}: offset of block (${x}, ${y}) is smaller than previous block`);
      const edge = edges[i];
      if (promises.leader && edge?.leader !== undefined && edge.leader !== byteCount) {
        errors.push(`${name}: for block (${x}, ${y}), size in leader bytes is ${edge.leader} instead of ${byteCount}`);
      }
      if (promises.trailer && byteCount >= 4 && edge?.trailerValid === false) {
        errors.push(`${name}: for block (${x}, ${y}), trailer bytes are invalid`);
      }
    }
    if (mask) {
      const maskOffset = blockOffset(mask, i);
      if (offset > 0 && maskOffset > 0) {
        const expected = offset + byteCount + (promises.leader ? 4 : 0) + (promises.trailer ? 4 : 0);
        if (maskOffset !== expected) {
          errors.push(`Mask of ${name}: for block (${x}, ${y}), offset is ${maskOffset}, whereas ${expected} was expected`);
        }
      } else if (offset === 0 && maskOffset > 0) {
        if (promises.rowMajor && maskOffset < lastOffset) {
          errors.push(`Mask of ${name}: offset of block (${x}, ${y}) is smaller than previous block`);
        }
        offset = maskOffset;
      }
    }
    lastOffset = offset; // GDAL resets it on empty blocks too
  }
}

interface BlockEdge {
  /** The uint32 (little-endian) just before the block. */
  leader?: number;
  /** Whether the block's last 4 bytes are repeated right after it. */
  trailerValid?: boolean;
}

/** The 4 bytes before and 8 around the end of every block, a batch of blocks at a time (the block cache merges them). */
async function readBlockEdges(read: ReadBytes, fileSize: number, band: IfdBlocks, count: number): Promise<BlockEdge[]> {
  const edgesOf = async (i: number): Promise<BlockEdge> => {
    const offset = blockOffset(band, i);
    const end = offset + band.byteCounts[i];
    // Blocks cut off by the end of the file are reported by checkTruncation instead.
    if (offset < 4 || end > fileSize) return {};
    const [leader, trailer] = await Promise.all([read(offset - 4, 4), end - offset >= 4 ? read(end - 4, 8) : undefined]);
    // A trailer missing at the very end of the file reads short, and is invalid (as in GDAL's script).
    const bytes = trailer && new Uint8Array(trailer);
    return {
      leader: new DataView(leader).getUint32(0, true),
      trailerValid: bytes && bytes.length === 8 && bytes.subarray(0, 4).every((value, k) => value === bytes[4 + k]),
    };
  };
  const edges: BlockEdge[] = [];
  for (let start = 0; start < count; start += EDGE_READ_BATCH) {
    const batch = Array.from({ length: Math.min(EDGE_READ_BATCH, count - start) }, (_, k) => edgesOf(start + k));
    edges.push(...(await Promise.all(batch)));
  }
  return edges;
}

/** Beyond GDAL's script (which crashes on such files in full-check mode): block data cut off by the end of the file. */
function checkTruncation(name: string, blocks: IfdBlocks, fileSize: number, errors: string[]): void {
  for (let i = 0; i < blocks.xBlocks * blocks.yBlocks; i++) {
    const offset = blockOffset(blocks, i);
    const end = offset + (blocks.byteCounts[i] ?? 0);
    if (offset > 0 && end > fileSize) {
      const x = i % blocks.xBlocks;
      const y = Math.floor(i / blocks.xBlocks);
      errors.push(`${name}: block (${x}, ${y}) ends at byte ${end}, beyond the end of the file (${fileSize} bytes): the file is truncated`);
      return;
    }
  }
}
