import sharp from 'sharp';
import { TooLargeError } from '../errors/large-image.errors';
import { WEB_MERCATOR } from '../geo/crs';
import { EncodingOptions, assertEncodable, encodeRgba, mimeTypeOf } from '../render/image-formats';
import { chooseLevel } from '../tiff/choose-level';
import type { RasterSource } from '../tiff/raster-source';
import type { EncodedImage } from './encoded-image';
import { frameLevels } from './frame';
import { fitWithin } from './output-size';
import { Pyramid, imageBoundsIn } from './pyramid';
import type { GridRenderer } from './render-grid';
import { renderInBands } from './render-in-bands';

export interface ThumbnailRequest {
  maxWidth: number;
  maxHeight: number;
  format: string;
  frame?: number;
}

/**
 * large_image's getThumbnail: the whole image within maxWidth x maxHeight, aspect kept and exact on the
 * limiting side. In pixel space the smallest overview at least as large as the output is read and
 * resampled with libvips (Lanczos when shrinking, as large_image does with PIL); in EPSG:3857 the image's
 * web-mercator footprint is warped at the output resolution, like a tile.
 */
export async function renderThumbnail(
  raster: RasterSource,
  pyramid: Pyramid,
  request: ThumbnailRequest,
  render: GridRenderer,
  encoding: EncodingOptions,
  maxImagePixels: number,
): Promise<EncodedImage> {
  const mimeType = mimeTypeOf(request.format);
  const rgba =
    pyramid.kind === 'mercator'
      ? await mercatorThumbnail(raster, request, render, maxImagePixels)
      : await pixelThumbnail(raster, request, render, maxImagePixels);
  return { body: await encodeRgba(rgba.data, rgba.width, rgba.height, request.format, encoding), mimeType };
}

interface Rgba {
  data: Buffer;
  width: number;
  height: number;
}

function assertWithinLimit(width: number, height: number, maxImagePixels: number, format: string): void {
  assertEncodable(format, width, height);
  if (width * height > maxImagePixels) {
    throw new TooLargeError(
      `The thumbnail would be ${width} x ${height} = ${width * height} pixels, over the limit of ${maxImagePixels} pixels; ask for a smaller width/height`,
    );
  }
}

async function pixelThumbnail(raster: RasterSource, request: ThumbnailRequest, render: GridRenderer, maxImagePixels: number): Promise<Rgba> {
  const [width, height] = fitWithin(request.maxWidth, request.maxHeight, raster.width, raster.height);
  assertWithinLimit(width, height, maxImagePixels, request.format);
  const levels = frameLevels(raster, request.frame);
  const level = levels[chooseLevel(levels, Math.min(raster.width / width, raster.height / height))];
  // Without overviews the chosen level can be the whole image: sample it down to the pixel limit first.
  const shrink = Math.max(1, Math.sqrt((level.width * level.height) / maxImagePixels));
  const readWidth = Math.max(width, Math.floor(level.width / shrink));
  const readHeight = Math.max(height, Math.floor(level.height / shrink));
  const grid = {
    kind: 'pixel' as const,
    left: 0,
    top: 0,
    scaleX: raster.width / readWidth,
    scaleY: raster.height / readHeight,
    width: readWidth,
    height: readHeight,
  };
  const styled = await renderInBands(grid, render);
  if (readWidth === width && readHeight === height) return { data: styled, width, height };
  const kernel = width < readWidth ? sharp.kernel.lanczos3 : sharp.kernel.cubic;
  const data = await sharp(styled, { raw: { width: readWidth, height: readHeight, channels: 4 } })
    .resize(width, height, { fit: 'fill', kernel })
    .raw()
    .toBuffer();
  return { data, width, height };
}

async function mercatorThumbnail(raster: RasterSource, request: ThumbnailRequest, render: GridRenderer, maxImagePixels: number): Promise<Rgba> {
  const bounds = imageBoundsIn(raster, WEB_MERCATOR);
  const spanX = bounds.xmax - bounds.xmin;
  const spanY = bounds.ymax - bounds.ymin;
  const [width, height] = fitWithin(request.maxWidth, request.maxHeight, spanX, spanY);
  assertWithinLimit(width, height, maxImagePixels, request.format);
  const grid = {
    kind: 'projected' as const,
    crs: WEB_MERCATOR,
    xmin: bounds.xmin,
    ymax: bounds.ymax,
    resX: spanX / width,
    resY: spanY / height,
    width,
    height,
  };
  return { data: await renderInBands(grid, render), width, height };
}
