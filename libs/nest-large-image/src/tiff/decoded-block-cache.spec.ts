import { DecodedBlockCache } from './decoded-block-cache';
import type { DecodedBlock } from './read-block';

const BLOCK_BYTES = 1024;

/** A 32 x 32 one-sample block whose every byte is `value`, in a buffer of its own (as decoders return). */
function blockOf(value: number): DecodedBlock {
  return { data: new Uint8Array(BLOCK_BYTES).fill(value), width: 32, height: 32, samples: 1 };
}

/** Leases block (tx, 0), reads its first byte, and releases it. */
async function readOnce(cache: DecodedBlockCache, tx: number, decode = () => Promise.resolve(blockOf(tx))) {
  const lease = cache.lease('file|0', tx, 0, decode);
  const block = await lease.block;
  lease.release();
  return block;
}

describe('DecodedBlockCache', () => {
  it('decodes a block once for concurrent readers and keeps it', async () => {
    const cache = new DecodedBlockCache(4 * BLOCK_BYTES);
    const decode = jest.fn(() => new Promise<DecodedBlock>((resolve) => setTimeout(() => resolve(blockOf(7)), 5)));
    const [a, b] = await Promise.all([readOnce(cache, 1, decode), readOnce(cache, 1, decode)]);
    expect(a.data).toBe(b.data);
    expect(a.data[0]).toBe(7);
    await readOnce(cache, 1, decode);
    expect(decode).toHaveBeenCalledTimes(1);
    expect(cache.bytes).toBe(BLOCK_BYTES);
  });

  it('drops a failed decode so the next reader tries again', async () => {
    const cache = new DecodedBlockCache(4 * BLOCK_BYTES);
    await expect(readOnce(cache, 1, () => Promise.reject(new Error('corrupt')))).rejects.toThrow('corrupt');
    await new Promise((resolve) => setImmediate(resolve));
    expect((await readOnce(cache, 1)).data[0]).toBe(1);
  });

  it('keeps blocks in its own buffers, and reuses an evicted block\'s buffer for the next block of its size', async () => {
    const cache = new DecodedBlockCache(2 * BLOCK_BYTES);
    const decoded = blockOf(1);
    const first = await readOnce(cache, 1, () => Promise.resolve(decoded));
    // A copy: the decoder's buffer may be shared (an uncompressed block is the byte cache's own bytes).
    expect(first.data.buffer).not.toBe(decoded.data.buffer);
    await readOnce(cache, 2);
    // The cache is full: adding block 3 evicts block 1, whose buffer then receives block 3.
    const third = await readOnce(cache, 3);
    expect(third.data.buffer).toBe(first.data.buffer);
    expect([...new Set(third.data)]).toEqual([3]);
  });

  it('never reuses the buffer of a block a reader still holds', async () => {
    const cache = new DecodedBlockCache(2 * BLOCK_BYTES);
    const held = cache.lease('file|0', 1, 0, () => Promise.resolve(blockOf(1)));
    const block = await held.block;
    for (let tx = 2; tx < 10; tx++) await readOnce(cache, tx); // block 1 is evicted early on
    expect([...new Set(block.data)]).toEqual([1]);
    held.release();
    // Released after its eviction: its buffer now serves a later block.
    const later = [await readOnce(cache, 10), await readOnce(cache, 11)];
    expect(later.map(({ data }) => data.buffer)).toContain(block.data.buffer);
  });

  it('counts each lease once: a second release of one lease does not free the block another still holds', async () => {
    const cache = new DecodedBlockCache(2 * BLOCK_BYTES);
    const first = cache.lease('file|0', 1, 0, () => Promise.resolve(blockOf(1)));
    const second = cache.lease('file|0', 1, 0, () => Promise.resolve(blockOf(99)));
    const block = await second.block;
    for (let tx = 2; tx < 10; tx++) await readOnce(cache, tx);
    first.release();
    first.release();
    for (let tx = 10; tx < 14; tx++) await readOnce(cache, tx);
    expect([...new Set(block.data)]).toEqual([1]);
    second.release();
  });
});
