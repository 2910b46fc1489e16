import path from 'node:path';
import sharp from 'sharp';
import { LargeImageService } from '../large-image.service';
import { blockBytes } from './block-bytes';
import { decoderFor } from './decoders';
import { decodeWithLibvips, spliceTables, turboJpegInUse, useTurboJpeg } from './jpeg.decoder';
import { TurboJpeg } from './turbo-jpeg';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

const turbo = TurboJpeg.load();
if (!turbo) console.warn('libturbojpeg is not installed (Debian: apt-get install libturbojpeg0): its decoder is not tested');
const withTurboJpeg = turbo ? describe : describe.skip;

const bytesOf = (data: ArrayBuffer | Uint8Array | null) => (data instanceof Uint8Array ? Buffer.from(data) : Buffer.from(data!));

/** A 256 x 256 JPEG of a pattern, grey or RGB. */
function patternJpeg(channels: 1 | 3): Promise<Buffer> {
  const pixels = Buffer.alloc(256 * 256 * channels);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 13 + (i >> 9)) & 255;
  const image = sharp(pixels, { raw: { width: 256, height: 256, channels } });
  return (channels === 1 ? image.toColourspace('b-w') : image).jpeg({ quality: 80 }).toBuffer();
}

withTurboJpeg('JPEG blocks decoded with the system libjpeg-turbo', () => {
  let service: LargeImageService;
  beforeAll(() => {
    service = new LargeImageService({ storages: { local: { root: FIXTURES } } });
  });
  afterAll(() => service.onModuleDestroy());
  afterEach(() => jest.restoreAllMocks());

  it.each(['rgb-utm-jpeg.tif', 'rgb-mask-jpeg.tif'])('decodes every block of %s, overviews included, byte for byte as libvips does', async (file) => {
    expect(turboJpegInUse()).toBe(true);
    const decodes = jest.spyOn(TurboJpeg.prototype, 'decode');
    const raster = await service.engine.open(file);
    let blocks = 0;
    for (const level of raster.levels) {
      const decoder = await decoderFor(level.image);
      const tables = (await level.image.fileDirectory.loadValue('JPEGTables')) as Uint8Array;
      const count = Math.ceil(level.image.getWidth() / level.image.getTileWidth()) * Math.ceil(level.image.getHeight() / level.image.getTileHeight());
      for (let index = 0; index < count; index++) {
        const stored = await blockBytes(level.image, index);
        if (!stored) continue;
        const decoded = await decoder.decodeBlock(stored.slice(0));
        const reference = await decodeWithLibvips(spliceTables(Uint8Array.from(tables), new Uint8Array(stored)), 3);
        expect(bytesOf(decoded as ArrayBuffer).equals(bytesOf(reference))).toBe(true);
        blocks++;
      }
    }
    expect(blocks).toBeGreaterThan(10);
    // Every block went through libjpeg-turbo, none fell back to libvips.
    expect(decodes).toHaveBeenCalledTimes(blocks);
    for (const result of decodes.mock.results) await expect(result.value).resolves.toBeInstanceOf(Uint8Array);
  });

  it('decodes grey streams, and truncated or damaged ones, as libvips does', async () => {
    const rgb = new Uint8Array(await patternJpeg(3));
    const grey = new Uint8Array(await patternJpeg(1));
    const truncated = rgb.subarray(0, rgb.length >> 1);
    const damaged = new Uint8Array(rgb);
    for (let i = 700; i < 2000; i++) damaged[i] = (i * 7919) & 255;
    const rgbShape = { maxWidth: 256, maxHeight: 256, components: 3 as const };
    expect(bytesOf(await turbo!.decode(grey, { ...rgbShape, components: 1 })).equals(bytesOf(await decodeWithLibvips(grey, 1)))).toBe(true);
    for (const stream of [rgb, truncated, damaged]) {
      expect(bytesOf(await turbo!.decode(stream, rgbShape)).equals(bytesOf(await decodeWithLibvips(stream, 3)))).toBe(true);
    }
  });

  it('leaves to libvips what it does not take: other colour spaces, headers larger than the block, non-JPEG', async () => {
    const rgb = new Uint8Array(await patternJpeg(3));
    const grey = new Uint8Array(await patternJpeg(1));
    expect(await turbo!.decode(grey, { maxWidth: 256, maxHeight: 256, components: 3 })).toBeNull();
    expect(await turbo!.decode(rgb, { maxWidth: 256, maxHeight: 256, components: 1 })).toBeNull();
    expect(await turbo!.decode(rgb, { maxWidth: 255, maxHeight: 256, components: 3 })).toBeNull();
    expect(await turbo!.decode(rgb, { maxWidth: 256, maxHeight: 128, components: 3 })).toBeNull();
    expect(await turbo!.decode(new Uint8Array([0xff, 0xd8, 1, 2, 3]), { maxWidth: 256, maxHeight: 256, components: 3 })).toBeNull();
  });

  it('queues decodes past its bound on calls in flight, and every one completes', async () => {
    const rgb = new Uint8Array(await patternJpeg(3));
    const expected = bytesOf(await decodeWithLibvips(rgb, 3));
    const results = await Promise.all(Array.from({ length: 300 }, () => turbo!.decode(rgb, { maxWidth: 256, maxHeight: 256, components: 3 })));
    expect(results.every((result) => bytesOf(result).equals(expected))).toBe(true);
  });

  it('is not used when switched off', async () => {
    const decodes = jest.spyOn(TurboJpeg.prototype, 'decode');
    useTurboJpeg(false);
    try {
      expect(turboJpegInUse()).toBe(false);
      const raster = await service.engine.open('rgb-utm-jpeg.tif');
      const { image } = raster.levels[0];
      const stored = await blockBytes(image, 0);
      expect((await (await decoderFor(image)).decodeBlock(stored!)).byteLength).toBe(256 * 256 * 3);
      expect(decodes).not.toHaveBeenCalled();
    } finally {
      useTurboJpeg(true);
    }
  });
});
