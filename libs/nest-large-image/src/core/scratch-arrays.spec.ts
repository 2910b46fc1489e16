import { borrowArray, returnArray } from './scratch-arrays';

describe('scratch arrays', () => {
  it('lends a returned array again for the same type and length', () => {
    const first = borrowArray(Int32Array, 1000);
    returnArray(first);
    expect(borrowArray(Int32Array, 1000)).toBe(first);
    expect(borrowArray(Int32Array, 1000)).not.toBe(first);
  });

  it('keeps at most 32 MB of free arrays, however many sizes come back', () => {
    const early = borrowArray(Uint8Array, 1 << 20);
    returnArray(early);
    // Forty arrays of 1 MB, each of its own size, as regions of forty widths would give back.
    for (let i = 1; i <= 40; i++) returnArray(new Uint8Array((1 << 20) + i));
    expect(borrowArray(Uint8Array, 1 << 20)).not.toBe(early);
    const latest = borrowArray(Uint8Array, (1 << 20) + 40);
    expect(latest.length).toBe((1 << 20) + 40);
    returnArray(latest);
    expect(borrowArray(Uint8Array, (1 << 20) + 40)).toBe(latest);
  });

  it('does not keep an array larger than the whole budget', () => {
    const huge = new Uint8Array(33 << 20);
    returnArray(huge);
    expect(borrowArray(Uint8Array, 33 << 20)).not.toBe(huge);
  });
});
