import { PixelTransform, approximateRun } from './approx-transform';

/** The coordinates approximateRun gives columns 0 .. width - 1 of the line at `y`, and its runs. */
function approximateLine(width: number, y: number, transform: PixelTransform): { line: Float64Array; runs: number[][] } {
  const line = new Float64Array(2 * width).fill(NaN);
  const runs: number[][] = [];
  approximateRun(
    (column, count, x0, dx, y0, dy) => {
      runs.push([column, count]);
      for (let k = 0; k < count; k++) {
        line[2 * (column + k)] = x0 + dx * k;
        line[2 * (column + k) + 1] = y0 + dy * k;
      }
    },
    0,
    width,
    y,
    transform,
  );
  return { line, runs };
}

describe('approximateRun', () => {
  it('is exact for affine transforms, in one interpolated run', () => {
    const { line, runs } = approximateLine(256, 2.5, (x, y) => [2 * x + 10, 3 * y - 1]);
    expect(runs).toEqual([[0, 256]]);
    expect(line[2 * 100]).toBeCloseTo(2 * 100.5 + 10, 9);
    expect(line[2 * 7 + 1]).toBeCloseTo(3 * 2.5 - 1, 9);
  });

  it('stays within 0.125 pixel of a strongly curved transform, covering every column once and in order', () => {
    const curve = (x: number, y: number): [number, number] => [x + 0.002 * x * x, y + Math.sin(x / 20) * 3];
    const { line, runs } = approximateLine(256, 0.5, curve);
    expect(runs.length).toBeGreaterThan(1);
    let next = 0;
    for (const [column, count] of runs) {
      expect(column).toBe(next);
      next = column + count;
    }
    expect(next).toBe(256);
    for (let col = 0; col < 256; col++) {
      const [x, y] = curve(col + 0.5, 0.5);
      expect(Math.abs(line[2 * col] - x) + Math.abs(line[2 * col + 1] - y)).toBeLessThanOrEqual(0.125 * 2);
    }
  });

  it('transforms short runs exactly, point by point', () => {
    const { runs } = approximateLine(5, 0.5, (x, y) => [x * x, y]);
    expect(runs).toEqual([0, 1, 2, 3, 4].map((column) => [column, 1]));
  });
});
