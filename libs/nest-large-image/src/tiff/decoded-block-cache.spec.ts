import { DecodedBlockCache } from './decoded-block-cache';
import type { DecodedBlock } from './read-block';

const BLOCK_BYTES = 100;

/** A block of 100 bytes, all `value`. */
function block(value: number): DecodedBlock {
  return { data: new Uint8Array(BLOCK_BYTES).fill(value), width: 10, height: 10, samples: 1 };
}

/** Room for seven blocks, and one spare buffer (an eighth of the bytes). */
const cacheForSevenBlocks = () => new DecodedBlockCache(8 * BLOCK_BYTES);

/** Leases block (tx, 0), decoding it as all `tx` when missing, and waits for it. */
async function leased(cache: DecodedBlockCache, tx: number, decode = jest.fn(async () => block(tx))) {
  const lease = cache.lease('file|0', tx, 0, decode);
  return { lease, data: (await lease.block).data, decode };
}

describe('DecodedBlockCache', () => {
  it('decodes a block once for concurrent and later readers', async () => {
    const cache = cacheForSevenBlocks();
    const decode = jest.fn(async () => block(1));
    const first = cache.lease('file|0', 1, 0, decode);
    const second = cache.lease('file|0', 1, 0, decode);
    expect(await first.block).toBe(await second.block);
    const later = await leased(cache, 1, decode);
    expect(later.data).toBe((await first.block).data);
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('puts the next block decoded into the buffer of a block it evicted', async () => {
    const cache = cacheForSevenBlocks();
    const first = await leased(cache, 0);
    first.lease.release();
    for (let tx = 1; tx <= 6; tx++) (await leased(cache, tx)).lease.release();
    // The eighth block evicts the first, and is copied into its buffer.
    const eighth = await leased(cache, 7);
    expect(eighth.data.buffer).toBe(first.data.buffer);
    expect([...eighth.data].every((value) => value === 7)).toBe(true);
    expect(cache.bytes).toBe(7 * BLOCK_BYTES);
  });

  it('never reuses the buffer of a block that is still leased', async () => {
    const cache = cacheForSevenBlocks();
    const held = await leased(cache, 0);
    for (let tx = 1; tx <= 8; tx++) {
      const other = await leased(cache, tx);
      expect(other.data.buffer).not.toBe(held.data.buffer);
      other.lease.release();
    }
    expect([...held.data].every((value) => value === 0)).toBe(true);
    // Released after its eviction, its buffer goes to the next block decoded.
    held.lease.release();
    held.lease.release();
    const next = await leased(cache, 9);
    expect(next.data.buffer).toBe(held.data.buffer);
  });

  it('drops a block that failed to decode, so the next reader decodes it again', async () => {
    const cache = cacheForSevenBlocks();
    const failed = cache.lease('file|0', 3, 0, async () => Promise.reject(new Error('corrupt')));
    await expect(failed.block).rejects.toThrow('corrupt');
    failed.release();
    const again = await leased(cache, 3);
    expect(again.decode).toHaveBeenCalledTimes(1);
    expect(again.data[0]).toBe(3);
  });

  it('keeps blocks of other sizes and types apart', async () => {
    const cache = cacheForSevenBlocks();
    for (let tx = 0; tx <= 6; tx++) (await leased(cache, tx)).lease.release();
    // It evicts block 0, whose buffer is spare but holds 100 bytes.
    const wide = cache.lease('file|1', 0, 0, async () => ({ data: new Uint16Array(30).fill(7), width: 6, height: 5, samples: 1 }));
    const data = (await wide.block).data;
    expect(data).toBeInstanceOf(Uint16Array);
    expect(data.length).toBe(30);
    expect(data.buffer.byteLength).toBe(60);
  });
});
