import { LRUCache } from 'lru-cache';

/**
 * Fixed-size, aligned blocks of stored files, shared by every open image of the process and bounded by bytes.
 * Headers, offset arrays and tile bytes all go through it, so a second tile of an open file usually costs one GET.
 */
export class BlockCache {
  private readonly blocks: LRUCache<string, Buffer>;

  constructor(
    readonly blockSize: number,
    maxBytes: number,
  ) {
    this.blocks = new LRUCache<string, Buffer>({ maxSize: maxBytes, sizeCalculation: (block) => block.length || 1 });
  }

  /** Bytes held. */
  get bytes(): number {
    return this.blocks.calculatedSize;
  }

  get(fileKey: string, index: number): Buffer | undefined {
    return this.blocks.get(`${fileKey}#${index}`);
  }

  set(fileKey: string, index: number, block: Buffer): void {
    this.blocks.set(`${fileKey}#${index}`, block);
  }
}
