import path from 'node:path';
import { codecThreads } from './codec-threads';
import { decodePackbits } from './packbits';
import { PackbitsDecoder } from './thread-codec.decoder';

// geotiff.js's own decoder, the reference: the package exports no deep paths, so it is loaded by file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const GeotiffPackbits = require(path.join(path.dirname(require.resolve('geotiff')), '../dist-module/compression/packbits.js')).default;

/** A PackBits stream of `bytes`, alternating literal runs and repeats as an encoder might. */
function encode(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    let run = 1;
    while (i + run < bytes.length && run < 128 && bytes[i + run] === bytes[i]) run++;
    if (run > 1) {
      out.push(257 - run, bytes[i]);
      i += run;
      continue;
    }
    const literal = Math.min(128, bytes.length - i);
    let count = 1;
    while (count < literal && bytes[i + count] !== bytes[i + count - 1]) count++;
    out.push(count - 1, ...bytes.subarray(i, i + count));
    i += count;
  }
  return Uint8Array.from(out);
}

describe('decodePackbits', () => {
  it('decodes literal runs, repeats and no-op headers as the TIFF specification example says', () => {
    // TIFF 6.0 section 9: FE AA 02 80 00 2A FD AA 03 80 00 2A 22 F7 AA, with a -128 no-op added.
    const stream = Uint8Array.from([0xfe, 0xaa, 0x02, 0x80, 0x00, 0x2a, 0x80, 0xfd, 0xaa, 0x03, 0x80, 0x00, 0x2a, 0x22, 0xf7, 0xaa]);
    const expected = [0xaa, 0xaa, 0xaa, 0x80, 0x00, 0x2a, 0xaa, 0xaa, 0xaa, 0xaa, 0x80, 0x00, 0x2a, 0x22, ...Array(10).fill(0xaa)];
    const output = new Uint8Array(expected.length);
    expect(decodePackbits(stream, output)).toBe(expected.length);
    expect(Array.from(output)).toEqual(expected);
  });

  it('decodes what geotiff.js decodes, for runs of every length', () => {
    const bytes = Uint8Array.from({ length: 50_000 }, (_, i) => (i % 700 < 300 ? 7 : (i * 131) % 256));
    const stream = encode(bytes);
    const reference = new Uint8Array(new GeotiffPackbits({}).decodeBlock(stream.slice().buffer));
    const output = new Uint8Array(bytes.length);
    expect(decodePackbits(stream, output)).toBe(bytes.length);
    expect(Buffer.from(output).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(output).equals(Buffer.from(reference))).toBe(true);
  });

  it('stops at the end of the output, and where a cut-short stream ends', () => {
    const stream = Uint8Array.from([0x03, 1, 2, 3, 4, 0xfd, 9]);
    expect(decodePackbits(stream, new Uint8Array(2))).toBe(2);
    expect(decodePackbits(stream.subarray(0, 3), new Uint8Array(10))).toBe(2);
    expect(decodePackbits(stream.subarray(0, 6), new Uint8Array(10))).toBe(4);
    const whole = new Uint8Array(10);
    expect(decodePackbits(stream, whole)).toBe(8);
    expect(Array.from(whole.subarray(0, 8))).toEqual([1, 2, 3, 4, 9, 9, 9, 9]);
  });
});

describe('PackbitsDecoder', () => {
  it('decodes on a codec thread and on the calling thread alike', async () => {
    // A 128 x 128 RGB block: large enough to be sent to a thread.
    const bytes = Uint8Array.from({ length: 128 * 128 * 3 }, (_, i) => (i % 500 < 200 ? 9 : (i * 31) % 256));
    const stream = encode(bytes);
    const decoder = () => new PackbitsDecoder({ tileWidth: 128, tileHeight: 128, bitsPerSample: [8, 8, 8], planarConfiguration: 1, predictor: 1 } as never);
    try {
      codecThreads.configure(1);
      const onThreads = codecThreads.completed;
      const threaded = new Uint8Array(await decoder().decodeBlock(stream.slice().buffer));
      expect(codecThreads.completed).toBe(onThreads + 1);
      codecThreads.configure(0);
      const inline = new Uint8Array(await decoder().decodeBlock(stream.slice().buffer));
      expect(Buffer.from(threaded).equals(Buffer.from(bytes))).toBe(true);
      expect(Buffer.from(inline).equals(Buffer.from(bytes))).toBe(true);
    } finally {
      codecThreads.configure(1);
    }
  });
});
