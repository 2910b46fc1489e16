import { LRUCache } from 'lru-cache';
import type { GeoTIFFImage } from 'geotiff';
import type { BlockSource } from '../storage/block-source';
import type { AllocateBlock, DecodedBlock, TypedArray } from './read-block';
import { SpareBuffers } from './spare-buffers';

/** A decoded block lent to a reader, who calls `release` once done with its samples. */
export interface BlockLease {
  block: Promise<DecodedBlock>;
  release(): void;
}

/** One cached block and who is reading it. */
interface Entry {
  block: Promise<DecodedBlock>;
  /** The block once decoded, until its buffer goes back to the spares. */
  decoded?: DecodedBlock;
  leases: number;
  evicted: boolean;
}

/** At most this share of the cache's bytes waits in spare buffers (they count in its budget). */
const SPARE_SHARE = 1 / 8;

/**
 * Decoded internal blocks, bounded by bytes and shared by the process. A web-mercator tile usually straddles
 * four internal tiles and each internal tile feeds several output tiles, so without it neighbouring tiles
 * would decode the same blocks again and again. Entries are promises: concurrent reads share one decode,
 * and a failed decode is dropped.
 *
 * An evicted block's buffer is reused for the next block decoded rather than left to the collector: decoders
 * that can write into a given buffer (JPEG's) decode into it, and the others' blocks are copied into it, so
 * their own buffer dies young. V8 frees the buffers of old objects only in full collections, which it
 * starts after every 64 MB of new external memory; with every evicted block left to it, a warm DEFLATE tile
 * cost a full collection every hundred tiles, whose marking took more CPU than the copies do. Blocks are
 * reused only once no lease holds them.
 */
export class DecodedBlockCache {
  private readonly blocks: LRUCache<string, Entry>;
  private readonly spares: SpareBuffers;
  /** Buffers handed to decoders by `allocate`: a block decoded into one is kept as it is, not copied. */
  private readonly lent = new WeakSet<ArrayBufferLike>();
  /** The entry being re-sized on resolution: its removal from the LRU is not an eviction. */
  private resizing?: Entry;
  /** Which cache and key prefix each registered IFD uses. */
  private static readonly owners = new WeakMap<GeoTIFFImage, { cache: DecodedBlockCache; id: string }>();

  constructor(maxBytes: number) {
    const spareBytes = Math.floor(maxBytes * SPARE_SHARE);
    this.spares = new SpareBuffers(spareBytes);
    this.blocks = new LRUCache({
      maxSize: Math.max(maxBytes - spareBytes, 1),
      sizeCalculation: () => 1,
      dispose: (entry) => entry !== this.resizing && this.evicted(entry),
    });
  }

  /** Bytes held, spare buffers included (blocks still being decoded count as one). */
  get bytes(): number {
    return this.blocks.calculatedSize + this.spares.bytes;
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

  /**
   * The block, decoded by `decode` unless cached; it stays valid until the lease is released. `decode` may
   * write the samples into a buffer from the allocator it is given, a spare one when there is one.
   */
  lease(id: string, tx: number, ty: number, decode: (allocate: AllocateBlock) => Promise<DecodedBlock>): BlockLease {
    const key = `${id}|${tx}|${ty}`;
    const entry = this.blocks.get(key) ?? this.add(key, decode);
    entry.leases++;
    let released = false;
    return {
      block: entry.block,
      release: () => {
        if (released) return;
        released = true;
        entry.leases--;
        this.reuseIfFree(entry);
      },
    };
  }

  private add(key: string, decode: (allocate: AllocateBlock) => Promise<DecodedBlock>): Entry {
    // Decoding starts once the entry is stored (a microtask later), so that a block its storing evicts can
    // lend its buffer to `allocate`.
    const block = Promise.resolve().then(() => decode(this.allocate));
    const entry: Entry = { block: block.then((decoded) => this.intoSpare(decoded)), leases: 0, evicted: false };
    // Until it resolves the entry counts as one byte; then it is stored again with its real size
    // (lru-cache keeps the old size when the same value is set again, hence the delete).
    this.blocks.set(key, entry, { size: 1 });
    entry.block.then(
      (block) => {
        entry.decoded = block;
        if (this.blocks.peek(key) === entry) {
          this.resizing = entry;
          this.blocks.delete(key);
          this.resizing = undefined;
          this.blocks.set(key, entry, { size: Math.max(block.data.byteLength, 1) });
        }
        this.reuseIfFree(entry);
      },
      () => this.blocks.peek(key) === entry && this.blocks.delete(key),
    );
    return entry;
  }

  /**
   * The block to keep: in a spare buffer when one of its size is free (the decoder's buffer is then let go)
   * unless the decoder wrote it into one it got from `allocate`, and always as an object made here. V8
   * pretenures the objects of an allocation site whose objects mostly survive: had the cache kept the
   * decoder's own objects, their site would be pretenured, so that every block decoded after, kept or
   * not, would hold its buffer until a full collection.
   */
  private intoSpare(block: DecodedBlock): DecodedBlock {
    let { data } = block;
    const spare = this.lent.has(data.buffer) ? undefined : this.spares.take(data.byteLength);
    if (spare) {
      data = new (data.constructor as new (buffer: ArrayBuffer, offset: number, length: number) => TypedArray)(spare, 0, data.length);
      data.set(block.data);
    }
    return { data, width: block.width, height: block.height, samples: block.samples };
  }

  /** A spare buffer for a block of `byteLength` bytes, or a new one. */
  private readonly allocate = (byteLength: number): ArrayBuffer => {
    const buffer = this.spares.take(byteLength) ?? new ArrayBuffer(byteLength);
    this.lent.add(buffer);
    return buffer;
  };

  private evicted(entry: Entry): void {
    entry.evicted = true;
    this.reuseIfFree(entry);
  }

  private reuseIfFree(entry: Entry): void {
    const { decoded } = entry;
    if (!entry.evicted || entry.leases > 0 || !decoded) return;
    entry.decoded = undefined;
    this.spares.put(decoded.data);
  }
}
