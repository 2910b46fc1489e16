import type { DType } from '../tiff/raster-source';
import type { TypedArray } from '../tiff/read-block';

/** Any typed array of pixel values, pixel-interleaved (a `Raster`'s Float64Array, or a native-typed one). */
export type PixelValues = TypedArray;

type PixelArrayConstructor = new (length: number) => PixelValues;

/** How samples of one dtype are stored in a TIFF. */
export interface TiffSampleType {
  bytes: number;
  /** TIFF SampleFormat: 1 unsigned integer, 2 signed integer, 3 IEEE float. */
  sampleFormat: 1 | 2 | 3;
  /** The typed array holding samples in memory exactly as the file stores them (host byte order). */
  array: PixelArrayConstructor;
  /** The representable range, for validating no-data values (floats accept anything). */
  min: number;
  max: number;
}

export const TIFF_SAMPLE_TYPES: Readonly<Record<DType, TiffSampleType>> = {
  uint8: { bytes: 1, sampleFormat: 1, array: Uint8Array, min: 0, max: 0xff },
  int8: { bytes: 1, sampleFormat: 2, array: Int8Array, min: -0x80, max: 0x7f },
  uint16: { bytes: 2, sampleFormat: 1, array: Uint16Array, min: 0, max: 0xffff },
  int16: { bytes: 2, sampleFormat: 2, array: Int16Array, min: -0x8000, max: 0x7fff },
  uint32: { bytes: 4, sampleFormat: 1, array: Uint32Array, min: 0, max: 0xffffffff },
  int32: { bytes: 4, sampleFormat: 2, array: Int32Array, min: -0x80000000, max: 0x7fffffff },
  float32: { bytes: 4, sampleFormat: 3, array: Float32Array, min: -Infinity, max: Infinity },
  float64: { bytes: 8, sampleFormat: 3, array: Float64Array, min: -Infinity, max: Infinity },
};
