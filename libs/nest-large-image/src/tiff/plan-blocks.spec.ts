import path from 'node:path';
import { gridSampling } from '../core/grid-sampling';
import { LargeImageService } from '../large-image.service';
import { visitPlanBlocks } from './plan-blocks';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

describe('visitPlanBlocks', () => {
  let service: LargeImageService;
  beforeAll(() => {
    service = new LargeImageService({ storages: { local: { root: FIXTURES } } });
  });
  afterAll(() => service.onModuleDestroy());

  it('hands over every block of a plan once, in batches within the byte budget, each batch alone', async () => {
    // 1500 x 1100 RGB in 256 x 256 blocks: a grid over the whole image at full resolution reads all 30.
    const raster = await service.engine.open('rgb-utm-deflate.tif');
    const grid = { kind: 'pixel' as const, left: 0, top: 0, width: 1500, height: 1100, scaleX: 1, scaleY: 1 };
    const { plan } = gridSampling(raster, raster.levels, grid);
    const level = raster.levels[0];
    expect(plan.blockIds).toHaveLength(30);
    const blockBytes = 256 * 256 * 3;
    const batches: Array<{ first: number; end: number; held: number[] }> = [];
    await visitPlanBlocks(
      level,
      plan,
      ({ datas, first, end }) => batches.push({ first, end, held: Object.keys(datas).map(Number) }),
      7 * blockBytes,
    );
    expect(batches.map(({ first, end }) => [first, end])).toEqual([[0, 7], [7, 14], [14, 21], [21, 28], [28, 30]]);
    for (const { first, end, held } of batches) expect(held).toEqual(Array.from({ length: end - first }, (_, k) => first + k));
  });
});
