import { PixelWindow, SamplePlanBuilder, borrowPlanArrays, releasePlan } from './sample-plan';

/** Numerical Recipes' linear congruential generator: reproducible random runs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const level = { width: 1000, height: 700, tileWidth: 64, tileHeight: 32 };
const blocksX = Math.ceil(level.width / level.tileWidth);

/** What addRun must give pixel k of a run, computed pixel by pixel: its block and offset, or nothing. */
function expected(k: number, x0: number, dx: number, y0: number, dy: number, window: PixelWindow): { block: number; offset: number } | undefined {
  const column = Math.floor(x0 + dx * k + 1e-10);
  const row = Math.floor(y0 + dy * k + 1e-10);
  if (!(column >= window.left && column < window.right && row >= window.top && row < window.bottom)) return undefined;
  const block = Math.floor(row / level.tileHeight) * blocksX + Math.floor(column / level.tileWidth);
  return { block, offset: (row % level.tileHeight) * level.tileWidth + (column % level.tileWidth) };
}

describe('SamplePlanBuilder.addRun', () => {
  it('gives every pixel of a run the block and offset its centre falls in, whatever the direction and the edges it crosses', () => {
    const next = random(42);
    for (let trial = 0; trial < 300; trial++) {
      const count = 1 + Math.floor(next() * 300);
      // Steps from steep to nearly flat, both signs, and exactly 0 (a single exact point, a pixel-space row).
      const step = () => (next() < 0.15 ? 0 : (next() - 0.5) * 10 ** (next() * 4 - 2));
      // Half the runs land their centres on pixel edges, exactly or a rounding error below them.
      const onEdges = next() < 0.5;
      const nudge = () => (onEdges ? Math.round(next()) * -1e-12 : 0);
      const snap = (value: number, to: number) => (onEdges ? Math.round(value * to) / to : value);
      const x0 = snap(next() * 1200 - 100, 4) + nudge();
      const y0 = snap(next() * 900 - 100, 4) + nudge();
      const dx = snap(step(), 8);
      const dy = snap(step(), 64);
      const left = Math.floor(next() * 300);
      const top = Math.floor(next() * 200);
      const window = { left, top, right: left + 1 + Math.floor(next() * (level.width - left)), bottom: top + 1 + Math.floor(next() * (level.height - top)) };
      const arrays = borrowPlanArrays(count + 7);
      const builder = new SamplePlanBuilder(level, arrays);
      builder.addRun(7, count, x0, dx, y0, dy, window);
      const { slotOf, offsetOf, blockIds } = builder.build();
      for (let i = 0; i < 7; i++) expect(slotOf[i]).toBe(-1);
      for (let k = 0; k < count; k++) {
        const want = expected(k, x0, dx, y0, dy, window);
        const slot = slotOf[7 + k];
        const got = slot < 0 ? undefined : { block: blockIds[slot], offset: offsetOf[7 + k] };
        if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`trial ${trial}, pixel ${k}: ${JSON.stringify(got)} instead of ${JSON.stringify(want)}`);
      }
      releasePlan(builder.build());
    }
  });

  it('floors centres that rounding leaves a hair below a pixel edge onto that edge, as GDAL does', () => {
    const builder = new SamplePlanBuilder(level, borrowPlanArrays(70));
    // 64 - 1e-12 is the left edge of the second block for GDAL's nearest kernel, not the last column of the
    // first; and the run crosses into the third block at 128 - 1e-12, one pixel before its line reaches 128.
    builder.addRun(0, 70, 64 - 1e-12, 1, 5, 0, { left: 0, top: 0, right: level.width, bottom: level.height });
    const { slotOf, offsetOf, blockIds } = builder.build();
    const blocks = [...slotOf].map((slot) => blockIds[slot]);
    expect(blocks).toEqual(Array.from({ length: 70 }, (_, k) => (k < 64 ? 1 : 2)));
    expect([...offsetOf]).toEqual(Array.from({ length: 70 }, (_, k) => 5 * 64 + (k % 64)));
  });
});
