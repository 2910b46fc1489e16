import { borrowArray, returnArray } from './scratch-arrays';

/**
 * RGBA buffers of rendered grids, reused from one tile to the next. A 256 x 256 tile is 256 KB: allocated
 * fresh, each one was mapped and unmapped by the allocator and counted as new external memory, which set
 * off V8's full collections several times a second. A borrowed buffer holds old pixels: write every one.
 */
export function borrowRgba(pixels: number): Buffer {
  const words = borrowArray(Uint32Array, pixels);
  return Buffer.from(words.buffer, words.byteOffset, words.byteLength);
}

/** Gives a rendered grid's RGBA back once it is encoded (or copied); nothing may read it after. */
export function releaseRgba(rgba: Buffer): void {
  // Only a buffer that is a whole ArrayBuffer of whole pixels can be lent again as one.
  if (rgba.byteOffset !== 0 || rgba.byteLength !== rgba.buffer.byteLength || rgba.byteLength % 4 !== 0) return;
  returnArray(new Uint32Array(rgba.buffer));
}
