// Pure code with no imports: it runs on codec threads (tiff/codec-worker.ts) as well as on the caller's.

const CLEAR_CODE = 256;
const END_OF_INFORMATION = 257;
const FIRST_FREE_CODE = 258;
const MIN_CODE_WIDTH = 9;
const MAX_CODE_WIDTH = 12;
const TABLE_SIZE = 1 << MAX_CODE_WIDTH;

/** A stream that is not TIFF LZW (a code that refers to no string yet). */
export class LzwStreamError extends Error {}

/**
 * Decodes a TIFF LZW stream (TIFF 6.0 section 13: codes written most significant bit first, 9 to 12 bits
 * wide, widened one code early as libtiff does) into `output`, and returns how many bytes it wrote. Output
 * past `output`'s end is dropped, as a block never holds more than its size; a stream without its
 * end-of-information code ends where its bytes do.
 *
 * Every string in the table is a run of bytes already written to `output`: the entry a code adds is the
 * previous string followed by the first byte of the current one, which is exactly where those bytes lie
 * in the output. So the table holds an offset and a length per code, and decoding a code is one copy, with
 * no chains of prefixes to walk back (geotiff.js's decoder does, and took 160 ms of the event loop per
 * 256 x 256 RGB tile of a GDAL LZW COG).
 */
export function decodeLzw(input: Uint8Array, output: Uint8Array): number {
  const starts = new Int32Array(TABLE_SIZE);
  const lengths = new Int32Array(TABLE_SIZE);
  const capacity = output.length;
  let inputAt = 0;
  let bits = 0;
  let bitCount = 0;
  let width = MIN_CODE_WIDTH;
  let nextCode = FIRST_FREE_CODE;
  let previousStart = -1;
  let previousLength = 0;
  let at = 0;
  for (;;) {
    while (bitCount < width && inputAt < input.length) {
      bits = ((bits << 8) | input[inputAt++]) & 0xffffff;
      bitCount += 8;
    }
    if (bitCount < width) break;
    bitCount -= width;
    const code = (bits >>> bitCount) & ((1 << width) - 1);
    if (code === END_OF_INFORMATION) break;
    if (code === CLEAR_CODE) {
      width = MIN_CODE_WIDTH;
      nextCode = FIRST_FREE_CODE;
      previousStart = -1;
      continue;
    }
    const start = at;
    let length: number;
    if (code < CLEAR_CODE) {
      if (at < capacity) output[at] = code;
      length = 1;
    } else if (code < nextCode && previousStart >= 0) {
      length = lengths[code];
      copy(output, starts[code], at, length, capacity);
    } else if (code === nextCode && previousStart >= 0) {
      // The string being defined by this very code: the previous one plus its own first byte.
      length = previousLength + 1;
      copy(output, previousStart, at, previousLength, capacity);
      if (at + previousLength < capacity) output[at + previousLength] = output[previousStart];
    } else {
      throw new LzwStreamError(`LZW code ${code} refers to no string (the next free code is ${nextCode})`);
    }
    if (previousStart >= 0 && nextCode < TABLE_SIZE) {
      starts[nextCode] = previousStart;
      lengths[nextCode] = previousLength + 1;
      nextCode++;
      // libtiff widens codes one code early: at 511, 1023 and 2047 rather than 512, 1024 and 2048.
      if (nextCode >= (1 << width) - 1 && width < MAX_CODE_WIDTH) width++;
    }
    previousStart = start;
    previousLength = length;
    at += length;
    if (at >= capacity) break;
  }
  return Math.min(at, capacity);
}

/** Copies `length` bytes from `from` to `to` within `output` (they never overlap), clipped to `capacity`. */
function copy(output: Uint8Array, from: number, to: number, length: number, capacity: number): void {
  const count = Math.min(length, capacity - to);
  if (count > 16) {
    output.copyWithin(to, from, from + count);
    return;
  }
  for (let i = 0; i < count; i++) output[to + i] = output[from + i];
}
