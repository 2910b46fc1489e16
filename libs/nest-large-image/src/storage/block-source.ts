import { ownArrayBuffer } from '../tiff/own-array-buffer';
import { BlockCache } from './block-cache';
import { ByteStorage } from './byte-storage.interface';

/** A byte range as geotiff.js asks for it. */
export interface Slice {
  offset: number;
  length: number;
}

/**
 * The byte source geotiff.js reads a file through (it implements geotiff.js's BaseSource contract).
 * Reads are rounded to cache blocks; runs of adjacent missing blocks are fetched with one ranged read,
 * and a block already being fetched is awaited rather than fetched again.
 */
export class BlockSource {
  private readonly inFlight = new Map<number, Promise<Buffer>>();

  constructor(
    private readonly storage: ByteStorage,
    private readonly key: string,
    /** Cache identity of this file version: storage name + key + version. */
    readonly fileKey: string,
    readonly fileSize: number,
    private readonly cache: BlockCache,
  ) {}

  async fetch(slices: Slice[]): Promise<ArrayBuffer[]> {
    return Promise.all(slices.map((slice) => this.read(slice.offset, slice.length)));
  }

  async close(): Promise<void> {}

  /** See ByteStorage.cheapReads. */
  get cheapReads(): boolean {
    return this.storage.cheapReads === true;
  }

  /**
   * Reads `[offset, offset + length)` (clipped to the end of the file) straight from the storage, past the
   * block cache: for pixel data of storages with cheap reads, where the cache's whole 64 KB blocks would
   * allocate several times the bytes asked for and hold what the system's page cache holds already.
   */
  async readDirect(offset: number, length: number): Promise<ArrayBuffer> {
    const end = Math.min(offset + length, this.fileSize);
    if (end <= offset) return new ArrayBuffer(0);
    return ownArrayBuffer(await this.storage.read(this.key, offset, end - offset));
  }

  /** Reads `[offset, offset + length)`, clipped to the end of the file. */
  async read(offset: number, length: number): Promise<ArrayBuffer> {
    const end = Math.min(offset + length, this.fileSize);
    if (end <= offset) return new ArrayBuffer(0);
    const { blockSize } = this.cache;
    const first = Math.floor(offset / blockSize);
    const last = Math.floor((end - 1) / blockSize);
    const blocks = await Promise.all(this.blocksFor(Math.max(first, 0), last));
    const out = new Uint8Array(end - offset);
    let written = 0;
    for (let i = 0; i < blocks.length; i++) {
      const blockStart = (first + i) * blockSize;
      const from = Math.max(offset - blockStart, 0);
      const to = Math.min(end - blockStart, blocks[i].length);
      out.set(blocks[i].subarray(from, to), written);
      written += to - from;
    }
    return out.buffer;
  }

  /**
   * Makes sure `[offset, offset + length)` is cached, fetching what is missing in one ranged read: used to
   * read ahead when the exact length of what comes next is not known yet.
   */
  async prefetch(offset: number, length: number): Promise<void> {
    const end = Math.min(offset + length, this.fileSize);
    if (end <= offset) return;
    const { blockSize } = this.cache;
    await Promise.all(this.blocksFor(Math.max(Math.floor(offset / blockSize), 0), Math.floor((end - 1) / blockSize)));
  }

  private blocksFor(first: number, last: number): Promise<Buffer>[] {
    const result: Promise<Buffer>[] = [];
    let runStart = -1;
    const flushRun = (runEnd: number) => {
      if (runStart < 0) return;
      this.fetchRun(runStart, runEnd);
      runStart = -1;
    };
    for (let index = first; index <= last; index++) {
      const cached = this.cache.get(this.fileKey, index);
      if (cached || this.inFlight.has(index)) {
        flushRun(index - 1);
      } else if (runStart < 0) {
        runStart = index;
      }
    }
    flushRun(last);
    for (let index = first; index <= last; index++) {
      const cached = this.cache.get(this.fileKey, index);
      result.push(cached ? Promise.resolve(cached) : this.inFlight.get(index)!);
    }
    return result;
  }

  /** One ranged read for blocks `first..last`, split into cache blocks when it arrives. */
  private fetchRun(first: number, last: number): void {
    const { blockSize } = this.cache;
    const start = first * blockSize;
    const length = Math.min((last + 1) * blockSize, this.fileSize) - start;
    const run = this.storage.read(this.key, start, length);
    for (let index = first; index <= last; index++) {
      const block = run.then((bytes) => {
        const part = bytes.subarray((index - first) * blockSize, (index - first + 1) * blockSize);
        this.cache.set(this.fileKey, index, part);
        return part;
      });
      block.then(
        () => this.inFlight.delete(index),
        () => this.inFlight.delete(index),
      );
      this.inFlight.set(index, block);
    }
  }
}
