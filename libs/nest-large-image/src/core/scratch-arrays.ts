/**
 * Reusable typed arrays for the per-tile working buffers (sampling coordinates, block plans): a tile
 * allocates about 2 MB of them, which at a hundred tiles a second kept the garbage collector busy.
 * An array is borrowed for one tile and given back once the tile no longer reads it.
 */
const MAX_FREE_PER_SIZE = 16;

type ArrayConstructor<T> = { new (length: number): T; name: string };

const free = new Map<string, unknown[]>();

export function borrowArray<T extends { length: number }>(type: ArrayConstructor<T>, length: number): T {
  return (free.get(`${type.name}:${length}`)?.pop() as T | undefined) ?? new type(length);
}

export function returnArray<T extends { length: number; constructor: { name: string } }>(array: T): void {
  const key = `${array.constructor.name}:${array.length}`;
  let list = free.get(key);
  if (!list) free.set(key, (list = []));
  if (list.length < MAX_FREE_PER_SIZE) list.push(array);
}
