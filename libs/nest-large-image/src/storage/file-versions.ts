import type { ByteStorage, StoredObjectInfo } from './byte-storage.interface';
import type { StorageRegistry } from './storage-registry';

/** A stored file at one version: what caches and ETags are keyed by. */
export interface StoredFile {
  storage: ByteStorage;
  key: string;
  size: number;
  /** `storage:key`: the file, whatever its version. */
  identity: string;
  version: string;
  /** `storage:key@version`: this version of the file. */
  fileKey: string;
  /**
   * GDAL's external overviews beside the file (`<key>.ovr`) for files read with them (see
   * FileVersions.externalOverviewsOf): null when absent, undefined when not looked for. Their version is
   * part of `version`.
   */
  externalOverviews?: StoredObjectInfo | null;
}

/**
 * Resolves references to stored files with their current version. By default the storage is asked on every
 * request (a stat, or an S3 HEAD), so a replaced file is seen at once; a positive interval trades that for
 * fewer storage calls. Requests that arrive while the storage is being asked about the same file share that
 * answer: a viewer asks for a dozen tiles of one image at once, and each HEAD costs an S3 round trip and
 * about a millisecond of the SDK's CPU. Once given, an answer is kept only as long as the interval allows,
 * so a request that starts after the storage has answered about a replaced file sees the new one.
 */
export class FileVersions {
  private readonly recent = new Map<string, { file: StoredFile; checkedAt: number }>();
  private readonly asking = new Map<string, Promise<StoredFile>>();
  /** Files whose version includes that of their `<key>.ovr`. */
  private readonly withExternalOverviews = new Set<string>();

  constructor(
    private readonly storages: StorageRegistry,
    private readonly checkIntervalMs: number,
  ) {}

  async resolve(reference: string): Promise<StoredFile> {
    const { storage, key } = this.storages.resolve(reference);
    const identity = `${storage.name}:${key}`;
    const recent = this.recent.get(identity);
    if (recent && Date.now() - recent.checkedAt < this.checkIntervalMs) return recent.file;
    const pending = this.asking.get(identity);
    if (pending) return pending;
    const asking: Promise<StoredFile> = this.ask(storage, key, identity).finally(() => {
      // forget() may have replaced it with a newer question meanwhile.
      if (this.asking.get(identity) === asking) this.asking.delete(identity);
    });
    this.asking.set(identity, asking);
    return asking;
  }

  /**
   * The `<key>.ovr` beside a file that has no internal overviews, or null, and from now on part of the
   * file's version: an .ovr added, replaced or removed later changes the file's version, so its cached
   * answers, ETags and opened source. An .ovr the storage cannot tell about counts as absent for this
   * version; the next check asks again.
   */
  async externalOverviewsOf(file: StoredFile): Promise<StoredObjectInfo | null> {
    if (file.externalOverviews !== undefined) return file.externalOverviews;
    if (this.withExternalOverviews.size >= 10_000) this.withExternalOverviews.clear();
    this.withExternalOverviews.add(file.identity);
    this.forget(file.identity);
    return statExternalOverviews(file.storage, file.key);
  }

  private async ask(storage: ByteStorage, key: string, identity: string): Promise<StoredFile> {
    // Asked alongside the file, when it is asked at all (it never rejects).
    const overviews = this.withExternalOverviews.has(identity) ? statExternalOverviews(storage, key) : undefined;
    const info = await storage.stat(key);
    const externalOverviews = await overviews;
    const version = externalOverviews === undefined ? info.version : `${info.version}+ovr:${externalOverviews?.version ?? 'none'}`;
    const file = { storage, key, size: info.size, identity, version, fileKey: `${identity}@${version}`, externalOverviews };
    if (this.checkIntervalMs > 0) {
      if (this.recent.size >= 10_000) this.recent.clear();
      this.recent.set(identity, { file, checkedAt: Date.now() });
    }
    return file;
  }

  identityOf(reference: string): string {
    const { storage, key } = this.storages.resolve(reference);
    return `${storage.name}:${key}`;
  }

  forget(identity: string): void {
    this.recent.delete(identity);
    this.asking.delete(identity);
  }
}

/** The `<key>.ovr` beside a file, or null when the storage has none or cannot tell (see externalOverviewsOf). */
function statExternalOverviews(storage: ByteStorage, key: string): Promise<StoredObjectInfo | null> {
  return storage.stat(`${key}.ovr`).catch(() => null);
}
