import path from 'node:path';
import { LargeImageService } from '../large-image.service';
import { blockBytes } from './block-bytes';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

describe('blockBytes on local storage', () => {
  let service: LargeImageService;
  beforeAll(() => {
    service = new LargeImageService({ storages: { local: { root: FIXTURES } } });
  });
  afterAll(() => service.onModuleDestroy());

  it('reads a block exactly, past the block cache, which keeps only the header', async () => {
    const raster = await service.engine.open('rgb-utm-deflate.tif');
    const { image } = raster.levels[0];
    const headerBytes = service.engine.cacheSizes().fileBlockBytes;
    for (let index = 0; index < 4; index++) {
      const bytes = await blockBytes(image, index);
      expect(bytes!.byteLength).toBe(Number(await image.fileDirectory.loadValueIndexed('TileByteCounts', index)));
    }
    expect(service.engine.cacheSizes().fileBlockBytes).toBe(headerBytes);
  });
});
