import { UnreadableImageError } from '../errors/large-image.errors';
import type { DType } from './raster-source';

/** Maps TIFF SampleFormat (1 uint, 2 int, 3 float) and BitsPerSample to a numpy-style dtype name. */
export function dtypeOf(sampleFormat: number, bitsPerSample: number): DType {
  const kind = sampleFormat === 3 ? 'float' : sampleFormat === 2 ? 'int' : 'uint';
  const bits = bitsPerSample < 8 ? 8 : bitsPerSample;
  const name = `${kind}${bits}`;
  const known: DType[] = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64'];
  if (!known.includes(name as DType)) {
    throw new UnreadableImageError(`Samples of ${bitsPerSample}-bit ${kind} are not supported`);
  }
  return name as DType;
}
