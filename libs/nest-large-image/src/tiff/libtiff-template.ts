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

const SHORT = 3;
const LONG = 4;
const HEADER_BYTES = 8;
const ENTRY_BYTES = 12;

interface Entry {
  tag: number;
  type: typeof SHORT | typeof LONG;
  values: number[];
}

/**
 * A TIFF of one strip with the block's layout, for libtiff to open and then decode blocks handed to it
 * (TIFFReadFromUserBuffer) as it decodes the file's own. Its strip's offset and size are never read.
 * Photometric is MinIsBlack with unspecified extra samples, which allows any number of samples.
 */
export function layoutTemplate(layout: StoredBlockLayout): Uint8Array {
  const { samples } = layout;
  const entries: Entry[] = [
    { tag: 256, type: LONG, values: [layout.width] }, // ImageWidth
    { tag: 257, type: LONG, values: [layout.rows] }, // ImageLength
    { tag: 258, type: SHORT, values: Array(samples).fill(layout.bitsPerSample) }, // BitsPerSample
    { tag: 259, type: SHORT, values: [layout.compression] }, // Compression
    { tag: 262, type: SHORT, values: [1] }, // PhotometricInterpretation: MinIsBlack
    { tag: 273, type: LONG, values: [HEADER_BYTES] }, // StripOffsets
    { tag: 277, type: SHORT, values: [samples] }, // SamplesPerPixel
    { tag: 278, type: LONG, values: [layout.rows] }, // RowsPerStrip
    { tag: 279, type: LONG, values: [1] }, // StripByteCounts
    { tag: 284, type: SHORT, values: [1] }, // PlanarConfiguration: contiguous
    { tag: 317, type: SHORT, values: [layout.predictor] }, // Predictor
  ];
  if (samples > 1) entries.push({ tag: 338, type: SHORT, values: Array(samples - 1).fill(0) }); // ExtraSamples
  entries.push({ tag: 339, type: SHORT, values: Array(samples).fill(layout.floatingPoint ? 3 : 1) }); // SampleFormat

  const ifdBytes = 2 + entries.length * ENTRY_BYTES + 4;
  const valueBytes = (entry: Entry) => entry.values.length * (entry.type === SHORT ? 2 : 4);
  const outOfLine = entries.filter((entry) => valueBytes(entry) > 4);
  const bytes = new Uint8Array(HEADER_BYTES + ifdBytes + outOfLine.reduce((sum, entry) => sum + valueBytes(entry), 0));
  const view = new DataView(bytes.buffer);
  const little = layout.littleEndian;
  bytes.set(little ? [0x49, 0x49] : [0x4d, 0x4d]);
  view.setUint16(2, 42, little);
  view.setUint32(4, HEADER_BYTES, little);
  view.setUint16(HEADER_BYTES, entries.length, little);
  let spill = HEADER_BYTES + ifdBytes;
  entries.forEach((entry, index) => {
    const at = HEADER_BYTES + 2 + index * ENTRY_BYTES;
    view.setUint16(at, entry.tag, little);
    view.setUint16(at + 2, entry.type, little);
    view.setUint32(at + 4, entry.values.length, little);
    let valuesAt = at + 8;
    if (valueBytes(entry) > 4) {
      view.setUint32(at + 8, spill, little);
      valuesAt = spill;
      spill += valueBytes(entry);
    }
    entry.values.forEach((value, i) => (entry.type === SHORT ? view.setUint16(valuesAt + 2 * i, value, little) : view.setUint32(valuesAt + 4 * i, value, little)));
  });
  // The next IFD's offset, 0, is already there.
  return bytes;
}
