// Pure code (it runs on codec threads too): the last step of decoding a block of whole-byte samples.
import { undoFloatingPointPredictor, undoHorizontalDifferencing } from './undo-predictor';

/** How a block's decompressed bytes become samples in the machine's byte order. */
export interface SampleOrder {
  bytesPerSample: number;
  /** The file's byte order is not the machine's (big-endian files, multi-byte samples). */
  swap: boolean;
  /** TIFF Predictor: 2 (horizontal differencing) and 3 (floating point) are undone here. */
  predictor: number;
  /** Samples in one row of the block, and between a sample and the same sample of the next pixel. */
  samplesPerRow: number;
  stride: number;
}

/** True when toNativeSamples would change nothing. */
export function alreadyNative(order: SampleOrder): boolean {
  return !order.swap && order.predictor !== 2 && order.predictor !== 3;
}

/**
 * Swaps big-endian samples, then undoes the horizontal predictor, in place; or undoes the floating-point
 * predictor, which leaves samples in the machine's order whatever the file's.
 */
export function toNativeSamples(data: ArrayBuffer, order: SampleOrder): void {
  if (order.predictor === 3) return undoFloatingPointPredictor(data, order.bytesPerSample, order.samplesPerRow, order.stride);
  if (order.swap) swapByteOrder(new Uint8Array(data), order.bytesPerSample);
  if (order.predictor === 2) undoHorizontalDifferencing(data, order.bytesPerSample, order.samplesPerRow, order.stride);
}

/** Reverses the bytes of every `size`-byte sample, in place. */
function swapByteOrder(bytes: Uint8Array, size: number): void {
  for (let at = 0; at + size <= bytes.length; at += size) {
    for (let low = at, high = at + size - 1; low < high; low++, high--) {
      const byte = bytes[low];
      bytes[low] = bytes[high];
      bytes[high] = byte;
    }
  }
}
