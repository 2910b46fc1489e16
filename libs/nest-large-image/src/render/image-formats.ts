import sharp from 'sharp';
import { BadParameterError } from '../errors/large-image.errors';

/** Output encodings of tiles, thumbnails and regions: URL extension → MIME type. */
export const IMAGE_FORMATS: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};

/** True for the TIFF extensions, which regions answer with a GeoTIFF of the data. */
export function isTiffFormat(format: string): boolean {
  return IMAGE_FORMATS[format.toLowerCase()] === 'image/tiff';
}

export function mimeTypeOf(format: string): string {
  const mime = IMAGE_FORMATS[format.toLowerCase()];
  if (!mime) {
    throw new BadParameterError(`Format '${format}' is not supported; use one of: ${Object.keys(IMAGE_FORMATS).join(', ')}`);
  }
  return mime;
}

/** Encodes RGBA pixels with libvips (off the event loop). JPEG has no alpha: transparent areas become black. */
export async function encodeRgba(rgba: Buffer, width: number, height: number, format: string): Promise<Buffer> {
  mimeTypeOf(format);
  const image = sharp(rgba, { raw: { width, height, channels: 4 } });
  switch (format.toLowerCase()) {
    case 'png':
      return image.png({ compressionLevel: 6 }).toBuffer();
    case 'webp':
      return image.webp({ quality: 85 }).toBuffer();
    case 'tif':
    case 'tiff':
      return image.tiff({ compression: 'deflate', predictor: 'horizontal' }).toBuffer();
    default:
      return image.flatten({ background: '#000000' }).jpeg({ quality: 90 }).toBuffer();
  }
}
