import { move, transferableSymbol, valueSymbol } from 'piscina';
import { planArraysOf } from '../tiff/sample-plan';
import type { LevelShape } from '../tiff/sample-plan';
import { SamplingGeometry, planGridSampling } from './grid-sampling';
import type { OutputGrid } from './output-grid';

/** One grid to plan, with the buffer the plan is written into (lent by the main thread, transferred). */
export interface PlanTask {
  geometry: SamplingGeometry;
  levels: LevelShape[];
  grid: OutputGrid;
  buffer: ArrayBuffer;
}

/** The plan: its per-pixel arrays fill `buffer` (see planArraysOf), transferred back. */
export interface PlanAnswer {
  levelIndex: number;
  blockIds: number[];
  buffer: ArrayBuffer;
}

/**
 * Entry point of the sampling threads (run by Piscina): plans a grid as gridSampling does on the main thread,
 * and hands the buffer back without copying it.
 */
export default function planOnThisThread(task: PlanTask) {
  const arrays = planArraysOf(task.buffer, task.grid.width * task.grid.height);
  const { levelIndex, plan } = planGridSampling(task.geometry, task.levels, task.grid, arrays);
  const answer: PlanAnswer = { levelIndex, blockIds: plan.blockIds, buffer: task.buffer };
  return move({ [transferableSymbol]: task.buffer, [valueSymbol]: answer });
}
