import { DecodedBlockCache } from './decoded-block-cache';
import type { AllocateBlock, DecodedBlock } from './read-block';

const BLOCK_BYTES = 100;

/** A block of 100 bytes, all `value`. */
function block(value: number): DecodedBlock {
  return { data: new Uint8Array(BLOCK_BYTES).fill(value), width: 10, height: 10, samples: 1 };
}

/** Room for seven blocks, and one spare buffer (an eighth of the bytes). */
const cacheForSevenBlocks = () => new DecodedBlockCache(8 * BLOCK_BYTES);

/** Leases block (tx, 0), decoding it as all `tx` when missing, and waits for it. */
async function leased(cache: DecodedBlockCache, tx: number, decode: (allocate: AllocateBlock) => Promise<DecodedBlock> = jest.fn(async () => block(tx))) {
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

  it('lends a decoder that writes into a given buffer a spare one, and keeps what it wrote there uncopied', async () => {
    // Room for fourteen blocks and two spares.
    const cache = new DecodedBlockCache(16 * BLOCK_BYTES);
    const lent: ArrayBuffer[] = [];
    const decodeInto = (value: number) => async (allocate: AllocateBlock) => {
      const buffer = allocate(BLOCK_BYTES);
      lent.push(buffer);
      return { data: new Uint8Array(buffer, 0, BLOCK_BYTES).fill(value), width: 10, height: 10, samples: 1 };
    };
    // No spare yet: a new buffer, in which the block stays.
    const first = await leased(cache, 0, decodeInto(0));
    expect(first.data.buffer).toBe(lent[0]);
    first.lease.release();
    const second = await leased(cache, 1);
    second.lease.release();
    for (let tx = 2; tx <= 13; tx++) (await leased(cache, tx)).lease.release();
    // A larger block evicts the first two, whose buffers become the two spares.
    const large = async () => ({ data: new Uint8Array(1.5 * BLOCK_BYTES), width: 15, height: 10, samples: 1 });
    (await leased(cache, 14, large)).lease.release();
    // The next block is written into the first spare and kept there, not copied into the second.
    const next = await leased(cache, 15, decodeInto(15));
    expect([first.data.buffer, second.data.buffer]).toContain(lent[1]);
    expect(next.data.buffer).toBe(lent[1]);
    expect([...next.data].every((value) => value === 15)).toBe(true);
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
