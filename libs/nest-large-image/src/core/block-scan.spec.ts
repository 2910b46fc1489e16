import type { RasterLevel } from '../tiff/raster-source';
import { blockStepsWithin } from './block-scan';

/** A level's size and block size, which is all blockStepsWithin looks at. */
const level = (width: number, height: number, tileWidth: number, tileHeight: number) => ({ width, height, tileWidth, tileHeight }) as RasterLevel;

/** Pixels of the blocks a scan with these steps reads. */
function scannedPixels(shape: RasterLevel, [across, down]: [number, number]): number {
  const columns = Math.ceil(Math.ceil(shape.width / shape.tileWidth) / across);
  const rows = Math.ceil(Math.ceil(shape.height / shape.tileHeight) / down);
  return columns * rows * shape.tileWidth * shape.tileHeight;
}

describe('blockStepsWithin', () => {
  const budget = 256 * 2 ** 20;

  it('reads a level within the budget whole', () => {
    expect(blockStepsWithin(level(16384, 16384, 256, 256), budget)).toEqual([1, 1]);
  });

  it.each([
    ['square tiles', level(200_000, 200_000, 256, 256)],
    ['strips of one row', level(200_000, 200_000, 200_000, 1)],
    ['strips of 16 rows', level(100_000, 300_000, 100_000, 16)],
    ['a single row of tiles', level(10_000_000, 256, 256, 256)],
    ['a single column of tiles', level(256, 10_000_000, 256, 256)],
  ])('keeps a scan of %s within the budget, using most of it', (_name, shape) => {
    const pixels = scannedPixels(shape, blockStepsWithin(shape, budget));
    expect(pixels).toBeLessThanOrEqual(budget);
    expect(pixels).toBeGreaterThan(budget / 4);
  });

  it('reads a single block when one block is over the budget', () => {
    expect(scannedPixels(level(100_000, 100_000, 100_000, 10_000), blockStepsWithin(level(100_000, 100_000, 100_000, 10_000), 1000))).toBe(1e9);
  });
});
