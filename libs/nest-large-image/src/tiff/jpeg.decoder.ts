import sharp from 'sharp';
import { BaseDecoder } from 'geotiff';
import { OptionalNativeLibrary } from './native-calls';
import { ownArrayBuffer } from './own-array-buffer';
import type { AllocateBlock } from './read-block';
import { TurboJpeg } from './turbo-jpeg';

interface JpegDecoderParameters {
  JPEGTables?: Uint8Array;
  samplesPerPixel: number;
  planarConfiguration: number;
  tileWidth: number;
  tileHeight: number;
}

/** The system's libjpeg-turbo, when it is installed and not switched off. */
const systemTurboJpeg = new OptionalNativeLibrary(TurboJpeg.load);

/** Whether JPEG blocks may be decoded with the system's libjpeg-turbo (the default), or always with libvips. */
export function useTurboJpeg(enabled: boolean): void {
  systemTurboJpeg.enable(enabled);
}

/** Whether the system's libjpeg-turbo decodes JPEG blocks in this process. */
export function turboJpegInUse(): boolean {
  return systemTurboJpeg.get() !== null;
}

/**
 * Decodes JPEG-in-TIFF tiles off the event loop, with the system's libjpeg-turbo when it is installed
 * (GDAL's own decoder, at a seventh of libvips' CPU per block) and with libvips (sharp) otherwise or for
 * streams it does not take. Both decode as GDAL's libjpeg does, YCbCr to RGB included.
 * TIFF stores the quantisation/Huffman tables once (JPEGTables); each tile is an abbreviated stream
 * that we splice behind those tables to get a complete JPEG.
 */
export class JpegDecoder extends BaseDecoder {
  override async decodeBlock(buffer: ArrayBuffer): Promise<ArrayBuffer> {
    return ownArrayBuffer(await this.decodeInto(buffer));
  }

  /**
   * The block's samples, in a buffer from `allocate` when libjpeg-turbo decodes it (the decoded-block cache
   * lends a spare one, which spares allocating and copying every block it keeps), else in libvips' own.
   */
  async decodeInto(buffer: ArrayBuffer, allocate?: AllocateBlock): Promise<Uint8Array> {
    const { JPEGTables: tables, samplesPerPixel, planarConfiguration, tileWidth, tileHeight } = this.parameters as unknown as JpegDecoderParameters;
    const tile = new Uint8Array(buffer);
    const jpeg = tables?.length ? spliceTables(Uint8Array.from(tables), tile) : tile;
    const components = planarConfiguration === 2 ? 1 : samplesPerPixel;
    const shape = { maxWidth: tileWidth, maxHeight: tileHeight };
    const pixels = components === 1 || components === 3 ? await systemTurboJpeg.get()?.decode(jpeg, { ...shape, components }, allocate) : null;
    return pixels ?? new Uint8Array(await decodeWithLibvips(jpeg, components));
  }
}

/** A complete JPEG stream decoded by libvips, pixel-interleaved. */
export async function decodeWithLibvips(jpeg: Uint8Array, components: number): Promise<ArrayBuffer> {
  // libvips turns a one-component JPEG (a grey image, or one plane of a band-separate file) into sRGB.
  const decoder = sharp(jpeg, { failOn: 'none' });
  const { data } = await (components === 1 ? decoder.extractChannel(0) : decoder).raw().toBuffer({ resolveWithObject: true });
  return ownArrayBuffer(data);
}

/** tables = SOI, DQT/DHT..., EOI; tile = SOI, SOF, SOS... EOI. Result: SOI, tables, SOF, SOS..., EOI. */
export function spliceTables(tables: Uint8Array, tile: Uint8Array): Uint8Array {
  const head = tables.subarray(0, tables.length - 2);
  const body = tile.subarray(2);
  const jpeg = new Uint8Array(head.length + body.length);
  jpeg.set(head, 0);
  jpeg.set(body, head.length);
  return jpeg;
}
