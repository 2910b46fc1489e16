import { addDecoder, getDecoder } from 'geotiff';
import type { GeoTIFFImage } from 'geotiff';
import { UnreadableImageError } from '../errors/large-image.errors';
import { JpegDecoder } from './jpeg.decoder';
import { LibTiffOnlyDecoder } from './libtiff-only.decoder';
import { libTiffInUse } from './libtiff-blocks';
import { SharpWebpDecoder } from './sharp-webp.decoder';
import { LercDecoder, LzwDecoder, PackbitsDecoder } from './thread-codec.decoder';
import { ZlibDeflateDecoder } from './zlib-deflate.decoder';
import { ZstdDecoder } from './zstd.decoder';

const LZW = 5;
const JPEG = 7;
const DEFLATE = [8, 32946];
const PACKBITS = 32773;
const LERC = 34887;
const LZMA = 34925;
const ZSTD = 50000;
const WEBP = 50001;

let registered = false;

/**
 * Replaces geotiff.js's decoders where native code does better off the event loop: JPEG and WebP with
 * libvips, DEFLATE with zlib; LZW, PackBits and LERC with decoders on a codec thread (geotiff.js's LZW
 * walks a chain per code and its PackBits pushes every byte onto an array); and ZSTD with one that fails
 * on a corrupt block instead of returning garbage. These are what decodes a block when the system's libtiff
 * does not (see read-block.ts); LZMA, which geotiff.js lacks, only libtiff decodes. Idempotent.
 */
function registerDecoders(): void {
  if (registered) return;
  registered = true;
  addDecoder(JPEG, async () => JpegDecoder as never, undefined, false);
  addDecoder(WEBP, async () => SharpWebpDecoder as never, undefined, false);
  addDecoder(DEFLATE, async () => ZlibDeflateDecoder as never, undefined, false);
  addDecoder(LZW, async () => LzwDecoder as never, undefined, false);
  addDecoder(PACKBITS, async () => PackbitsDecoder as never, undefined, false);
  addDecoder(LERC, async () => LercDecoder as never, undefined, false);
  addDecoder(ZSTD, async () => ZstdDecoder as never, undefined, false);
  addDecoder(LZMA, async () => LibTiffOnlyDecoder as never, undefined, false);
}

export type Decoder = Awaited<ReturnType<typeof getDecoder>>;
const decoders = new WeakMap<GeoTIFFImage, Promise<Decoder>>();

/** The decoder of one IFD, created once because it holds the IFD's tables and parameters. */
export function decoderFor(image: GeoTIFFImage): Promise<Decoder> {
  registerDecoders();
  let decoder = decoders.get(image);
  if (!decoder) {
    decoder = createDecoder(image);
    decoders.set(image, decoder);
  }
  return decoder;
}

async function createDecoder(image: GeoTIFFImage): Promise<Decoder> {
  const ifd = image.fileDirectory;
  const compression = Number(ifd.getValue('Compression') ?? 1);
  const parameters: Record<string, unknown> = {
    tileWidth: image.getTileWidth(),
    tileHeight: image.getTileHeight(),
    planarConfiguration: image.planarConfiguration,
    bitsPerSample: await ifd.loadValue('BitsPerSample'),
    predictor: Number((await ifd.loadValue('Predictor')) ?? 1),
    samplesPerPixel: image.getSamplesPerPixel(),
  };
  if (compression === JPEG) parameters.JPEGTables = await ifd.loadValue('JPEGTables');
  if (compression === LERC) parameters.LercParameters = await ifd.loadValue('LercParameters');
  if (compression === WEBP) parameters.samplesPerPixel = image.getSamplesPerPixel() || 4;
  if (compression === LZMA && !libTiffInUse()) throw unsupported(compression, 'install libtiff (Debian: libtiff6) to read it, or ');
  try {
    return await getDecoder(compression, parameters as never);
  } catch {
    throw unsupported(compression, '');
  }
}

function unsupported(compression: number, remedy: string): UnreadableImageError {
  const name = COMPRESSION_NAMES[compression] ?? 'this compression';
  return new UnreadableImageError(
    `The file's compression, ${name} (${compression}), is not supported; ${remedy}convert it with gdal_translate -co COMPRESS=DEFLATE (or -of COG)`,
  );
}

/** Compressions GDAL reads and geotiff.js does not, named for the error message. */
const COMPRESSION_NAMES: Record<number, string> = {
  2: 'CCITT RLE',
  3: 'CCITT Group 3 fax',
  4: 'CCITT Group 4 fax',
  34712: 'JPEG 2000',
  34925: 'LZMA',
  50002: 'JPEG XL',
};
