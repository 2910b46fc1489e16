import { encodeHeader, encodeIfd, TiffEntry, TiffType } from '../render/tiff-encoding';

/** What libtiff needs to know to decode one stored block; nothing else in the file matters to it. */
export interface StoredBlockLayout {
  /** TIFF Compression and Predictor. */
  compression: number;
  predictor: number;
  /** Pixels per row, and rows: a tile's size, or a strip's (the last strip may have fewer rows). */
  width: number;
  rows: number;
  /** Samples per pixel within the block: one when bands are stored separately. */
  samples: number;
  bitsPerSample: number;
  /** IEEE floating-point samples (SampleFormat 3), which the floating-point predictor requires. */
  floatingPoint: boolean;
  /** The file's byte order, which libtiff's decoders turn into the machine's. */
  littleEndian: boolean;
}

const HEADER_BYTES = 8;

/**
 * A TIFF of one strip with the block's layout, for libtiff to open and then decode blocks handed to it
 * (TIFFReadFromUserBuffer) as it decodes the file's own. Its strip's offset and size are never read.
 * Photometric is MinIsBlack with unspecified extra samples, which allows any number of samples. It is
 * written in the file's byte order, from which libtiff's decoders turn samples into the machine's.
 */
export function layoutTemplate(layout: StoredBlockLayout): Uint8Array {
  const { samples } = layout;
  const { SHORT, LONG } = TiffType;
  const entries: TiffEntry[] = [
    { tag: 256, type: LONG, value: [layout.width] }, // ImageWidth
    { tag: 257, type: LONG, value: [layout.rows] }, // ImageLength
    { tag: 258, type: SHORT, value: Array(samples).fill(layout.bitsPerSample) }, // BitsPerSample
    { tag: 259, type: SHORT, value: [layout.compression] }, // Compression
    { tag: 262, type: SHORT, value: [1] }, // PhotometricInterpretation: MinIsBlack
    { tag: 273, type: LONG, value: [HEADER_BYTES] }, // StripOffsets
    { tag: 277, type: SHORT, value: [samples] }, // SamplesPerPixel
    { tag: 278, type: LONG, value: [layout.rows] }, // RowsPerStrip
    { tag: 279, type: LONG, value: [1] }, // StripByteCounts
    { tag: 284, type: SHORT, value: [1] }, // PlanarConfiguration: contiguous
    { tag: 317, type: SHORT, value: [layout.predictor] }, // Predictor
    { tag: 339, type: SHORT, value: Array(samples).fill(layout.floatingPoint ? 3 : 1) }, // SampleFormat
  ];
  if (samples > 1) entries.push({ tag: 338, type: SHORT, value: Array(samples - 1).fill(0) }); // ExtraSamples
  const header = encodeHeader(false, HEADER_BYTES, layout.littleEndian);
  const ifd = encodeIfd(entries, HEADER_BYTES, false, 0, layout.littleEndian);
  return Buffer.concat([header, ifd]);
}
