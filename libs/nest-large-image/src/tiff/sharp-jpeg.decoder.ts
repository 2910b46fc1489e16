import sharp from 'sharp';
import { BaseDecoder } from 'geotiff';
import { ownArrayBuffer } from './own-array-buffer';

interface JpegDecoderParameters {
  JPEGTables?: Uint8Array;
  samplesPerPixel: number;
  planarConfiguration: number;
}

/**
 * Decodes JPEG-in-TIFF tiles with libvips (libjpeg-turbo) instead of geotiff.js's pure-JS decoder:
 * it runs off the event loop, is much faster, and converts YCbCr exactly as GDAL's libjpeg does.
 * TIFF stores the quantisation/Huffman tables once (JPEGTables); each tile is an abbreviated stream
 * that we splice behind those tables to get a complete JPEG.
 */
export class SharpJpegDecoder extends BaseDecoder {
  override async decodeBlock(buffer: ArrayBuffer): Promise<ArrayBuffer> {
    const tile = new Uint8Array(buffer);
    const { JPEGTables: tables, samplesPerPixel, planarConfiguration } = this.parameters as unknown as JpegDecoderParameters;
    const jpeg = tables?.length ? spliceTables(Uint8Array.from(tables), tile) : tile;
    // libvips turns a one-component JPEG (a grey image, or one plane of a band-separate file) into sRGB.
    const components = planarConfiguration === 2 ? 1 : samplesPerPixel;
    const decoder = sharp(jpeg, { failOn: 'none' });
    const { data } = await (components === 1 ? decoder.extractChannel(0) : decoder).raw().toBuffer({ resolveWithObject: true });
    return ownArrayBuffer(data);
  }
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
