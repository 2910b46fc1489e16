import { randomUUID } from 'node:crypto';
import { unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KoffiFunction } from 'koffi';
import { StoredBlockLayout, layoutTemplate } from './libtiff-template';
import { HandlePool, callOffThread, inNativeCallSlot, loadNativeLibrary } from './native-calls';

/** Where the system's libtiff is looked for (Debian/Ubuntu: libtiff6, which GDAL depends on; Homebrew: libtiff). */
const LIBRARY_NAMES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['libtiff.so.6', 'libtiff.so.5', 'libtiff.so'],
  darwin: ['libtiff.6.dylib', '/opt/homebrew/lib/libtiff.6.dylib', '/usr/local/lib/libtiff.6.dylib'],
  win32: ['tiff.dll', 'libtiff.dll'],
};

/** Layouts with handles kept (a file has one or two: its tiles, and a short last strip); the oldest go first. */
const MAX_LAYOUTS = 16;

/**
 * Handles per layout, and so blocks of one layout decoding at once: twice libuv's four threads, which run
 * them, so that a thread finishing one finds the next queued (32 gave the same DEFLATE tiles a second).
 */
const MAX_HANDLES = 8;

interface Api {
  open: KoffiFunction;
  close: KoffiFunction;
  readFromUserBuffer: KoffiFunction;
}

/** libtiff would not open a template: a compression it was built without, or a layout it refuses. */
class RefusedLayoutError extends Error {}

/**
 * Block decoding with the system's libtiff, GDAL's own TIFF library, called through koffi on libuv's threads:
 * decompression and the predictor (and byte order) in native code, with libdeflate for DEFLATE where libtiff
 * was built with it (as Debian's is). libtiff reads no file here: each handle opens a one-strip template of
 * a block layout (see libtiff-template.ts) and decodes blocks handed to it with TIFFReadFromUserBuffer
 * (libtiff 4.1 and later), the call GDAL makes for the same job. A handle serves one block at a time.
 */
export class LibTiff {
  private readonly pools = new Map<string, HandlePool<unknown>>();
  private readonly refused = new Set<string>();

  private constructor(private readonly api: Api) {}

  /** The system's libtiff (4.1 or later), or null when it or koffi is missing. */
  static load(): LibTiff | null {
    return loadNativeLibrary(LIBRARY_NAMES, (library) => {
      const api = {
        open: library.func('void *TIFFOpen(const char *name, const char *mode)'),
        close: library.func('void TIFFClose(void *tif)'),
        readFromUserBuffer: library.func(
          'int TIFFReadFromUserBuffer(void *tif, uint32_t strile, const uint8_t *inbuf, intptr_t insize, uint8_t *outbuf, intptr_t outsize)',
        ),
      };
      // libtiff prints errors and warnings to stderr by default. This process's copy of libtiff serves only
      // this class, whose callers learn of a failure from the return value, so it says nothing.
      library.func('void *TIFFSetErrorHandler(void *handler)')(null);
      library.func('void *TIFFSetWarningHandler(void *handler)')(null);
      return new LibTiff(api);
    });
  }

  /**
   * Decodes the stored block into `output` (exactly the size it decodes to), in the machine's byte order
   * with the predictor undone. False when libtiff cannot: a corrupt or truncated block, a stream that
   * decodes to less, or a layout it refuses; the caller then decodes the block another way, whose errors
   * say what is wrong.
   */
  async decode(stored: Uint8Array, layout: StoredBlockLayout, output: Uint8Array): Promise<boolean> {
    const key = layoutKey(layout);
    if (this.refused.has(key)) return false;
    const pool = this.poolFor(key, layout);
    try {
      const done = await pool.use((handle) =>
        inNativeCallSlot(() => callOffThread<number>(this.api.readFromUserBuffer, handle, 0, stored, stored.length, output, output.length)),
      );
      return done === 1;
    } catch (error) {
      if (!(error instanceof RefusedLayoutError)) throw error;
      this.refused.add(key);
      this.pools.delete(key);
      pool.close();
      return false;
    }
  }

  private poolFor(key: string, layout: StoredBlockLayout): HandlePool<unknown> {
    let pool = this.pools.get(key);
    if (pool) {
      // Most recently used last, so that the first is the one to close.
      this.pools.delete(key);
    } else {
      pool = new HandlePool(() => this.openTemplate(layout), (handle) => this.api.close(handle), MAX_HANDLES);
      if (this.pools.size >= MAX_LAYOUTS) {
        const [oldestKey, oldest] = this.pools.entries().next().value!;
        this.pools.delete(oldestKey);
        oldest.close();
      }
    }
    this.pools.set(key, pool);
    return pool;
  }

  /**
   * A handle on the layout's template, which libtiff reads whole as it opens it: the file goes at once. Any
   * failure (libtiff's, or a temporary directory that cannot be written) refuses the layout.
   */
  private openTemplate(layout: StoredBlockLayout): unknown {
    const file = path.join(tmpdir(), `nest-large-image-${randomUUID()}.tif`);
    let handle: unknown;
    try {
      writeFileSync(file, layoutTemplate(layout));
      // r: read; m: no memory mapping, so nothing refers to the file once it is open.
      handle = this.api.open(file, 'rm');
      unlinkSync(file);
    } catch (error) {
      throw new RefusedLayoutError(`libtiff could not open a template of ${layoutKey(layout)}: ${(error as Error).message}`);
    }
    if (!handle) throw new RefusedLayoutError(`libtiff refuses blocks of ${layoutKey(layout)}`);
    return handle;
  }
}

function layoutKey(layout: StoredBlockLayout): string {
  const { compression, predictor, width, rows, samples, bitsPerSample, floatingPoint, littleEndian } = layout;
  return `${compression}/${predictor}/${width}x${rows}x${samples}/${bitsPerSample}${floatingPoint ? 'f' : ''}/${littleEndian ? 'II' : 'MM'}`;
}
