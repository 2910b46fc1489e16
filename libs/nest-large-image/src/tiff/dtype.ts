import { UnreadableImageError } from '../errors/large-image.errors';
import type { DType } from './raster-source';

const COMPLEX_FORMATS = [5, 6];

/**
 * Maps TIFF SampleFormat (1 uint, 2 int, 3 float) and BitsPerSample to a numpy-style dtype name, as GDAL
 * reports them: unsigned integers of up to 8, 16 or 32 bits (NBITS=1, 4, 12...) widen to the next byte
 * size, half floats read as float32.
 */
export function dtypeOf(sampleFormat: number, bitsPerSample: number): DType {
  if (COMPLEX_FORMATS.includes(sampleFormat)) {
    throw new UnreadableImageError('Complex samples (SampleFormat 5 or 6) are not supported; convert the file to a real type with gdal_translate');
  }
  const kind = sampleFormat === 3 ? 'float' : sampleFormat === 2 ? 'int' : 'uint';
  const name = `${kind}${widened(kind, bitsPerSample)}`;
  const known: DType[] = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64'];
  if (!known.includes(name as DType)) {
    throw new UnreadableImageError(`Samples of ${bitsPerSample}-bit ${kind} are not supported`);
  }
  return name as DType;
}

function widened(kind: string, bits: number): number {
  if (kind === 'uint') return bits <= 8 ? 8 : bits <= 16 ? 16 : bits <= 32 ? 32 : bits;
  if (kind === 'float' && bits === 16) return 32;
  return bits;
}
