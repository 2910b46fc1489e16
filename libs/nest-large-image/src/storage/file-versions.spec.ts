import type { ByteStorage, StoredObjectInfo } from './byte-storage.interface';
import { FileVersions } from './file-versions';
import type { StorageRegistry } from './storage-registry';

/** A storage whose stat answers wait until `answer` is called, counting the calls. */
function pendingStorage() {
  const waiting: Array<(info: StoredObjectInfo) => void> = [];
  const storage = {
    name: 'local',
    stats: 0,
    stat: () => {
      storage.stats++;
      return new Promise<StoredObjectInfo>((resolve) => waiting.push(resolve));
    },
    answer: (version: string, count = waiting.length) => waiting.splice(0, count).forEach((resolve) => resolve({ size: 1, version })),
  };
  const registry = { resolve: (reference: string) => ({ storage: storage as unknown as ByteStorage, key: reference }) } as unknown as StorageRegistry;
  return { storage, registry };
}

describe('FileVersions', () => {
  it('asks the storage once for requests that arrive while it is being asked, and again after', async () => {
    const { storage, registry } = pendingStorage();
    const versions = new FileVersions(registry, 0);
    const concurrent = Array.from({ length: 5 }, () => versions.resolve('a.tif'));
    versions.resolve('b.tif');
    expect(storage.stats).toBe(2);
    storage.answer('v1');
    expect((await Promise.all(concurrent)).map((file) => file.version)).toEqual(['v1', 'v1', 'v1', 'v1', 'v1']);
    // The answer is not kept: the next request asks again and sees a replaced file.
    const next = versions.resolve('a.tif');
    expect(storage.stats).toBe(3);
    storage.answer('v2');
    expect((await next).fileKey).toBe('local:a.tif@v2');
  });

  it('does not share a failed answer with later requests', async () => {
    let fail = true;
    const storage = { name: 'local', stat: jest.fn(async () => (fail ? Promise.reject(new Error('gone')) : { size: 1, version: 'v1' })) };
    const registry = { resolve: (reference: string) => ({ storage, key: reference }) } as unknown as StorageRegistry;
    const versions = new FileVersions(registry, 0);
    await expect(versions.resolve('a.tif')).rejects.toThrow('gone');
    fail = false;
    expect((await versions.resolve('a.tif')).version).toBe('v1');
    expect(storage.stat).toHaveBeenCalledTimes(2);
  });

  it('asks afresh after forget, even while an answer is pending', async () => {
    const { storage, registry } = pendingStorage();
    const versions = new FileVersions(registry, 0);
    const before = versions.resolve('a.tif');
    versions.forget('local:a.tif');
    const after = versions.resolve('a.tif');
    expect(storage.stats).toBe(2);
    storage.answer('v1', 1);
    await before;
    // The older answer, once given, must not end the newer question that requests still wait for.
    const joining = versions.resolve('a.tif');
    expect(storage.stats).toBe(2);
    storage.answer('v2');
    expect([(await after).version, (await joining).version]).toEqual(['v2', 'v2']);
  });
});
