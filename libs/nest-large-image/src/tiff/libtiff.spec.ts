import { deflateSync } from 'node:zlib';
import { LibTiff } from './libtiff';
import type { StoredBlockLayout } from './libtiff-template';

const libtiff = LibTiff.load();
if (!libtiff) console.warn('libtiff is not installed (Debian: apt-get install libtiff6): its decoder is not tested');
const withLibTiff = libtiff ? describe : describe.skip;

const layoutOf = (overrides: Partial<StoredBlockLayout>): StoredBlockLayout => ({
  compression: 8,
  predictor: 2,
  width: 37,
  rows: 5,
  samples: 3,
  bitsPerSample: 16,
  floatingPoint: false,
  littleEndian: false,
  ...overrides,
});

/** Samples of a pattern, and the DEFLATE block a TIFF writer stores for them: differenced by row, in the layout's byte order. */
function storedBlock(layout: StoredBlockLayout, seed: number): { samples: Uint16Array; stored: Buffer } {
  const perRow = layout.width * layout.samples;
  const samples = Uint16Array.from({ length: perRow * layout.rows }, (_, i) => (i * 7919 + seed * 104729 + ((i * i) % 251)) & 0xffff);
  const file = Buffer.alloc(samples.length * 2);
  samples.forEach((value, i) => {
    const left = i % perRow >= layout.samples ? samples[i - layout.samples] : 0;
    const stored = layout.predictor === 2 ? (value - left) & 0xffff : value;
    if (layout.littleEndian) file.writeUInt16LE(stored, 2 * i);
    else file.writeUInt16BE(stored, 2 * i);
  });
  return { samples, stored: deflateSync(file) };
}

async function decoded(layout: StoredBlockLayout, stored: Uint8Array): Promise<Uint16Array | false> {
  const output = new Uint16Array(layout.width * layout.rows * layout.samples);
  return (await libtiff!.decode(stored, layout, new Uint8Array(output.buffer))) && output;
}

withLibTiff('block decoding with the system libtiff', () => {
  it.each([
    ['big-endian, with the horizontal predictor', { littleEndian: false, predictor: 2 }],
    ['little-endian, with the horizontal predictor', { littleEndian: true, predictor: 2 }],
    ['big-endian, without a predictor', { littleEndian: false, predictor: 1 }],
    ['one sample per pixel (a band-separate plane)', { samples: 1 }],
  ])('decodes a 16-bit DEFLATE block %s into machine-order samples', async (_, overrides) => {
    const layout = layoutOf(overrides);
    const { samples, stored } = storedBlock(layout, 1);
    expect(await decoded(layout, stored)).toEqual(samples);
  });

  it('answers false for a block that is not a stream of its codec, or is cut short, and for a compression libtiff lacks', async () => {
    const layout = layoutOf({});
    const { stored } = storedBlock(layout, 2);
    expect(await decoded(layout, Buffer.alloc(200, 0xff))).toBe(false);
    expect(await decoded(layout, stored.subarray(0, stored.length >> 1))).toBe(false);
    expect(await decoded(layoutOf({ compression: 9999 }), stored)).toBe(false);
    // The refused layout stays refused; the others still decode.
    expect(await decoded(layoutOf({ compression: 9999 }), stored)).toBe(false);
    expect(await decoded(layout, stored)).not.toBe(false);
  });

  it('decodes many blocks at once, each with a handle of its own, across more layouts than it keeps handles for', async () => {
    const layouts = Array.from({ length: 24 }, (_, i) => layoutOf({ width: 20 + i, littleEndian: i % 2 === 0 }));
    const blocks = Array.from({ length: 240 }, (_, i) => ({ layout: layouts[i % layouts.length], ...storedBlock(layouts[i % layouts.length], i) }));
    const results = await Promise.all(blocks.map(({ layout, stored }) => decoded(layout, stored)));
    results.forEach((result, i) => expect(result).toEqual(blocks[i].samples));
  });
});
