import type { KoffiFunction } from 'koffi';
import { HandlePool, callOffThread, inNativeCallSlot, loadNativeLibrary, unzeroedBuffer } from './native-calls';

/** Where the system's TurboJPEG library is looked for (Debian/Ubuntu: libturbojpeg0; Homebrew: jpeg-turbo). */
const LIBRARY_NAMES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['libturbojpeg.so.0', 'libturbojpeg.so'],
  darwin: ['libturbojpeg.0.dylib', '/opt/homebrew/lib/libturbojpeg.0.dylib', '/usr/local/lib/libturbojpeg.0.dylib'],
  win32: ['turbojpeg.dll'],
};

/** turbojpeg.h: pixel formats, colour spaces, and the error code of a decode that completed with a warning. */
const TJPF_RGB = 0;
const TJPF_GRAY = 6;
const TJCS_RGB = 0;
const TJCS_YCbCr = 1;
const TJCS_GRAY = 2;
const TJERR_WARNING = 0;

/**
 * Decompressors, and so blocks decoding at once, as many as native calls may be in flight: with 16, warm
 * JPEG tiles took 3% more CPU (7.65 against 7.40 ms, four alternating pairs), though libuv runs four.
 */
const MAX_HANDLES = 64;

export class TurboJpegError extends Error {}

/** What `decode` is asked for: the pixel size it must not exceed, and 1 (grey) or 3 (RGB) components. */
export interface JpegShape {
  maxWidth: number;
  maxHeight: number;
  components: 1 | 3;
}

interface Api {
  init: KoffiFunction;
  destroy: KoffiFunction;
  header: KoffiFunction;
  decompress: KoffiFunction;
  errorCode: KoffiFunction;
  errorText: KoffiFunction;
}

/**
 * JPEG decoding with the system's libjpeg-turbo, called through koffi on koffi's worker threads. It is the
 * decoder GDAL reads JPEG with on the same systems, and it takes about a seventh of the CPU that libvips
 * takes for a 256 x 256 block (0.17 against 1.1-1.5 ms): libvips' pipeline around the decoder costs more
 * than the decoding. It decodes only what it decodes exactly as libvips does (8-bit grey, RGB or YCbCr
 * streams into grey or RGB); `decode` answers null for the rest, which the caller leaves to libvips.
 */
export class TurboJpeg {
  private readonly handles: HandlePool<unknown>;

  private constructor(private readonly api: Api) {
    this.handles = new HandlePool(
      () => {
        const handle = api.init();
        if (!handle) throw new TurboJpegError('libjpeg-turbo could not create a decompressor');
        return handle;
      },
      (handle) => api.destroy(handle),
      MAX_HANDLES,
    );
  }

  /** The system's TurboJPEG, or null when it or koffi is missing (JPEG then goes through libvips). */
  static load(): TurboJpeg | null {
    // tjGetErrorCode came with 2.0: older libraries fail to bind and are passed over.
    return loadNativeLibrary(
      LIBRARY_NAMES,
      (library) =>
        new TurboJpeg({
          init: library.func('void *tjInitDecompress()'),
          destroy: library.func('int tjDestroy(void *handle)'),
          header: library.func(
            'int tjDecompressHeader3(void *handle, const uint8_t *jpegBuf, unsigned long jpegSize, _Out_ int *width, _Out_ int *height, _Out_ int *jpegSubsamp, _Out_ int *jpegColorspace)',
          ),
          decompress: library.func(
            'int tjDecompress2(void *handle, const uint8_t *jpegBuf, unsigned long jpegSize, uint8_t *dstBuf, int width, int pitch, int height, int pixelFormat, int flags)',
          ),
          errorCode: library.func('int tjGetErrorCode(void *handle)'),
          errorText: library.func('const char *tjGetErrorStr2(void *handle)'),
        }),
    );
  }

  /**
   * The pixels of `jpeg`, pixel-interleaved, in a buffer from `allocate` (which may be longer), or null when
   * the stream is not one this decoder takes: a header it cannot read (12-bit samples, or corrupt), another
   * colour space, or a size larger than `shape` allows (a corrupt header must not size our allocation). A
   * stream that fails to decode throws; one that decodes with a warning (a truncated scan, as libvips'
   * failOn: 'none' allows) gives what was decoded.
   */
  decode(jpeg: Uint8Array, shape: JpegShape, allocate: (byteLength: number) => ArrayBuffer = unzeroedBuffer): Promise<Uint8Array | null> {
    return this.handles.use((handle) =>
      inNativeCallSlot(async () => {
        const [width, height, subsampling, colourSpace] = [[0], [0], [0], [0]];
        if (this.api.header(handle, jpeg, jpeg.length, width, height, subsampling, colourSpace) !== 0) return null;
        const accepted = shape.components === 1 ? colourSpace[0] === TJCS_GRAY : colourSpace[0] === TJCS_YCbCr || colourSpace[0] === TJCS_RGB;
        // A stream that ends inside its header reads as a 0 x 0 image.
        if (!accepted || width[0] < 1 || height[0] < 1 || width[0] > shape.maxWidth || height[0] > shape.maxHeight) return null;
        const byteLength = width[0] * height[0] * shape.components;
        const pixels = new Uint8Array(allocate(byteLength), 0, byteLength);
        const format = shape.components === 1 ? TJPF_GRAY : TJPF_RGB;
        const result = await callOffThread<number>(this.api.decompress, handle, jpeg, jpeg.length, pixels, width[0], 0, height[0], format, 0);
        if (result !== 0 && this.api.errorCode(handle) !== TJERR_WARNING) throw new TurboJpegError(this.api.errorText(handle) as string);
        return pixels;
      }),
    );
  }
}
