import { endianness } from 'os';
import { GeoTiffWriterError } from './geotiff-writer.errors';

/** The TIFF field types this writer uses (TIFF 6.0 section 2, BigTIFF's LONG8). */
export const TiffType = { ASCII: 2, SHORT: 3, LONG: 4, DOUBLE: 12, LONG8: 16 } as const;
export type TiffType = (typeof TiffType)[keyof typeof TiffType];

const TYPE_BYTES: Readonly<Record<TiffType, number>> = { 2: 1, 3: 2, 4: 4, 12: 8, 16: 8 };

/** One IFD entry: numbers for numeric types, a string (its terminating NUL is added here) for ASCII. */
export interface TiffEntry {
  tag: number;
  type: TiffType;
  value: readonly number[] | string;
}

/** Files are written in the host's byte order, so typed arrays of samples go to disk as they are. */
export const LITTLE_ENDIAN = endianness() === 'LE';

/** Bytes reserved at the start of the file: room for either header, so BigTIFF can be chosen at the end. */
export const RESERVED_HEADER_BYTES = 16;

const MAX_LONG = 0xffffffff;

/** Classic TIFF (32-bit offsets) or BigTIFF (64-bit offsets): sizes of the parts of an IFD. */
interface IfdFormat {
  countBytes: number;
  entryBytes: number;
  nextOffsetBytes: number;
  /** Values up to this many bytes sit in the entry itself instead of being pointed to. */
  inlineBytes: number;
}

const CLASSIC: IfdFormat = { countBytes: 2, entryBytes: 12, nextOffsetBytes: 4, inlineBytes: 4 };
const BIG: IfdFormat = { countBytes: 8, entryBytes: 20, nextOffsetBytes: 8, inlineBytes: 8 };

/** True when every offset of a file of `fileSize` bytes fits the 32-bit fields of a classic TIFF. */
export function fitsClassicTiff(fileSize: number): boolean {
  return fileSize <= MAX_LONG;
}

/** TIFF wants IFDs and out-of-line values on word boundaries. */
export function wordAligned(offset: number): number {
  return offset + (offset & 1);
}

/**
 * The file header: byte order, version (42 classic, 43 BigTIFF) and where the first IFD is. Headers and
 * IFDs are written in the host's byte order unless `littleEndian` says otherwise.
 */
export function encodeHeader(bigTiff: boolean, firstIfdOffset: number, littleEndian = LITTLE_ENDIAN): Buffer {
  const header = Buffer.alloc(bigTiff ? 16 : 8);
  const view = viewOf(header);
  header.write(littleEndian ? 'II' : 'MM', 0, 'latin1');
  if (bigTiff) {
    view.setUint16(2, 43, littleEndian);
    view.setUint16(4, 8, littleEndian); // bytes per offset
    view.setUint16(6, 0, littleEndian);
    view.setBigUint64(8, BigInt(firstIfdOffset), littleEndian);
  } else {
    view.setUint16(2, 42, littleEndian);
    view.setUint32(4, checkedLong(firstIfdOffset), littleEndian);
  }
  return header;
}

/** Bytes `encodeIfd` will produce for these entries (it does not depend on where the IFD goes). */
export function ifdByteLength(entries: readonly TiffEntry[], bigTiff: boolean): number {
  const format = bigTiff ? BIG : CLASSIC;
  let length = format.countBytes + entries.length * format.entryBytes + format.nextOffsetBytes;
  for (const entry of entries) {
    const bytes = valueBytes(entry);
    if (bytes > format.inlineBytes) length += wordAligned(bytes);
  }
  return length;
}

/**
 * One IFD to be written at `offset`, followed by the values too large to sit in their entries, pointing to
 * the next IFD at `nextIfdOffset` (0: it is the last). Entries are sorted by tag, as TIFF requires.
 */
export function encodeIfd(entries: readonly TiffEntry[], offset: number, bigTiff: boolean, nextIfdOffset = 0, littleEndian = LITTLE_ENDIAN): Buffer {
  if (offset % 2 !== 0) throw new GeoTiffWriterError(`An IFD must start on a word boundary, not at ${offset}`);
  const format = bigTiff ? BIG : CLASSIC;
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  sorted.forEach((entry, i) => {
    if (i > 0 && sorted[i - 1].tag === entry.tag) throw new GeoTiffWriterError(`Tag ${entry.tag} is set twice`);
  });
  const buffer = Buffer.alloc(ifdByteLength(sorted, bigTiff));
  const view = viewOf(buffer);
  if (bigTiff) view.setBigUint64(0, BigInt(sorted.length), littleEndian);
  else view.setUint16(0, sorted.length, littleEndian);
  let valuesAt = format.countBytes + sorted.length * format.entryBytes + format.nextOffsetBytes;
  sorted.forEach((entry, i) => {
    const at = format.countBytes + i * format.entryBytes;
    view.setUint16(at, entry.tag, littleEndian);
    view.setUint16(at + 2, entry.type, littleEndian);
    writeOffset(view, at + 4, valueCount(entry), bigTiff, littleEndian);
    const fieldAt = at + (bigTiff ? 12 : 8);
    const bytes = valueBytes(entry);
    if (bytes <= format.inlineBytes) {
      writeValues(view, fieldAt, entry, littleEndian);
    } else {
      writeOffset(view, fieldAt, offset + valuesAt, bigTiff, littleEndian);
      writeValues(view, valuesAt, entry, littleEndian);
      valuesAt += wordAligned(bytes);
    }
  });
  writeOffset(view, format.countBytes + sorted.length * format.entryBytes, nextIfdOffset, bigTiff, littleEndian);
  return buffer;
}

function valueCount(entry: TiffEntry): number {
  return typeof entry.value === 'string' ? entry.value.length + 1 : entry.value.length;
}

function valueBytes(entry: TiffEntry): number {
  return valueCount(entry) * TYPE_BYTES[entry.type];
}

/** Value counts and offsets: 32-bit in classic TIFF, 64-bit in BigTIFF. */
function writeOffset(view: DataView, at: number, value: number, bigTiff: boolean, littleEndian: boolean): void {
  if (bigTiff) view.setBigUint64(at, BigInt(value), littleEndian);
  else view.setUint32(at, checkedLong(value), littleEndian);
}

function writeValues(view: DataView, at: number, entry: TiffEntry, littleEndian: boolean): void {
  const { value, type } = entry;
  if (typeof value === 'string') {
    if (!/^[\x01-\x7f]*$/.test(value)) throw new GeoTiffWriterError(`Tag ${entry.tag} must be plain ASCII`);
    for (let i = 0; i < value.length; i++) view.setUint8(at + i, value.charCodeAt(i));
    view.setUint8(at + value.length, 0);
    return;
  }
  const size = TYPE_BYTES[type];
  value.forEach((number, i) => {
    const position = at + i * size;
    switch (type) {
      case TiffType.SHORT:
        if (!Number.isInteger(number) || number < 0 || number > 0xffff) {
          throw new GeoTiffWriterError(`Tag ${entry.tag}: ${number} does not fit a SHORT`);
        }
        view.setUint16(position, number, littleEndian);
        break;
      case TiffType.LONG:
        view.setUint32(position, checkedLong(number), littleEndian);
        break;
      case TiffType.LONG8:
        view.setBigUint64(position, BigInt(number), littleEndian);
        break;
      case TiffType.DOUBLE:
        view.setFloat64(position, number, littleEndian);
        break;
      default:
        throw new GeoTiffWriterError(`Tag ${entry.tag}: type ${type} needs a string value`);
    }
  });
}

/** DataView silently wraps numbers past 2^32: a classic TIFF offset that large is a bug, not a file. */
function checkedLong(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_LONG) {
    throw new GeoTiffWriterError(`${value} does not fit a 32-bit TIFF field; the file needs BigTIFF`);
  }
  return value;
}

function viewOf(buffer: Buffer): DataView {
  return new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
