import path from 'node:path';
import { predictedTileBytes } from '../render/tiff-predictor';
import { undoFloatingPointPredictor, undoHorizontalDifferencing } from './undo-predictor';

// geotiff.js's own predictor, the reference: the package exports no deep paths, so it is loaded by file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { applyPredictor } = require(path.join(path.dirname(require.resolve('geotiff')), '../dist-module/predictor.js'));

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

describe('undoFloatingPointPredictor', () => {
  it.each([
    [Float32Array, 1],
    [Float32Array, 3],
    [Float64Array, 1],
    [Float64Array, 2],
  ] as const)('%p with %i sample(s) per pixel: the samples back, as geotiff.js decodes them', (Type, stride) => {
    const width = 7;
    const rows = 5;
    const original = new Type(width * stride * rows);
    original.forEach((_, i) => (original[i] = (i % 5 === 0 ? -1 : 1) * (i * 1234.5678) ** 1.5 + (i === 11 ? Infinity : 0)));
    const stored = predictedTileBytes(original.slice(), 3, width, stride);
    const ours = stored.slice();
    undoFloatingPointPredictor(ours.buffer, Type.BYTES_PER_ELEMENT, width * stride, stride);
    expect(Buffer.from(ours).equals(Buffer.from(original.buffer))).toBe(true);
    const bits = Array(stride).fill(Type.BYTES_PER_ELEMENT * 8);
    const reference = new Uint8Array(applyPredictor(stored.slice().buffer, 3, width, rows, bits, 1));
    expect(Buffer.from(ours).equals(Buffer.from(reference))).toBe(true);
  });

  it('refuses sample sizes the predictor has no byte planes for', () => {
    expect(() => undoFloatingPointPredictor(new ArrayBuffer(6), 3, 2, 1)).toThrow(/not supported for 24-bit/);
  });
});
