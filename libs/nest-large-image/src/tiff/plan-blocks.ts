import { EventLoopTurn } from '../core/event-loop-turn';
import type { RasterLevel } from './raster-source';
import { TypedArray, leaseBlock } from './read-block';
import type { SamplePlan } from './sample-plan';

/**
 * Decoded bytes of blocks that one sampling pass holds at once. A plan that needs more (a low-zoom tile of a
 * file without overviews reads every block of the image: 800 MB for a 16384 x 16384 RGB file) is read and
 * sampled a batch of blocks at a time, so memory stays bounded whatever the image's size.
 */
const MAX_BATCH_BYTES = 64 * 1024 * 1024;

/**
 * One batch of a plan's decoded blocks, by slot (index into `plan.blockIds`): only slots in [first, end)
 * are filled. Parallel arrays, for the hot loops.
 */
export interface PlanBlocks {
  datas: TypedArray[];
  samples: number[];
  /** Internal mask of each block (0 = no data), when the level has one. */
  masks: Array<TypedArray | undefined>;
  first: number;
  end: number;
}

/**
 * Reads (through the caches) and decodes the blocks of a plan, with their masks, and hands them to `visit`
 * in batches of at most `maxBatchBytes`; a batch is let go before the next is read. Most plans are one batch.
 * `visit` must not keep the blocks: once it returns, the cache may reuse their buffers.
 */
export async function visitPlanBlocks(
  level: RasterLevel,
  plan: SamplePlan,
  visit: (batch: PlanBlocks) => void,
  maxBatchBytes = MAX_BATCH_BYTES,
): Promise<void> {
  const { blockIds } = plan;
  const blocksX = Math.ceil(level.width / level.tileWidth);
  const perBatch = Math.max(1, Math.floor(maxBatchBytes / decodedBytesPerBlock(level)));
  const batch: PlanBlocks = { datas: [], samples: [], masks: [], first: 0, end: 0 };
  const turn = new EventLoopTurn();
  for (let first = 0; first < blockIds.length; first += perBatch) {
    if (first > 0) await turn.pauseIfLong();
    const end = Math.min(blockIds.length, first + perBatch);
    const leases = blockIds.slice(first, end).flatMap((id) => {
      const tx = id % blocksX;
      const ty = (id - tx) / blocksX;
      return [leaseBlock(level.image, tx, ty), level.mask ? leaseBlock(level.mask, tx, ty) : undefined];
    });
    try {
      const blocks = await Promise.all(leases.map((lease) => lease?.block));
      // The previous batch's blocks are dropped, so the collector may free those the cache does not keep.
      batch.datas.length = batch.samples.length = batch.masks.length = 0;
      for (let k = 0; k < end - first; k++) {
        const block = blocks[2 * k]!;
        batch.datas[first + k] = block.data;
        batch.samples[first + k] = block.samples;
        batch.masks[first + k] = blocks[2 * k + 1]?.data;
      }
      batch.first = first;
      batch.end = end;
      visit(batch);
    } finally {
      // The blocks are read: the cache may reuse their buffers once it lets them go.
      for (const lease of leases) lease?.release();
    }
  }
}

/** An upper bound of one block's decoded size, with its mask: samples widen to 1, 2, 4 or 8 bytes. */
function decodedBytesPerBlock(level: RasterLevel): number {
  const { image, tileWidth, tileHeight } = level;
  const bits = image.getBitsPerSample();
  const bytesPerSample = bits <= 8 ? 1 : bits <= 16 ? 2 : bits <= 32 ? 4 : 8;
  return tileWidth * tileHeight * (image.getSamplesPerPixel() * bytesPerSample + (level.mask ? 1 : 0));
}
