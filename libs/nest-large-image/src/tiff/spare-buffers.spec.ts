import { SpareBuffers } from './spare-buffers';

describe('SpareBuffers', () => {
  it('gives back a buffer that held a block of the size asked for, once', () => {
    const spares = new SpareBuffers(1000);
    const data = new Uint8Array(100);
    spares.put(data);
    expect(spares.bytes).toBe(100);
    expect(spares.take(200)).toBeUndefined();
    expect(spares.take(100)).toBe(data.buffer);
    expect(spares.take(100)).toBeUndefined();
    expect(spares.bytes).toBe(0);
  });

  it('keeps a decoder buffer with slack past its block, keyed by the block', () => {
    const spares = new SpareBuffers(1000);
    const data = new Uint8Array(new ArrayBuffer(164), 0, 100);
    spares.put(data);
    expect(spares.take(100)).toBe(data.buffer);
  });

  it('refuses views into a larger buffer, views not at its start, and shared memory', () => {
    const spares = new SpareBuffers(1 << 20);
    spares.put(new Uint8Array(new ArrayBuffer(100_000), 0, 100));
    spares.put(new Uint8Array(new ArrayBuffer(200), 100, 100));
    spares.put(new Uint8Array(new SharedArrayBuffer(100)));
    expect(spares.bytes).toBe(0);
  });

  it('makes room by dropping the sizes put longest ago, never beyond its bound', () => {
    const spares = new SpareBuffers(300);
    spares.put(new Uint8Array(100));
    spares.put(new Uint8Array(150));
    spares.put(new Uint8Array(200));
    expect(spares.bytes).toBe(200);
    expect(spares.take(100)).toBeUndefined();
    expect(spares.take(150)).toBeUndefined();
    spares.put(new Uint8Array(200));
    expect(spares.bytes).toBe(200);
    spares.put(new Uint8Array(400));
    expect(spares.bytes).toBe(200);
  });
});
