import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** How long a handle that is no longer current stays open, so reads already under way finish. */
const CLOSE_DELAY_MS = 10_000;

/**
 * Open read handles of local files, reused across reads (opening a file per read cost more than the read),
 * at most `max` at a time. A handle is tied to the file version seen by the last stat: when the file
 * changes, the next read opens it again, so a replaced file is never read through its old handle.
 */
export class OpenFiles {
  private readonly handles = new Map<string, { version: string; handle: Promise<FileHandle> }>();
  /** Handles no longer current, waiting for reads under way before they close. */
  private readonly retired = new Set<Promise<FileHandle>>();

  constructor(private readonly max = 128) {}

  /** A handle on `file` at `version` (the version its last stat reported). */
  get(file: string, version: string): Promise<FileHandle> {
    const current = this.handles.get(file);
    if (current && current.version === version) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.handles.delete(file);
      this.handles.set(file, current);
      return current.handle;
    }
    if (current) this.retire(file, current.handle);
    const handle = fs.open(file, 'r');
    this.handles.set(file, { version, handle });
    handle.catch(() => this.handles.get(file)?.handle === handle && this.handles.delete(file));
    if (this.handles.size > this.max) {
      const [oldest, entry] = this.handles.entries().next().value as [string, { handle: Promise<FileHandle> }];
      this.retire(oldest, entry.handle);
    }
    return handle;
  }

  /** Closes every handle, retired ones too (on shutdown). */
  async closeAll(): Promise<void> {
    const handles = [...this.handles.values()].map((entry) => entry.handle).concat([...this.retired]);
    this.handles.clear();
    this.retired.clear();
    await Promise.all(handles.map(close));
  }

  private retire(file: string, handle: Promise<FileHandle>): void {
    if (this.handles.get(file)?.handle === handle) this.handles.delete(file);
    this.retired.add(handle);
    setTimeout(() => {
      if (this.retired.delete(handle)) void close(handle);
    }, CLOSE_DELAY_MS).unref();
  }
}

function close(handle: Promise<FileHandle>): Promise<void> {
  return handle.then((open) => open.close()).catch(() => undefined);
}
