import { UnreadableImageError } from '../errors/large-image.errors';
import type { LargeImageModuleOptions } from '../large-image-options.interface';
import type { ByteStorage } from './byte-storage.interface';
import { LocalFileStorage } from './local-file.storage';
import { S3Storage } from './s3.storage';

/** The configured storages, and how a file reference (`s3://bucket/key`, `local://path`, `path`) maps to one. */
export class StorageRegistry {
  private readonly byName = new Map<string, ByteStorage>();
  readonly default: ByteStorage;

  constructor(options: Pick<LargeImageModuleOptions, 'storages' | 'defaultStorage'>) {
    const { local, s3 } = options.storages;
    if (local) this.byName.set('local', new LocalFileStorage(local));
    if (s3) this.byName.set('s3', new S3Storage(s3));
    const defaultName = options.defaultStorage ?? (local ? 'local' : 's3');
    const storage = this.byName.get(defaultName);
    if (!storage) {
      throw new Error(`LargeImageModule: the default storage '${defaultName}' is not configured; add storages.${defaultName}`);
    }
    this.default = storage;
  }

  async close(): Promise<void> {
    await Promise.all([...this.byName.values()].map((storage) => storage.close()));
  }

  resolve(reference: string): { storage: ByteStorage; key: string } {
    const match = /^([a-z][a-z0-9+.-]*):\/\/(.+)$/i.exec(reference);
    if (!match) return { storage: this.default, key: this.default.keyFor(reference) };
    const storage = this.byName.get(match[1].toLowerCase());
    if (!storage) {
      const known = [...this.byName.keys()].join(', ');
      throw new UnreadableImageError(`The file reference '${reference}' names storage '${match[1]}', which is not configured (configured: ${known})`);
    }
    return { storage, key: match[2] };
  }
}
