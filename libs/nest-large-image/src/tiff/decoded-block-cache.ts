import { LRUCache } from 'lru-cache';
import type { GeoTIFFImage } from 'geotiff';
import type { BlockSource } from '../storage/block-source';
import type { DecodedBlock } from './read-block';

/**
 * Decoded internal blocks, bounded by bytes and shared by the process. A web-mercator tile usually straddles
 * four internal tiles and each internal tile feeds several output tiles, so without it neighbouring tiles
 * would decode the same blocks again and again. Entries are promises: concurrent reads share one decode,
 * and a failed decode is dropped.
 */
export class DecodedBlockCache {
  private readonly blocks: LRUCache<string, Promise<DecodedBlock>>;
  /** Which cache and key prefix each registered IFD uses. */
  private static readonly owners = new WeakMap<GeoTIFFImage, { cache: DecodedBlockCache; id: string }>();

  constructor(maxBytes: number) {
    this.blocks = new LRUCache({ maxSize: Math.max(maxBytes, 1), sizeCalculation: () => 1 });
  }

  /** Bytes held (blocks still being decoded count as one). */
  get bytes(): number {
    return this.blocks.calculatedSize;
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

  get(id: string, tx: number, ty: number, decode: () => Promise<DecodedBlock>): Promise<DecodedBlock> {
    const key = `${id}|${tx}|${ty}`;
    let entry = this.blocks.get(key);
    if (!entry) {
      entry = decode();
      // Until it resolves the entry counts as one byte; then it is stored again with its real size
      // (lru-cache keeps the old size when the same value is set again, hence the delete).
      const decoding = entry;
      this.blocks.set(key, decoding, { size: 1 });
      decoding.then(
        (block) => {
          if (this.blocks.peek(key) !== decoding) return;
          this.blocks.delete(key);
          this.blocks.set(key, decoding, { size: Math.max(block.data.byteLength, 1) });
        },
        () => this.blocks.peek(key) === decoding && this.blocks.delete(key),
      );
    }
    return entry;
  }
}
