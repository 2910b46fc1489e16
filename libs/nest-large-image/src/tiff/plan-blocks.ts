import type { RasterLevel } from './raster-source';
import { TypedArray, readBlock } from './read-block';
import type { SamplePlan } from './sample-plan';

/** The decoded blocks of a plan, as parallel arrays for the hot loops. */
export interface PlanBlocks {
  datas: TypedArray[];
  samples: number[];
  /** Internal mask of each block (0 = no data), when the level has one. */
  masks: Array<TypedArray | undefined>;
}

/** Reads (through the caches) and decodes the blocks of a plan, with their masks. */
export async function readPlanBlocks(level: RasterLevel, plan: SamplePlan): Promise<PlanBlocks> {
  const blocksX = Math.ceil(level.width / level.tileWidth);
  const blocks = await Promise.all(
    plan.blockIds.map((id) => {
      const tx = id % blocksX;
      const ty = (id - tx) / blocksX;
      return Promise.all([readBlock(level.image, tx, ty), level.mask ? readBlock(level.mask, tx, ty) : undefined]);
    }),
  );
  return {
    datas: blocks.map(([block]) => block.data),
    samples: blocks.map(([block]) => block.samples),
    masks: blocks.map(([, mask]) => mask?.data),
  };
}
