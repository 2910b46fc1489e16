import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UnreadableImageError } from '../errors/large-image.errors';
import { ReadBytes, tiffDump } from './tiff-dump';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

function readerOf(bytes: Uint8Array): ReadBytes {
  return async (offset, length) => bytes.slice(offset, Math.min(offset + length, bytes.length)).buffer;
}

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

async function dumpOf(bytes: Uint8Array, options?: Parameters<typeof tiffDump>[2]) {
  return tiffDump(readerOf(bytes), bytes.length, options);
}

/** One IFD entry of a synthetic TIFF; `values` may depend on where the IFDs land (for SubIFD pointers). */
interface Entry {
  tag: number;
  type: number;
  values: number[] | string | ((ifdOffsets: number[]) => number[]);
}

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 11: 4, 12: 8, 13: 4, 16: 8, 18: 8 };

/**
 * Writes a TIFF (or BigTIFF) whose IFDs follow each other, each followed by its out-of-line values.
 * `chain` lists which IFDs are linked as the main chain (the others are only reachable as SubIFDs).
 */
function buildTiff(ifds: Entry[][], { bigtiff = false, littleEndian = true, chain = ifds.map((_, i) => i) } = {}) {
  const header = bigtiff ? 16 : 8;
  const entrySize = bigtiff ? 20 : 12;
  const pointer = bigtiff ? 8 : 4;
  const countSize = bigtiff ? 8 : 2;
  const valueBytes = (entry: Entry) => {
    const count = typeof entry.values === 'string' ? entry.values.length + 1 : typeof entry.values === 'function' ? entry.values([]).length : entry.values.length;
    return { count: entry.type === 5 ? count / 2 : count, bytes: (entry.type === 5 ? count / 2 : count) * TYPE_SIZES[entry.type] };
  };
  const ifdOffsets: number[] = [];
  let cursor = header;
  for (const entries of ifds) {
    ifdOffsets.push(cursor);
    cursor += countSize + entries.length * entrySize + pointer;
    for (const entry of entries) {
      const { bytes } = valueBytes(entry);
      if (bytes > pointer) cursor += bytes + (bytes % 2);
    }
  }
  const out = new DataView(new ArrayBuffer(cursor));
  const u16 = (at: number, v: number) => out.setUint16(at, v, littleEndian);
  const ptr = (at: number, v: number) => (bigtiff ? out.setBigUint64(at, BigInt(v), littleEndian) : out.setUint32(at, v, littleEndian));
  const write = (at: number, type: number, values: number[]) =>
    values.forEach((v, i) => {
      const size = type === 5 ? 4 : TYPE_SIZES[type];
      const p = at + i * size;
      if (size === 1) out.setUint8(p, v);
      else if (size === 2) u16(p, v);
      else if (type === 11) out.setFloat32(p, v, littleEndian);
      else if (type === 12) out.setFloat64(p, v, littleEndian);
      else if (size === 4) out.setUint32(p, v, littleEndian);
      else out.setBigUint64(p, BigInt(v), littleEndian);
    });
  out.setUint16(0, littleEndian ? 0x4949 : 0x4d4d, false);
  u16(2, bigtiff ? 43 : 42);
  if (bigtiff) {
    u16(4, 8);
    u16(6, 0);
  }
  ptr(bigtiff ? 8 : 4, ifdOffsets[chain[0]]);
  ifds.forEach((entries, index) => {
    const at = ifdOffsets[index];
    if (bigtiff) out.setBigUint64(at, BigInt(entries.length), littleEndian);
    else u16(at, entries.length);
    let data = at + countSize + entries.length * entrySize + pointer;
    entries.forEach((entry, i) => {
      const e = at + countSize + i * entrySize;
      const { count, bytes } = valueBytes(entry);
      const values =
        typeof entry.values === 'string'
          ? [...Buffer.from(entry.values + '\0', 'latin1')]
          : typeof entry.values === 'function'
            ? entry.values(ifdOffsets)
            : entry.values;
      u16(e, entry.tag);
      u16(e + 2, entry.type);
      if (bigtiff) out.setBigUint64(e + 4, BigInt(count), littleEndian);
      else out.setUint32(e + 4, count, littleEndian);
      const field = e + (bigtiff ? 12 : 8);
      if (bytes <= pointer) {
        write(field, entry.type, values);
      } else {
        ptr(field, data);
        write(data, entry.type, values);
        data += bytes + (bytes % 2);
      }
    });
    const position = chain.indexOf(index);
    const next = position >= 0 && position + 1 < chain.length ? ifdOffsets[chain[position + 1]] : 0;
    ptr(at + countSize + entries.length * entrySize, next);
  });
  return { bytes: new Uint8Array(out.buffer), ifdOffsets, nextPointer: (index: number) => ifdOffsets[index] + countSize + ifds[index].length * entrySize };
}

const SIMPLE_IFD: Entry[] = [
  { tag: 256, type: 3, values: [640] },
  { tag: 257, type: 4, values: [480] },
  { tag: 258, type: 3, values: [8, 8, 8] },
  { tag: 270, type: 2, values: 'A synthetic image' },
  { tag: 282, type: 5, values: [300, 1] },
  { tag: 33550, type: 12, values: [0.5, 0.25, 0] },
  { tag: 65000, type: 7, values: [1, 2, 3, 4, 5] },
];

describe('tiffDump on GDAL-made files', () => {
  it('lists the IFD chain with tifftools’ layout, tag names, and values in and out of line', async () => {
    const bytes = fixture('rgb-mask-jpeg.tif');
    const dump = await dumpOf(bytes);
    expect(dump).toMatchObject({ firstifd: 226, size: bytes.length, bigEndian: false, bigtiff: false });
    // GDAL's IFD_OFFSET of the image (226) and its overviews (1010, 1410), with the internal masks between.
    expect(dump.ifds.map((ifd) => ifd.offset)).toEqual([226, 836, 1010, 1410, 1810, 1984]);
    expect(dump.ifds.map((ifd) => ifd.tags[254]?.data ?? [0])).toEqual([[0], [4], [1], [1], [5], [5]]);
    const main = dump.ifds[0];
    expect(main.tagcount).toBe(19);
    expect(main.tags[256]).toEqual({ name: 'ImageWidth', datatype: 3, count: 1, datapos: 236, data: [800] });
    expect(main.tags[258]).toEqual({ name: 'BitsPerSample', datatype: 3, count: 3, datapos: 260, offset: 460, data: [8, 8, 8] });
    // GDAL's BLOCK_OFFSET_0_0 and BLOCK_SIZE_0_0 of band 1.
    expect(main.tags[324]).toMatchObject({ name: 'TileOffsets', datatype: 4, count: 12, offset: 2158 });
    expect((main.tags[324].data as number[])[0]).toBe(40283);
    expect((main.tags[325].data as number[])[0]).toBe(8100);
    expect(main.tags[532]).toMatchObject({ name: 'ReferenceBlackWhite', datatype: 5, count: 6, data: [0, 1, 255, 1, 128, 1, 255, 1, 128, 1, 255, 1] });
    expect(main.tags[34737]).toMatchObject({ name: 'GeoAsciiParamsTag', datatype: 2, count: 38, data: 'ETRS89-extended / LAEA Europe|ETRS89|' });
  });

  it('finds every IFD where GDAL says they are', async () => {
    const gdalIfdOffsets: Record<string, number[]> = {
      'float32-4326-nodata.tif': [192, 592, 784],
      'rgb-utm-deflate.tif': [192, 580, 766, 952],
      'rgb-utm-jpeg.tif': [192, 794, 1194, 1594],
      'rgba-alpha-deflate.tif': [192, 594, 796],
      'pyramid-nongeo.tif': [8, 416074, 416308, 416510],
      'rgb-strips-27700.tif': [8],
    };
    for (const [name, offsets] of Object.entries(gdalIfdOffsets)) {
      const dump = await dumpOf(fixture(name));
      expect(dump.ifds.map((ifd) => ifd.offset)).toEqual(offsets);
    }
  });

  it('reads lazily: only the header and IFDs of an 800 kB COG, in a few reads', async () => {
    const bytes = fixture('rgb-utm-deflate.tif');
    const reads: Array<[number, number]> = [];
    const read: ReadBytes = async (offset, length) => {
      reads.push([offset, length]);
      return readerOf(bytes)(offset, length);
    };
    await tiffDump(read, bytes.length);
    expect(reads.length).toBeLessThanOrEqual(12);
    expect(Math.max(...reads.map(([offset, length]) => offset + length))).toBeLessThan(8192);
  });

  it('keeps the first values of long arrays and flags them; text is kept whole', async () => {
    const dump = await dumpOf(fixture('rgb-utm-jpeg.tif'), { maxValues: 5 });
    const offsets = dump.ifds[0].tags[324];
    expect(offsets).toMatchObject({ count: 30, truncated: true }); // 6 x 5 tiles of 256
    expect(offsets.data).toHaveLength(5);
    expect(dump.ifds[0].tags[256].truncated).toBeUndefined();
    expect(dump.ifds[0].tags[34737]).toMatchObject({ data: 'WGS 84 / UTM zone 33N|WGS 84|' });
    expect(dump.ifds[0].tags[34737].truncated).toBeUndefined();
  });

  it('dumps the header of a truncated COG (its IFDs are intact) and gives plain JSON', async () => {
    const dump = await dumpOf(fixture('truncated.tif'));
    expect(dump.ifds).toHaveLength(4);
    expect(JSON.parse(JSON.stringify(dump))).toEqual(dump);
  });
});

describe('tiffDump on classic TIFF and BigTIFF, both byte orders', () => {
  const layouts = [
    { bigtiff: false, littleEndian: true },
    { bigtiff: false, littleEndian: false },
    { bigtiff: true, littleEndian: true },
    { bigtiff: true, littleEndian: false },
  ];
  it.each(layouts)('decodes the same values (bigtiff: $bigtiff, little-endian: $littleEndian)', async (layout) => {
    const { bytes, ifdOffsets } = buildTiff([SIMPLE_IFD], layout);
    const dump = await dumpOf(bytes);
    expect(dump).toMatchObject({ bigtiff: layout.bigtiff, bigEndian: !layout.littleEndian, firstifd: ifdOffsets[0] });
    const tags = dump.ifds[0].tags;
    expect(tags[256].data).toEqual([640]);
    expect(tags[257].data).toEqual([480]);
    expect(tags[258].data).toEqual([8, 8, 8]);
    expect(tags[270]).toMatchObject({ name: 'ImageDescription', count: 18, data: 'A synthetic image' });
    expect(tags[282]).toMatchObject({ name: 'XResolution', count: 1, data: [300, 1] });
    expect(tags[33550].data).toEqual([0.5, 0.25, 0]);
    expect(tags[65000]).toMatchObject({ datatype: 7, count: 5, data: [1, 2, 3, 4, 5] });
    expect(tags[65000].name).toBeUndefined();
    // Six bytes fit in a BigTIFF entry, not in a classic one.
    expect(tags[258].offset === undefined).toBe(layout.bigtiff);
  });

  it('nests SubIFDs, each with its own chain, as tifftools does', async () => {
    const subIfd: Entry[] = [
      { tag: 254, type: 4, values: [1] },
      { tag: 256, type: 3, values: [320] },
    ];
    const { bytes, ifdOffsets } = buildTiff(
      [[...SIMPLE_IFD.slice(0, 2), { tag: 330, type: 13, values: (offsets) => (offsets.length ? [offsets[1], offsets[2]] : [0, 0]) }], subIfd, subIfd],
      { chain: [0] },
    );
    const dump = await dumpOf(bytes);
    expect(dump.ifds).toHaveLength(1);
    const tag = dump.ifds[0].tags[330];
    expect(tag).toMatchObject({ name: 'SubIFD', datatype: 13, data: [ifdOffsets[1], ifdOffsets[2]] });
    expect(tag.ifds?.map((chain) => chain.map((ifd) => ifd.offset))).toEqual([[ifdOffsets[1]], [ifdOffsets[2]]]);
    expect(tag.ifds?.[0][0].tags[256]).toMatchObject({ name: 'ImageWidth', data: [320] });
  });
});

describe('tiffDump on corrupt input', () => {
  const expectUnreadable = async (bytes: Uint8Array, message: RegExp, options?: Parameters<typeof tiffDump>[2]) => {
    const attempt = dumpOf(bytes, options);
    await expect(attempt).rejects.toThrow(UnreadableImageError);
    await expect(attempt).rejects.toThrow(message);
  };

  it('rejects files that are not TIFFs', async () => {
    await expectUnreadable(fixture('not-a-tiff.tif'), /is not a TIFF/);
    await expectUnreadable(new Uint8Array(0), /is not a TIFF/);
    await expectUnreadable(new Uint8Array([0x49, 0x49, 0x2a]), /is not a TIFF/);
  });

  it('rejects an IFD that points to itself, and longer loops', async () => {
    const self = buildTiff([SIMPLE_IFD]);
    new DataView(self.bytes.buffer).setUint32(self.nextPointer(0), self.ifdOffsets[0], true);
    await expectUnreadable(self.bytes, /loop/);

    const pair = buildTiff([SIMPLE_IFD, SIMPLE_IFD]);
    new DataView(pair.bytes.buffer).setUint32(pair.nextPointer(1), pair.ifdOffsets[0], true);
    await expectUnreadable(pair.bytes, /loop/);
  });

  it('rejects IFD and value offsets beyond the end of the file', async () => {
    const first = buildTiff([SIMPLE_IFD]);
    new DataView(first.bytes.buffer).setUint32(4, 10_000_000, true);
    await expectUnreadable(first.bytes, /outside the file/);

    const next = buildTiff([SIMPLE_IFD], { bigtiff: true });
    new DataView(next.bytes.buffer).setBigUint64(next.nextPointer(0), 2n ** 40n, true);
    await expectUnreadable(next.bytes, /outside the file/);

    const value = buildTiff([SIMPLE_IFD]);
    // The ImageDescription entry (4th) points far away.
    new DataView(value.bytes.buffer).setUint32(value.ifdOffsets[0] + 2 + 3 * 12 + 8, 999_999, true);
    await expectUnreadable(value.bytes, /ImageDescription .* beyond the end of the file/);
  });

  it('rejects absurd counts without allocating them', async () => {
    const classic = buildTiff([SIMPLE_IFD]);
    new DataView(classic.bytes.buffer).setUint32(classic.ifdOffsets[0] + 2 + 4, 0xffffffff, true);
    await expectUnreadable(classic.bytes, /ImageWidth .* beyond the end of the file/);

    const big = buildTiff([SIMPLE_IFD], { bigtiff: true });
    new DataView(big.bytes.buffer).setBigUint64(big.ifdOffsets[0] + 8 + 4, 2n ** 62n, true);
    await expectUnreadable(big.bytes, /absurd/);

    const entries = buildTiff([SIMPLE_IFD], { bigtiff: true });
    new DataView(entries.bytes.buffer).setBigUint64(entries.ifdOffsets[0], 2n ** 40n, true);
    await expectUnreadable(entries.bytes, /entries, which run past the end of the file/);
  });

  it('rejects more IFDs than the limit', async () => {
    const { bytes } = buildTiff([SIMPLE_IFD, SIMPLE_IFD, SIMPLE_IFD, SIMPLE_IFD]);
    await expectUnreadable(bytes, /more than 3 IFDs/, { maxIfds: 3 });
    await expect(dumpOf(bytes, { maxIfds: 4 })).resolves.toMatchObject({ ifds: expect.any(Array) });
  });

  it('rejects a SubIFD that points back to its parent', async () => {
    const { bytes } = buildTiff([[...SIMPLE_IFD.slice(0, 2), { tag: 330, type: 13, values: (offsets) => [offsets[0] ?? 0] }]]);
    await expectUnreadable(bytes, /loop/);
  });
});
