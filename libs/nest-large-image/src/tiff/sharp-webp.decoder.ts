import sharp from 'sharp';
import { BaseDecoder } from 'geotiff';
import { ownArrayBuffer } from './own-array-buffer';

interface WebpDecoderParameters {
  samplesPerPixel?: number;
}

/**
 * WebP-in-TIFF (compression 50001, as GDAL writes it) with libvips: geotiff.js's WebP decoder needs a
 * browser canvas and cannot run in Node. The output keeps the IFD's samples per pixel (3, or 4 with alpha).
 */
export class SharpWebpDecoder extends BaseDecoder {
  override async decodeBlock(buffer: ArrayBuffer): Promise<ArrayBuffer> {
    const samples = (this.parameters as unknown as WebpDecoderParameters).samplesPerPixel ?? 3;
    let image = sharp(new Uint8Array(buffer), { failOn: 'none' });
    image = samples === 4 ? image.ensureAlpha() : image.removeAlpha();
    const data = await image.raw().toBuffer();
    return ownArrayBuffer(data);
  }
}
