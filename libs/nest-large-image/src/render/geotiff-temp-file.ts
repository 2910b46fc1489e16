import { randomUUID } from 'crypto';
import { createReadStream, promises as fs, ReadStream } from 'fs';
import type { FileHandle } from 'fs/promises';
import { join } from 'path';

/** A finished GeoTIFF, ready to stream; the file behind it is deleted when the stream closes. */
export interface GeoTiffFile {
  /** Must be consumed or destroyed: closing it (end, error or destroy) is what deletes the file. */
  stream: ReadStream;
  /** Bytes in the file, for Content-Length. */
  size: number;
}

export interface TempFile {
  path: string;
  handle: FileHandle;
}

/**
 * A new file only this process can read (mode 0600), under a random name created exclusively, so an
 * existing file or symlink of the same name is never written through.
 */
export async function createTempFile(directory: string): Promise<TempFile> {
  const path = join(directory, `geotiff-${randomUUID()}.tif`);
  const handle = await fs.open(path, 'wx', 0o600);
  return { path, handle };
}

/** Writes all of `data` at `position` (a single write may be short, e.g. near a full disk). */
export async function writeFully(handle: FileHandle, data: Uint8Array, position: number): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await handle.write(data, written, data.length - written, position + written);
    if (bytesWritten === 0) throw new Error(`Writing the temporary GeoTIFF made no progress at byte ${position + written}`);
    written += bytesWritten;
  }
}

/** Streams the file and deletes it once the stream closes, whether it ended, failed or was destroyed early. */
export function streamAndDelete(path: string, size: number): GeoTiffFile {
  const stream = createReadStream(path);
  stream.once('close', () => void removeTempFile(path));
  return { stream, size };
}

/** Deletes the file if it is still there. A failure cannot be the caller's to handle: it becomes a process warning. */
export async function removeTempFile(path: string): Promise<void> {
  try {
    await fs.rm(path, { force: true });
  } catch (error) {
    process.emitWarning(`Could not delete the temporary GeoTIFF ${path}: ${(error as Error).message}`);
  }
}
