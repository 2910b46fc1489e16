import { approximateGrid } from './approx-transform';

describe('approximateGrid', () => {
  it('is exact for affine transforms', () => {
    const grid = approximateGrid(256, 3, (x, y) => [2 * x + 10, 3 * y - 1]);
    expect(grid[2 * 100]).toBeCloseTo(2 * 100.5 + 10, 9);
    expect(grid[2 * (256 * 2 + 7) + 1]).toBeCloseTo(3 * 2.5 - 1, 9);
  });

  it('stays within 0.125 pixel of a strongly curved transform', () => {
    const curve = (x: number, y: number): [number, number] => [x + 0.002 * x * x, y + Math.sin(x / 20) * 3];
    const grid = approximateGrid(256, 1, curve);
    for (let col = 0; col < 256; col++) {
      const [x, y] = curve(col + 0.5, 0.5);
      expect(Math.abs(grid[2 * col] - x) + Math.abs(grid[2 * col + 1] - y)).toBeLessThanOrEqual(0.125 * 2);
    }
  });
});
