import { deflateSync } from 'node:zlib';
import { ZlibDeflateDecoder } from './zlib-deflate.decoder';

/** The compressed bytes alone, as the TIFF reader hands a block to its decoder. */
const compressed = (data: Buffer): ArrayBuffer => {
  const stream = deflateSync(data);
  return stream.buffer.slice(stream.byteOffset, stream.byteOffset + stream.byteLength) as ArrayBuffer;
};

const parameters = { tileWidth: 64, tileHeight: 32, bitsPerSample: [8, 8, 8], planarConfiguration: 1, predictor: 1 };

describe('ZlibDeflateDecoder', () => {
  it('inflates a block into a buffer of exactly its decoded size', async () => {
    const block = Buffer.from(Array.from({ length: 64 * 32 * 3 }, (_, i) => (i * 7) % 251));
    const decoded = await new ZlibDeflateDecoder(parameters).decodeBlock(compressed(block));
    expect(decoded.byteLength).toBe(block.length);
    expect(Buffer.from(decoded).equals(block)).toBe(true);
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
