import { SLACK_BYTES } from './zlib-deflate.decoder';

/**
 * Buffers of evicted decoded blocks, by the size of block they hold, waiting for the next block of that size;
 * bounded by bytes. When full, sizes put longest ago make room first: they belong to files no longer read.
 */
export class SpareBuffers {
  private readonly bySize = new Map<number, ArrayBuffer[]>();
  private held = 0;

  constructor(private readonly maxBytes: number) {}

  /** Bytes held. */
  get bytes(): number {
    return this.held;
  }

  /** A buffer of at least `byteLength` bytes that held a block of that size, if one is spare. */
  take(byteLength: number): ArrayBuffer | undefined {
    const buffers = this.bySize.get(byteLength);
    const buffer = buffers?.pop();
    if (!buffer) return undefined;
    if (buffers!.length === 0) this.bySize.delete(byteLength);
    this.held -= buffer.byteLength;
    return buffer;
  }

  /**
   * Keeps the buffer under `data` for reuse, when `data` is all of it but for the slack zlib's blocks have.
   * Views into larger or shared buffers are refused: Node's pool, for one, hands out parts of one buffer.
   */
  put(data: ArrayBufferView): void {
    const { buffer, byteOffset, byteLength } = data;
    if (!(buffer instanceof ArrayBuffer) || byteOffset !== 0 || buffer.byteLength - byteLength > SLACK_BYTES) return;
    if (!this.makeRoom(buffer.byteLength, byteLength)) return;
    const buffers = this.bySize.get(byteLength);
    if (buffers) buffers.push(buffer);
    else this.bySize.set(byteLength, [buffer]);
    this.held += buffer.byteLength;
  }

  /** Drops the spares of other sizes, oldest size first, until `bytes` more fit; false if they cannot. */
  private makeRoom(bytes: number, keep: number): boolean {
    if (bytes > this.maxBytes) return false;
    for (const [size, buffers] of this.bySize) {
      if (this.held + bytes <= this.maxBytes) break;
      if (size === keep) continue;
      this.bySize.delete(size);
      this.held -= buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0);
    }
    return this.held + bytes <= this.maxBytes;
  }
}
