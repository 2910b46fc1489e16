import { LITTLE_ENDIAN } from './tiff-encoding';
import type { PixelValues } from './tiff-sample-types';

/** TIFF Predictor tag values: 1 none, 2 horizontal differencing (integers), 3 floating point (IEEE floats). */
export type TiffPredictor = 1 | 2 | 3;

/**
 * The bytes of one tile as they go to the compressor, after the predictor has been applied row by row
 * (a row being the tile's full width, padding included, as libtiff and geotiff.js undo it). The predictor
 * turns smooth images into long runs of small numbers that deflate packs far better.
 */
export function predictedTileBytes(tile: PixelValues, predictor: TiffPredictor, tileWidth: number, samplesPerPixel: number): Uint8Array {
  const rowSamples = tileWidth * samplesPerPixel;
  if (predictor === 2) {
    horizontalDifferencing(tile, rowSamples, samplesPerPixel);
  }
  const bytes = new Uint8Array(tile.buffer, tile.byteOffset, tile.byteLength);
  return predictor === 3 ? floatingPointDifferencing(bytes, rowSamples, samplesPerPixel, tile.BYTES_PER_ELEMENT) : bytes;
}

/**
 * Predictor 2, in place: each sample minus the same sample of the pixel to its left. Typed-array stores
 * wrap modulo 2^bits, which is the arithmetic TIFF specifies, for signed types as for unsigned ones.
 */
function horizontalDifferencing(tile: PixelValues, rowSamples: number, stride: number): void {
  for (let rowStart = 0; rowStart < tile.length; rowStart += rowSamples) {
    for (let i = rowStart + rowSamples - 1; i >= rowStart + stride; i--) {
      tile[i] -= tile[i - stride];
    }
  }
}

/**
 * Predictor 3 (Adobe TIFF Technical Note 3, libtiff's fpDiff): per row, split the samples into byte planes,
 * most significant byte first whatever the file's byte order, then difference each byte with the byte
 * `samplesPerPixel` before it.
 */
function floatingPointDifferencing(bytes: Uint8Array, rowSamples: number, stride: number, bytesPerSample: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  const rowBytes = rowSamples * bytesPerSample;
  for (let rowStart = 0; rowStart < bytes.length; rowStart += rowBytes) {
    for (let sample = 0; sample < rowSamples; sample++) {
      for (let byte = 0; byte < bytesPerSample; byte++) {
        const plane = LITTLE_ENDIAN ? bytesPerSample - 1 - byte : byte;
        out[rowStart + plane * rowSamples + sample] = bytes[rowStart + sample * bytesPerSample + byte];
      }
    }
    for (let i = rowStart + rowBytes - 1; i >= rowStart + stride; i--) {
      out[i] -= out[i - stride];
    }
  }
  return out;
}
