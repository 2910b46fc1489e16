import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BadParameterError, NotFoundError, StorageUnavailableError } from '../errors/large-image.errors';
import type { LocalStorageOptions } from '../large-image-options.interface';
import type { ByteStorage, StoredObjectInfo } from './byte-storage.interface';
import { OpenFiles } from './open-files';

/** Files under one root directory; a key can never reach outside it. */
export class LocalFileStorage implements ByteStorage {
  readonly name = 'local';
  readonly cheapReads = true;
  private readonly root: string;
  private readonly openFiles = new OpenFiles();
  /** The version each file had at its last stat: reads use a handle opened at that version. */
  private readonly versions = new Map<string, string>();

  constructor(options: LocalStorageOptions) {
    this.root = path.resolve(options.root);
  }

  keyFor(relative: string): string {
    return relative;
  }

  async stat(key: string): Promise<StoredObjectInfo> {
    const file = this.pathOf(key);
    const stats = await fs.stat(file).catch((error: NodeJS.ErrnoException) => {
      throw storageError(error, key);
    });
    if (!stats.isFile()) throw new NotFoundError(`File '${key}' not found in local storage`);
    const version = `${stats.size}-${stats.mtimeMs}`;
    if (this.versions.size > 10_000) this.versions.clear();
    this.versions.set(file, version);
    return { size: stats.size, version };
  }

  async read(key: string, offset: number, length: number): Promise<Buffer> {
    const file = this.pathOf(key);
    const handle = await this.openFiles.get(file, this.versions.get(file) ?? '').catch((error: NodeJS.ErrnoException) => {
      throw storageError(error, key);
    });
    const buffer = Buffer.allocUnsafe(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  }

  async write(name: string, data: Buffer): Promise<string> {
    const file = this.pathOf(name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, data);
    return `local://${name}`;
  }

  close(): Promise<void> {
    return this.openFiles.closeAll();
  }

  /** Absolute path of `key`, refusing anything (`..`, absolute paths) that would leave the root. */
  private pathOf(key: string): string {
    const file = path.resolve(this.root, key);
    if (file !== this.root && !file.startsWith(this.root + path.sep)) {
      throw new BadParameterError(`File reference '${key}' points outside the storage root`);
    }
    return file;
  }
}

function storageError(error: NodeJS.ErrnoException, key: string): Error {
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return new NotFoundError(`File '${key}' not found in local storage`);
  return new StorageUnavailableError(`Local storage cannot read '${key}': ${error.code ?? error.message}`);
}
