import { TIFF_DATATYPES } from './tiff-tags';

/**
 * Decodes `count` values of a TIFF field type starting at `at`. RATIONAL and SRATIONAL values give two
 * numbers each (numerator, denominator), as tifftools lists them; 64-bit integers become plain numbers
 * (exact below 2^53, which covers any file offset or count that can actually occur).
 */
export function decodeNumbers(view: DataView, at: number, datatype: number, count: number, littleEndian: boolean): number[] {
  const size = TIFF_DATATYPES[datatype].size;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const p = at + i * size;
    switch (datatype) {
      case 1:
      case 7:
        out.push(view.getUint8(p));
        break;
      case 6:
        out.push(view.getInt8(p));
        break;
      case 3:
        out.push(view.getUint16(p, littleEndian));
        break;
      case 8:
        out.push(view.getInt16(p, littleEndian));
        break;
      case 4:
      case 13:
        out.push(view.getUint32(p, littleEndian));
        break;
      case 9:
        out.push(view.getInt32(p, littleEndian));
        break;
      case 5:
        out.push(view.getUint32(p, littleEndian), view.getUint32(p + 4, littleEndian));
        break;
      case 10:
        out.push(view.getInt32(p, littleEndian), view.getInt32(p + 4, littleEndian));
        break;
      case 11:
        out.push(view.getFloat32(p, littleEndian));
        break;
      case 12:
        out.push(view.getFloat64(p, littleEndian));
        break;
      case 16:
      case 18:
        out.push(Number(view.getBigUint64(p, littleEndian)));
        break;
      case 17:
        out.push(Number(view.getBigInt64(p, littleEndian)));
        break;
      default:
        throw new RangeError(`TIFF field type ${datatype} has no numeric decoding`);
    }
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** An ASCII field as text: trailing NULs dropped (as tifftools does); UTF-8 when valid, Latin-1 otherwise. */
export function decodeText(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  const trimmed = bytes.subarray(0, end);
  try {
    return utf8.decode(trimmed);
  } catch {
    return latin1.decode(trimmed);
  }
}
