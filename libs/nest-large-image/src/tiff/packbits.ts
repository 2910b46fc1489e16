// Pure code with no imports: it runs on codec threads (tiff/codec-worker.ts) as well as on the caller's.

/**
 * Decodes a TIFF PackBits stream (TIFF 6.0 section 9) into `output` and returns how many bytes it wrote.
 * Each header byte n is followed by n + 1 literal bytes (n from 0 to 127), or by one byte repeated 1 - n
 * times (n from -127 to -1); -128 is a no-op. Output past `output`'s end is dropped, as a block never holds
 * more than its size, and a stream cut short ends where its bytes do, as libtiff reads it. geotiff.js's
 * decoder pushes every byte onto a JavaScript array: 4.4 ms for a 256 x 256 RGB block.
 */
export function decodePackbits(input: Uint8Array, output: Uint8Array): number {
  const capacity = output.length;
  let inputAt = 0;
  let written = 0;
  while (inputAt < input.length && written < capacity) {
    const header = input[inputAt++];
    if (header < 128) {
      const count = Math.min(header + 1, input.length - inputAt, capacity - written);
      output.set(input.subarray(inputAt, inputAt + count), written);
      inputAt += header + 1;
      written += count;
    } else if (header > 128) {
      if (inputAt >= input.length) break;
      const count = Math.min(257 - header, capacity - written);
      output.fill(input[inputAt++], written, written + count);
      written += count;
    }
  }
  return written;
}
