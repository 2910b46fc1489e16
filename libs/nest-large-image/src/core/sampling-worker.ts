import { planArraysOf } from '../tiff/sample-plan';
import type { LevelShape } from '../tiff/sample-plan';
import { SamplingGeometry, planGridSampling } from './grid-sampling';
import type { OutputGrid } from './output-grid';

/** One grid to plan, with the shared buffer its per-pixel arrays are written into (see planArraysOf). */
export interface PlanTask {
  geometry: SamplingGeometry;
  levels: LevelShape[];
  grid: OutputGrid;
  buffer: SharedArrayBuffer;
}

/** The rest of the plan; its per-pixel arrays are in the task's buffer. */
export interface PlanAnswer {
  levelIndex: number;
  blockIds: number[];
}

/** Entry point of the sampling threads (run by Piscina): plans a grid as gridSampling does on the main thread. */
export default function planOnThisThread(task: PlanTask): PlanAnswer {
  const arrays = planArraysOf(task.buffer, task.grid.width * task.grid.height);
  const { levelIndex, plan } = planGridSampling(task.geometry, task.levels, task.grid, arrays);
  return { levelIndex, blockIds: plan.blockIds };
}
