/**
 * Reusable typed arrays for the per-tile working buffers (block plans, rendered RGBA): a tile
 * allocates about 0.75 MB of them, which at a hundred tiles a second kept the garbage collector busy.
 * An array is borrowed for one tile and given back once the tile no longer reads it.
 */
const MAX_FREE_PER_SIZE = 16;
/**
 * Bytes the free arrays may hold in all. Regions come in any size, and each size would otherwise keep its
 * arrays for the life of the process; over this the free lists are dropped and refill with what is in use.
 */
const MAX_FREE_BYTES = 32 << 20;

type ArrayConstructor<T> = { new (length: number): T; new (buffer: SharedArrayBuffer): T; name: string; BYTES_PER_ELEMENT: number };
type PooledArray = { length: number; byteLength: number; buffer: ArrayBufferLike; constructor: { name: string } };

const free = new Map<string, PooledArray[]>();
let freeBytes = 0;

const keyOf = (type: string, length: number, shared: boolean) => `${type}:${length}${shared ? ':shared' : ''}`;

/**
 * An array of `length` elements, reused when one was returned. `shared` ones live in a SharedArrayBuffer,
 * so worker threads can fill them without a transfer (a transfer makes the buffer count as new external
 * memory on arrival, which sets off V8's full collections as an allocation would).
 */
export function borrowArray<T extends PooledArray>(type: ArrayConstructor<T>, length: number, shared = false): T {
  const array = free.get(keyOf(type.name, length, shared))?.pop() as T | undefined;
  if (!array) return shared ? new type(new SharedArrayBuffer(length * type.BYTES_PER_ELEMENT)) : new type(length);
  freeBytes -= array.byteLength;
  return array;
}

export function returnArray(array: PooledArray): void {
  const key = keyOf(array.constructor.name, array.length, array.buffer instanceof SharedArrayBuffer);
  let list = free.get(key);
  if ((list && list.length >= MAX_FREE_PER_SIZE) || array.byteLength > MAX_FREE_BYTES) return;
  if (freeBytes + array.byteLength > MAX_FREE_BYTES) {
    free.clear();
    freeBytes = 0;
    list = undefined;
  }
  if (!list) free.set(key, (list = []));
  list.push(array);
  freeBytes += array.byteLength;
}
