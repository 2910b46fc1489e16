import { UnreadableImageError } from '../errors/large-image.errors';
import { DATATYPE_ASCII, DATATYPE_IFD, DATATYPE_IFD8, IFD_POINTER_TAGS, TAG, TIFF_DATATYPES, TIFF_TAG_NAMES } from './tiff-tags';
import { decodeNumbers, decodeText } from './tiff-values';

/** Reads `length` bytes at `offset` (fewer only at the end of the file), e.g. `BlockSource.read`. */
export type ReadBytes = (offset: number, length: number) => Promise<ArrayBuffer>;

/** One IFD entry, laid out as tifftools' `read_tiff` describes it (plus the tag's name). */
export interface TiffDumpTag {
  name?: string;
  datatype: number;
  /** Number of values (pairs for RATIONAL; bytes for ASCII and UNDEFINED). */
  count: number;
  /** Where the value, or the offset of the value, sits inside the IFD entry. */
  datapos: number;
  /** Where the values are when they do not fit in the entry. */
  offset?: number;
  /** Numbers (RATIONALs as numerator, denominator pairs), or text for ASCII. */
  data: number[] | string;
  /** Present when `data` holds only the first values (see TiffDumpOptions). */
  truncated?: true;
  /** For SubIFD, EXIF, GPS and Interoperability pointers: one chain of IFDs per offset. */
  ifds?: TiffDumpIfd[][];
}

export interface TiffDumpIfd {
  offset: number;
  tagcount: number;
  /** Keyed by tag number. */
  tags: Record<string, TiffDumpTag>;
}

/** tifftools' `tiff_dump(..., outformat='json')`, without its Python-specific keys (path, header bytes, endianPack). */
export interface TiffDump {
  firstifd: number;
  size: number;
  bigEndian: boolean;
  bigtiff: boolean;
  /** The main IFD chain, in chain order. */
  ifds: TiffDumpIfd[];
}

export interface TiffDumpOptions {
  /** Values kept per numeric tag; longer arrays (tile offsets...) are cut and flagged `truncated`. */
  maxValues?: number;
  /** Bytes kept per ASCII tag. */
  maxTextBytes?: number;
  /** More IFDs than this (SubIFDs included) is treated as a corrupt file. */
  maxIfds?: number;
}

const DEFAULTS: Required<TiffDumpOptions> = { maxValues: 1000, maxTextBytes: 1 << 20, maxIfds: 10000 };
/** One read usually holds a whole IFD (a COG's is a few hundred bytes). */
const IFD_PROBE_BYTES = 4096;
/** Out-of-line values closer than this are fetched with one read: they are usually packed after their IFD. */
const MERGE_GAP_BYTES = 16384;
/** SubIFDs of SubIFDs...: real files nest two or three deep. */
const MAX_NESTING = 8;
/** Tag numbers are 16-bit: an IFD cannot meaningfully hold more entries. */
const MAX_TAGS_PER_IFD = 65536;

/**
 * Walks the IFDs of a TIFF or BigTIFF (either byte order) through `read`, reading only the header, the
 * IFDs and their out-of-line values (never pixel data), and returns them as tifftools' JSON dump does.
 * Anything that cannot be a sound TIFF structure (not a TIFF, offsets past the end, IFD loops, absurd
 * counts, too many IFDs) is an UnreadableImageError, never a hang or a RangeError.
 */
export async function tiffDump(read: ReadBytes, fileSize: number, options: TiffDumpOptions = {}): Promise<TiffDump> {
  const walker = new IfdWalker(read, fileSize, { ...DEFAULTS, ...options });
  return walker.dump();
}

interface PendingValues {
  tag: TiffDumpTag;
  position: number;
  length: number;
  /** Values to decode (entries for numbers, bytes for text). */
  values: number;
}

class IfdWalker {
  private littleEndian = true;
  private bigtiff = false;
  private readonly visited = new Set<number>();

  constructor(
    private readonly read: ReadBytes,
    private readonly fileSize: number,
    private readonly limits: Required<TiffDumpOptions>,
  ) {}

  async dump(): Promise<TiffDump> {
    const firstifd = await this.readHeader();
    if (firstifd === 0) throw new UnreadableImageError('The TIFF has no image file directory (its first IFD offset is 0)');
    const ifds = await this.readChain(firstifd, TIFF_TAG_NAMES, 0);
    return { firstifd, size: this.fileSize, bigEndian: !this.littleEndian, bigtiff: this.bigtiff, ifds };
  }

  private async readHeader(): Promise<number> {
    const notTiff = () =>
      new UnreadableImageError('The file is not a TIFF: it does not start with a TIFF or BigTIFF header (II*, MM*, II+, MM+)');
    if (this.fileSize < 8) throw notTiff();
    const view = await this.bytes(0, Math.min(16, this.fileSize));
    const order = view.getUint16(0, false);
    if (order !== 0x4949 && order !== 0x4d4d) throw notTiff();
    this.littleEndian = order === 0x4949;
    const magic = view.getUint16(2, this.littleEndian);
    if (magic === 42) return view.getUint32(4, this.littleEndian);
    if (magic !== 43 || view.byteLength < 16) throw notTiff();
    this.bigtiff = true;
    if (view.getUint16(4, this.littleEndian) !== 8 || view.getUint16(6, this.littleEndian) !== 0) {
      throw new UnreadableImageError('The BigTIFF header declares an offset size other than 8 bytes');
    }
    return this.safeNumber(view.getBigUint64(8, this.littleEndian), 'first IFD offset');
  }

  /** An IFD and the ones chained after it; `stopAt` is the next SubIFD's offset, which tifftools does not follow into. */
  private async readChain(offset: number, names: Readonly<Record<number, string>>, depth: number, stopAt?: number): Promise<TiffDumpIfd[]> {
    if (depth > MAX_NESTING) throw new UnreadableImageError(`The TIFF nests SubIFDs more than ${MAX_NESTING} levels deep`);
    const chain: TiffDumpIfd[] = [];
    let next = offset;
    while (next !== 0 && next !== stopAt) {
      const { ifd, nextOffset } = await this.readIfd(next, names, depth);
      chain.push(ifd);
      next = nextOffset;
    }
    return chain;
  }

  private async readIfd(offset: number, names: Readonly<Record<number, string>>, depth: number) {
    if (this.visited.has(offset)) {
      throw new UnreadableImageError(`The TIFF's IFDs form a loop (the IFD at byte ${offset} is reached twice): the file is corrupt`);
    }
    this.visited.add(offset);
    if (this.visited.size > this.limits.maxIfds) {
      throw new UnreadableImageError(`The TIFF has more than ${this.limits.maxIfds} IFDs: it is corrupt or too unusual to describe`);
    }
    const countSize = this.bigtiff ? 8 : 2;
    const entrySize = this.bigtiff ? 20 : 12;
    const pointerSize = this.bigtiff ? 8 : 4;
    const headerSize = this.bigtiff ? 16 : 8;
    if (offset < headerSize || offset + countSize > this.fileSize) {
      throw new UnreadableImageError(`An IFD offset (${offset}) points outside the file (${this.fileSize} bytes): the file is corrupt or truncated`);
    }
    let view = await this.bytes(offset, Math.min(IFD_PROBE_BYTES, this.fileSize - offset));
    const tagcount = this.bigtiff
      ? this.safeNumber(view.getBigUint64(0, this.littleEndian), 'IFD entry count')
      : view.getUint16(0, this.littleEndian);
    const ifdLength = countSize + tagcount * entrySize + pointerSize;
    if (tagcount > MAX_TAGS_PER_IFD || offset + ifdLength > this.fileSize) {
      throw new UnreadableImageError(
        `The IFD at byte ${offset} declares ${tagcount} entries, which run past the end of the file: the file is corrupt or truncated`,
      );
    }
    if (ifdLength > view.byteLength) view = await this.bytes(offset, ifdLength);

    const tags: Record<string, TiffDumpTag> = {};
    const pending: PendingValues[] = [];
    for (let i = 0; i < tagcount; i++) {
      const entry = countSize + i * entrySize;
      const tagNumber = view.getUint16(entry, this.littleEndian);
      const datatype = view.getUint16(entry + 2, this.littleEndian);
      const type = TIFF_DATATYPES[datatype];
      if (!type) continue; // tifftools skips entries of unknown type too
      const count = this.bigtiff
        ? this.safeNumber(view.getBigUint64(entry + 4, this.littleEndian), 'value count')
        : view.getUint32(entry + 4, this.littleEndian);
      const valueField = entry + (this.bigtiff ? 12 : 8);
      const name = names[tagNumber];
      const keep = Math.min(count, datatype === DATATYPE_ASCII ? this.limits.maxTextBytes : this.limits.maxValues);
      const byteLength = count * type.size;
      const inline = byteLength <= pointerSize;
      const position = inline ? undefined : this.readOffset(view, valueField);
      if (position !== undefined && position + byteLength > this.fileSize) {
        throw new UnreadableImageError(
          `Tag ${name ?? tagNumber} of the IFD at byte ${offset} has ${count} values at byte ${position}, ` +
            `beyond the end of the file (${this.fileSize} bytes): the file is corrupt or truncated`,
        );
      }
      const tag: TiffDumpTag = {
        ...(name ? { name } : {}),
        datatype,
        count,
        datapos: offset + valueField,
        ...(position !== undefined ? { offset: position } : {}),
        data: inline ? this.decode(view, valueField, datatype, keep) : [],
        ...(keep < count ? { truncated: true as const } : {}),
      };
      if (position !== undefined) pending.push({ tag, position, length: keep * type.size, values: keep });
      tags[tagNumber] = tag;
    }
    const nextOffset = this.readOffset(view, ifdLength - pointerSize);

    await this.readValues(pending);
    const ifd: TiffDumpIfd = { offset, tagcount, tags };
    for (const [key, tag] of Object.entries(tags)) {
      const tagNumber = Number(key);
      if (IFD_POINTER_TAGS.has(tagNumber) || tag.datatype === DATATYPE_IFD || tag.datatype === DATATYPE_IFD8) {
        tag.ifds = await this.readSubIfds(tag, tagNumber === TAG.SubIFD ? names : {}, depth);
      }
    }
    return { ifd, nextOffset };
  }

  private async readSubIfds(tag: TiffDumpTag, names: Readonly<Record<number, string>>, depth: number): Promise<TiffDumpIfd[][]> {
    const offsets = typeof tag.data === 'string' ? [] : tag.data;
    const chains: TiffDumpIfd[][] = [];
    for (let i = 0; i < offsets.length; i++) {
      chains.push(await this.readChain(offsets[i], names, depth + 1, offsets[i + 1]));
    }
    return chains;
  }

  /** Fetches out-of-line values, one read per run of nearby ranges, all runs at once. */
  private async readValues(pending: PendingValues[]): Promise<void> {
    const sorted = pending.filter((item) => item.length > 0).sort((a, b) => a.position - b.position);
    const runs: Array<{ start: number; end: number; items: PendingValues[] }> = [];
    for (const item of sorted) {
      const run = runs[runs.length - 1];
      if (run && item.position <= run.end + MERGE_GAP_BYTES) {
        run.items.push(item);
        run.end = Math.max(run.end, item.position + item.length);
      } else {
        runs.push({ start: item.position, end: item.position + item.length, items: [item] });
      }
    }
    await Promise.all(
      runs.map(async ({ start, end, items }) => {
        const view = await this.bytes(start, end - start);
        for (const item of items) item.tag.data = this.decode(view, item.position - start, item.tag.datatype, item.values);
      }),
    );
  }

  private decode(view: DataView, at: number, datatype: number, values: number): number[] | string {
    if (datatype === DATATYPE_ASCII) return decodeText(new Uint8Array(view.buffer, view.byteOffset + at, values));
    return decodeNumbers(view, at, datatype, values, this.littleEndian);
  }

  private async bytes(offset: number, length: number): Promise<DataView> {
    const buffer = await this.read(offset, length);
    if (buffer.byteLength < length) {
      throw new UnreadableImageError(`Only ${buffer.byteLength} of ${length} bytes could be read at byte ${offset}: the file is shorter than its size says`);
    }
    return new DataView(buffer, 0, length);
  }

  /** A 4-byte (TIFF) or 8-byte (BigTIFF) offset field. */
  private readOffset(view: DataView, at: number): number {
    return this.bigtiff ? this.safeNumber(view.getBigUint64(at, this.littleEndian), 'offset') : view.getUint32(at, this.littleEndian);
  }

  private safeNumber(value: bigint, what: string): number {
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new UnreadableImageError(`The BigTIFF's ${what} (${value}) is absurd: the file is corrupt`);
    return Number(value);
  }
}
