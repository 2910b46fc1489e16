import { deflateSync } from 'node:zlib';
import { ZlibDeflateDecoder } from './zlib-deflate.decoder';

/** The compressed bytes alone, as the TIFF reader hands a block to its decoder. */
const compressed = (data: Buffer): ArrayBuffer => {
  const stream = deflateSync(data);
  return stream.buffer.slice(stream.byteOffset, stream.byteOffset + stream.byteLength) as ArrayBuffer;
};

const parameters = { tileWidth: 64, tileHeight: 32, bitsPerSample: [8, 8, 8], planarConfiguration: 1, predictor: 1 };

describe('ZlibDeflateDecoder', () => {
  it('inflates a block into one buffer of its decoded size and at most 64 zero bytes more', async () => {
    const block = Buffer.from(Array.from({ length: 64 * 32 * 3 }, (_, i) => (i * 7) % 251));
    const decoded = await new ZlibDeflateDecoder(parameters).decodeBlock(compressed(block));
    expect(decoded.byteLength).toBeGreaterThanOrEqual(block.length);
    expect(decoded.byteLength).toBeLessThanOrEqual(block.length + 64);
    expect(Buffer.from(decoded, 0, block.length).equals(block)).toBe(true);
    expect(Buffer.from(decoded, block.length).every((byte) => byte === 0)).toBe(true);
  });

  it('allocates no second output chunk for a block that fills its size exactly', async () => {
    const block = Buffer.alloc(64 * 32 * 3, 5);
    const bytes = compressed(block);
    const decoder = new ZlibDeflateDecoder(parameters);
    await decoder.decodeBlock(bytes);
    const before = process.memoryUsage().arrayBuffers;
    const kept = [];
    for (let i = 0; i < 20; i++) kept.push(await decoder.decodeBlock(bytes));
    // Each block's own buffer, and nothing as large beside it (zlib's chunk without slack was a second copy).
    expect((process.memoryUsage().arrayBuffers - before) / kept.length).toBeLessThan(1.5 * block.length);
  });

  it('sizes band-separate blocks by one sample', async () => {
    const plane = Buffer.alloc(64 * 32, 9);
    const decoded = await new ZlibDeflateDecoder({ ...parameters, planarConfiguration: 2 }).decodeBlock(compressed(plane));
    expect(Buffer.from(decoded).equals(plane)).toBe(true);
  });

  it('refuses a block that inflates far past its size instead of allocating it', async () => {
    const bomb = compressed(Buffer.alloc(64 << 20));
    await expect(new ZlibDeflateDecoder(parameters).decodeBlock(bomb)).rejects.toThrow(/larger than|too large|maxOutputLength/i);
  });
});
