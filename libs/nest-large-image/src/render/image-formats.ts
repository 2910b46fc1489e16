import sharp from 'sharp';
import { BadParameterError } from '../errors/large-image.errors';

/** Output encodings for tiles: URL extension → MIME type. */
export const IMAGE_FORMATS: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  webp: 'image/webp',
};

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
    default:
      return image.flatten({ background: '#000000' }).jpeg({ quality: 90 }).toBuffer();
  }
}
