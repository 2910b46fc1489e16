import type { RasterLevel, RasterSource } from '../tiff/raster-source';
import { DecodedBlock, TypedArray, readBlock } from '../tiff/read-block';
import { EventLoopTurn } from './event-loop-turn';

/** The valid part of one decoded internal block, as statistics see it. */
export interface BlockView {
  data: TypedArray;
  /** Row length of `data` in pixels. */
  stride: number;
  samples: number;
  /** Pixels of the block that lie inside the image (edge blocks are padded). */
  rows: number;
  cols: number;
  /** Internal mask of the same block (0 = no data), when the file has one. */
  mask?: TypedArray;
}

/** Blocks decoded at once: enough to overlap fetching and decoding, few enough to bound memory. */
const BLOCKS_IN_FLIGHT = 4;

/** Every `across`-th block of each row of blocks, in every `down`-th row: [1, 1] reads them all. */
export type BlockSteps = [across: number, down: number];

/**
 * Visits every internal block of `level` in row-major order (or those of a grid, see BlockSteps), a few in
 * flight at a time, so that whole images can be scanned in bounded memory.
 */
export async function scanBlocks(level: RasterLevel, visit: (view: BlockView) => void, [across, down]: BlockSteps = [1, 1]): Promise<void> {
  const columns = Math.ceil(Math.ceil(level.width / level.tileWidth) / across);
  const count = columns * Math.ceil(Math.ceil(level.height / level.tileHeight) / down);
  let next = 0;
  const turn = new EventLoopTurn();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const tx = (index % columns) * across;
      const ty = Math.floor(index / columns) * down;
      const [block, mask] = await Promise.all([
        // Whole-image scans read each block once: keeping them would only evict what tiles reuse.
        readBlock(level.image, tx, ty),
        level.mask ? readBlock(level.mask, tx, ty) : undefined,
      ]);
      visit(viewOf(level, block, mask, tx, ty));
      await turn.pauseIfLong();
    }
  };
  await Promise.all(Array.from({ length: Math.min(BLOCKS_IN_FLIGHT, count) }, worker));
}

/**
 * The grid of blocks (see BlockSteps) a scan of `level` reads to stay within `maxPixels` pixels, as even
 * over the level as the block layout allows, as GDAL's approximate statistics read a file without
 * overviews: [1, 1] when the whole level is within it. Strips (one block across) and single rows of
 * tiles are thinned along their one long direction.
 */
export function blockStepsWithin(level: RasterLevel, maxPixels: number): BlockSteps {
  const across = Math.ceil(level.width / level.tileWidth);
  const down = Math.ceil(level.height / level.tileHeight);
  const maxBlocks = Math.max(1, Math.floor(maxPixels / (level.tileWidth * level.tileHeight)));
  if (across * down <= maxBlocks) return [1, 1];
  const stepAcross = Math.min(across, Math.max(Math.ceil(Math.sqrt((across * down) / maxBlocks)), Math.ceil(across / maxBlocks)));
  const columns = Math.ceil(across / stepAcross);
  return [stepAcross, Math.ceil(down / Math.max(1, Math.floor(maxBlocks / columns)))];
}

function viewOf(level: RasterLevel, block: DecodedBlock, mask: DecodedBlock | undefined, tx: number, ty: number): BlockView {
  return {
    data: block.data,
    stride: block.width,
    samples: block.samples,
    rows: Math.min(block.height, level.height - ty * level.tileHeight),
    cols: Math.min(block.width, level.width - tx * level.tileWidth),
    mask: mask?.data,
  };
}

/**
 * Which values count as data, as GDAL's mask bands decide: not NaN, not the nodata value, not masked by
 * an internal mask, and, for colour bands of a file with an alpha band, not fully transparent.
 */
export function validity(raster: RasterSource): (view: BlockView, pixel: number, band: number) => boolean {
  const { nodata, alphaBand } = raster;
  return (view, pixel, band) => {
    if (view.mask && view.mask[pixel] === 0) return false;
    const value = view.data[pixel * view.samples + band];
    if (value !== value || value === nodata) return false;
    return alphaBand === null || band === alphaBand || view.data[pixel * view.samples + alphaBand] !== 0;
  };
}
