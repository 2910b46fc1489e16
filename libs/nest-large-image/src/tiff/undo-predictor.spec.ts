import { predictedTileBytes } from '../render/tiff-predictor';
import { undoHorizontalDifferencing } from './undo-predictor';

const ARRAYS = { 1: Uint8Array, 2: Uint16Array, 4: Uint32Array } as const;

/** Pseudo-random samples filling every bit of the type, so wrap-around is exercised. */
function samples(bytesPerSample: 1 | 2 | 4, count: number): Uint8Array | Uint16Array | Uint32Array {
  const values = new ARRAYS[bytesPerSample](count);
  let state = 12345;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    values[i] = state;
  }
  return values;
}

describe('undoHorizontalDifferencing', () => {
  // The writer's predictor is the inverse: differencing then undoing must give the samples back.
  describe.each([1, 2, 4] as const)('%i-byte samples', (bytesPerSample) => {
    it.each([1, 2, 3, 4, 5])('%i sample(s) per pixel, rows of 7 pixels', (stride) => {
      const rowSamples = 7 * stride;
      const original = samples(bytesPerSample, rowSamples * 5);
      const differenced = original.slice();
      const bytes = predictedTileBytes(differenced, 2, 7, stride);
      const buffer = bytes.buffer as ArrayBuffer;
      undoHorizontalDifferencing(buffer, bytesPerSample, rowSamples, stride);
      expect(Array.from(new ARRAYS[bytesPerSample](buffer))).toEqual(Array.from(original));
    });
  });

  it('wraps 64-bit sums modulo 2^64', () => {
    const values = new BigUint64Array([2n ** 64n - 1n, 2n, 5n, 2n ** 63n]);
    undoHorizontalDifferencing(values.buffer, 8, 4, 1);
    expect(Array.from(values)).toEqual([2n ** 64n - 1n, 1n, 6n, 2n ** 63n + 6n]);
  });

  it('leaves a trailing partial row as it is', () => {
    const values = new Uint8Array([1, 1, 1, 9, 9]);
    undoHorizontalDifferencing(values.buffer, 1, 3, 1);
    expect(Array.from(values)).toEqual([1, 2, 3, 9, 9]);
  });

  it('refuses sample widths the predictor does not define here', () => {
    expect(() => undoHorizontalDifferencing(new ArrayBuffer(6), 3, 2, 1)).toThrow(/24-bit/);
  });
});
