import path from 'node:path';
import { LargeImageService } from '../large-image.service';
import { blockBytes } from './block-bytes';
import { codecThreads } from './codec-threads';
import { LzwStreamError, decodeLzw } from './lzw';
import { LzwDecoder } from './thread-codec.decoder';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');
// geotiff.js's own decoder, the reference: the package exports no deep paths, so it is loaded by file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const GeotiffLzw = require(path.join(path.dirname(require.resolve('geotiff')), '../dist-module/compression/lzw.js')).default;

/** Codes packed most significant bit first, each with its width. */
function pack(codes: Array<[code: number, width: number]>): Uint8Array {
  let bits = '';
  for (const [code, width] of codes) bits += code.toString(2).padStart(width, '0');
  bits = bits.padEnd(Math.ceil(bits.length / 8) * 8, '0');
  return Uint8Array.from(bits.match(/.{8}/g)!, (byte) => parseInt(byte, 2));
}

describe('decodeLzw', () => {
  let service: LargeImageService;
  beforeAll(() => {
    service = new LargeImageService({ storages: { local: { root: FIXTURES } } });
  });
  afterAll(() => service.onModuleDestroy());

  it('decodes every block of a GDAL LZW file as geotiff.js does, through 9- to 12-bit codes and table resets', async () => {
    const raster = await service.engine.open('pyramid-nongeo.tif');
    for (const level of raster.levels) {
      const { image } = level;
      const blocks = Math.ceil(level.width / level.tileWidth) * Math.ceil(level.height / level.tileHeight);
      const size = level.tileWidth * level.tileHeight * 3;
      for (let index = 0; index < blocks; index++) {
        const stored = new Uint8Array((await blockBytes(image, index))!);
        const reference = new Uint8Array(new GeotiffLzw({}).decodeBlock(stored.slice().buffer));
        const output = new Uint8Array(size);
        expect(decodeLzw(stored, output)).toBe(size);
        expect(Buffer.from(output).equals(Buffer.from(reference.subarray(0, size)))).toBe(true);
      }
    }
  });

  it('decodes a code defined by itself (KwKwK) and literals after a clear code', () => {
    // "a", then 258 = "aa" used before it is complete, then a clear and "b".
    const stream = pack([[256, 9], [97, 9], [258, 9], [256, 9], [98, 9], [257, 9]]);
    const output = new Uint8Array(8);
    expect(decodeLzw(stream, output)).toBe(4);
    expect(Buffer.from(output.subarray(0, 4)).toString()).toBe('aaab');
  });

  it('stops at the end of the output, and where the bytes end without an end code', () => {
    const stream = pack([[97, 9], [98, 9], [99, 9], [100, 9]]);
    const small = new Uint8Array(2);
    expect(decodeLzw(stream, small)).toBe(2);
    expect(decodeLzw(stream, new Uint8Array(10))).toBe(4);
  });

  it('refuses a code that refers to no string', () => {
    expect(() => decodeLzw(pack([[97, 9], [300, 9]]), new Uint8Array(10))).toThrow(LzwStreamError);
    expect(() => decodeLzw(pack([[256, 9], [258, 9]]), new Uint8Array(10))).toThrow(LzwStreamError);
  });
});

describe('LzwDecoder', () => {
  const layout = { tileWidth: 128, tileHeight: 128, bitsPerSample: [8, 8, 8], planarConfiguration: 1, predictor: 1 };

  it('decodes on a codec thread and on the calling thread alike', async () => {
    // 128 x 128 RGB of literals only: each 9-bit code one byte, with a clear before the table fills.
    const bytes = 128 * 128 * 3;
    const codes: Array<[number, number]> = [];
    let width = 9;
    let next = 258;
    for (let i = 0; i < bytes; i++) {
      if (next === 4093) {
        codes.push([256, width]);
        [width, next] = [9, 258];
      }
      codes.push([(i * 31) % 256, width]);
      if (codes.length > 1 && codes[codes.length - 2][0] !== 256) {
        next++;
        if (next >= (1 << width) - 1 && width < 12) width++;
      }
    }
    codes.push([257, width]);
    const stream = pack(codes);
    const expected = Uint8Array.from({ length: bytes }, (_, i) => (i * 31) % 256);
    try {
      codecThreads.configure(1);
      expect(codecThreads.enabled).toBe(true);
      const onThreads = codecThreads.completed;
      const threaded = new Uint8Array(await new LzwDecoder(layout).decodeBlock(stream.slice().buffer));
      expect(codecThreads.completed).toBe(onThreads + 1);
      codecThreads.configure(0);
      const inline = new Uint8Array(await new LzwDecoder(layout).decodeBlock(stream.slice().buffer));
      expect(Buffer.from(threaded).equals(Buffer.from(expected))).toBe(true);
      expect(Buffer.from(inline).equals(Buffer.from(expected))).toBe(true);
    } finally {
      codecThreads.configure(1);
    }
  });
});
