import { LRUCache } from 'lru-cache';
import type { GeoTIFFImage } from 'geotiff';
import type { BlockSource } from '../storage/block-source';
import type { DecodedBlock, TypedArray } from './read-block';

/** A decoded block lent to a reader: its buffer is not reused for another block until `release()`. */
export interface BlockLease {
  block: Promise<DecodedBlock>;
  /** Ends the loan (once; later calls do nothing). The block's data must not be read after it. */
  release(): void;
}

interface Entry {
  block: Promise<DecodedBlock>;
  /** The block once decoded into the cache's own buffer; undefined while decoding, after a failure or once recycled. */
  ready?: DecodedBlock;
  /** Leases not yet released. */
  leases: number;
  /** Dropped from the cache; its buffer is recycled once no lease holds it. */
  evicted: boolean;
}

/** Bytes of evicted blocks' buffers kept for the next blocks, at most: the cache's bound plus this is the memory held. */
const MAX_SPARE_BYTES = 8 * 1024 * 1024;

/**
 * Decoded internal blocks, bounded by bytes and shared by the process. A web-mercator tile usually straddles
 * four internal tiles and each internal tile feeds several output tiles, so without it neighbouring tiles
 * would decode the same blocks again and again. Entries are promises: concurrent reads share one decode,
 * and a failed decode is dropped.
 *
 * Blocks live in buffers the cache owns and reuses: a decoded block is copied into the buffer of an evicted
 * block of the same size, and the decoder's own buffer dies young. Without that every cached block was a
 * new external buffer that lived long enough to reach V8's old generation, and each 64 MB of them set off
 * a full collection, which marks the whole heap: 15 full collections in 1500 DEFLATE tiles against 2 with
 * reuse, and a third of the event loop's collection time. Reuse is why blocks are leased: a buffer is
 * recycled only once every reader holding it has released it.
 */
export class DecodedBlockCache {
  private readonly entries: LRUCache<string, Entry>;
  /** Buffers of evicted blocks, by byte length. */
  private readonly spare = new Map<number, ArrayBuffer[]>();
  private spareBytes = 0;
  /** Set while an entry is deleted to be stored again with its decoded size: that is not an eviction. */
  private resizing = false;
  /** Which cache and key prefix each registered IFD uses. */
  private static readonly owners = new WeakMap<GeoTIFFImage, { cache: DecodedBlockCache; id: string }>();

  constructor(maxBytes: number) {
    this.entries = new LRUCache({ maxSize: Math.max(maxBytes, 1), sizeCalculation: () => 1, dispose: (entry) => this.resizing || this.evicted(entry) });
  }

  /** Bytes held (blocks still being decoded count as one). */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  /** The cache an IFD was registered with, if any. */
  static of(image: GeoTIFFImage): { cache: DecodedBlockCache; id: string } | undefined {
    return DecodedBlockCache.owners.get(image);
  }

  /** Names the IFDs of one opened file so their blocks have stable keys in this cache. */
  register(images: GeoTIFFImage[]): void {
    images.forEach((image, index) => {
      const source = (image as unknown as { source: BlockSource }).source;
      DecodedBlockCache.owners.set(image, { cache: this, id: `${source.fileKey}|${index}` });
    });
  }

  /** The block at (tx, ty) of IFD `id`, decoded by `decode` unless cached or being decoded. */
  lease(id: string, tx: number, ty: number, decode: () => Promise<DecodedBlock>): BlockLease {
    const key = `${id}|${tx}|${ty}`;
    const entry = this.entries.get(key) ?? this.add(key, decode);
    entry.leases++;
    let released = false;
    return {
      block: entry.block,
      release: () => {
        if (released) return;
        released = true;
        if (--entry.leases === 0 && entry.evicted) this.recycle(entry);
      },
    };
  }

  private add(key: string, decode: () => Promise<DecodedBlock>): Entry {
    const entry = { leases: 0, evicted: false } as Entry;
    entry.block = decode().then((decoded) => (entry.ready = this.intoOwnBuffer(decoded)));
    // Until it is decoded the entry counts as one byte; then it is stored again with its real size
    // (lru-cache keeps the old size when the same value is set again, hence the delete).
    this.entries.set(key, entry, { size: 1 });
    entry.block.then(
      (block) => {
        if (this.entries.peek(key) !== entry) return;
        this.resizing = true;
        this.entries.delete(key);
        this.resizing = false;
        this.entries.set(key, entry, { size: Math.max(block.data.byteLength, 1) });
      },
      () => this.entries.peek(key) === entry && this.entries.delete(key),
    );
    return entry;
  }

  /** A copy of the block in a spare buffer of its size, or in a new one the cache then owns. */
  private intoOwnBuffer(decoded: DecodedBlock): DecodedBlock {
    const { data } = decoded;
    const bytes = data.byteLength;
    const spare = this.spare.get(bytes)?.shift();
    if (spare) this.spareBytes -= bytes;
    const buffer = spare ?? new ArrayBuffer(bytes);
    new Uint8Array(buffer).set(new Uint8Array(data.buffer, data.byteOffset, bytes));
    const View = data.constructor as new (buffer: ArrayBuffer) => TypedArray;
    return { ...decoded, data: new View(buffer) };
  }

  private evicted(entry: Entry): void {
    entry.evicted = true;
    if (entry.leases === 0) this.recycle(entry);
  }

  private recycle(entry: Entry): void {
    const block = entry.ready;
    entry.ready = undefined;
    if (!block) return;
    const buffer = block.data.buffer as ArrayBuffer;
    if (this.spareBytes + buffer.byteLength > MAX_SPARE_BYTES) return;
    const buffers = this.spare.get(buffer.byteLength) ?? [];
    buffers.push(buffer);
    this.spare.set(buffer.byteLength, buffers);
    this.spareBytes += buffer.byteLength;
  }
}
